package io.perfplane.cost.sizing;

import java.math.BigDecimal;

/**
 * The infrastructure one scenario needs.
 *
 * @param averageRps average requests/s over the month
 * @param peakRps peak requests/s the fleet is sized for
 * @param usableRpsPerReplica measured requests/s per replica × target utilization
 * @param replicas replicas of the system under test
 * @param cpuPerReplica vCPUs per replica used for packing
 * @param cpuPerReplicaMeasured whether {@code cpuPerReplica} came from the test (else the policy default)
 * @param nodeVcpu vCPUs per worker node
 * @param replicasPerNode replicas that fit on one node by vCPU
 * @param nodes EKS worker nodes
 * @param albLcus average ALB capacity units in use
 */
public record Fleet(BigDecimal averageRps, BigDecimal peakRps, BigDecimal usableRpsPerReplica, int replicas,
    BigDecimal cpuPerReplica, boolean cpuPerReplicaMeasured, int nodeVcpu, int replicasPerNode, int nodes,
    BigDecimal albLcus) {
}
