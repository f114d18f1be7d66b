package io.perfplane.analyzer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySliceTest {

  @Test
  void percentilesAreExactWithinHistogramPrecision() {
    LatencySlice slice = LatencySlice.empty();
    for (int ms = 1; ms <= 1000; ms++) {
      slice.record(ms * 1000L, ms % 10 == 0, 0, 1);
    }
    assertThat(slice.requests()).isEqualTo(1000);
    assertThat(slice.errors()).isEqualTo(100);
    assertThat(slice.errorRate()).isEqualTo(0.1);
    assertThat(slice.latencyMsAt(50)).isCloseTo(500.0, within(0.5));
    assertThat(slice.latencyMsAt(95)).isCloseTo(950.0, within(0.95));
    assertThat(slice.latencyMsAt(99)).isCloseTo(990.0, within(0.99));
    assertThat(slice.maxLatencyMs()).isCloseTo(1000.0, within(1.0));
  }

  /** A slice read back from its store keeps its counts compressed and stays recordable: nothing may be lost. */
  @Test
  void aDecodedSliceKeepsEveryCountAndStaysRecordable() {
    LatencySlice slice = LatencySlice.accumulator();
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      slice.record((long) Math.exp(9.5 + random.nextGaussian()), i % 50 == 0, i, i + 10);
    }
    slice.recordLate(30_000_000, true, 0, 1);
    LatencySlice decoded = LatencySlice.decode(slice.encode());

    assertThat(decoded.encode()).isEqualTo(slice.encode());
    for (double p : new double[] {50, 90, 99, 99.9, 100}) {
      assertThat(decoded.latencyMsAt(p)).as("p%s", p).isEqualTo(slice.latencyMsAt(p));
    }
    assertThat(decoded.requests()).isEqualTo(5_001);
    assertThat(decoded.late()).isEqualTo(1);
    LatencySlice again = LatencySlice.decode(slice.encode());
    again.record(1_000, false, 0, 1);
    slice.record(1_000, false, 0, 1);
    assertThat(again.requests()).isEqualTo(5_002);
    assertThat(LatencySlice.decode(again.encode()).latencyMsAt(0)).isEqualTo(slice.latencyMsAt(0));
    assertThat(again.encode()).isEqualTo(slice.encode());
  }

  /**
   * A run total counts every request but takes latencies from settled seconds: the whole run (total plus pending
   * seconds) equals recording everything in one slice at every point, and after settling the total alone does.
   */
  @Test
  void aRunTotalPlusItsPendingSecondsIsTheWholeRun() {
    LatencySlice total = LatencySlice.emptyTotal();
    LatencySlice everything = LatencySlice.accumulator();
    List<LatencySlice> seconds = new ArrayList<>();
    Random random = new Random(5);
    long t0 = 1_800_000_000L * 1_000_000L;
    for (int second = 0; second < 6; second++) {
      LatencySlice slice = LatencySlice.empty();
      for (int i = 0; i < 2_000; i++) {
        long latencyUs = (long) Math.exp(9 + random.nextGaussian());
        long startUs = t0 + second * 1_000_000L + i * 100L;
        slice.record(latencyUs, i % 100 == 0, startUs, startUs + latencyUs);
        total.count(i % 100 == 0, startUs, startUs + latencyUs);
        everything.record(latencyUs, i % 100 == 0, startUs, startUs + latencyUs);
      }
      seconds.add(slice);
    }
    long firstSecond = WindowSpan.secondOf(t0);
    assertThat(total.pendingFromSecond()).isEqualTo(firstSecond);
    assertThat(total.latencyMsAt(99)).as("nothing settled: no latencies yet").isZero();

    total.settle(firstSecond + 2, seconds.subList(0, 3));
    total.recordLate(7_000_000, true, t0, t0 + 7_000_000); // a late sample goes to the total directly
    everything.recordLate(7_000_000, true, t0, t0 + 7_000_000);
    LatencySlice restored = LatencySlice.decode(total.encode());
    assertThat(restored.settledThroughSecond()).isEqualTo(firstSecond + 2);
    assertThat(restored.pendingFromSecond()).isEqualTo(firstSecond + 3);
    LatencySlice whole = restored.withPending(seconds.subList(3, 6));
    for (double p : new double[] {50, 95, 99, 99.9, 100}) {
      assertThat(whole.latencyMsAt(p)).as("p%s", p).isEqualTo(everything.latencyMsAt(p));
    }
    assertThat(whole.requests()).isEqualTo(12_001).isEqualTo(restored.requests());
    assertThat(whole.errors()).isEqualTo(everything.errors());
    assertThat(whole.late()).isEqualTo(1);
    assertThat(whole.meanLatencyMs()).isEqualTo(everything.meanLatencyMs());

    restored.settle(restored.pendingThroughSecond(), seconds.subList(3, 6));
    assertThat(restored.pendingFromSecond()).isGreaterThan(restored.pendingThroughSecond());
    assertThat(restored.latencyMsAt(99.9)).isEqualTo(everything.latencyMsAt(99.9));
    assertThat(restored.maxLatencyMs()).isEqualTo(everything.maxLatencyMs());
  }

  /** A total written before format 3 held every request in its histogram: nothing is pending. */
  @Test
  void aVersion2TotalReadsAsSettledThroughItsNewestSecond() {
    LatencySlice slice = LatencySlice.empty();
    slice.record(5_000, false, 3_000_000, 3_005_000);
    byte[] v3 = slice.encode();
    byte[] v2 = new byte[v3.length - Long.BYTES];
    int v2Header = 1 + 5 * Long.BYTES;
    System.arraycopy(v3, 0, v2, 0, v2Header);
    System.arraycopy(v3, v2Header + Long.BYTES, v2, v2Header, v3.length - v2Header - Long.BYTES);
    v2[0] = 2;

    LatencySlice decoded = LatencySlice.decode(v2);
    assertThat(decoded.settledThroughSecond()).isEqualTo(3);
    assertThat(decoded.pendingFromSecond()).isGreaterThan(decoded.pendingThroughSecond());
    assertThat(decoded.latencyMsAt(100)).isEqualTo(slice.latencyMsAt(100));
  }

  @Test
  void mergingSlicesEqualsRecordingEverythingInOne() {
    LatencySlice first = LatencySlice.empty();
    LatencySlice second = LatencySlice.empty();
    LatencySlice both = LatencySlice.empty();
    for (int i = 0; i < 100; i++) {
      first.record(10_000, false, 1_000 + i, 20_000 + i);
      both.record(10_000, false, 1_000 + i, 20_000 + i);
      second.record(900_000, true, 5_000 + i, 950_000 + i);
      both.record(900_000, true, 5_000 + i, 950_000 + i);
    }
    first.merge(second);
    // Averaging the two p95s would give ~455 ms; merging keeps the real distribution.
    assertThat(first.latencyMsAt(95)).isEqualTo(both.latencyMsAt(95)).isCloseTo(900.0, within(0.9));
    assertThat(first.requests()).isEqualTo(200);
    assertThat(first.errors()).isEqualTo(100);
    assertThat(first.firstStartUs()).isEqualTo(1_000);
    assertThat(first.lastEndUs()).isEqualTo(950_099);
  }

  @Test
  void encodingRoundTripsAndStaysRecordable() {
    LatencySlice slice = LatencySlice.empty();
    slice.record(1_234, true, 10, 20);
    slice.record(56_789, false, 5, 30);
    LatencySlice decoded = LatencySlice.decode(slice.encode());
    assertThat(decoded.requests()).isEqualTo(2);
    assertThat(decoded.errors()).isEqualTo(1);
    assertThat(decoded.firstStartUs()).isEqualTo(5);
    assertThat(decoded.lastEndUs()).isEqualTo(30);
    assertThat(decoded.latencyMsAt(100)).isEqualTo(slice.latencyMsAt(100));
    decoded.record(3_600_000_000L, false, 0, 0); // an hour: far beyond the decoded range, so it must auto-resize
    assertThat(decoded.maxLatencyMs()).isCloseTo(3_600_000.0, within(3_600.0));
  }

  @Test
  void histogramEncodingIsHdrHistogramsCompressedFormat() throws Exception {
    Histogram histogram = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      histogram.recordValue((long) (20_000 * Math.exp(random.nextGaussian())));
    }
    ByteBuffer library = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(library, HistogramCodec.COMPRESSION_LEVEL);

    byte[] ours = HistogramCodec.encode(histogram);
    assertThat(ours).isEqualTo(Arrays.copyOf(library.array(), length));
    assertThat(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(ours), 0)).isEqualTo(histogram);
    assertThat(HistogramCodec.decode(ours, 0)).isEqualTo(histogram);
  }

  @Test
  void aKeptSliceCountsEveryValueRecordedBetweenReadsIncludingMoreThanAShortCountPerBucket() {
    LatencySlice kept = LatencySlice.empty(); // compressed counts plus a short-counts delta
    LatencySlice plain = LatencySlice.accumulator();
    Random random = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      // 70k identical values: one bucket gets more than a short counter holds between two reads.
      long latencyUs = i % 10 < 7 ? 1_000 : 1 + random.nextInt(2_000_000);
      kept.record(latencyUs, false, i, i + latencyUs);
      plain.record(latencyUs, false, i, i + latencyUs);
      if (i == 50_000) {
        assertThat(kept.latencyMsAt(50)).isEqualTo(plain.latencyMsAt(50)); // a read in between folds
      }
    }

    for (double percentile : new double[] {10, 50, 69, 75, 90, 99, 99.9, 100}) {
      assertThat(kept.latencyMsAt(percentile)).as("p%s", percentile).isEqualTo(plain.latencyMsAt(percentile));
    }
    assertThat(kept.maxLatencyMs()).isEqualTo(plain.maxLatencyMs());
    assertThat(LatencySlice.decode(kept.encode()).latencyMsAt(99.9)).isEqualTo(plain.latencyMsAt(99.9));
    LatencySlice merged = LatencySlice.accumulator();
    LatencySlice other = LatencySlice.empty();
    other.record(5_000_000, true, 0, 5_000_000);
    merged.merge(kept);
    merged.merge(other);
    assertThat(merged.requests()).isEqualTo(100_001);
    assertThat(merged.maxLatencyMs()).isEqualTo(LatencySlice.decode(other.encode()).maxLatencyMs());
  }

  /** Adding an encoding straight into a histogram counts exactly what decoding it and adding would. */
  @Test
  void addingAnEncodedHistogramEqualsDecodingAndAddingIt() throws Exception {
    Random random = new Random(8);
    Histogram source = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    source.setAutoResize(true);
    org.HdrHistogram.ShortCountsHistogram shortSource =
        new org.HdrHistogram.ShortCountsHistogram(LatencySlice.SIGNIFICANT_DIGITS);
    shortSource.setAutoResize(true);
    for (int i = 0; i < 20_000; i++) {
      long value = switch (i % 4) {
        case 0 -> random.nextInt(3_000); // the first buckets, unit resolution
        case 1 -> (long) Math.exp(9.5 + random.nextGaussian());
        case 2 -> 1_000_000L + random.nextInt(29_000_000); // timeouts up to 30 s
        default -> 1_234; // one bucket with a large count
      };
      source.recordValue(value);
      shortSource.recordValue(value);
    }
    source.recordValueWithCount(3_600_000_000L, 5_000_000_000L); // an hour, more than an int of counts

    for (org.HdrHistogram.AbstractHistogram encoded : List.of(source, shortSource)) {
      Histogram expected = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
      expected.setAutoResize(true);
      expected.recordValue(77);
      Histogram actual = expected.copy();
      actual.setAutoResize(true);
      expected.add(encoded);
      HistogramCodec.addTo(actual, HistogramCodec.encode(encoded));
      assertThat(actual.getTotalCount()).isEqualTo(expected.getTotalCount());
      assertThat(actual).isEqualTo(expected);
      for (double p : new double[] {0, 10, 50, 90, 99, 99.9, 99.99, 100}) {
        assertThat(actual.getValueAtPercentile(p)).as("p%s", p).isEqualTo(expected.getValueAtPercentile(p));
      }
      assertThat(actual.getMaxValue()).isEqualTo(expected.getMaxValue());
      assertThat(actual.getMinValue()).isEqualTo(expected.getMinValue());
      assertThat(actual.getMean()).isEqualTo(expected.getMean());
    }
  }

  @Test
  void emptySliceReportsZeros() {
    LatencySlice slice = LatencySlice.decode(LatencySlice.empty().encode());
    assertThat(slice.requests()).isZero();
    assertThat(slice.latencyMsAt(99)).isZero();
    assertThat(slice.errorRate()).isZero();
    assertThat(slice.spanMs()).isZero();
  }

  @Test
  void rejectsUnknownFormat() {
    byte[] bytes = LatencySlice.empty().encode();
    bytes[0] = 9;
    assertThatThrownBy(() -> LatencySlice.decode(bytes)).hasMessageContaining("format version 9");
  }

  @Test
  void windowSpanCoversWholeSeconds() {
    WindowSpan span = WindowSpan.ending(100, 10);
    assertThat(span.firstSecond()).isEqualTo(91);
    assertThat(span.seconds()).isEqualTo(10);
    assertThat(span.endUs()).isEqualTo(101_000_000L);
    assertThat(WindowSpan.secondOf(1_999_999)).isEqualTo(1);
    assertThat(WindowSpan.secondOf(2_000_000)).isEqualTo(2);
  }
}
