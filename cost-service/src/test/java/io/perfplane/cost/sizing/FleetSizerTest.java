package io.perfplane.cost.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import io.perfplane.cost.scenario.Availability;
import io.perfplane.cost.scenario.ConcurrentUsers;
import io.perfplane.cost.scenario.Scenario;
import org.junit.jupiter.api.Test;

class FleetSizerTest {

  private static final NodeType M7G_LARGE = new NodeType("m7g.large", 2, new BigDecimal("8"), new BigDecimal("0.0816"));
  private final FleetSizer sizer = new FleetSizer(SizingPolicy.defaults(), List.of(M7G_LARGE));

  /** 2,592,000 users × 1 session × {@code requests} requests: exactly {@code requests} rps on average. */
  private static Scenario steady(int requests, int peakFactor) {
    return new Scenario("s", 2_592_000, new ConcurrentUsers(0, 1), BigDecimal.valueOf(peakFactor), BigDecimal.ONE,
        BigDecimal.valueOf(requests), BigDecimal.valueOf(1000), BigDecimal.ONE, BigDecimal.ZERO, 1,
        Availability.SINGLE_AZ_STAGING, true);
  }

  @Test
  void exactFitDoesNotRoundUpAnExtraReplica() {
    // 3 rps × 10 = 30 rps peak at 5 × 0.6 = 3 usable per replica → exactly 10 replicas.
    Fleet fleet = sizer.size(steady(3, 10), new MeasuredCapacity(5, 0.5, true));

    assertThat(fleet.peakRps()).isEqualByComparingTo("30");
    assertThat(fleet.usableRpsPerReplica()).isEqualByComparingTo("3");
    assertThat(fleet.replicas()).isEqualTo(10);
  }

  @Test
  void partialReplicaRoundsUpAndMultiAzRoundsToTheZones() {
    // 31 rps → 10.33 → 11 replicas; over 3 zones → 12.
    Scenario single = new Scenario("s", 2_592_000, new ConcurrentUsers(0, 1), BigDecimal.TEN, BigDecimal.ONE,
        new BigDecimal("3.1"), BigDecimal.valueOf(1000), BigDecimal.ONE, BigDecimal.ZERO, 1,
        Availability.SINGLE_AZ_STAGING);
    Scenario multi = new Scenario("m", 2_592_000, new ConcurrentUsers(0, 1), BigDecimal.TEN, BigDecimal.ONE,
        new BigDecimal("3.1"), BigDecimal.valueOf(1000), BigDecimal.ONE, BigDecimal.ZERO, 1,
        Availability.MULTI_AZ_PRODUCTION);

    assertThat(sizer.size(single, new MeasuredCapacity(5, 0.5, true)).replicas()).isEqualTo(11);
    assertThat(sizer.size(multi, new MeasuredCapacity(5, 0.5, true)).replicas()).isEqualTo(12);
  }

  @Test
  void auroraAcuRangeFollowsTheLoadInHalfAcuSteps() {
    // Average 3 rps, peak 30 rps; 2 queries per request at 150 queries/s per ACU:
    // peak 0.4 ACU → 0.5, raised to 1 (Aurora's lowest allowed maximum); average 0.04 → 0.5 (the minimum).
    Fleet light = sizer.size(steady(3, 10), new MeasuredCapacity(5, 0.5, true));
    assertThat(light.database().maxAcu()).isEqualByComparingTo("1");
    assertThat(light.database().averageAcu()).isEqualByComparingTo("0.5");
    // Average 100 rps, peak 1000 rps: peak 13.33 ACU → 13.5; average 1.33 → 1.5.
    Fleet heavy = sizer.size(steady(100, 10), new MeasuredCapacity(500, 0.5, true));
    assertThat(heavy.database().maxAcu()).isEqualByComparingTo("13.5");
    assertThat(heavy.database().averageAcu()).isEqualByComparingTo("1.5");
    assertThat(heavy.database().instances()).isEqualTo(1);
    // I/O: 259.2M requests × 1 per request.
    assertThat(heavy.database().ioMillions()).isEqualByComparingTo("259.2");
  }

