package io.perfplane.cost.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.perfplane.cost.catalog.CatalogReader;
import io.perfplane.cost.catalog.PricingCatalog;
import org.junit.jupiter.api.Test;

/** Expectations are derived here from the catalog's own figures, so a price update does not break the test. */
class CostEstimatorTest {

  private static final PricingCatalog CATALOG = CatalogReader.read(
      CostEstimatorTest.class.getResourceAsStream("/catalog/aws-us-east-1-2026-11.json"), "bundled");
  private static final SizingPolicy POLICY = SizingPolicy.defaults();
  private static final BigDecimal HOURS = BigDecimal.valueOf(730);

  private final CostEstimator estimator = new CostEstimator(CATALOG, POLICY);

  @Test
  void minimumFleetCostsExactlyTheSumOfTheFloorPrices() {
    // 1k users at 5 rps per replica: 2 replicas on 2 m7g.large nodes, everything else at its floor.
    Estimate estimate = estimator.estimate(new Scenario("1k-users", 1000, 300, 10), new MeasuredCapacity(5, 1.0, true));

    BigDecimal eks = price("eks-cluster-hour").multiply(HOURS);
    BigDecimal nodes = CATALOG.instance("ec2-instance-hour", "m7g.large").priceUsd().multiply(HOURS).multiply(two());
    BigDecimal aurora = price("aurora-serverless-v2-acu-hour").multiply(HOURS).multiply(new BigDecimal("0.5"));
    BigDecimal auroraStorage = price("aurora-storage-gb-month").multiply(BigDecimal.valueOf(20));
    BigDecimal brokers = CATALOG.instance("msk-broker-hour", "kafka.m7g.large").priceUsd().multiply(HOURS)
        .multiply(two());
    BigDecimal mskStorage = price("msk-storage-gb-month").multiply(BigDecimal.valueOf(200));
    BigDecimal alb = price("alb-hour").multiply(HOURS);
    // 1000 × 300 / 2,592,000 = 0.115741 rps average → / 25 = 0.004630 LCU → × 730 h = 3.379900 LCU-h
    BigDecimal lcuHours = new BigDecimal("0.004630").multiply(HOURS);
    BigDecimal lcu = price("alb-lcu-hour").multiply(lcuHours).setScale(6, RoundingMode.HALF_UP);

    assertThat(estimate.fleet().replicas()).isEqualTo(2);
    assertThat(estimate.fleet().nodes()).isEqualTo(2);
    assertThat(monthly(estimate, "AmazonEKS")).isEqualByComparingTo(eks);
    assertThat(monthly(estimate, "AmazonEC2")).isEqualByComparingTo(nodes);
    assertThat(monthly(estimate, "AmazonRDS")).isEqualByComparingTo(aurora.add(auroraStorage));
    assertThat(monthly(estimate, "AmazonMSK")).isEqualByComparingTo(brokers.add(mskStorage));
    assertThat(monthly(estimate, "AWSELB")).isEqualByComparingTo(alb.add(lcu));
    assertThat(estimate.monthlyUsd())
        .isEqualByComparingTo(eks.add(nodes).add(aurora).add(auroraStorage).add(brokers).add(mskStorage).add(alb)
            .add(lcu));
  }

  @Test
  void largerLoadAddsExactlyTheExtraNodes() {
    // 100k users, peak 115.740741 rps at 2 × 0.6 = 1.2 usable rps per replica → ceil(96.45) = 97 replicas,
    // 2 per m7g.large → 49 nodes.
    MeasuredCapacity capacity = new MeasuredCapacity(2, 1.0, true);
    Estimate small = estimator.estimate(new Scenario("1k", 1000, 300, 10), capacity);
    Estimate large = estimator.estimate(new Scenario("100k", 100_000, 300, 10), capacity);

    assertThat(large.fleet().replicas()).isEqualTo(97);
    assertThat(large.fleet().nodes()).isEqualTo(49);
    BigDecimal extraNodes = CATALOG.instance("ec2-instance-hour", "m7g.large").priceUsd().multiply(HOURS)
        .multiply(BigDecimal.valueOf(49 - small.fleet().nodes()));
    assertThat(monthly(large, "AmazonEC2").subtract(monthly(small, "AmazonEC2"))).isEqualByComparingTo(extraNodes);
    assertThat(large.monthlyUsd()).isGreaterThan(small.monthlyUsd());
  }

