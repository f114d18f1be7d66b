package io.perfplane.cost.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class FleetSizerTest {

  private static final SizingPolicy POLICY = SizingPolicy.defaults();
  private final FleetSizer sizer = new FleetSizer(POLICY, 2);

  @Test
  void peakRpsIsMonthlyRequestsOverThirtyDaysTimesPeakFactor() {
    // 2,592,000 users × 1 request, peak 10 → exactly 1 rps average, 10 rps peak.
    Scenario scenario = new Scenario("s", 2_592_000, 1, 10);

    assertThat(scenario.averageRps()).isEqualByComparingTo("1");
    assertThat(scenario.peakRps()).isEqualByComparingTo("10");
  }

  @Test
  void defaultScenariosHaveTheDocumentedPeakRates() {
    // 1000 × 300 / 2,592,000 × 10 = 1.157407407… rps
    assertThat(new Scenario("1k-users", 1000, 300, 10).peakRps()).isEqualByComparingTo("1.157407");
    assertThat(new Scenario("10k-users", 10_000, 300, 10).peakRps()).isEqualByComparingTo("11.574074");
  }

  @Test
  void smallLoadStillGetsTheMinimumReplicasAndNodes() {
    Fleet fleet = sizer.size(new Scenario("tiny", 1, 1, 1), new MeasuredCapacity(100, null, true));

    assertThat(fleet.replicas()).isEqualTo(POLICY.minReplicas());
    assertThat(fleet.nodes()).isEqualTo(POLICY.minNodes());
  }

  @Test
  void exactFitDoesNotRoundUpAnExtraReplica() {
    // 30 rps peak at 5 rps × 0.6 = 3 usable per replica → exactly 10 replicas (binary doubles would give 10.000…1).
    Fleet fleet = sizer.size(new Scenario("s", 2_592_000, 3, 10), new MeasuredCapacity(5, 1.0, true));

    assertThat(fleet.usableRpsPerReplica()).isEqualByComparingTo("3");
    assertThat(fleet.replicas()).isEqualTo(10);
  }

  @Test
  void partialReplicaRoundsUp() {
    // 31 rps peak / 3 usable = 10.33 → 11 replicas.
    Fleet fleet = sizer.size(new Scenario("s", 2_592_000, 3.1, 10), new MeasuredCapacity(5, 1.0, true));

    assertThat(fleet.replicas()).isEqualTo(11);
  }

  @Test
  void packsReplicasOntoNodesByVcpu() {
    // 11 replicas × 1 vCPU on 2-vCPU nodes → 2 per node → 6 nodes.
    Fleet oneCpu = sizer.size(new Scenario("s", 2_592_000, 3.1, 10), new MeasuredCapacity(5, 1.0, true));
    // 1.5 vCPU replicas: only one fits a 2-vCPU node → 11 nodes.
    Fleet bigReplicas = sizer.size(new Scenario("s", 2_592_000, 3.1, 10), new MeasuredCapacity(5, 1.5, true));
    // 0.5 vCPU replicas: four per node → ceil(11 / 4) = 3 nodes.
    Fleet smallReplicas = sizer.size(new Scenario("s", 2_592_000, 3.1, 10), new MeasuredCapacity(5, 0.5, true));

    assertThat(oneCpu.replicasPerNode()).isEqualTo(2);
    assertThat(oneCpu.nodes()).isEqualTo(6);
    assertThat(bigReplicas.replicasPerNode()).isEqualTo(1);
    assertThat(bigReplicas.nodes()).isEqualTo(11);
    assertThat(smallReplicas.replicasPerNode()).isEqualTo(4);
    assertThat(smallReplicas.nodes()).isEqualTo(3);
  }

  @Test
  void unknownCpuPerReplicaUsesThePolicyDefault() {
    Fleet fleet = sizer.size(new Scenario("s", 2_592_000, 3.1, 10), new MeasuredCapacity(5, null, true));

    assertThat(fleet.cpuPerReplica()).isEqualByComparingTo(POLICY.defaultCpuPerReplica());
    assertThat(fleet.cpuPerReplicaMeasured()).isFalse();
  }

  @Test
  void albLcusFollowTheAverageRate() {
    // 25 rps average = 1 LCU on the new-connections dimension.
    Fleet fleet = sizer.size(new Scenario("s", 2_592_000, 25, 1), new MeasuredCapacity(100, 1.0, true));

    assertThat(fleet.albLcus()).isEqualByComparingTo(BigDecimal.ONE);
  }

  @Test
  void capacityThatNeverHeldTheSloCannotBeSized() {
    Scenario scenario = new Scenario("s", 1000, 300, 10);

    assertThat(sizer.unsizeableReason(new MeasuredCapacity(0, 1.0, false))).contains("rpsPerReplica");
    assertThat(sizer.unsizeableReason(new MeasuredCapacity(-3, 1.0, false))).isNotNull();
    assertThat(sizer.unsizeableReason(new MeasuredCapacity(Double.NaN, 1.0, false))).isNotNull();
    assertThat(sizer.unsizeableReason(new MeasuredCapacity(Double.POSITIVE_INFINITY, 1.0, true))).isNotNull();
    assertThatThrownBy(() -> sizer.size(scenario, new MeasuredCapacity(0, 1.0, false)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReplicaLargerThanANodeCannotBeSized() {
    assertThat(sizer.unsizeableReason(new MeasuredCapacity(5, 2.5, true))).contains("2.5 vCPU");
    assertThat(sizer.unsizeableReason(new MeasuredCapacity(5, 0.0, true))).contains("cpuPerReplica");
    assertThat(sizer.unsizeableReason(new MeasuredCapacity(5, 2.0, true))).isNull();
  }

  @Test
  void sloBrokenLaterInTheRunStillSizesFromTheMeasuredCapacity() {
    assertThat(sizer.unsizeableReason(new MeasuredCapacity(5, 1.0, false))).isNull();
  }

  @Test
  void scenariosValidateTheirNumbers() {
    assertThatThrownBy(() -> new Scenario("s", 0, 300, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Scenario("s", 10, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Scenario("s", 10, 300, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Scenario("a|b", 10, 300, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
