package io.perfplane.analyzer.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.analyzer.capacity.CapacityEstimate;
import io.perfplane.analyzer.capacity.CapacityKind;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowStats;
import org.junit.jupiter.api.Test;

/** The {@code run} label's lifecycle: live series exist while a run is active and are removed at finalization. */
class MicrometerAnalyzerMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerAnalyzerMetrics metrics = new MicrometerAnalyzerMetrics(registry, 5);

  @Test
  void liveSeriesCarryTheRunWhileActiveAndAreRemovedAtFinalization() {
    metrics.windowObserved("r1", "GET /a", stats(2_000));
    metrics.windowObserved("r2", "GET /a", stats(7_000));
    metrics.breachOpened("r1", "p95", "*", "latency_p95");

    assertThat(registry.get("perfplane.analyzer.window.latency.ms").tag("run", "r1").tag("endpoint", "GET /a")
        .tag("stat", "max").gauge().value()).isEqualTo(2.0, org.assertj.core.api.Assertions.within(0.01));
    assertThat(registry.get("perfplane.analyzer.window.latency.ms").tag("run", "r2").tag("stat", "max").gauge()
        .value()).as("each run its own series").isEqualTo(7.0, org.assertj.core.api.Assertions.within(0.05));
    assertThat(registry.get("perfplane.analyzer.slo.breach.open").tag("run", "r1").tag("slo", "p95")
        .tag("endpoint", "*").gauge().value()).isEqualTo(1);
    metrics.breachResolved("r1", "p95", "*");
    assertThat(registry.get("perfplane.analyzer.slo.breach.open").tag("run", "r1").gauge().value()).isZero();

    metrics.runClosed("r1");
    metrics.runFinalized("r1", capacity(42.5));

    assertThat(runSeries("r1")).extracting(m -> m.getId().getName())
        .as("only the finalized run's capacity is left").containsOnly("perfplane.analyzer.run.capacity.rps",
            "perfplane.analyzer.run.capacity.concurrency", "perfplane.analyzer.run.capacity.p95.ms");
    assertThat(registry.get("perfplane.analyzer.run.capacity.rps").tag("run", "r1").tag("kind", "knee").gauge()
        .value()).isEqualTo(42.5);
    assertThat(runSeries("r2")).as("the other run is still active").hasSize(9);
    assertThat(registry.get("perfplane.analyzer.runs.finalized").counter().count()).isEqualTo(1);
    assertThat(registry.get("perfplane.analyzer.breaches.opened").tag("indicator", "latency_p95").counter().count())
        .isEqualTo(1);
  }

  @Test
  void measurementAndCheckWindowsAreLiveSeriesOfTheRunRemovedWithIt() {
    metrics.measurementWindowObserved("r1", "GET /a", "server_timing.db", stats(12_000));
    LatencySlice outcomes = LatencySlice.empty();
    for (int i = 0; i < 20; i++) {
      outcomes.record(1, i == 0, 0, 1); // 1 failed outcome of 20
    }
    metrics.measurementWindowObserved("r1", "GET /a", "checks", WindowStats.of(outcomes, 10));

    assertThat(registry.get("perfplane.analyzer.window.measurement.ms").tag("run", "r1").tag("endpoint", "GET /a")
        .tag("measurement", "server_timing.db").tag("stat", "p95").gauge().value())
        .isEqualTo(12.0, org.assertj.core.api.Assertions.within(0.02));
    assertThat(registry.find("perfplane.analyzer.window.measurement.ms").tag("measurement", "checks").gauges())
        .as("check outcomes are a pass rate, not a duration").isEmpty();
    assertThat(registry.get("perfplane.analyzer.window.checks.pass.rate").tag("run", "r1").tag("endpoint", "GET /a")
        .gauge().value()).isEqualTo(0.95, org.assertj.core.api.Assertions.within(1e-9));

    metrics.runClosed("r1");

    assertThat(runSeries("r1")).isEmpty();
  }

  @Test
  void seriesStayBoundedOverManyRuns() {
    int most = 0;
    for (int i = 0; i < 200; i++) {
      String run = "run-" + i;
      for (int e = 0; e < 3; e++) {
        metrics.windowObserved(run, "GET /e" + e, stats(1_000 * (e + 1)));
      }
      metrics.breachOpened(run, "p99", "GET /e0", "latency_p99");
      most = Math.max(most, runTagged());
      metrics.runClosed(run);
      metrics.runFinalized(run, capacity(i));
    }
    // While active: 3 endpoints x 9 window gauges + 1 breach gauge, beside the kept runs' capacity.
    assertThat(most).isEqualTo(3 * 9 + 1 + MicrometerAnalyzerMetrics.FINALIZED_RUNS_KEPT * 3);
    assertThat(runTagged()).isEqualTo(MicrometerAnalyzerMetrics.FINALIZED_RUNS_KEPT * 3);
    assertThat(registry.find("perfplane.analyzer.run.capacity.rps").gauges())
        .extracting(g -> g.getId().getTag("run")).as("the most recently finalized runs")
        .containsExactlyInAnyOrder("run-190", "run-191", "run-192", "run-193", "run-194", "run-195", "run-196",
            "run-197", "run-198", "run-199");
    assertThat(registry.find("perfplane.analyzer.window.rps").gauges()).isEmpty();
  }

  private java.util.List<Meter> runSeries(String run) {
    return registry.getMeters().stream().filter(m -> run.equals(m.getId().getTag("run"))).toList();
  }

  private int runTagged() {
    return (int) registry.getMeters().stream().filter(m -> m.getId().getTag("run") != null).count();
  }

  private static WindowStats stats(long latencyUs) {
    LatencySlice slice = LatencySlice.empty();
    slice.record(latencyUs, false, 0, 1);
    return WindowStats.of(slice, 10);
  }

  private static CapacityEstimate capacity(double rps) {
    return new CapacityEstimate(CapacityKind.KNEE, true, rps, 8, null, 12.0, 0.9, 12, null, null, "kneedle", "test",
        null);
  }
}