  @Test
  void mskBrokersFollowThePeakWriteRate() {
    // Peak 1000 rps × 1000 bytes = 1 MB/s × replication 2 = 2 MB/s: the 2-broker floor.
    Fleet modest = sizer.size(steady(100, 10), new MeasuredCapacity(500, 0.5, true));
    assertThat(modest.streaming().peakWriteMbPerSecond()).isEqualByComparingTo("1");
    assertThat(modest.streaming().brokers()).isEqualTo(2);
    // Peak 30,000 rps → 30 MB/s × 2 = 60 MB/s at 20 MB/s per broker → 3 → rounded to 4 (two MSK zones).
    Fleet busy = sizer.size(steady(3000, 10), new MeasuredCapacity(5000, 0.5, true));
    assertThat(busy.streaming().brokers()).isEqualTo(4);
  }

  @Test
  void noMskWhenTheWorkloadUsesNoKafka() {
    Scenario noKafka = new Scenario("s", 2_592_000, new ConcurrentUsers(0, 1), BigDecimal.TEN, BigDecimal.ONE,
        BigDecimal.valueOf(100), BigDecimal.valueOf(1000), BigDecimal.ONE, BigDecimal.ZERO, 1,
        Availability.SINGLE_AZ_STAGING);
    assertThat(sizer.size(noKafka, new MeasuredCapacity(500, 0.5, true)).streaming()).isNull();
  }

  @Test
  void stagingKeepsOneReplicaProductionOnePerZoneAndTheMinimumFleetIsTheFloor() {
    Scenario idle = new Scenario("s", 1, new ConcurrentUsers(0, 1), BigDecimal.ONE, BigDecimal.ONE,
        BigDecimal.ONE, BigDecimal.valueOf(1000), BigDecimal.ONE, BigDecimal.ZERO, 1, Availability.SINGLE_AZ_STAGING);
    Scenario idleProduction = new Scenario("p", 1, new ConcurrentUsers(0, 1), BigDecimal.ONE, BigDecimal.ONE,
        BigDecimal.ONE, BigDecimal.valueOf(1000), BigDecimal.ONE, BigDecimal.ZERO, 1,
        Availability.MULTI_AZ_PRODUCTION);
    assertThat(sizer.size(idle, new MeasuredCapacity(50, 0.5, true)).replicas()).isEqualTo(1);
    assertThat(sizer.size(idleProduction, new MeasuredCapacity(50, 0.5, true)).replicas()).isEqualTo(3);
    // 30 rps peak at 0.5 rps per replica would need 100 replicas; the minimum fleet is the floor whatever the rate.
    assertThat(sizer.size(steady(3, 10), new MeasuredCapacity(0.5, 0.5, true)).replicas()).isEqualTo(100);
    assertThat(sizer.minimum(steady(3, 10), new MeasuredCapacity(0.5, 0.5, true)).replicas()).isEqualTo(1);
  }

  @Test
  void albLcusTakeTheLargerDimension() {
    // 25 rps average = 1 LCU by new connections; bytes: 25 × 10 KB × 3600 = 0.9 GB/h = 0.9 LCU.
    Fleet fleet = sizer.size(steady(25, 1), new MeasuredCapacity(100, 0.5, true));
    assertThat(fleet.traffic().albLcus()).isEqualByComparingTo("1");
    // 8 KB responses × 64.8M requests = 518.4 GB out.
    assertThat(fleet.traffic().egressGb()).isEqualByComparingTo("518.4");
  }

  @Test
  void unknownCpuPerReplicaUsesThePolicyDefault() {
    Fleet fleet = sizer.size(steady(3, 10), new MeasuredCapacity(5, null, true));

    assertThat(fleet.cpuPerReplica()).isEqualByComparingTo(SizingPolicy.defaults().defaultCpuPerReplica());
    assertThat(fleet.cpuPerReplicaMeasured()).isFalse();
  }
}
