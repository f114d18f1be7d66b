package io.perfplane.analyzer.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.perfplane.analyzer.report.RunReport;
import io.perfplane.analyzer.stream.AnalysisSettings;
import io.perfplane.analyzer.stream.TestRuns;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.slo.Slo;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrected latency, raw service time and time to first byte aggregated side by side, and SLOs on each: a client
 * that started every request 80 ms late (coordinated omission) against a server answering in 20 ms, first byte at
 * 5 ms.
 */
class LatencyMetricsTest {

  private static final Slo CORRECTED = new Slo("corrected-p95", "*", Indicator.LATENCY_P95, 50,
      Duration.ofSeconds(2), 5).withLifecycle(Duration.ZERO, Duration.ZERO);
  private static final Slo RAW = new Slo("raw-p95", "*", Indicator.LATENCY_P95, 50, Duration.ofSeconds(2), 5, false,
      null, Duration.ZERO, Duration.ZERO, LatencyMetric.SERVICE_TIME);
  private static final Slo FIRST_BYTE = new Slo("ttfb-p95", "GET /a", Indicator.LATENCY_P95, 2,
      Duration.ofSeconds(2), 5).withLifecycle(Duration.ZERO, Duration.ZERO).withMetric(LatencyMetric.TTFB);

  @TempDir
  Path stateDir;

  @Test
  void eachMetricHasItsOwnPercentilesAndSlos() {
    AnalysisSettings settings = TestRuns.settings(CORRECTED, RAW, FIRST_BYTE);
    try (TestRuns runs = new TestRuns(settings, stateDir)) {
      int published = 0;
      for (int second = 0; second < 10; second++) {
        for (int i = 0; i < 20; i++) {
          long offset = second * 1_000_000L + i * 20_000L;
          runs.samples.pipeInput("m", sample("GET /a", offset, 5_000L));
          runs.samples.pipeInput("m", sample("GET /b", offset + 10_000, null));
          published += 2;
        }
      }
      runs.finished("m", published);
      RunReports reports = new RunReports(new DriverRunStores(runs.driver), settings);
      RunReport report = reports.find("m").orElseThrow();

      assertThat(report.p95Ms()).as("corrected: 80 ms wait + 20 ms service").isCloseTo(100.0, within(0.1));
      assertThat(report.serviceTime().p95Ms()).isCloseTo(20.0, within(0.02));
      assertThat(report.serviceTime().requests()).isEqualTo(published);
      assertThat(report.ttfb().p95Ms()).isCloseTo(5.0, within(0.01));
      assertThat(report.ttfb().requests()).as("only /a reported a first byte").isEqualTo(published / 2);
      RunReport.EndpointReport b = report.endpoints().stream().filter(e -> e.endpoint().equals("GET /b"))
          .findFirst().orElseThrow();
      assertThat(b.serviceTime().p99Ms()).isCloseTo(20.0, within(0.02));
      assertThat(b.ttfb()).isNull();

      assertThat(runs.breaches.readValuesToList()).extracting(SloBreach::getSloId, SloBreach::getMetric)
          .containsExactlyInAnyOrder(Tuple.tuple("corrected-p95", "latency"),
              Tuple.tuple("ttfb-p95", "ttfb"));
      Map<String, RunReport.SloView> slos = new HashMap<>();
      report.slos().forEach(v -> slos.put(v.id(), v));
      assertThat(slos.get("raw-p95").held()).as("the server itself met 50 ms").isTrue();
      assertThat(slos.get("raw-p95").metric()).isEqualTo("service_time");
      assertThat(slos.get("raw-p95").observed()).isCloseTo(20.0, within(0.02));
      assertThat(slos.get("corrected-p95").held()).isFalse();
      assertThat(slos.get("ttfb-p95").held()).isFalse();
      assertThat(slos.get("ttfb-p95").observed()).isCloseTo(5.0, within(0.01));
    }
  }

  /** Intended start 80 ms before the actual start; 20 ms of service; first byte at {@code ttfbUs}. */
  private static RequestSample sample(String endpoint, long offsetUs, Long ttfbUs) {
    long intended = TestRuns.T0_US + offsetUs;
    return RequestSample.newBuilder().setRunId("m").setGeneratorId("gen-1").setScenario("default")
        .setEndpoint(endpoint).setMethod("GET").setStatus(200).setErrorKind(ErrorKind.NONE)
        .setIntendedStartUs(intended).setActualStartUs(intended + 80_000).setLatencyUs(100_000)
        .setServiceTimeUs(20_000).setTtfbUs(ttfbUs).build();
  }
}
