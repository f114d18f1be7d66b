package io.perfplane.cost.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.perfplane.cost.catalog.CatalogReader;
import io.perfplane.cost.catalog.PricingCatalog;
import io.perfplane.cost.scenario.Availability;
import io.perfplane.cost.scenario.ConcurrentUsers;
import io.perfplane.cost.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** Hand-computed expectations against the bundled catalog's figures. */
class CostEstimatorTest {

  static final PricingCatalog CATALOG = CatalogReader.read(
      CostEstimatorTest.class.getResourceAsStream("/catalog/aws-us-east-1-2026-11-r3.json"), "bundled");

  /** Only m6i.large nodes, so the node line is predictable. */
  private final CostEstimator m6i = new CostEstimator(CATALOG,
      SizingPolicy.defaults().withNodeInstanceTypes(List.of("m6i.large")));
  private final CostEstimator estimator = new CostEstimator(CATALOG, SizingPolicy.defaults());

  /** A small audience whose workload uses Kafka: 1 rps at peak → the minimum of one replica per zone. */
  static Scenario small(Availability availability) {
    return new Scenario("small", 1000, new ConcurrentUsers(10, 20), BigDecimal.TWO, BigDecimal.valueOf(20),
        BigDecimal.valueOf(30), BigDecimal.TEN, BigDecimal.ONE, new BigDecimal("0.5"), 24, availability, true);
  }

  @Test
  void eksPlusThreeM6iLargeOnDemandFor730Hours() {
    Estimate estimate = m6i.estimate(small(Availability.MULTI_AZ_PRODUCTION), new MeasuredCapacity(50, 1.0, true),
        Strategy.ON_DEMAND);

    // 3 replicas (one per AZ), 1 vCPU each: one per m6i.large (1.9 allocatable vCPU) → 3 nodes.
    assertThat(estimate.fleet().replicas()).isEqualTo(3);
    assertThat(estimate.fleet().nodes().nodes()).isEqualTo(3);
    LineItem eks = estimate.items().get(0);
    LineItem nodes = estimate.items().get(1);
    assertThat(eks.quantity()).isEqualByComparingTo("730");
    assertThat(eks.monthlyUsd()).isEqualByComparingTo("73.00"); // 730 h × $0.10
    assertThat(nodes.usageType()).isEqualTo("m6i.large");
    assertThat(nodes.quantity()).isEqualByComparingTo("2190"); // 3 × 730 h
    assertThat(nodes.monthlyUsd()).isEqualByComparingTo("210.24"); // 2190 h × $0.096
  }

  @Test
  void nodeStrategiesAreDiscountedAndTheSavingIsExact() {
    List<Estimate> all = m6i.estimateAll(small(Availability.MULTI_AZ_PRODUCTION), new MeasuredCapacity(50, 1.0, true));

    assertThat(all).extracting(Estimate::strategy).containsExactly(Strategy.values());
    Estimate onDemand = all.get(0);
    assertThat(onDemand.savingUsd()).isEqualByComparingTo("0");
    // Spot: floor(3 × 0.7) = 2 nodes on Spot at 0.096 × 0.35 = 0.0336 $/h, 1 stays on-demand:
    // 730 × 0.096 + 1460 × 0.0336 = 70.08 + 49.056 = 119.136 → saving 210.24 − 119.136 = 91.104.
    Estimate spot = byStrategy(all, Strategy.SPOT);
    assertThat(spot.items().get(1).monthlyUsd()).isEqualByComparingTo("70.08");
    assertThat(spot.items().get(2).unitPriceUsd()).isEqualByComparingTo("0.0336");
    assertThat(spot.items().get(2).monthlyUsd()).isEqualByComparingTo("49.056");
    assertThat(spot.savingUsd()).isEqualByComparingTo("91.104");
    // Savings Plan 27 %: 2190 × 0.07008 = 153.4752 → saving 56.7648. Reserved 37 %: 2190 × 0.06048 = 132.4512.
    assertThat(byStrategy(all, Strategy.SAVINGS_PLAN).savingUsd()).isEqualByComparingTo("56.7648");
    assertThat(byStrategy(all, Strategy.RESERVED).savingUsd()).isEqualByComparingTo("77.7888");
    assertThat(all).allSatisfy(e -> assertThat(e.monthlyUsd().add(e.savingUsd()))
        .isEqualByComparingTo(onDemand.monthlyUsd()));
  }

