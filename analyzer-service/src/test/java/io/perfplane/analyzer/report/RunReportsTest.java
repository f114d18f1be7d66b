package io.perfplane.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.perfplane.analyzer.slo.Indicator;
import io.perfplane.analyzer.slo.Slo;
import io.perfplane.analyzer.stream.AnalyzerTopology;
import io.perfplane.analyzer.stream.RunState;
import io.perfplane.analyzer.stream.TestRuns;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
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
    runs = new TestRuns(TestRuns.settings(
        new Slo("fast-p99", "GET /fast", Indicator.LATENCY_P99, 50, Duration.ofSeconds(5), 5)), stateDir);
    reports = new RunReports(new RunStores() {
      @Override
      public ReadOnlyKeyValueStore<String, RunState> runs() {
        return runs.driver.getKeyValueStore(AnalyzerTopology.RUNS_STORE);
      }

      @Override
      public ReadOnlyKeyValueStore<String, LatencySlice> totals() {
        return runs.driver.getKeyValueStore(AnalyzerTopology.TOTALS_STORE);
      }

      @Override
      public ReadOnlyKeyValueStore<String, SloBreach> breachLog() {
        return runs.driver.getKeyValueStore(AnalyzerTopology.BREACH_LOG_STORE);
      }

      @Override
      public ReadOnlyKeyValueStore<String, CapacityEvent> capacity() {
        return runs.driver.getKeyValueStore(AnalyzerTopology.CAPACITY_STORE);
      }
    });
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
    assertThat(report.capacity().targetService()).isEqualTo("api-service");

    assertThat(reports.list()).singleElement()
        .isEqualTo(new RunSummary("run-b", published, 0, true));
  }

  @Test
  void unknownRunIsAbsent() {
    assertThat(reports.find("nope")).isEmpty();
  }
}
