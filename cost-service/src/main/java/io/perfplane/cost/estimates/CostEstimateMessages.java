package io.perfplane.cost.estimates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.CostItem;
import io.perfplane.cost.sizing.CapacityKind;
import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.LineItem;
import io.perfplane.cost.sizing.MeasuredCapacity;
import org.jspecify.annotations.Nullable;

/**
 * Maps between the Avro contracts and the sizing model, so Avro types stay at the Kafka edge.
 *
 * <p>v2 of the contract carries the capacity kind the estimate was sized from and its low-high monthly range.
 * The contract has no strategy, cost-per-user, growth or per-line assumption fields (yet): the on-demand estimate
 * keeps the plain scenario name (e.g. {@code 1k-users}), other strategies use {@code <scenario>/<strategy>}
 * (e.g. {@code 1k-users/spot}); the extra figures travel in {@code assumptions} as {@code costPerUserUsd},
 * {@code growthFactor10x}, {@code savingUsd} and {@code item.<n>.assumption}.
 */
final class CostEstimateMessages {

  private CostEstimateMessages() {
  }

  /**
   * The capacity per replica: the event's range is the target's total throughput, so it is divided by the replicas
   * that served it, as {@code rpsPerReplica} is. A v1 event reads as kind UNKNOWN without a range.
   */
  static MeasuredCapacity capacityOf(CapacityEvent event) {
    int replicas = Math.max(1, event.getReplicas());
    return new MeasuredCapacity(event.getRpsPerReplica(), event.getCpuPerReplica(), event.getSloHeld(),
        CapacityKind.valueOf(event.getKind().name()), event.getConfidence(), perReplica(event.getLowRps(), replicas),
        perReplica(event.getHighRps(), replicas));
  }

  private static @Nullable Double perReplica(@Nullable Double rps, int replicas) {
    return rps == null ? null : rps / replicas;
  }

  static CostEstimate toAvro(RunEstimate runEstimate) {
    Estimate estimate = runEstimate.estimate();
    Map<String, String> assumptions = new LinkedHashMap<>(estimate.assumptions());
    assumptions.put("costPerUserUsd", estimate.costPerUserUsd().toPlainString());
    assumptions.put("growthFactor10x", estimate.growthFactor10x().toPlainString());
    assumptions.put("savingUsd", estimate.savingUsd().toPlainString());
    List<LineItem> items = estimate.items();
    for (int i = 0; i < items.size(); i++) {
      assumptions.put("item." + i + ".assumption", items.get(i).assumption());
    }
    return CostEstimate.newBuilder()
        .setRunId(runEstimate.runId())
        .setScenario(estimate.qualifiedName())
        .setMonthlyUsers(estimate.scenario().usersPerMonth())
        .setPeakRps(estimate.fleet().peakRps().doubleValue())
        .setCatalogVersion(estimate.catalogVersion())
        .setRegion(estimate.region())
        .setAtUs(runEstimate.atUs())
        .setMonthlyUsd(estimate.monthlyUsd())
        .setItems(items.stream().map(CostEstimateMessages::toAvro).toList())
        .setAssumptions(assumptions)
        .setCapacityKind(estimate.capacityKind().name())
        .setMonthlyUsdLow(estimate.monthlyUsdLow())
        .setMonthlyUsdHigh(estimate.monthlyUsdHigh())
        .build();
  }

  private static CostItem toAvro(LineItem item) {
    return CostItem.newBuilder()
        .setService(item.service())
        .setDescription(item.description())
        .setUsageType(item.usageType())
        .setQuantity(item.quantity().doubleValue())
        .setUnit(item.unit())
        .setUnitPriceUsd(item.unitPriceUsd())
        .setMonthlyUsd(item.monthlyUsd())
        .build();
  }
}
