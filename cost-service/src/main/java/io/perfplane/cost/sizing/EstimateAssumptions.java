package io.perfplane.cost.sizing;

import static io.perfplane.cost.sizing.CostEstimator.plain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import io.perfplane.cost.catalog.PricingCatalog;
import io.perfplane.cost.scenario.Scenario;
import org.jspecify.annotations.Nullable;

/** Every number an estimate used, by name, so a reader can challenge it (see {@link Estimate#assumptions()}). */
final class EstimateAssumptions {

  private EstimateAssumptions() {
  }

  static Map<String, String> of(Fleet fleet, MeasuredCapacity capacity, Strategy strategy, SizingPolicy policy,
      PricingCatalog catalog, BigDecimal spotDiscount, int replicaFloor) {
    Scenario s = fleet.scenario();
    Map<String, String> map = new LinkedHashMap<>();
    map.put("strategy", strategy.id());
    map.put("scenario.usersPerMonth", Long.toString(s.usersPerMonth()));
    map.put("scenario.concurrentUsers", s.concurrentUsers().min() + "-" + s.concurrentUsers().max());
    map.put("scenario.peakFactor", plain(s.peakFactor()));
    map.put("scenario.sessionsPerUserPerMonth", plain(s.sessionsPerUserPerMonth()));
    map.put("scenario.requestsPerSession", plain(s.requestsPerSession()));
    map.put("scenario.sessionMinutes", plain(s.sessionMinutes()));
    map.put("scenario.retainedDataGb", plain(s.retainedDataGb()));
    map.put("scenario.availability", s.availability().id());
    map.put("scenario.usesKafka", Boolean.toString(s.usesKafka()));
    map.put("secondsPerMonth", Long.toString(Scenario.SECONDS_PER_MONTH));
    map.put("averageRps", plain(fleet.averageRps()));
    map.put("volumePeakRps", plain(s.volumePeakRps().setScale(6, RoundingMode.HALF_UP)));
    map.put("concurrencyPeakRps", plain(s.concurrencyPeakRps().setScale(6, RoundingMode.HALF_UP)));
    map.put("peakRps", plain(fleet.peakRps()));
    map.put("capacity", capacity(capacity));
    map.put("capacity.kind", capacity.kind().name());
    map.put("capacity.confidence", plain(BigDecimal.valueOf(capacity.confidence())));
    if (capacity.lowRpsPerReplica() != null || capacity.highRpsPerReplica() != null) {
      map.put("capacity.rangeRpsPerReplica", rate(capacity.lowRpsPerReplica()) + "-"
          + rate(capacity.highRpsPerReplica()));
    }
    map.put("measured.rpsPerReplica", plain(BigDecimal.valueOf(capacity.rpsPerReplica())));
    map.put("measured.sloHeld", Boolean.toString(capacity.sloHeld()));
    map.put("targetUtilization", plain(policy.targetUtilization()));
    map.put("usableRpsPerReplica", plain(fleet.usableRpsPerReplica()));
    map.put("replicas", Integer.toString(fleet.replicas()));
    map.put("replicas.floor", Integer.toString(replicaFloor));
    map.put("cpuPerReplica", plain(fleet.cpuPerReplica()));
    map.put("cpuPerReplica.source", fleet.cpuPerReplicaMeasured() ? "measured" : "policy default");
    map.put("memoryGiBPerReplica", plain(fleet.memoryGiBPerReplica()));
    map.put("zones", Integer.toString(fleet.zones()));
    map.put("node.instanceType", fleet.nodes().type().instanceType());
    map.put("node.vCPU", Integer.toString(fleet.nodes().type().vcpu()));
    map.put("replicasPerNode", Integer.toString(fleet.nodes().replicasPerNode()));
    map.put("nodes", Integer.toString(fleet.nodes().nodes()));
    map.put("node.alternatives", String.join(", ", fleet.nodeAlternatives().stream().limit(4)
        .map(p -> p.nodes() + "×" + p.type().instanceType() + " $" + plain(p.hourlyUsd()) + "/h").toList()));
    map.put("systemNodes", fleet.system().nodes() + "×" + fleet.system().instanceType());
    map.put("aurora.acuRange", plain(fleet.database().minAcu()) + "-" + plain(fleet.database().maxAcu()));
    map.put("aurora.averageAcu", plain(fleet.database().averageAcu()));
    map.put("aurora.instances", Integer.toString(fleet.database().instances()));
    Fleet.StreamingPlan msk = fleet.streaming();
    if (msk == null) {
      map.put("msk", "not priced: the workload uses no Kafka");
    } else {
      map.put("msk.brokers", Integer.toString(msk.brokers()));
      map.put("msk.peakWriteMbPerSecond", plain(msk.peakWriteMbPerSecond()));
    }
    map.put("natGateways", Integer.toString(fleet.traffic().natGateways()));
    map.put("alb.lcus", plain(fleet.traffic().albLcus()));
    map.put("egressGb", plain(fleet.traffic().egressGb()));
    map.put("cdnGb", plain(fleet.traffic().cdnGb()));
    if (strategy == Strategy.SPOT) {
      map.put("spot.share", plain(policy.strategies().spotShare()));
      map.put("spot.discount", plain(spotDiscount));
    }
    map.put("hoursPerMonth", Integer.toString(policy.hoursPerMonth()));
    map.put("catalog.version", catalog.version());
    map.put("catalog.effectiveDate", catalog.effectiveDate().toString());
    map.put("catalog.region", catalog.region());
    return map;
  }

  /** The capacity in words: what it is evidence of, and so how to read the fleet sized from it. */
  static String capacity(MeasuredCapacity capacity) {
    String rate = rate(capacity.rpsPerReplica());
    return switch (capacity.kind()) {
      case KNEE -> rate + " req/s per replica at the knee (confidence " + plain(BigDecimal.valueOf(
          capacity.confidence())) + (capacity.confidence() < 1.0 ? ", range " + rate(capacity.lowRpsPerReplica())
          + "–" + rate(capacity.highRpsPerReplica()) + " req/s per replica" : "") + ")";
      case LOWER_BOUND -> "≥ " + rate + " req/s per replica (not saturated): at most this fleet";
      case UPPER_BOUND -> "< " + rate + " req/s per replica (an SLO failed at the lowest load): at least this fleet";
      case UNKNOWN -> rate + " req/s per replica (kind unknown: a v1 capacity event)";
    };
  }

  /** A rate to 0.1 req/s for reading; "?" for an open end. */
  private static String rate(@Nullable Double rps) {
    return rps == null || !Double.isFinite(rps) ? "?"
        : plain(BigDecimal.valueOf(rps).setScale(1, RoundingMode.HALF_UP));
  }
}
