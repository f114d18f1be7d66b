package io.perfplane.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.perfplane.analyzer.report.Measurements.EndpointMeasurements;
import io.perfplane.analyzer.report.Measurements.MeasurementView;
import io.perfplane.analyzer.report.Measurements.Share;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

  private static MeasurementView ms(String name, double p50, double p95) {
    return new MeasurementView(name, "ms", 10, p50, p95, p95);
  }

  @Test
  void sharesAreServerTimingsOverLatencyClampedWithTheRestAsOther() {
    List<Share> shares = Measurements.shares(List.of(ms("server_timing.db", 20, 90), ms("server_timing.app", 10, 60),
        ms("custom.render", 50, 50), new MeasurementView("web_vital.cls", "score", 10, 0.1, 0.2, 0.3)), 40, 100);

    assertThat(shares).containsExactly(new Share("server_timing.db", 0.5, 0.9), new Share("server_timing.app", 0.25,
        0.6), new Share("other", 0.25, 0));
    assertThat(Measurements.shares(List.of(ms("custom.render", 1, 1)), 40, 100)).isEmpty();
    assertThat(Measurements.shares(List.of(ms("server_timing.db", 1, 1)), 0, 0)).isEmpty();
  }

  @Test
  void theLikelyBottleneckIsTheEndpointWithTheLargestDatabaseShareAtP95NeverTheAggregate() {
    EndpointMeasurements all = new EndpointMeasurements("*", List.of(), null,
        List.of(new Share("server_timing.db", 1, 1)));
    EndpointMeasurements a = new EndpointMeasurements("GET /a", List.of(), null,
        List.of(new Share("server_timing.db", 0.9, 0.3), new Share("other", 0.1, 0.7)));
    EndpointMeasurements b = new EndpointMeasurements("GET /b", List.of(), null,
        List.of(new Share("server_timing.db", 0.1, 0.6), new Share("other", 0.9, 0.4)));
    EndpointMeasurements c = new EndpointMeasurements("GET /c", List.of(), null,
        List.of(new Share("server_timing.app", 1, 1)));

    assertThat(Measurements.likelyBottleneck(List.of(all, a, b, c))).isEqualTo("GET /b");
    assertThat(Measurements.likelyBottleneck(List.of(all, c))).isNull();
    assertThat(Measurements.Checks.of(19, 1).passRate()).isEqualTo(0.95);
  }
}
