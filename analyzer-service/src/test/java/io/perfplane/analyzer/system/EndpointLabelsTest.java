package io.perfplane.analyzer.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowStats;
import org.junit.jupiter.api.Test;

class EndpointLabelsTest {

  @Test
  void endpointsBeyondTheCapShareTheOverflowLabel() {
    EndpointLabels labels = new EndpointLabels(2);
    assertThat(labels.label("GET /a")).isEqualTo("GET /a");
    assertThat(labels.label("GET /b")).isEqualTo("GET /b");
    assertThat(labels.label("GET /c")).isEqualTo(EndpointLabels.OVERFLOW);
    assertThat(labels.label("GET /a")).as("admitted labels stay").isEqualTo("GET /a");
    assertThat(labels.label("GET /d")).isEqualTo(EndpointLabels.OVERFLOW);
    assertThat(labels.label("GET /c")).isEqualTo(EndpointLabels.OVERFLOW);
    assertThat(labels.overflowedCount()).isEqualTo(2);
  }

  @Test
  void liveGaugesHaveAtMostCapPlusOneEndpointLabels() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerAnalyzerMetrics metrics = new MicrometerAnalyzerMetrics(registry, 3);
    for (int i = 0; i < 100; i++) {
      LatencySlice slice = LatencySlice.empty();
      slice.record(1000L * (i + 1), i % 2 == 0, 0, 1);
      metrics.windowObserved("run", "GET /e" + i, WindowStats.of(slice, 10));
    }
    assertThat(registry.find("perfplane.analyzer.window.rps").gauges()).hasSize(4);
    assertThat(registry.find("perfplane.analyzer.window.latency.ms").tag("stat", "p99.9").gauges()).hasSize(4);
    assertThat(registry.get("perfplane.analyzer.window.latency.ms").tag("endpoint", "GET /e1").tag("stat", "max")
        .gauge().value()).isEqualTo(2.0, org.assertj.core.api.Assertions.within(0.01));
    assertThat(registry.get("perfplane.analyzer.window.rps").tag("endpoint", EndpointLabels.OVERFLOW).gauge()
        .value()).isEqualTo(0.1);
    assertThat(registry.get("perfplane.analyzer.endpoints.overflowed").gauge().value()).isEqualTo(97);
  }
}