  @Test
  void totalIsTheSumOfTheItemsAtScaleSix() {
    Estimate estimate = estimator.estimate(new Scenario("10k-users", 10_000, 300, 10),
        new MeasuredCapacity(3.7, 0.5, false));

    assertThat(estimate.items()).hasSize(8);
    assertThat(estimate.items()).allSatisfy(item -> {
      assertThat(item.monthlyUsd().scale()).isEqualTo(6);
      assertThat(item.unitPriceUsd().scale()).isEqualTo(6);
      assertThat(item.monthlyUsd())
          .isEqualTo(item.quantity().multiply(item.unitPriceUsd()).setScale(6, RoundingMode.HALF_UP));
    });
    assertThat(estimate.monthlyUsd().scale()).isEqualTo(6);
    assertThat(estimate.monthlyUsd())
        .isEqualTo(estimate.items().stream().map(LineItem::monthlyUsd).reduce(BigDecimal::add).orElseThrow());
  }

  @Test
  void costNeverDecreasesWithMoreUsers() {
    MeasuredCapacity capacity = new MeasuredCapacity(1.5, 1.0, true);
    BigDecimal previous = BigDecimal.ZERO;
    for (long users : List.of(1L, 1000L, 10_000L, 50_000L, 200_000L, 1_000_000L)) {
      BigDecimal cost = estimator.estimate(new Scenario("u" + users, users, 300, 10), capacity).monthlyUsd();
      assertThat(cost).as("%d users", users).isGreaterThanOrEqualTo(previous);
      previous = cost;
    }
  }

  @Test
  void assumptionsRecordTheNumbersUsed() {
    Estimate estimate = estimator.estimate(new Scenario("10k-users", 10_000, 300, 10),
        new MeasuredCapacity(5, null, false));

    assertThat(estimate.assumptions())
        .containsEntry("scenario.requestsPerUserPerMonth", "300")
        .containsEntry("scenario.peakToAverage", "10")
        .containsEntry("peakRps", "11.574074")
        .containsEntry("targetUtilization", "0.6")
        .containsEntry("measured.rpsPerReplica", "5")
        .containsEntry("measured.sloHeld", "false")
        .containsEntry("replicas", "4")
        .containsEntry("cpuPerReplica.source", "policy default")
        .containsEntry("nodes", "2")
        .containsEntry("hoursPerMonth", "730")
        .containsEntry("catalog.version", CATALOG.version());
    assertThat(estimate.catalogVersion()).isEqualTo(CATALOG.version());
    assertThat(estimate.region()).isEqualTo("us-east-1");
  }

  @Test
  void aNodeTypeMissingFromTheCatalogFailsAtConstruction() {
    SizingPolicy d = SizingPolicy.defaults();
    SizingPolicy unknownNode = new SizingPolicy(d.targetUtilization(), d.minReplicas(), d.defaultCpuPerReplica(),
        "z9.mega", d.minNodes(), d.auroraMinAcu(), d.auroraStorageGb(), d.mskBrokerInstanceType(), d.mskBrokers(),
        d.mskStorageGbPerBroker(), d.albRequestsPerLcu(), d.hoursPerMonth());

    assertThatThrownBy(() -> new CostEstimator(CATALOG, unknownNode)).hasMessageContaining("z9.mega");
  }

  @Test
  void biggerNodesPackMoreReplicas() {
    SizingPolicy d = SizingPolicy.defaults();
    SizingPolicy xlarge = new SizingPolicy(d.targetUtilization(), d.minReplicas(), d.defaultCpuPerReplica(),
        "m7g.xlarge", d.minNodes(), d.auroraMinAcu(), d.auroraStorageGb(), d.mskBrokerInstanceType(), d.mskBrokers(),
        d.mskStorageGbPerBroker(), d.albRequestsPerLcu(), d.hoursPerMonth());
    Estimate estimate = new CostEstimator(CATALOG, xlarge)
        .estimate(new Scenario("100k", 100_000, 300, 10), new MeasuredCapacity(2, 1.0, true));

    // 97 replicas, 4 per m7g.xlarge → 25 nodes.
    assertThat(estimate.fleet().replicasPerNode()).isEqualTo(4);
    assertThat(estimate.fleet().nodes()).isEqualTo(25);
    assertThat(monthly(estimate, "AmazonEC2")).isEqualByComparingTo(
        CATALOG.instance("ec2-instance-hour", "m7g.xlarge").priceUsd().multiply(HOURS).multiply(BigDecimal.valueOf(25)));
  }

  private static BigDecimal price(String meter) {
    return CATALOG.price(meter).priceUsd();
  }

  private static BigDecimal two() {
    return BigDecimal.valueOf(2);
  }

  private static BigDecimal monthly(Estimate estimate, String service) {
    return estimate.items().stream().filter(item -> item.service().equals(service)).map(LineItem::monthlyUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
