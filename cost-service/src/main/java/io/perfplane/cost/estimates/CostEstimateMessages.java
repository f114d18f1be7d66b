package io.perfplane.cost.estimates;

import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.CostItem;
import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.LineItem;
import io.perfplane.cost.sizing.MeasuredCapacity;

/** Maps between the Avro contracts and the sizing model, so Avro types stay at the Kafka edge. */
final class CostEstimateMessages {

  private CostEstimateMessages() {
  }

  static MeasuredCapacity capacityOf(CapacityEvent event) {
    return new MeasuredCapacity(event.getRpsPerReplica(), event.getCpuPerReplica(), event.getSloHeld());
  }

  static CostEstimate toAvro(RunEstimate runEstimate) {
    Estimate estimate = runEstimate.estimate();
    return CostEstimate.newBuilder()
        .setRunId(runEstimate.runId())
        .setScenario(estimate.scenario().name())
        .setMonthlyUsers(estimate.scenario().monthlyUsers())
        .setPeakRps(estimate.fleet().peakRps().doubleValue())
        .setCatalogVersion(estimate.catalogVersion())
        .setRegion(estimate.region())
        .setAtUs(runEstimate.atUs())
        .setMonthlyUsd(estimate.monthlyUsd())
        .setItems(estimate.items().stream().map(CostEstimateMessages::toAvro).toList())
        .setAssumptions(estimate.assumptions())
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
