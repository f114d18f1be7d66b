package io.perfplane.analyzer.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.perfplane.analyzer.report.RunReport;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.stream.AnalysisSettings;
import io.perfplane.analyzer.stream.TestRuns;
import io.perfplane.analyzer.window.RollingWindow;
import io.perfplane.analyzer.window.WindowStats;
import io.perfplane.contracts.RequestSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST read model over a TopologyTestDriver's stores, checked against percentiles computed from the samples. */
class RunReportsTest {

  @TempDir
  Path stateDir;

  private TestRuns runs;
  private RunReports reports;

  @BeforeEach
  void setUp() {
    AnalysisSettings settings = TestRuns.settings(
        new Slo("fast-p99", "GET /fast", Indicator.LATENCY_P99, 50, Duration.ofSeconds(5), 5));
    runs = new TestRuns(settings, stateDir);
    reports = new RunReports(new DriverRunStores(runs.driver), settings);
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  /** Nearest-rank percentile (ms) of latencies in µs: what HdrHistogram approximates. */
  private static double exactMs(List<Long> latenciesUs, double percentile) {
    List<Long> sorted = latenciesUs.stream().sorted().toList();
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1000.0;
  }

  private static void assertWithinPrecision(double reported, double exact) {
    assertThat(reported).isCloseTo(exact, within(exact * 0.001 + 0.001));
  }

  @Test
  void percentilesPerEndpointAndOverallMatchExactValues() {
    Random random = new Random(7);
    List<Long> fast = new ArrayList<>();
    List<Long> slow = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    int errors = 0;
    for (int i = 0; i < 2000; i++) {
      boolean isSlow = i % 4 == 0;
      long latencyUs = isSlow ? 100_000 + random.nextInt(900_000) : 1_000 + random.nextInt(30_000);
      boolean error = isSlow && i % 20 == 0;
      errors += error ? 1 : 0;
      (isSlow ? slow : fast).add(latencyUs);
      all.add(latencyUs);
      RequestSample sample = TestRuns.sample("run-a", isSlow ? "GET /slow" : "GET /fast", i * 5_000L, latencyUs,
          error);
      runs.samples.pipeInput("run-a", sample);
    }

    RunReport report = reports.find("run-a").orElseThrow();
    assertThat(report.requests()).isEqualTo(2000);
    assertThat(report.errors()).isEqualTo(errors);
    assertThat(report.errorRate()).isEqualTo(errors / 2000.0);
    for (double p : new double[] {50, 90, 95, 99}) {
      double reported = switch ((int) p) {
        case 50 -> report.p50Ms();
        case 90 -> report.p90Ms();
        case 95 -> report.p95Ms();
        default -> report.p99Ms();
      };
      assertWithinPrecision(reported, exactMs(all, p));
    }
    assertWithinPrecision(report.maxMs(), exactMs(all, 100));
    assertWithinPrecision(report.p999Ms(), exactMs(all, 99.9));
    assertThat(report.meanMs()).isCloseTo(all.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000.0,
        within(all.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000.0 * 0.001));
    assertThat(report.lateSamples()).isZero();
    long firstStart = TestRuns.T0_US;
    long lastEnd = TestRuns.T0_US + 1999 * 5_000L + all.getLast();
    for (int i = 0; i < all.size(); i++) {
      lastEnd = Math.max(lastEnd, TestRuns.T0_US + i * 5_000L + all.get(i));
    }
    assertThat(report.durationMs()).isEqualTo((lastEnd - firstStart) / 1000.0);
    assertThat(report.rps()).isCloseTo(2000 / ((lastEnd - firstStart) / 1e6), within(1e-9));

    assertThat(report.endpoints()).extracting(RunReport.EndpointReport::endpoint)
        .containsExactly("GET /fast", "GET /slow");
    RunReport.EndpointReport fastReport = report.endpoints().get(0);
    RunReport.EndpointReport slowReport = report.endpoints().get(1);
    assertThat(fastReport.requests()).isEqualTo(1500);
    assertThat(slowReport.requests()).isEqualTo(500);
    assertThat(slowReport.errors()).isEqualTo(errors);
    assertWithinPrecision(fastReport.p50Ms(), exactMs(fast, 50));
    assertWithinPrecision(fastReport.p99Ms(), exactMs(fast, 99));
    assertWithinPrecision(slowReport.p95Ms(), exactMs(slow, 95));
    assertWithinPrecision(slowReport.p90Ms(), exactMs(slow, 90));
    assertThat(report.finished()).isFalse();
    assertThat(report.capacity()).isNull();
    assertThat(report.breaches()).isEmpty();
  }

  @Test
  void histogramsHoldEveryRequestWithTheReportsPercentilesAndPerSecondCounts() throws Exception {
    Random random = new Random(3);
    List<Long> all = new ArrayList<>();
    List<Long> slow = new ArrayList<>();
    long[] perSecond = new long[9]; // the last requests end in second 8
    for (int i = 0; i < 1600; i++) {
      boolean isSlow = i % 3 == 0;
      long latencyUs = isSlow ? 200_000 + random.nextInt(300_000) : 2_000 + random.nextInt(40_000);
      long offsetUs = i * 5_000L; // 200 requests per second over 8 s
      all.add(latencyUs);
      if (isSlow) {
        slow.add(latencyUs);
      }
      perSecond[(int) ((offsetUs + latencyUs) / 1_000_000)]++;
      runs.samples.pipeInput("run-h", TestRuns.sample("run-h", isSlow ? "GET /slow" : "GET /fast", offsetUs,
          latencyUs, false));
    }

    RunHistograms histograms = reports.histograms("run-h").orElseThrow();
    RunReport report = reports.find("run-h").orElseThrow();

    assertThat(histograms.runId()).isEqualTo("run-h");
    assertThat(histograms.finished()).isFalse();
    org.HdrHistogram.Histogram overall = RunHistogramsTest.decode(histograms.overall().latency());
    assertThat(overall.getTotalCount()).isEqualTo(1600);
    assertThat(histograms.overall().requests()).isEqualTo(1600);
    assertWithinPrecision(overall.getValueAtPercentile(99) / 1000.0, exactMs(all, 99));
    assertThat(overall.getValueAtPercentile(95) / 1000.0).as("the report's p95 comes from this histogram")
        .isEqualTo(report.p95Ms());
    assertThat(histograms.overall().startUs()).isEqualTo(TestRuns.T0_US);
    long startSecond = TestRuns.T0_US / 1_000_000;
    assertThat(histograms.overall().perSecond().startSecond()).isEqualTo(startSecond);
    List<Long> expectedPerSecond = new ArrayList<>();
    for (long count : perSecond) {
      expectedPerSecond.add(count);
    }
    while (expectedPerSecond.getLast() == 0) {
      expectedPerSecond.removeLast();
    }
    assertThat(histograms.overall().perSecond().requests()).isEqualTo(expectedPerSecond);
    assertThat(histograms.endpoints()).extracting(RunHistograms.Series::endpoint)
        .containsExactly("GET /fast", "GET /slow");
    RunHistograms.Series slowSeries = histograms.endpoints().get(1);
    assertThat(RunHistogramsTest.decode(slowSeries.latency()).getTotalCount()).isEqualTo(slow.size());
    assertWithinPrecision(RunHistogramsTest.decode(slowSeries.latency()).getValueAtPercentile(90) / 1000.0,
        exactMs(slow, 90));
    assertThat(slowSeries.perSecond().requests().stream().mapToLong(Long::longValue).sum()).isEqualTo(slow.size());
  }

  @Test
  void histogramsOfAFinishedRunAreFinalAndLateSamplesDropThePerSecondCounts() {
    int published = runs.pipeSeconds("run-l", "GET /fast", 0, 11, 10, 8_000, false);
    runs.tick(Duration.ofSeconds(1));
    // Second 1 was evaluated: this sample is late, in the totals but in no per-second slice.
    runs.samples.pipeInput("run-l", TestRuns.sample("run-l", "GET /late", 1_000_000, 8_000, true));
    runs.finished("run-l", published + 1);

    RunHistograms histograms = reports.histograms("run-l").orElseThrow();

    assertThat(histograms.finished()).isTrue();
    assertThat(histograms.overall().requests()).isEqualTo(published + 1);
    assertThat(histograms.overall().errors()).isEqualTo(1);
    assertThat(histograms.overall().perSecond()).as("one request is in no second").isNull();
    assertThat(histograms.endpoints()).extracting(RunHistograms.Series::endpoint)
        .containsExactly("GET /fast", "GET /late");
    assertThat(histograms.endpoints().get(0).perSecond().requests()).hasSize(12).containsOnly(10L);
    assertThat(histograms.endpoints().get(1).perSecond()).isNull();
    assertThat(reports.histograms("no-such-run")).isEmpty();
  }

  @Test
  void finishedRunShowsBreachesAndCapacity() {
    int published = runs.pipeSeconds("run-b", "GET /fast", 0, 11, 10, 80_000, false);
    runs.finished("run-b", published);

    RunReport report = reports.find("run-b").orElseThrow();
    assertThat(report.finished()).isTrue();
    assertThat(report.breaches()).singleElement().satisfies(breach -> {
      assertThat(breach.sloId()).isEqualTo("fast-p99");
      assertThat(breach.endpoint()).isEqualTo("GET /fast");
      assertThat(breach.state()).isEqualTo("OPENED");
      assertThat(breach.indicator()).isEqualTo("latency_p99");
      assertThat(breach.observed()).isCloseTo(80.0, within(0.08));
      assertThat(breach.objective()).isEqualTo(50.0);
      assertThat(breach.unit()).isEqualTo("ms");
      assertThat(breach.windowSeconds()).isEqualTo(5);
    });
    assertThat(report.capacity()).isNotNull();
    assertThat(report.capacity().sloHeld()).isFalse();
    assertThat(report.capacity().targetService()).as("the run never named its target").isEqualTo("unknown");
    assertThat(report.capacity().kind()).as("a flat 10 req/s that failed its p99 from the start")
        .isEqualTo("UPPER_BOUND");
    assertThat(report.capacity().kneeReached()).isFalse();
    assertThat(report.capacity().evidence()).startsWith("below 10.0 req/s");

    assertThat(reports.list()).singleElement()
        .isEqualTo(new RunSummary("run-b", published, 0, true, TestRuns.T0_US, "unknown"));
  }

  /** Hand-computed: 60 s at 10 ms, then 10 s at 100 ms (all failing), 20 requests/s throughout. */
  @Test
  void windowsMergeSlicesWithHandComputedFigures() {
    runs.pipeSeconds("run-w", "GET /a", 0, 59, 20, 10_000, false);
    runs.pipeSeconds("run-w", "GET /a", 60, 69, 20, 100_000, true);

    EndpointWindows windows = reports.endpoint("run-w", "GET /a", List.of(RollingWindow.values())).orElseThrow();
    assertThat(windows.lastSecond()).isEqualTo(TestRuns.T0_US / 1_000_000 + 69);
    WindowStats ten = windows.windows().get("10s");
    assertThat(ten.requests()).isEqualTo(200);
    assertThat(ten.errorRate()).isEqualTo(1.0);
    assertThat(ten.rps()).isEqualTo(20.0);
    assertWithinPrecision(ten.p50Ms(), 100);
    assertWithinPrecision(ten.meanMs(), 100);

    WindowStats minute = windows.windows().get("1m"); // seconds 10..69: 1000 fast, 200 slow
    assertThat(minute.requests()).isEqualTo(1200);
    assertThat(minute.errors()).isEqualTo(200);
    assertThat(minute.errorRate()).isEqualTo(200 / 1200.0);
    assertThat(minute.rps()).isEqualTo(20.0);
    assertWithinPrecision(minute.p50Ms(), 10);
    assertWithinPrecision(minute.p90Ms(), 100); // rank 1080 of 1200 is among the slow ones
    assertWithinPrecision(minute.meanMs(), (1000 * 10 + 200 * 100) / 1200.0);

    WindowStats five = windows.windows().get("5m"); // the run is only 70 s old: the rate is over 70 s
    assertThat(five.requests()).isEqualTo(1400);
    assertThat(five.seconds()).isEqualTo(70);
    assertThat(five.rps()).isEqualTo(20.0);
    assertWithinPrecision(five.p99Ms(), 100);
    assertWithinPrecision(five.p999Ms(), 100);
    assertWithinPrecision(five.maxMs(), 100);

    WindowStats run = windows.windows().get("run");
    assertThat(run.requests()).isEqualTo(1400);
    assertWithinPrecision(run.meanMs(), (1200 * 10 + 200 * 100) / 1400.0);
    double spanSeconds = (69 + 19 * 0.025 + 0.1); // last request starts at 69.475 s and takes 100 ms
    assertThat(run.rps()).isCloseTo(1400 / spanSeconds, within(1e-6));

    assertThat(reports.endpoint("run-w", "*", List.of(RollingWindow.TEN_SECONDS)).orElseThrow().windows())
        .containsOnlyKeys("10s");
    assertThat(reports.endpoint("run-w", "GET /nope", List.of(RollingWindow.RUN))).isEmpty();
  }

  @Test
  void unknownRunIsAbsent() {
    assertThat(reports.find("nope")).isEmpty();
  }
}
