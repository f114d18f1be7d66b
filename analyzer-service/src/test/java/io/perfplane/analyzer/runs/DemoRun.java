package io.perfplane.analyzer.runs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.stream.AnalysisSettings;
import io.perfplane.analyzer.stream.TestRuns;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEventType;

/**
 * A realistic run through the real topology (TopologyTestDriver): three endpoints, a ramp from 20 to 60 requests/s,
 * {@code POST /api/orders} degrading from 60 s to 100 s (its p95 SLO breaches, then resolves) and a burst of errors
 * on {@code GET /api/items} at 130-140 s. Sample time tracks the driver's wall clock, advanced one second per second
 * of samples, so live evaluation opens and resolves breaches as it would in production.
 */
final class DemoRun implements AutoCloseable {

  static final String RUN_ID = "demo-run";
  static final int SECONDS = 180;
  /** The driver's wall clock starts 2 h after TestRuns.T0_US: samples start there so both clocks agree. */
  static final long OFFSET_US = Duration.ofHours(2).toNanos() / 1000;

  static final AnalysisSettings SETTINGS = TestRuns.settings(
      new Slo("orders-p95", "POST /api/orders", Indicator.LATENCY_P95, 250, Duration.ofSeconds(10), 5),
      new Slo("overall-errors", Slo.ALL_ENDPOINTS, Indicator.ERROR_RATE, 0.05, Duration.ofSeconds(10), 20),
      new Slo("overall-p99", Slo.ALL_ENDPOINTS, Indicator.LATENCY_P99, 1500, Duration.ofSeconds(30), 20));

  final TestRuns runs;
  final DriverRunStores stores;
  final ReportModels models;

  DemoRun(Path stateDir) {
    runs = new TestRuns(SETTINGS, stateDir);
    stores = new DriverRunStores(runs.driver);
    models = new ReportModels(stores, new RunReports(stores, SETTINGS),
        Clock.fixed(Instant.parse("2027-01-15T10:05:00Z"), ZoneOffset.UTC));
  }

  /** Pipes the whole run and finishes it; returns the number of samples. */
  int play() {
    Random random = new Random(42);
    runs.pipeEvent(RUN_ID, RunEventType.STARTED, Map.of("targetService", "api-service"), null);
    int published = 0;
    for (int second = 0; second < SECONDS; second++) {
      int rps = second < 60 ? 20 + second * 40 / 60 : 60;
      for (int i = 0; i < rps; i++) {
        long offsetUs = OFFSET_US + second * 1_000_000L + i * (1_000_000L / rps) / 2;
        String endpoint = i % 3 == 0 ? "POST /api/orders" : i % 3 == 1 ? "GET /api/items" : "GET /api/items/{id}";
        boolean degraded = endpoint.startsWith("POST") && second >= 60 && second < 100;
        double median = endpoint.startsWith("POST") ? (degraded ? 320 : 28) : endpoint.endsWith("}") ? 6 : 11;
        long latencyUs = (long) (median * 1000 * Math.exp(0.45 * random.nextGaussian()));
        boolean error = endpoint.equals("GET /api/items") && second >= 130 && second < 140 && random.nextInt(3) == 0
            || degraded && random.nextInt(25) == 0;
        RequestSample sample = TestRuns.sample(RUN_ID, endpoint, offsetUs, latencyUs, error);
        if (error && degraded) {
          sample = RequestSample.newBuilder(sample).setErrorKind(ErrorKind.TIMEOUT).setStatus(0).build();
        } else if (error && random.nextInt(4) == 0) {
          sample = RequestSample.newBuilder(sample).setStatus(429).build();
        }
        runs.samples.pipeInput(RUN_ID, sample);
        published++;
      }
      runs.tick(Duration.ofSeconds(1));
    }
    runs.finished(RUN_ID, published);
    return published;
  }

  @Override
  public void close() {
    runs.close();
  }
}
