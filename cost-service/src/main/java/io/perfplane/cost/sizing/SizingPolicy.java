package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a fleet is sized from a peak request rate. Bound from {@code perfplane.cost.sizing}.
 *
 * @param targetUtilization fraction of the measured per-replica capacity a replica may use at peak, in (0, 1];
 *     0.6 leaves headroom for a lost replica and for scaling lag
 * @param minReplicas replicas kept even when idle, for availability across zones ({@code >= 1})
 * @param defaultCpuPerReplica vCPUs per replica when the test did not report it
 * @param nodeInstanceType EC2 instance type of the EKS worker nodes (must be in the catalog)
 * @param minNodes worker nodes kept even when idle, one per availability zone ({@code >= 1})
 * @param auroraMinAcu Aurora Serverless v2 minimum capacity, billed around the clock (ACU)
 * @param auroraStorageGb Aurora storage (GB)
 * @param mskBrokerInstanceType MSK broker instance type (must be in the catalog)
 * @param mskBrokers MSK brokers ({@code >= 2}: one per availability zone)
 * @param mskStorageGbPerBroker EBS storage per MSK broker (GB)
 * @param albRequestsPerLcu requests/s one ALB LCU covers when every request opens a new connection (the new
 *     connections dimension, 25/s, is the binding one for short API calls)
 * @param hoursPerMonth billable hours per month (AWS uses 730)
 */
public record SizingPolicy(BigDecimal targetUtilization, int minReplicas, BigDecimal defaultCpuPerReplica,
    String nodeInstanceType, int minNodes, BigDecimal auroraMinAcu, BigDecimal auroraStorageGb,
    String mskBrokerInstanceType, int mskBrokers, BigDecimal mskStorageGbPerBroker, BigDecimal albRequestsPerLcu,
    int hoursPerMonth) {

  /** The documented defaults. */
  public static SizingPolicy defaults() {
    return new SizingPolicy(new BigDecimal("0.6"), 2, BigDecimal.ONE, "m7g.large", 2, new BigDecimal("0.5"),
        BigDecimal.valueOf(20), "kafka.m7g.large", 2, BigDecimal.valueOf(100), BigDecimal.valueOf(25), 730);
  }

  public SizingPolicy {
    Objects.requireNonNull(nodeInstanceType, "nodeInstanceType");
    Objects.requireNonNull(mskBrokerInstanceType, "mskBrokerInstanceType");
    if (targetUtilization.signum() <= 0 || targetUtilization.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("targetUtilization must be in (0, 1]: " + targetUtilization);
    }
    if (minReplicas < 1 || minNodes < 1) {
      throw new IllegalArgumentException("minReplicas and minNodes must be >= 1");
    }
    if (defaultCpuPerReplica.signum() <= 0) {
      throw new IllegalArgumentException("defaultCpuPerReplica must be > 0: " + defaultCpuPerReplica);
    }
    if (mskBrokers < 2) {
      throw new IllegalArgumentException("MSK needs at least 2 brokers (one per AZ): " + mskBrokers);
    }
    if (auroraMinAcu.signum() < 0 || auroraStorageGb.signum() < 0 || mskStorageGbPerBroker.signum() < 0) {
      throw new IllegalArgumentException("Aurora ACUs and storage sizes must be >= 0");
    }
    if (albRequestsPerLcu.signum() <= 0 || hoursPerMonth <= 0) {
      throw new IllegalArgumentException("albRequestsPerLcu and hoursPerMonth must be > 0");
    }
  }
}
