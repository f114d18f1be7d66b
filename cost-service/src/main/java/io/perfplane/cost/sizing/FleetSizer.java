package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Sizes a fleet: replicas = max(minReplicas, ceil(peakRps / (rpsPerReplica × targetUtilization))), packed onto
 * worker nodes by vCPU, nodes = max(minNodes, ceil(replicas / floor(nodeVcpu / cpuPerReplica))).
 *
 * <p>Arithmetic is decimal so that an exact fit (6 rps at 3 usable rps per replica) gives 2 replicas, not 3.
 */
public final class FleetSizer {

  private final SizingPolicy policy;
  private final int nodeVcpu;

  /**
   * @param policy sizing policy
   * @param nodeVcpu vCPUs of {@link SizingPolicy#nodeInstanceType()}, from the pricing catalog
   */
  public FleetSizer(SizingPolicy policy, int nodeVcpu) {
    this.policy = Objects.requireNonNull(policy, "policy");
    if (nodeVcpu < 1) {
      throw new IllegalArgumentException("nodeVcpu must be >= 1: " + nodeVcpu);
    }
    this.nodeVcpu = nodeVcpu;
  }

  /**
   * Sizes the fleet for a scenario.
   *
   * @throws IllegalArgumentException if the capacity is unusable (see {@link #unsizeableReason})
   */
  public Fleet size(Scenario scenario, MeasuredCapacity capacity) {
    String reason = unsizeableReason(capacity);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    BigDecimal averageRps = scenario.averageRps();
    BigDecimal peakRps = scenario.peakRps();
    BigDecimal usablePerReplica = BigDecimal.valueOf(capacity.rpsPerReplica()).multiply(policy.targetUtilization());
    int replicas = Math.max(policy.minReplicas(),
        peakRps.divide(usablePerReplica, MathContext.DECIMAL64).setScale(0, RoundingMode.CEILING).intValueExact());
    BigDecimal cpuPerReplica = cpuPerReplica(capacity);
    int replicasPerNode = BigDecimal.valueOf(nodeVcpu).divide(cpuPerReplica, 0, RoundingMode.FLOOR).intValueExact();
    int nodes = Math.max(policy.minNodes(), Math.ceilDiv(replicas, replicasPerNode));
    BigDecimal albLcus = averageRps.divide(policy.albRequestsPerLcu(), 6, RoundingMode.HALF_UP);
    return new Fleet(averageRps.setScale(6, RoundingMode.HALF_UP), peakRps, usablePerReplica, replicas,
        cpuPerReplica, capacity.cpuPerReplica() != null, nodeVcpu, replicasPerNode, nodes, albLcus);
  }

  /** Why no fleet can be sized from {@code capacity}, or {@code null} when it can. */
  public @Nullable String unsizeableReason(MeasuredCapacity capacity) {
    var unusable = capacity.unusableReason();
    if (unusable.isPresent()) {
      return unusable.get();
    }
    BigDecimal cpu = cpuPerReplica(capacity);
    if (cpu.compareTo(BigDecimal.valueOf(nodeVcpu)) > 0) {
      return "a replica needs " + cpu.toPlainString() + " vCPU but a " + policy.nodeInstanceType() + " node has "
          + nodeVcpu;
    }
    return null;
  }

  private BigDecimal cpuPerReplica(MeasuredCapacity capacity) {
    Double measured = capacity.cpuPerReplica();
    return measured == null ? policy.defaultCpuPerReplica() : BigDecimal.valueOf(measured);
  }
}
