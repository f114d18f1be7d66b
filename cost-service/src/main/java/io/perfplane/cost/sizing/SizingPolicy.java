package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Every assumption the sizing model makes that the load test does not measure. Each figure is quoted on the
 * estimate (see {@link Estimate#assumptions()}) so a reader can challenge it.
 *
 * @param targetUtilization fraction of the measured per-replica capacity a replica may use at peak, in (0, 1];
 *     0.6 leaves headroom for a lost zone's share and for scaling lag
 * @param minReplicas replicas a redundant (multi-AZ) tier keeps even when idle; raised to one per availability
 *     zone
 * @param stagingMinReplicas replicas a single-AZ staging tier keeps even when idle: staging trades redundancy for
 *     cost, so one is enough
 * @param defaultCpuPerReplica vCPUs requested per replica when the test did not report it
 * @param memoryGiBPerReplica memory requested per replica (GiB); the capacity event does not carry it
 * @param nodes worker-node packing
 * @param database Aurora sizing
 * @param streaming MSK sizing
 * @param traffic edge, egress, storage and logging volumes
 * @param strategies pricing-model assumptions
 * @param hoursPerMonth billable hours per month (AWS uses 730)
 */
public record SizingPolicy(BigDecimal targetUtilization, int minReplicas, int stagingMinReplicas,
    BigDecimal defaultCpuPerReplica,
    BigDecimal memoryGiBPerReplica, NodePolicy nodes, DatabasePolicy database, StreamingPolicy streaming,
    TrafficPolicy traffic, StrategyPolicy strategies, int hoursPerMonth) {

  /** The documented defaults. */
  public static SizingPolicy defaults() {
    return new SizingPolicy(new BigDecimal("0.6"), 2, 1, BigDecimal.ONE, new BigDecimal("1.5"),
        new NodePolicy(List.of(), new BigDecimal("0.1"), new BigDecimal("0.75"), false, "t4g.medium", 1),
        new DatabasePolicy(new BigDecimal("0.5"), BigDecimal.valueOf(64), BigDecimal.valueOf(2),
            BigDecimal.valueOf(150), BigDecimal.ONE),
        new StreamingPolicy("kafka.m7g.large", BigDecimal.valueOf(1000), BigDecimal.valueOf(20), 7,
            BigDecimal.valueOf(20), 30, BigDecimal.valueOf(2)),
        new TrafficPolicy(BigDecimal.valueOf(2), BigDecimal.valueOf(8), BigDecimal.valueOf(500),
            BigDecimal.valueOf(15), new BigDecimal("0.9"), BigDecimal.valueOf(2), BigDecimal.valueOf(10_000),
            BigDecimal.valueOf(800), 1, BigDecimal.valueOf(10), BigDecimal.valueOf(25), BigDecimal.ONE),
        new StrategyPolicy(new BigDecimal("0.7"), null, 1),
        730);
  }

  public SizingPolicy {
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(streaming, "streaming");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(strategies, "strategies");
    if (targetUtilization.signum() <= 0 || targetUtilization.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("targetUtilization must be in (0, 1]: " + targetUtilization);
    }
    if (minReplicas < 1 || stagingMinReplicas < 1) {
      throw new IllegalArgumentException("minReplicas and stagingMinReplicas must be >= 1: " + minReplicas + ", "
          + stagingMinReplicas);
    }
    if (defaultCpuPerReplica.signum() <= 0 || memoryGiBPerReplica.signum() <= 0) {
      throw new IllegalArgumentException("defaultCpuPerReplica and memoryGiBPerReplica must be > 0");
    }
    if (hoursPerMonth <= 0) {
      throw new IllegalArgumentException("hoursPerMonth must be > 0: " + hoursPerMonth);
    }
  }

  /** This policy with other node candidates (empty: every instance type of the catalog). */
  public SizingPolicy withNodeInstanceTypes(List<String> instanceTypes) {
    return new SizingPolicy(targetUtilization, minReplicas, stagingMinReplicas, defaultCpuPerReplica,
        memoryGiBPerReplica, new NodePolicy(instanceTypes, nodes.reservedVcpu(), nodes.reservedMemoryGiB(),
            nodes.burstableInProduction(), nodes.systemInstanceType(), nodes.systemNodes()), database, streaming, traffic, strategies, hoursPerMonth);
  }

  /** This policy with other strategy assumptions. */
  public SizingPolicy withStrategies(StrategyPolicy newStrategies) {
    return new SizingPolicy(targetUtilization, minReplicas, stagingMinReplicas, defaultCpuPerReplica,
        memoryGiBPerReplica, nodes, database, streaming, traffic, newStrategies, hoursPerMonth);
  }

  /**
   * @param instanceTypes EC2 types worker nodes may use (empty: every type the catalog prices)
   * @param reservedVcpu vCPU per node taken by the kubelet, kube-proxy and the VPC CNI daemonset
   * @param reservedMemoryGiB memory per node taken by the same (GiB)
   * @param burstableInProduction whether burstable {@code t*} types may carry multi-AZ production load (their CPU
   *     credits make sustained throughput unpredictable, so by default only staging uses them)
   * @param systemInstanceType EC2 type of the on-demand node group for cluster add-ons (CoreDNS, ...) that
   *     terraform/modules/perfplane provisions beside the application nodes, so a Spot reclaim never takes DNS down
   * @param systemNodes nodes of that group (its desired size), priced on-demand in every strategy
   */
  public record NodePolicy(List<String> instanceTypes, BigDecimal reservedVcpu, BigDecimal reservedMemoryGiB,
      boolean burstableInProduction, String systemInstanceType, int systemNodes) {

    public NodePolicy {
      instanceTypes = List.copyOf(instanceTypes);
      Objects.requireNonNull(systemInstanceType, "systemInstanceType");
      if (systemNodes < 0) {
        throw new IllegalArgumentException("systemNodes must be >= 0: " + systemNodes);
      }
      if (reservedVcpu.signum() < 0 || reservedMemoryGiB.signum() < 0) {
        throw new IllegalArgumentException("node reservations must be >= 0");
      }
    }
  }

  /**
   * @param minAcu Aurora Serverless v2 minimum capacity (ACU), billed around the clock
   * @param maxAcuCap highest maximum ACU the model will configure
   * @param queriesPerRequest SQL statements per API request
   * @param queriesPerSecondPerAcu statements/s one ACU (2 GiB, proportional CPU) serves at target latency
   * @param ioPerRequest storage I/O operations per API request that miss the buffer cache (Aurora Standard bills
   *     them)
   */
  public record DatabasePolicy(BigDecimal minAcu, BigDecimal maxAcuCap, BigDecimal queriesPerRequest,
      BigDecimal queriesPerSecondPerAcu, BigDecimal ioPerRequest) {

    public DatabasePolicy {
      if (minAcu.compareTo(new BigDecimal("0.5")) < 0 || maxAcuCap.compareTo(minAcu) < 0) {
        throw new IllegalArgumentException("Aurora minAcu must be >= 0.5 and <= maxAcuCap");
      }
      if (queriesPerSecondPerAcu.signum() <= 0 || queriesPerRequest.signum() < 0 || ioPerRequest.signum() < 0) {
        throw new IllegalArgumentException("Aurora load figures must be >= 0 (queriesPerSecondPerAcu > 0)");
      }
    }
  }

  /**
   * @param brokerInstanceType MSK broker type (must be in the catalog)
   * @param bytesPerRequest bytes written to Kafka per API request (request samples and domain events)
   * @param brokerMbPerSecond sustained write MB/s (incl. replication) one broker takes at target utilization
   * @param retentionDays days Kafka keeps data
   * @param minStorageGbPerBroker smallest EBS volume per broker (GB)
   * @param partitions partitions of the application's topics (MSK Serverless bills partition-hours)
   * @param consumerFanout bytes read per byte written (consumer groups)
   */
  public record StreamingPolicy(String brokerInstanceType, BigDecimal bytesPerRequest, BigDecimal brokerMbPerSecond,
      int retentionDays, BigDecimal minStorageGbPerBroker, int partitions, BigDecimal consumerFanout) {

    public StreamingPolicy {
      Objects.requireNonNull(brokerInstanceType, "brokerInstanceType");
      if (brokerMbPerSecond.signum() <= 0 || retentionDays < 1 || partitions < 1 || bytesPerRequest.signum() < 0
          || minStorageGbPerBroker.signum() < 0 || consumerFanout.signum() < 0) {
        throw new IllegalArgumentException("invalid MSK sizing figures");
      }
    }
  }

  /**
   * @param requestKb request size of an API call (KB, ALB processed bytes)
   * @param responseKb response size of an API call (KB, data transfer out)
   * @param assetKbPerSession static assets downloaded per session through CloudFront (KB)
   * @param assetRequestsPerSession CloudFront requests per session
   * @param cdnHitRatio fraction of CloudFront requests served from the edge cache (misses GET from S3)
   * @param assetStorageGb static assets kept in S3 (GB)
   * @param s3PutsPerMonth objects written to S3 per month (deployments, uploads)
   * @param logBytesPerRequest application and access log bytes per API request
   * @param logRetentionMonths months CloudWatch keeps logs
   * @param natGbPerNodePerMonth traffic each node sends through NAT (image pulls, external APIs), GB/month
   * @param albNewConnectionsPerLcu new connections/s one LCU covers (every API call is assumed a new connection)
   * @param albProcessedGbPerLcuHour processed GB per LCU-hour
   */
  public record TrafficPolicy(BigDecimal requestKb, BigDecimal responseKb, BigDecimal assetKbPerSession,
      BigDecimal assetRequestsPerSession, BigDecimal cdnHitRatio, BigDecimal assetStorageGb, BigDecimal s3PutsPerMonth,
      BigDecimal logBytesPerRequest, int logRetentionMonths, BigDecimal natGbPerNodePerMonth,
      BigDecimal albNewConnectionsPerLcu, BigDecimal albProcessedGbPerLcuHour) {

    public TrafficPolicy {
      if (cdnHitRatio.signum() < 0 || cdnHitRatio.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("cdnHitRatio must be in [0, 1]: " + cdnHitRatio);
      }
      if (albNewConnectionsPerLcu.signum() <= 0 || albProcessedGbPerLcuHour.signum() <= 0 || logRetentionMonths < 1) {
        throw new IllegalArgumentException("ALB LCU figures must be > 0 and log retention >= 1 month");
      }
    }
  }

  /**
   * @param spotShare fraction of the stateless worker nodes run on Spot in the spot strategy, in [0, 1]
   * @param spotDiscount Spot discount off on-demand, or {@code null} for the catalog's {@code ec2-spot} figure
   * @param onDemandBaseNodes nodes that stay on-demand whatever the share, so a Spot reclaim cannot take the
   *     whole service down
   */
  public record StrategyPolicy(BigDecimal spotShare, @Nullable BigDecimal spotDiscount, int onDemandBaseNodes) {

    public StrategyPolicy {
      if (spotShare.signum() < 0 || spotShare.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("spotShare must be in [0, 1]: " + spotShare);
      }
      if (spotDiscount != null && (spotDiscount.signum() < 0 || spotDiscount.compareTo(BigDecimal.ONE) >= 0)) {
        throw new IllegalArgumentException("spotDiscount must be in [0, 1): " + spotDiscount);
      }
      if (onDemandBaseNodes < 0) {
        throw new IllegalArgumentException("onDemandBaseNodes must be >= 0: " + onDemandBaseNodes);
      }
    }
  }
}