  @Test
  void mskServerlessReplacesTheBrokers() {
    Estimate serverless = estimator.estimate(small(Availability.MULTI_AZ_PRODUCTION),
        new MeasuredCapacity(50, 1.0, true), Strategy.MSK_SERVERLESS);

    assertThat(serverless.items()).noneMatch(i -> i.usageType().startsWith("kafka."));
    // 730 cluster-hours × $0.75 = 547.50; 30 partitions × 730 h × $0.0015 = 32.85.
    assertThat(line(serverless, "MSK Serverless cluster").monthlyUsd()).isEqualByComparingTo("547.50");
    assertThat(line(serverless, "MSK Serverless partitions").monthlyUsd()).isEqualByComparingTo("32.85");
    // For a small audience the serverless cluster-hour outweighs 3 small brokers: a negative saving, shown as such.
    assertThat(serverless.savingUsd()).isNegative();
  }

  @Test
  void auroraIoOptimizedDropsTheIoLineAndUsesItsOwnPrices() {
    Scenario scenario = small(Availability.MULTI_AZ_PRODUCTION);
    MeasuredCapacity capacity = new MeasuredCapacity(50, 1.0, true);
    Estimate standard = estimator.estimate(scenario, capacity, Strategy.ON_DEMAND);
    Estimate optimized = estimator.estimate(scenario, capacity, Strategy.AURORA_IO_OPTIMIZED);

    assertThat(standard.items()).anyMatch(i -> i.description().startsWith("Aurora I/O"));
    assertThat(optimized.items()).noneMatch(i -> i.description().startsWith("Aurora I/O"));
    // 0.5 ACU × 2 instances × 730 h = 730 ACU-h; × 0.12 = 87.60 standard, × 0.156 = 113.88 I/O-optimized.
    assertThat(line(standard, "Aurora PostgreSQL").monthlyUsd()).isEqualByComparingTo("87.60");
    assertThat(line(optimized, "Aurora PostgreSQL").monthlyUsd()).isEqualByComparingTo("113.88");
    // 13 GB retained: × 0.10 = 1.30 standard, × 0.225 = 2.925 I/O-optimized.
    assertThat(line(standard, "Aurora storage").monthlyUsd()).isEqualByComparingTo("1.30");
    assertThat(line(optimized, "Aurora storage").monthlyUsd()).isEqualByComparingTo("2.925");
  }

  @Test
  void stagingUsesOneZoneOneNatAndOneAuroraInstance() {
    Estimate staging = estimator.estimate(small(Availability.SINGLE_AZ_STAGING), new MeasuredCapacity(50, 1.0, true),
        Strategy.ON_DEMAND);
    Estimate production = estimator.estimate(small(Availability.MULTI_AZ_PRODUCTION),
        new MeasuredCapacity(50, 1.0, true), Strategy.ON_DEMAND);

    assertThat(staging.fleet().zones()).isEqualTo(1);
    assertThat(staging.fleet().traffic().natGateways()).isEqualTo(1);
    assertThat(staging.fleet().database().instances()).isEqualTo(1);
    assertThat(staging.fleet().streaming().brokers()).isEqualTo(2);
    assertThat(production.fleet().traffic().natGateways()).isEqualTo(3);
    assertThat(production.fleet().streaming().brokers()).isEqualTo(3);
    // 1 replica (the staging floor) on t4g.medium is the cheapest staging packing: burstable for staging only.
    assertThat(staging.fleet().replicas()).isEqualTo(1);
    assertThat(staging.fleet().nodes().type().instanceType()).isEqualTo("t4g.medium");
    assertThat(production.fleet().nodeAlternatives()).noneMatch(p -> p.type().burstable());
    assertThat(staging.monthlyUsd()).isLessThan(production.monthlyUsd());
  }

  @Test
  void tieredEgressSplitsAcrossTiers() {
    // 10M users × 20 sessions × 30 requests × 8 KB = 48,000 GB of API responses:
    // 10,240 GB × 0.09 + 37,760 GB × 0.085 = 921.60 + 3,209.60.
    Scenario huge = new Scenario("huge", 10_000_000, new ConcurrentUsers(1000, 2000), BigDecimal.TWO,
        BigDecimal.valueOf(20), BigDecimal.valueOf(30), BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE, 12,
        Availability.MULTI_AZ_PRODUCTION);
    Estimate estimate = estimator.estimate(huge, new MeasuredCapacity(200, 1.0, true), Strategy.ON_DEMAND);

    List<LineItem> egress = estimate.items().stream().filter(i -> i.description().startsWith("Data transfer out"))
        .toList();
    assertThat(egress).hasSize(2);
    assertThat(egress.get(0).monthlyUsd()).isEqualByComparingTo("921.60");
    assertThat(egress.get(1).quantity()).isEqualByComparingTo("37760");
    assertThat(egress.get(1).monthlyUsd()).isEqualByComparingTo("3209.60");
  }

