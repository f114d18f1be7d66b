package io.perfplane.cost.reconciliation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.perfplane.cost.catalog.CatalogReader;
import io.perfplane.cost.catalog.PricingCatalog;
import io.perfplane.cost.scenario.Scenario;
import io.perfplane.cost.scenario.ScenarioReader;
import io.perfplane.cost.sizing.CostEstimator;
import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.MeasuredCapacity;
import io.perfplane.cost.sizing.SizingPolicy;
import io.perfplane.cost.sizing.Strategy;

/**
 * The shipped configuration (catalog, scenarios, default policy) priced from one fixed, documented capacity, so the
 * cost test and docs/cost-reconciliation.md see the same bill.
 */
final class SeedFixture {

  static final String CATALOG_FILE = "aws-us-east-1-2026-11-r3.json";

  /** The documented input: a knee at 40 req/s per replica, 1 vCPU per replica (the policy default), certain. */
  static final double RPS_PER_REPLICA = 40.0;
  static final MeasuredCapacity CAPACITY = MeasuredCapacity.knee(RPS_PER_REPLICA, null, 1.0, null, null);

  static final PricingCatalog CATALOG = CatalogReader.read(
      SeedFixture.class.getResourceAsStream("/catalog/" + CATALOG_FILE), CATALOG_FILE);
  static final List<Scenario> SCENARIOS = ScenarioReader.read(
      SeedFixture.class.getResourceAsStream("/scenarios/default.yml"), "scenarios/default.yml");
  static final CostEstimator ESTIMATOR = new CostEstimator(CATALOG, SizingPolicy.defaults());

  private SeedFixture() {
  }

  static Scenario scenario(String name) {
    return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static Estimate onDemand(String scenario) {
    return ESTIMATOR.estimate(scenario(scenario), CAPACITY, Strategy.ON_DEMAND);
  }

  /** The repository root (the module runs its tests from cost-service/). */
  static Path repo() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("cost-service")) && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + here);
  }
}
