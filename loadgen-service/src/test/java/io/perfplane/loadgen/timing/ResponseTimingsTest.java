package io.perfplane.loadgen.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.loadgen.plan.TimingCapture;
import org.junit.jupiter.api.Test;

class ResponseTimingsTest {

  private static final TimingCapture DB_HEADER = new TimingCapture(true,
      List.of(new TimingCapture.Header("x-db-query-duration", "db", "ms"),
          new TimingCapture.Header("x-cache-us", "cache", "us")));

  private static Measurement us(String name, double micros) {
    return new Measurement(name, micros, MeasurementKind.DURATION_US);
  }

  @Test
  void serverTimingEntriesBecomeMicrosecondMeasurementsWithRepeatedNamesSummed() {
    ResponseTimings reader = new ResponseTimings(TimingCapture.DEFAULT);
    reader.accept("server-timing", "db;dur=12.5;desc=\"primary\", app;dur=30");
    reader.accept("server-timing", "db;dur=0.25, missedCache");

    assertThat(reader.finish()).containsExactly(us("server_timing.db", 12_750), us("server_timing.app", 30_000));
    assertThat(reader.skipped()).isEqualTo(1); // missedCache has no dur
  }

  @Test
  void malformedEntriesAreSkippedAndCountedAndTheOthersKept() {
    ResponseTimings reader = new ResponseTimings(TimingCapture.DEFAULT);
    reader.accept("server-timing", "db;dur=abc, app;dur=-1, ;dur=3, cpu;dur=2");

    assertThat(reader.finish()).containsExactly(us("server_timing.cpu", 2_000));
    assertThat(reader.skipped()).isEqualTo(3);
  }

  @Test
  void configuredHeadersAreConvertedFromTheirUnitAndWinOverAServerTimingOfTheSameName() {
    ResponseTimings reader = new ResponseTimings(DB_HEADER);
    reader.accept("server-timing", "db;dur=99, app;dur=1");
    reader.accept("x-db-query-duration", " 12.5 ");
    reader.accept("x-db-query-duration", "50"); // a repeated header: the first line counts
    reader.accept("x-cache-us", "7");

    assertThat(reader.finish()).containsExactly(us("server_timing.db", 12_500), us("server_timing.cache", 7),
        us("server_timing.app", 1_000));
    assertThat(reader.skipped()).isZero();
  }

  @Test
  void anUnparsableConfiguredHeaderIsSkippedAndCountedAndTheNextResponseStartsClean() {
    ResponseTimings reader = new ResponseTimings(DB_HEADER);
    reader.accept("x-db-query-duration", "12ms");
    reader.accept("server-timing", "db;dur=4");

    assertThat(reader.finish()).containsExactly(us("server_timing.db", 4_000));
    assertThat(reader.skipped()).isEqualTo(1);

    assertThat(reader.finish()).isSameAs(Collections.emptyList());
    assertThat(reader.skipped()).isZero();
  }

  @Test
  void withoutServerTimingCaptureTheHeaderIsIgnored() {
    ResponseTimings reader = new ResponseTimings(new TimingCapture(false,
        List.of(new TimingCapture.Header("x-db-query-duration", "db", "s"))));
    reader.accept("server-timing", "app;dur=1");
    reader.accept("x-db-query-duration", "0.002");

    assertThat(reader.finish()).containsExactly(us("server_timing.db", 2_000));
    assertThat(ResponseTimings.headersOf(TimingCapture.DEFAULT)).containsExactly("server-timing");
    assertThat(ResponseTimings.headersOf(DB_HEADER)).containsExactly("server-timing", "x-db-query-duration",
        "x-cache-us");
    assertThat(ResponseTimings.headersOf(TimingCapture.NONE)).isEmpty();
  }
}