  @Test
  void totalIsTheSumOfTheItemsAndPerUserAndGrowthFollow() {
    Scenario scenario = small(Availability.MULTI_AZ_PRODUCTION);
    for (Estimate estimate : estimator.estimateAll(scenario, new MeasuredCapacity(3.7, 0.5, false))) {
      assertThat(estimate.items()).allSatisfy(item -> {
        assertThat(item.monthlyUsd().scale()).isEqualTo(6);
        assertThat(item.monthlyUsd())
            .isEqualTo(item.quantity().multiply(item.unitPriceUsd()).setScale(6, RoundingMode.HALF_UP));
        assertThat(item.assumption()).isNotBlank();
      });
      assertThat(estimate.monthlyUsd())
          .isEqualTo(estimate.items().stream().map(LineItem::monthlyUsd).reduce(BigDecimal::add).orElseThrow());
      assertThat(estimate.costPerUserUsd()).isEqualByComparingTo(
          estimate.monthlyUsd().divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_UP));
      BigDecimal grown = estimator.estimate(scenario.grownBy(10), new MeasuredCapacity(3.7, 0.5, false),
          estimate.strategy()).monthlyUsd();
      assertThat(estimate.growthFactor10x())
          .isEqualByComparingTo(grown.divide(estimate.monthlyUsd(), 4, RoundingMode.HALF_UP));
      // Fixed costs (control plane, brokers, NAT) make 10× the users cost less than 10× the money.
      assertThat(estimate.growthFactor10x()).isGreaterThan(BigDecimal.ONE).isLessThan(BigDecimal.TEN);
    }
  }

  @Test
  void costNeverDecreasesWithMoreUsers() {
    MeasuredCapacity capacity = new MeasuredCapacity(1.5, 1.0, true);
    BigDecimal previous = BigDecimal.ZERO;
    for (long users : List.of(1L, 1000L, 10_000L, 50_000L, 200_000L)) {
      Scenario scenario = new Scenario("u" + users, users, new ConcurrentUsers(1, Math.max(1, users / 50)),
          BigDecimal.TWO, BigDecimal.valueOf(20), BigDecimal.valueOf(30), BigDecimal.TEN, BigDecimal.ONE,
          BigDecimal.ONE, 12, Availability.MULTI_AZ_PRODUCTION);
      BigDecimal cost = estimator.estimate(scenario, capacity, Strategy.ON_DEMAND).monthlyUsd();
      assertThat(cost).as("%d users", users).isGreaterThanOrEqualTo(previous);
      previous = cost;
    }
  }

  @Test
  void assumptionsRecordTheNumbersUsed() {
    Estimate estimate = estimator.estimate(small(Availability.MULTI_AZ_PRODUCTION), new MeasuredCapacity(5, null, false),
        Strategy.SPOT);

    assertThat(estimate.assumptions())
        .containsEntry("strategy", "spot")
        .containsEntry("scenario.peakFactor", "2")
        .containsEntry("peakRps", "1")
        .containsEntry("measured.rpsPerReplica", "5")
        .containsEntry("measured.sloHeld", "false")
        .containsEntry("replicas", "3")
        .containsEntry("cpuPerReplica.source", "policy default")
        .containsEntry("spot.discount", "0.65")
        .containsEntry("catalog.version", CATALOG.version());
    assertThat(estimate.qualifiedName()).isEqualTo("small/spot");
  }

  @Test
  void aNodeTypeMissingFromTheCatalogFailsAtConstruction() {
    assertThatThrownBy(() -> new CostEstimator(CATALOG, SizingPolicy.defaults().withNodeInstanceTypes(
        List.of("z9.mega")))).hasMessageContaining("z9.mega");
  }

  @Test
  void capacityThatNeverHeldTheSloOrDoesNotFitCannotBeSized() {
    Scenario scenario = small(Availability.MULTI_AZ_PRODUCTION);

    assertThat(estimator.unsizeableReason(scenario, new MeasuredCapacity(0, 1.0, false))).contains("rpsPerReplica");
    assertThat(estimator.unsizeableReason(scenario, new MeasuredCapacity(Double.NaN, 1.0, false))).isNotNull();
    assertThat(estimator.unsizeableReason(scenario, new MeasuredCapacity(5, 0.0, true))).contains("cpuPerReplica");
    assertThat(m6i.unsizeableReason(scenario, new MeasuredCapacity(5, 2.0, true))).contains("2 vCPU");
    assertThat(estimator.unsizeableReason(scenario, new MeasuredCapacity(5, 2.0, true))).isNull();
    assertThatThrownBy(() -> estimator.estimate(scenario, new MeasuredCapacity(0, 1.0, false), Strategy.ON_DEMAND))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Estimate byStrategy(List<Estimate> all, Strategy strategy) {
    return all.stream().filter(e -> e.strategy() == strategy).findFirst().orElseThrow();
  }

  private static LineItem line(Estimate estimate, String prefix) {
    return estimate.items().stream().filter(i -> i.description().startsWith(prefix)).findFirst().orElseThrow();
  }
}
