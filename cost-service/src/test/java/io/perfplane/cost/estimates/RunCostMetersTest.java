package io.perfplane.cost.estimates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.cost.catalog.CatalogReader;
import io.perfplane.cost.scenario.Availability;
import io.perfplane.cost.scenario.ConcurrentUsers;
import io.perfplane.cost.scenario.Scenario;
import io.perfplane.cost.sizing.CostEstimator;
import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.MeasuredCapacity;
import io.perfplane.cost.sizing.SizingPolicy;
import org.junit.jupiter.api.Test;

/** Each priced run's latest estimates as gauges, for the last few runs only. */
class RunCostMetersTest {

  private static final Scenario TEN_K = new Scenario("10k", 10_000, new ConcurrentUsers(150, 1500),
      BigDecimal.valueOf(5), BigDecimal.valueOf(20), BigDecimal.valueOf(30), BigDecimal.TEN, BigDecimal.valueOf(5),
      BigDecimal.valueOf(5), 24, Availability.MULTI_AZ_PRODUCTION);

  private final CostEstimator estimator = new CostEstimator(CatalogReader.read(
      RunCostMetersTest.class.getResourceAsStream("/catalog/aws-us-east-1-2026-11-r3.json"), "bundled"),
      SizingPolicy.defaults());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RunCostMeters meters = new RunCostMeters(registry);

  @Test
  void exportsEachStrategysMonthlyCostTaggedWithTheRun() {
    List<Estimate> all = estimator.estimateAll(TEN_K, new MeasuredCapacity(25, 1.0, true));
    meters.priced("r1", runEstimates("r1", all));

    assertThat(registry.find("perfplane.cost.run.monthly.usd").tag("run", "r1").gauges()).hasSize(all.size());
    for (Estimate e : all) {
      assertThat(registry.get("perfplane.cost.run.monthly.usd").tag("run", "r1").tag("scenario", "10k")
          .tag("strategy", e.strategy().id()).gauge().value()).isEqualTo(e.monthlyUsd().doubleValue());
    }
  }

  @Test
  void keepsOnlyTheMostRecentlyPricedRuns() {
    for (int i = 0; i < 200; i++) {
      double rps = 10 + i;
      meters.priced("run-" + i, runEstimates("run-" + i,
          estimator.estimateAll(TEN_K, new MeasuredCapacity(rps, 1.0, true))));
    }
    meters.priced("run-195", runEstimates("run-195", estimator.estimateAll(TEN_K, new MeasuredCapacity(5, 1.0, true))));

    int perRun = CostEstimator.strategies(TEN_K).size();
    assertThat(registry.find("perfplane.cost.run.monthly.usd").gauges()).hasSize(RunCostMeters.RUNS_KEPT * perRun)
        .extracting(g -> g.getId().getTag("run")).containsOnly("run-195", "run-196", "run-197", "run-198", "run-199");
    assertThat(registry.get("perfplane.cost.run.monthly.usd").tag("run", "run-195").tag("strategy", "on-demand")
        .gauge().value()).as("a repricing replaces the run's figures").isEqualTo(estimator.estimate(TEN_K,
            new MeasuredCapacity(5, 1.0, true), io.perfplane.cost.sizing.Strategy.ON_DEMAND).monthlyUsd()
            .doubleValue());
  }

  private static List<RunEstimate> runEstimates(String runId, List<Estimate> estimates) {
    return estimates.stream().map(e -> new RunEstimate(runId, 1L, e)).toList();
  }
}
