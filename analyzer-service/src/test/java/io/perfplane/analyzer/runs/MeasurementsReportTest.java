package io.perfplane.analyzer.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.perfplane.analyzer.report.Measurements;
import io.perfplane.analyzer.report.RunReport;
import io.perfplane.analyzer.stream.AnalysisSettings;
import io.perfplane.analyzer.stream.TestRuns;
import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.slo.SloFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named measurements and check outcomes through the topology (encoded samples, the decoder's named fields, the
 * measurement stores) into the REST read model: percentiles against the exact ones, the pass rate, the latency shares
 * and the likely bottleneck.
 */
class MeasurementsReportTest {

  @TempDir
  Path stateDir;

  private static Measurement ms(String name, double ms) {
    return new Measurement(name, ms * 1_000, MeasurementKind.DURATION_US);
  }

  private static RequestSample sample(String endpoint, long offsetUs, long latencyUs, List<Measurement> measurements,
      List<CheckOutcome> checks) {
    long start = TestRuns.T0_US + offsetUs;
    return RequestSample.newBuilder().setRunId("m").setGeneratorId("gen-1").setScenario("default")
        .setEndpoint(endpoint).setMethod("GET").setStatus(200).setErrorKind(ErrorKind.NONE)
        .setIntendedStartUs(start).setActualStartUs(start).setLatencyUs(latencyUs).setServiceTimeUs(latencyUs)
        .setMeasurements(measurements).setChecks(checks).build();
  }

  @Test
  void measurementsHaveTheirPercentilesCountsSharesAndTheBottleneck() {
    AnalysisSettings settings = TestRuns.settings();
    try (TestRuns runs = new TestRuns(settings, stateDir)) {
      int published = 0;
      for (int i = 1; i <= 1_000; i++) {
        long offset = i * 5_000L;
        // /slow: db i ms of 2000 ms, so db ~ half of the latency; /fast: db 1 ms of 100 ms.
        runs.samples.pipeInput("m", sample("GET /slow", offset, 2_000_000, List.of(ms("server_timing.db", i),
                ms("server_timing.app", 100), new Measurement("web_vital.cls", i / 10_000.0, MeasurementKind.SCORE),
                new Measurement("server_timing.bad", Double.NaN, MeasurementKind.DURATION_US)),
            List.of(new CheckOutcome("status in [200]", 1, 0), new CheckOutcome("body", i % 10 == 0 ? 0 : 1,
                i % 10 == 0 ? 1 : 0))));
        runs.samples.pipeInput("m", sample("GET /fast", offset + 1, 100_000, List.of(ms("server_timing.db", 1)),
            List.of()));
        published += 2;
      }
      // A run emitting ever new names: only the first 32 names are kept.
      for (int n = 0; n < 40; n++) {
        runs.samples.pipeInput("m", sample("GET /names", 6_000_000 + n, 1_000, List.of(ms("server_timing.n" + n, 1)),
            List.of()));
        published++;
      }
      runs.finished("m", published);
      RunReport report = new RunReports(new DriverRunStores(runs.driver), settings).find("m").orElseThrow();

      Measurements measurements = report.measurements();
      Measurements.EndpointMeasurements slow = endpoint(measurements, "GET /slow");
      Measurements.MeasurementView db = view(slow, "server_timing.db");
      assertThat(db.count()).isEqualTo(1_000);
      assertThat(db.unit()).isEqualTo("ms");
      // Exact percentiles of 1..1000 ms (nearest rank): 500, 950, 990; the histogram keeps 3 significant digits.
      assertThat(db.p50()).isCloseTo(500, within(500 * 0.001));
      assertThat(db.p95()).isCloseTo(950, within(950 * 0.001));
      assertThat(db.p99()).isCloseTo(990, within(990 * 0.001));
      Measurements.MeasurementView cls = view(slow, "web_vital.cls");
      assertThat(cls.unit()).isEqualTo("score");
      assertThat(cls.p95()).isCloseTo(0.095, within(0.095 * 0.001));
      assertThat(slow.measurements()).extracting(Measurements.MeasurementView::name)
          .containsExactly("server_timing.app", "server_timing.db", "web_vital.cls"); // NaN skipped
      assertThat(slow.checks()).isEqualTo(Measurements.Checks.of(1_900, 100));
      assertThat(slow.checks().passRate()).isEqualTo(0.95);
      assertThat(endpoint(measurements, "GET /fast").checks()).isNull();
      // Latency 2000 ms: db p50 500 → 25 %, p95 950 → 47.5 %; app 100 → 5 %; other the rest.
      assertThat(slow.shares()).extracting(Measurements.Share::name)
          .containsExactly("server_timing.app", "server_timing.db", "other");
      Measurements.Share dbShare = slow.shares().get(1);
      assertThat(dbShare.p50()).isCloseTo(0.25, within(0.001));
      assertThat(dbShare.p95()).isCloseTo(0.475, within(0.001));
      assertThat(slow.shares().get(2).p95()).isCloseTo(1 - 0.475 - 0.05, within(0.002));
      assertThat(endpoint(measurements, "GET /fast").shares().getFirst().p95()).isCloseTo(0.01, within(0.0001));
      assertThat(measurements.likelyBottleneck()).isEqualTo("GET /slow");
      assertThat(view(endpoint(measurements, "*"), "server_timing.db").count()).isEqualTo(2_000);
      assertThat(endpoint(measurements, "*").checks().passed()).isEqualTo(1_900);
      // 3 names of /slow and /fast, then 29 of the 40 new ones fit in 32.
      assertThat(endpoint(measurements, "GET /names").measurements()).hasSize(29);
    }
  }

