package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

import io.perfplane.cost.scenario.Scenario;
import org.jspecify.annotations.Nullable;

/**
 * Sizes a fleet from a scenario and a measured capacity. Arithmetic is decimal so that an exact fit (6 rps at 3
 * usable rps per replica) gives 2 replicas, not 3.
 *
 * <ul>
 *   <li>replicas = max(floor, ⌈peakRps / (rpsPerReplica × targetUtilization)⌉), rounded up to a multiple of the
 *       zone count; the floor is max(minReplicas, zones) for a redundant tier, stagingMinReplicas for single-AZ
 *       staging;</li>
 *   <li>nodes: the cheapest {@link NodePacker packing} over the candidates (burstable types only for single-AZ
 *       staging unless the policy allows them);</li>
 *   <li>Aurora: ACU = rps × queries per request / queries per ACU-second; max at peak, billed at the average, both
 *       rounded up to 0.5 ACU and at least the minimum; storage = retained data; I/O = requests × I/O per request;</li>
 *   <li>the add-on node group: the policy's type and count;</li>
 *   <li>MSK, only when the scenario's workload uses Kafka: brokers = ⌈peak write MB/s × replication / broker MB/s⌉, at least one per MSK zone (2 or 3), a
 *       multiple of it; storage per broker holds the retained, replicated data at 50 % fill;</li>
 *   <li>ALB LCUs, egress, CloudFront/S3, NAT and log volumes from the month's requests and sessions.</li>
 * </ul>
 */
final class FleetSizer {

