package io.perfplane.cost.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import io.perfplane.cost.scenario.Availability;
import io.perfplane.cost.scenario.ConcurrentUsers;
import io.perfplane.cost.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** How each kind of capacity is priced: a knee within its range, a lower bound as "at most", an upper bound as "at least". */
class CostRangeTest {

  /** Only m6i.large nodes (1 replica each), so the node count follows the replicas one for one. */
  private final CostEstimator estimator = new CostEstimator(CostEstimatorTest.CATALOG,
      SizingPolicy.defaults().withNodeInstanceTypes(List.of("m6i.large")));

  /** 75 req/s at peak (1,500 concurrent × 30 requests / 600 s), multi-AZ production, no Kafka. */
  private static final Scenario TEN_K = new Scenario("10k", 10_000, new ConcurrentUsers(150, 1500),
      BigDecimal.valueOf(5), BigDecimal.valueOf(20), BigDecimal.valueOf(30), BigDecimal.TEN, BigDecimal.valueOf(5),
      BigDecimal.valueOf(5), 24, Availability.MULTI_AZ_PRODUCTION);

  /** One more node a month: m6i.large 730 h × $0.096 = 70.08, plus its 10 GB through NAT × $0.045 = 0.45. */
  private static final BigDecimal NODE_MONTH = new BigDecimal("70.53");

  @Test
  void aCertainKneeAndAV1EventArePointFigures() {
    for (MeasuredCapacity capacity : List.of(MeasuredCapacity.knee(25, 1.0, 1.0, 20.0, 30.0),
        new MeasuredCapacity(25, 1.0, true))) {
      Estimate e = estimator.estimate(TEN_K, capacity, Strategy.ON_DEMAND);
      assertThat(e.ranged()).isFalse();
      assertThat(e.monthlyUsdLow()).isNull();
      assertThat(e.monthlyUsdHigh()).isNull();
    }
    assertThat(estimator.estimate(TEN_K, new MeasuredCapacity(25, 1.0, true), Strategy.ON_DEMAND).capacityKind())
        .isEqualTo(CapacityKind.UNKNOWN);
  }

  @Test
  void anUncertainKneeIsPricedAtBothEndsOfItsRange() {
    // Point: 75 ÷ (25 × 0.6) = 5 → 6 replicas. High capacity 50: 75 ÷ 30 = 2.5 → 3. Low capacity 10: 75 ÷ 6 = 12.5
    // → 13 → 15 replicas. One m6i.large per replica.
    Estimate e = estimator.estimate(TEN_K, MeasuredCapacity.knee(25, 1.0, 0.7, 10.0, 50.0), Strategy.ON_DEMAND);

    assertThat(e.capacityKind()).isEqualTo(CapacityKind.KNEE);
    assertThat(e.fleet().replicas()).isEqualTo(6);
    BigDecimal fixed = e.monthlyUsd().subtract(NODE_MONTH.multiply(BigDecimal.valueOf(6)));
    assertThat(e.monthlyUsdLow()).isEqualByComparingTo(fixed.add(NODE_MONTH.multiply(BigDecimal.valueOf(3))));
    assertThat(e.monthlyUsdHigh()).isEqualByComparingTo(fixed.add(NODE_MONTH.multiply(BigDecimal.valueOf(15))));
    assertThat(e.assumptions().get("capacity")).isEqualTo(
        "25 req/s per replica at the knee (confidence 0.7, range 10–50 req/s per replica)");
  }

  @Test
  void aLowerBoundIsAtMostThisFleetDownToTheMinimumFleet() {
    Estimate e = estimator.estimate(TEN_K, new MeasuredCapacity(12.5, 1.0, true, CapacityKind.LOWER_BOUND, 0.5,
        12.5, null), Strategy.ON_DEMAND);

    // 75 ÷ 7.5 = 10 → 12 replicas at most; the minimum fleet is one replica per zone: 3.
    assertThat(e.fleet().replicas()).isEqualTo(12);
    assertThat(e.monthlyUsdHigh()).isEqualByComparingTo(e.monthlyUsd());
    assertThat(e.monthlyUsdLow()).isEqualByComparingTo(e.monthlyUsd().subtract(NODE_MONTH.multiply(BigDecimal.valueOf(9))));
    assertThat(e.assumptions().get("capacity")).isEqualTo("≥ 12.5 req/s per replica (not saturated): at most this fleet");
    assertThat(e.items()).filteredOn(i -> i.description().startsWith("EKS worker nodes")).singleElement()
        .satisfies(i -> assertThat(i.description()).endsWith("(at most: capacity not saturated)"));
  }

  @Test
  void anUpperBoundIsAtLeastThisFleetWithNoHighEnd() {
    Estimate e = estimator.estimate(TEN_K, new MeasuredCapacity(25, 1.0, false, CapacityKind.UPPER_BOUND, 1.0, null,
        25.0), Strategy.ON_DEMAND);

    assertThat(e.monthlyUsdLow()).isEqualByComparingTo(e.monthlyUsd());
    assertThat(e.monthlyUsdHigh()).isNull();
    assertThat(e.ranged()).isTrue();
    assertThat(e.assumptions().get("capacity")).startsWith("< 25 req/s per replica").endsWith("at least this fleet");
  }

  @Test
  void everyStrategyCarriesItsOwnRange() {
    for (Estimate e : estimator.estimateAll(TEN_K, MeasuredCapacity.knee(25, 1.0, 0.7, 10.0, 50.0))) {
      assertThat(e.monthlyUsdLow()).as(e.strategy().id()).isLessThanOrEqualTo(e.monthlyUsd());
      assertThat(e.monthlyUsdHigh()).as(e.strategy().id()).isGreaterThanOrEqualTo(e.monthlyUsd());
    }
    assertThat(estimator.estimateAll(TEN_K, new MeasuredCapacity(25, 1.0, true))).extracting(Estimate::strategy)
        .as("no msk-serverless strategy for a workload without Kafka").doesNotContain(Strategy.MSK_SERVERLESS);
  }
}
