package io.perfplane.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import org.junit.jupiter.api.Test;

/** Bucketing of per-second slices, with hand-computed figures. */
class TimelineTest {

  private static LatencySlice slice(long... latenciesMs) {
    LatencySlice slice = LatencySlice.empty();
    for (long ms : latenciesMs) {
      slice.record(ms * 1000, ms >= 500, 0, 0); // in these tests, 500 ms and slower are errors
    }
    return slice;
  }

  @Test
  void bucketLengthGrowsWithTheRunSoThereAreAtMost300Buckets() {
    assertThat(Timeline.bucketSecondsFor(1)).isEqualTo(1);
    assertThat(Timeline.bucketSecondsFor(300)).isEqualTo(1);
    assertThat(Timeline.bucketSecondsFor(301)).isEqualTo(2);
    assertThat(Timeline.bucketSecondsFor(3000)).isEqualTo(10);
    assertThat(Timeline.bucketSecondsFor(3001)).isEqualTo(15);
    assertThat(Timeline.bucketSecondsFor(86_400)).isEqualTo(300);
    assertThat(Timeline.bucketSecondsFor(400L * 86_400)).isEqualTo(115_200); // beyond the ladder: span / 300
  }

  @Test
  void secondsWithoutSlicesAreEmptyBuckets() {
    Timeline timeline = new Timeline.Builder(100, 103)
        .add(100, slice(10, 30))
        .add(102, slice(600))
        .build();

    assertThat(timeline.bucketSeconds()).isEqualTo(1);
    assertThat(timeline.buckets()).hasSize(4);
    Timeline.Bucket first = timeline.buckets().get(0);
    assertThat(first.requests()).isEqualTo(2);
    assertThat(first.rps()).isEqualTo(2.0);
    assertThat(first.p50Ms()).isEqualTo(10.0, within(0.01));
    assertThat(first.maxMs()).isEqualTo(30.0, within(0.03));
    assertThat(timeline.buckets().get(1).requests()).isZero();
    assertThat(timeline.buckets().get(2).errorsPerSecond()).isEqualTo(1.0);
    assertThat(timeline.buckets().get(3).requests()).isZero();
    assertThat(timeline.spanSeconds()).isEqualTo(4);
  }

  @Test
  void longRunsMergeSecondsIntoBucketsAndTheLastBucketMayBeShorter() {
    // 301 seconds -> 2 s buckets: 151 buckets, the last one covering second 300 alone
    Timeline.Builder builder = new Timeline.Builder(0, 300);
    for (int second = 0; second <= 300; second++) {
      builder.add(second, second == 0 ? slice(1, 1, 1, 1) : slice(second % 2 == 0 ? 100 : 10));
    }
    Timeline timeline = builder.build();

    assertThat(timeline.bucketSeconds()).isEqualTo(2);
    assertThat(timeline.buckets()).hasSize(151);
    Timeline.Bucket first = timeline.buckets().get(0); // seconds 0 and 1: four 1 ms and one 10 ms request
    assertThat(first.requests()).isEqualTo(5);
    assertThat(first.rps()).isEqualTo(2.5);
    assertThat(first.p50Ms()).isEqualTo(1.0, within(0.01));
    Timeline.Bucket middle = timeline.buckets().get(10); // seconds 20 (100 ms) and 21 (10 ms): merged, not averaged
    assertThat(middle.offsetSeconds()).isEqualTo(20);
    assertThat(middle.p50Ms()).isEqualTo(10.0, within(0.01));
    assertThat(middle.p95Ms()).isEqualTo(100.0, within(0.1));
    Timeline.Bucket last = timeline.buckets().get(150);
    assertThat(last.offsetSeconds()).isEqualTo(300);
    assertThat(last.seconds()).isEqualTo(1);
    assertThat(last.rps()).isEqualTo(1.0);
  }

  @Test
  void errorCausesAreSummedPerBucket() {
    ErrorCounts second0 = ErrorCounts.empty();
    second0.add(ErrorCounts.Cause.HTTP_5XX);
    ErrorCounts second1 = ErrorCounts.empty();
    second1.add(ErrorCounts.Cause.HTTP_5XX);
    second1.add(ErrorCounts.Cause.TIMEOUT);
    Timeline.Builder builder = new Timeline.Builder(0, 300); // 2 s buckets
    builder.addErrors(1, second1).addErrors(0, second0).addErrors(301, second1);
    builder.add(0, slice(600)).add(1, slice(600, 700, 800)); // four errors, three with a tracked cause
    Timeline.Bucket first = builder.build().buckets().get(0);

    assertThat(first.errorsPerSecond(ErrorCounts.Cause.HTTP_5XX)).isEqualTo(1.0);
    assertThat(first.errorsPerSecond(ErrorCounts.Cause.TIMEOUT)).isEqualTo(0.5);
    assertThat(first.unclassifiedErrorsPerSecond()).isEqualTo(0.5);
  }

  @Test
  void slicesOutOfOrderAreRejectedAndOutOfRangeIgnored() {
    Timeline.Builder builder = new Timeline.Builder(10, 20).add(9, slice(1)).add(15, slice(1)).add(21, slice(1));
    assertThatThrownBy(() -> builder.add(12, slice(1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.build().buckets().stream().mapToLong(Timeline.Bucket::requests).sum()).isEqualTo(1);
  }
}