  private static final BigDecimal HALF = new BigDecimal("0.5");
  /** Aurora Serverless v2 refuses a maximum capacity below 1 ACU (the minimum may be 0.5). */
  private static final BigDecimal LOWEST_MAX_ACU = BigDecimal.ONE;
  private static final BigDecimal KB_PER_GB = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000);
  private static final BigDecimal BYTES_PER_MB = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final SizingPolicy policy;
  private final List<NodeType> candidates;
  private final NodePacker packer;

  /**
   * @param policy sizing policy
   * @param candidates worker-node types to choose from (from the pricing catalog), at least one
   */
  public FleetSizer(SizingPolicy policy, List<NodeType> candidates) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.candidates = List.copyOf(candidates);
    if (this.candidates.isEmpty()) {
      throw new IllegalArgumentException("no worker-node candidates");
    }
    this.packer = new NodePacker(policy.nodes().reservedVcpu(), policy.nodes().reservedMemoryGiB());
  }

  /**
   * Sizes the fleet for a scenario.
   *
   * @throws IllegalArgumentException if the capacity is unusable (see {@link #unsizeableReason})
   */
  public Fleet size(Scenario scenario, MeasuredCapacity capacity) {
    return size(scenario, capacity, false);
  }

  /**
   * The scenario's minimum fleet: the replica floor of its tier, whatever the capacity (the cheapest fleet a
   * capacity known only from below can turn out to need).
   *
   * @throws IllegalArgumentException if the capacity is unusable (see {@link #unsizeableReason})
   */
  public Fleet minimum(Scenario scenario, MeasuredCapacity capacity) {
    return size(scenario, capacity, true);
  }

  /** Fewest replicas the scenario's tier keeps, even idle. */
  public int floor(Scenario scenario) {
    int zones = scenario.availability().zones();
    int floor = scenario.availability().redundant() ? Math.max(policy.minReplicas(), zones)
        : Math.max(policy.stagingMinReplicas(), zones);
    return Math.ceilDiv(floor, zones) * zones;
  }

  private Fleet size(Scenario scenario, MeasuredCapacity capacity, boolean minimum) {
    String reason = unsizeableReason(scenario, capacity);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    int zones = scenario.availability().zones();
    BigDecimal averageRps = scenario.averageRps().setScale(6, RoundingMode.HALF_UP);
    BigDecimal peakRps = scenario.peakRps();
    BigDecimal usable = BigDecimal.valueOf(capacity.rpsPerReplica()).multiply(policy.targetUtilization());
    int needed = minimum ? 0
        : peakRps.divide(usable, MathContext.DECIMAL64).setScale(0, RoundingMode.CEILING).intValueExact();
    int replicas = Math.ceilDiv(Math.max(floor(scenario), needed), zones) * zones;
    BigDecimal cpu = cpuPerReplica(capacity);
    List<NodePacking> packings = packer.pack(replicas, cpu, policy.memoryGiBPerReplica(), zones,
        candidatesFor(scenario));
    NodePacking nodes = packings.getFirst();
    return new Fleet(scenario, averageRps, peakRps, usable, replicas, cpu, capacity.cpuPerReplica() != null,
        policy.memoryGiBPerReplica(), zones, nodes, packings,
        new Fleet.SystemNodes(policy.nodes().systemInstanceType(), policy.nodes().systemNodes()),
        database(scenario, averageRps, peakRps), scenario.usesKafka() ? streaming(scenario, peakRps) : null,
        traffic(scenario, zones, nodes.nodes()));
  }

  /** Why no fleet can be sized for {@code scenario} from {@code capacity}, or {@code null} when it can. */
  public @Nullable String unsizeableReason(Scenario scenario, MeasuredCapacity capacity) {
    var unusable = capacity.unusableReason();
    if (unusable.isPresent()) {
      return unusable.get();
    }
    BigDecimal cpu = cpuPerReplica(capacity);
    boolean fits = candidatesFor(scenario).stream()
        .anyMatch(type -> packer.fit(type, cpu, policy.memoryGiBPerReplica()) >= 1);
    if (!fits) {
      return "a replica needs " + cpu.stripTrailingZeros().toPlainString() + " vCPU and "
          + policy.memoryGiBPerReplica().stripTrailingZeros().toPlainString()
          + " GiB, more than any candidate node type of scenario " + scenario.name() + " offers";
    }
    return null;
  }

  private List<NodeType> candidatesFor(Scenario scenario) {
    boolean burstableAllowed = !scenario.availability().redundant() || policy.nodes().burstableInProduction();
    return candidates.stream().filter(type -> burstableAllowed || !type.burstable()).toList();
  }

  private Fleet.DatabasePlan database(Scenario scenario, BigDecimal averageRps, BigDecimal peakRps) {
    SizingPolicy.DatabasePolicy db = policy.database();
    BigDecimal maxAcu = halfUnits(acuAt(peakRps)).max(db.minAcu()).max(LOWEST_MAX_ACU).min(db.maxAcuCap());
    BigDecimal averageAcu = halfUnits(acuAt(averageRps)).max(db.minAcu()).min(maxAcu);
    int instances = scenario.availability().redundant() ? 2 : 1;
    BigDecimal io = scenario.monthlyRequests().multiply(db.ioPerRequest()).divide(MILLION, 6, RoundingMode.HALF_UP);
    return new Fleet.DatabasePlan(db.minAcu(), maxAcu, averageAcu, instances, scenario.retainedDataGb(), io);
  }

  private BigDecimal acuAt(BigDecimal rps) {
    return rps.multiply(policy.database().queriesPerRequest())
        .divide(policy.database().queriesPerSecondPerAcu(), MathContext.DECIMAL64);
  }

  /** Serverless v2 scales in 0.5 ACU steps: round up to the next one. */
  private static BigDecimal halfUnits(BigDecimal acu) {
    return acu.divide(HALF, 0, RoundingMode.CEILING).multiply(HALF);
  }

  private Fleet.StreamingPlan streaming(Scenario scenario, BigDecimal peakRps) {
    SizingPolicy.StreamingPolicy msk = policy.streaming();
    // MSK spreads brokers over 2 or 3 zones; a single-AZ staging cluster still needs two.
    int mskZones = Math.max(2, scenario.availability().zones());
    int replication = scenario.availability().redundant() ? 3 : 2;
    BigDecimal peakMb = peakRps.multiply(msk.bytesPerRequest()).divide(BYTES_PER_MB, 6, RoundingMode.HALF_UP);
    int byThroughput = peakMb.multiply(BigDecimal.valueOf(replication))
        .divide(msk.brokerMbPerSecond(), 0, RoundingMode.CEILING).intValueExact();
    int brokers = Math.ceilDiv(Math.max(Math.max(mskZones, replication), byThroughput), mskZones) * mskZones;
    BigDecimal ingressGb = scenario.monthlyRequests().multiply(msk.bytesPerRequest())
        .divide(BYTES_PER_GB, 6, RoundingMode.HALF_UP);
    BigDecimal retainedGb = ingressGb.multiply(BigDecimal.valueOf(msk.retentionDays()))
        .divide(BigDecimal.valueOf(30), 6, RoundingMode.HALF_UP);
    // Replicated retained data at 50 % fill, whole GB per broker.
    BigDecimal perBroker = retainedGb.multiply(BigDecimal.valueOf(replication)).multiply(BigDecimal.TWO)
        .divide(BigDecimal.valueOf(brokers), 0, RoundingMode.CEILING).max(msk.minStorageGbPerBroker());
    BigDecimal egressGb = ingressGb.multiply(msk.consumerFanout()).setScale(6, RoundingMode.HALF_UP);
    return new Fleet.StreamingPlan(msk.brokerInstanceType(), brokers, replication, perBroker, peakMb, ingressGb,
        retainedGb, msk.partitions(), egressGb);
  }

  private Fleet.TrafficPlan traffic(Scenario scenario, int zones, int nodes) {
    SizingPolicy.TrafficPolicy t = policy.traffic();
    BigDecimal requests = scenario.monthlyRequests();
    BigDecimal sessions = scenario.monthlySessions();
    BigDecimal hours = BigDecimal.valueOf(policy.hoursPerMonth());
    BigDecimal averageRps = scenario.averageRps();
    BigDecimal byConnections = averageRps.divide(t.albNewConnectionsPerLcu(), MathContext.DECIMAL64);
    BigDecimal processedGbPerHour = requests.multiply(t.requestKb().add(t.responseKb()))
        .divide(KB_PER_GB, MathContext.DECIMAL64).divide(hours, MathContext.DECIMAL64);
    BigDecimal byBytes = processedGbPerHour.divide(t.albProcessedGbPerLcuHour(), MathContext.DECIMAL64);
    BigDecimal lcus = byConnections.max(byBytes).setScale(6, RoundingMode.HALF_UP);
    BigDecimal egressGb = gb(requests.multiply(t.responseKb()));
    BigDecimal cdnGb = gb(sessions.multiply(t.assetKbPerSession()));
    BigDecimal cdnRequests = sessions.multiply(t.assetRequestsPerSession()).setScale(0, RoundingMode.CEILING);
    BigDecimal s3Gets = cdnRequests.multiply(BigDecimal.ONE.subtract(t.cdnHitRatio()))
        .setScale(0, RoundingMode.CEILING);
    BigDecimal logIngest = requests.multiply(t.logBytesPerRequest()).divide(BYTES_PER_GB, 6, RoundingMode.HALF_UP);
    BigDecimal logStored = logIngest.multiply(BigDecimal.valueOf(t.logRetentionMonths()));
    BigDecimal natGb = t.natGbPerNodePerMonth().multiply(BigDecimal.valueOf(nodes));
    return new Fleet.TrafficPlan(requests, lcus, egressGb, cdnGb, cdnRequests, t.assetStorageGb(), s3Gets,
        t.s3PutsPerMonth(), zones, natGb, logIngest, logStored);
  }

  private static BigDecimal gb(BigDecimal kb) {
    return kb.divide(KB_PER_GB, 6, RoundingMode.HALF_UP);
  }

  private BigDecimal cpuPerReplica(MeasuredCapacity capacity) {
    Double measured = capacity.cpuPerReplica();
    return measured == null ? policy.defaultCpuPerReplica() : BigDecimal.valueOf(measured);
  }
}
