package io.perfplane.cost.estimates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The latest estimates of the most recently priced runs as Prometheus gauges,
 * {@code perfplane_cost_run_monthly_usd{run,scenario,strategy}} (USD per month). An estimate is a point-in-time
 * result, not a live series: the gauges of the last {@value #RUNS_KEPT} priced runs stay exported, the oldest run's
 * are removed when a newer run is priced, so the series count stays bounded (runs kept × scenarios × strategies).
 * A run priced again (a redelivered capacity event) replaces its own gauges and becomes the newest.
 */
final class RunCostMeters {

  /** Priced runs whose gauges stay exported. */
  static final int RUNS_KEPT = 5;

  private final MeterRegistry registry;
  /** Gauges per run, oldest first; guarded by {@code this}. */
  private final Map<String, List<Meter>> runs = new LinkedHashMap<>();

  RunCostMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Exports {@code estimates}, all of run {@code runId}, in place of the run's earlier ones. */
  synchronized void priced(String runId, List<RunEstimate> estimates) {
    remove(runs.remove(runId));
    List<Meter> meters = new ArrayList<>();
    for (RunEstimate estimate : estimates) {
      double usd = estimate.estimate().monthlyUsd().doubleValue();
      meters.add(Gauge.builder("perfplane.cost.run.monthly.usd", () -> usd)
          .description("Latest monthly cost estimate (USD) of a recently priced run, per scenario and strategy")
          .tag("run", runId).tag("scenario", estimate.estimate().scenario().name())
          .tag("strategy", estimate.estimate().strategy().id()).register(registry));
    }
    runs.put(runId, meters);
    var oldest = runs.values().iterator();
    while (runs.size() > RUNS_KEPT) {
      remove(oldest.next());
      oldest.remove();
    }
  }

  private void remove(@Nullable List<Meter> meters) {
    if (meters != null) {
      meters.forEach(registry::remove);
    }
  }
}