  @Test
  void slosOnAServerTimingAScoreAndTheChecksBreachWithTheMeasurementAsMetric() {
    List<Slo> slos = SloFile.parse("slos.yml", new StringReader("""
        defaults: {window: 2s, minRequests: 5, for: 0s, keepFiringFor: 0s}
        slos:
          - id: db-p95
            metric: server_timing.db
            objective: p(95) < 1ms
          - id: app-p95
            metric: server_timing.app
            objective: p95 < 150ms
          - id: cls
            metric: web_vital.cls
            objective: p(75) < 0.05
          - id: checks
            objective: checks > 95%
            endpoint: GET /slow
        """));
    AnalysisSettings settings = TestRuns.settings(slos.toArray(Slo[]::new));
    try (TestRuns runs = new TestRuns(settings, stateDir)) {
      int published = 0;
      for (int i = 1; i <= 1_000; i++) {
        runs.samples.pipeInput("m", sample("GET /slow", i * 5_000L, 20_000, List.of(ms("server_timing.db", i % 10),
                ms("server_timing.app", 100), new Measurement("web_vital.cls", i % 10 / 100.0, MeasurementKind.SCORE)),
            List.of(new CheckOutcome("body", i % 10 == 0 ? 0 : 1, i % 10 == 0 ? 1 : 0))));
        published++;
      }
      runs.finished("m", published);

      // db p95 of 0..9 ms is 9 ms > 1 ms; app 100 ms holds; CLS p75 0.07 > 0.05; checks 90 % < 95 %.
      List<SloBreach> breaches = runs.breaches.readValuesToList();
      assertThat(breaches).filteredOn(b -> b.getState() == BreachState.OPENED)
          .extracting(SloBreach::getSloId, SloBreach::getMetric, SloBreach::getUnit)
          .contains(tuple("db-p95", "server_timing.db", "ms"), tuple("cls", "web_vital.cls", "score"),
              tuple("checks", "checks", "ratio"))
          .noneMatch(t -> t.toList().getFirst().equals("app-p95"));
      SloBreach db = breaches.stream().filter(b -> b.getSloId().equals("db-p95")).findFirst().orElseThrow();
      assertThat(db.getObserved()).isCloseTo(9, within(0.01));
      SloBreach cls = breaches.stream().filter(b -> b.getSloId().equals("cls")).findFirst().orElseThrow();
      assertThat(cls.getObserved()).isCloseTo(0.07, within(0.0001));
      SloBreach checks = breaches.stream().filter(b -> b.getSloId().equals("checks")).findFirst().orElseThrow();
      assertThat(checks.getObserved()).isCloseTo(0.1, within(0.02));

      RunReport report = new RunReports(new DriverRunStores(runs.driver), settings).find("m").orElseThrow();
      assertThat(report.slos()).extracting(RunReport.SloView::id, RunReport.SloView::metric, RunReport.SloView::held)
          .containsExactlyInAnyOrder(tuple("db-p95", "server_timing.db", false),
              tuple("app-p95", "server_timing.app", true), tuple("cls", "web_vital.cls", false),
              tuple("checks", "checks", false));
    }
  }

  private static Measurements.EndpointMeasurements endpoint(Measurements m, String endpoint) {
    return m.endpoints().stream().filter(e -> e.endpoint().equals(endpoint)).findFirst().orElseThrow();
  }

  private static Measurements.MeasurementView view(Measurements.EndpointMeasurements e, String name) {
    return e.measurements().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }
}
