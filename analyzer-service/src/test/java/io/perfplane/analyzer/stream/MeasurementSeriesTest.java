package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.MeasurementKind;
import org.junit.jupiter.api.Test;

class MeasurementSeriesTest {

  @Test
  void keysRoundTripWithTheirKind() {
    String key = MeasurementSeries.key("server_timing.db", MeasurementKind.DURATION_US, "GET /a|b");
    assertThat(key).isEqualTo("d:server_timing.db|GET /a|b");
    assertThat(MeasurementSeries.parse(key))
        .isEqualTo(new MeasurementSeries("server_timing.db", MeasurementKind.DURATION_US, "GET /a|b"));
    assertThat(MeasurementSeries.parse(MeasurementSeries.key("web_vital.cls", MeasurementKind.SCORE, "*")))
        .isEqualTo(new MeasurementSeries("web_vital.cls", MeasurementKind.SCORE, "*"));
    assertThat(MeasurementSeries.parse("GET /a")).isNull();
    assertThat(MeasurementSeries.parse("x:db|GET /a")).isNull();
  }

  @Test
  void valuesAreMicrosOrScaledScoresAndUnrecordableOnesAreRefused() {
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.DURATION_US, 12_500.4)).isEqualTo(12_500);
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.DURATION_US, 0.3)).isEqualTo(1);
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.SCORE, 0.1)).isEqualTo(1_000);
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.SCORE, 0)).isZero();
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.OTHER, 1)).isEqualTo(-1);
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.DURATION_US, Double.NaN)).isEqualTo(-1);
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.DURATION_US, -1)).isEqualTo(-1);
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.DURATION_US, Double.POSITIVE_INFINITY)).isEqualTo(-1);
    assertThat(MeasurementSeries.histogramValue(MeasurementKind.DURATION_US, 4e9)).isEqualTo(-1);
  }

  @Test
  void percentilesComeBackInMillisecondsOrAsTheScore() {
    LatencySlice scores = LatencySlice.accumulator();
    LatencySlice durations = LatencySlice.accumulator();
    for (int i = 1; i <= 100; i++) {
      scores.record(MeasurementSeries.histogramValue(MeasurementKind.SCORE, i / 100.0), false, 0, 1);
      durations.record(MeasurementSeries.histogramValue(MeasurementKind.DURATION_US, i * 1_000.0), false, 0, 1);
    }
    assertThat(new MeasurementSeries("web_vital.cls", MeasurementKind.SCORE, "*").valueAt(scores, 75))
        .isCloseTo(0.75, within(0.75 * 0.001));
    assertThat(new MeasurementSeries("server_timing.db", MeasurementKind.DURATION_US, "*").valueAt(durations, 95))
        .isCloseTo(95, within(95 * 0.001));
  }
}
