package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.util.List;

import io.perfplane.cost.scenario.Scenario;
import org.jspecify.annotations.Nullable;

/**
 * The infrastructure one scenario needs.
 *
 * @param scenario the scenario sized
 * @param averageRps average API requests/s over the month (scale 6)
 * @param peakRps peak API requests/s the fleet is sized for (scale 6)
 * @param usableRpsPerReplica measured requests/s per replica × target utilization
 * @param replicas replicas of the system under test (a multiple of the zone count)
 * @param cpuPerReplica vCPUs per replica used for packing
 * @param cpuPerReplicaMeasured whether {@code cpuPerReplica} came from the test (else the policy default)
 * @param memoryGiBPerReplica memory per replica used for packing (GiB)
 * @param zones availability zones
 * @param nodes the cheapest packing
 * @param nodeAlternatives every packing that fits, cheapest first (includes {@code nodes})
 * @param system the on-demand node group for cluster add-ons
 * @param database Aurora sizing
 * @param streaming MSK sizing, or {@code null} when the workload does not use Kafka
 * @param traffic edge, egress, storage and log volumes
 */
public record Fleet(Scenario scenario, BigDecimal averageRps, BigDecimal peakRps, BigDecimal usableRpsPerReplica,
    int replicas, BigDecimal cpuPerReplica, boolean cpuPerReplicaMeasured, BigDecimal memoryGiBPerReplica, int zones,
    NodePacking nodes, List<NodePacking> nodeAlternatives, SystemNodes system, DatabasePlan database,
    @Nullable StreamingPlan streaming, TrafficPlan traffic) {

  public Fleet {
    nodeAlternatives = List.copyOf(nodeAlternatives);
  }

  /**
   * The add-on node group (CoreDNS, the VPC CNI's controllers), sized by policy, not by load.
   *
   * @param instanceType EC2 type
   * @param nodes nodes, {@code >= 0}
   */
  public record SystemNodes(String instanceType, int nodes) {
  }

  /**
   * Aurora Serverless v2.
   *
   * @param minAcu configured minimum ACU
   * @param maxAcu configured maximum ACU: the peak load, rounded up to 0.5 ACU
   * @param averageAcu ACU held on average over the month (what is billed), rounded up to 0.5 ACU
   * @param instances writer plus readers (a reader in a second zone for production)
   * @param storageGb data retained (GB)
   * @param ioMillions storage I/O per month (millions)
   */
  public record DatabasePlan(BigDecimal minAcu, BigDecimal maxAcu, BigDecimal averageAcu, int instances,
      BigDecimal storageGb, BigDecimal ioMillions) {
  }

  /**
   * MSK.
   *
   * @param brokerInstanceType provisioned broker type
   * @param brokers provisioned brokers (a multiple of the MSK zone count, at least 2)
   * @param replicationFactor topic replication factor
   * @param storageGbPerBroker EBS per broker (GB)
   * @param peakWriteMbPerSecond producer MB/s at peak (before replication)
   * @param ingressGbPerMonth bytes written per month (GB, before replication)
   * @param retainedGb data retained (GB, before replication)
   * @param partitions partitions (MSK Serverless bills them)
   * @param egressGbPerMonth bytes read per month (GB)
   */
  public record StreamingPlan(String brokerInstanceType, int brokers, int replicationFactor,
      BigDecimal storageGbPerBroker, BigDecimal peakWriteMbPerSecond, BigDecimal ingressGbPerMonth,
      BigDecimal retainedGb, int partitions, BigDecimal egressGbPerMonth) {
  }

  /**
   * Volumes per month.
   *
   * @param monthlyRequests API requests
   * @param albLcus average ALB capacity units (the larger of the new-connection and processed-bytes dimensions)
   * @param egressGb API responses sent to the internet (GB)
   * @param cdnGb static assets sent by CloudFront (GB)
   * @param cdnRequests CloudFront requests
   * @param s3StorageGb assets stored (GB)
   * @param s3GetRequests S3 GETs (CloudFront cache misses)
   * @param s3PutRequests S3 PUTs
   * @param natGateways NAT gateways (one per zone)
   * @param natGb data processed by NAT (GB)
   * @param logIngestGb logs ingested (GB)
   * @param logStoredGb logs kept, steady state (GB)
   */
  public record TrafficPlan(BigDecimal monthlyRequests, BigDecimal albLcus, BigDecimal egressGb, BigDecimal cdnGb,
      BigDecimal cdnRequests, BigDecimal s3StorageGb, BigDecimal s3GetRequests, BigDecimal s3PutRequests,
      int natGateways, BigDecimal natGb, BigDecimal logIngestGb, BigDecimal logStoredGb) {
  }
}
