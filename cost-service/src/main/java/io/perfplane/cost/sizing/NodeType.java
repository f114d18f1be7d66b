package io.perfplane.cost.sizing;

import java.math.BigDecimal;

/**
 * A worker-node candidate.
 *
 * @param instanceType EC2 instance type
 * @param vcpu vCPUs
 * @param memoryGiB memory (GiB)
 * @param hourlyUsd on-demand USD per hour
 */
public record NodeType(String instanceType, int vcpu, BigDecimal memoryGiB, BigDecimal hourlyUsd) {

  /** Burstable (CPU-credit) family, e.g. {@code t3}. */
  public boolean burstable() {
    return instanceType.startsWith("t");
  }
}
