package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.perfplane.cost.catalog.PriceEntry;
import io.perfplane.cost.catalog.PricingCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Prices a sized fleet from the catalog. Items: EKS control plane, EC2 worker nodes, Aurora Serverless v2 at its
 * minimum ACUs plus storage, MSK brokers plus storage, one ALB plus its LCUs. Every line is
 * {@code quantity × unit price} rounded HALF_UP to 6 decimals and the total is the exact sum of the lines.
 *
 * <p>Deliberately not modelled yet: data transfer, NAT gateways, Aurora I/O, EBS volumes of the nodes, load-driven
 * Aurora/MSK scaling (both sit at their configured floor, which the walking-skeleton loads never exceed).
 */
public final class CostEstimator {

  /** Money and quantities are carried at this scale (USD micro-dollars), matching the Avro decimal(18,6). */
  public static final int SCALE = 6;

  private final PricingCatalog catalog;
  private final SizingPolicy policy;
  private final PriceEntry node;
  private final PriceEntry broker;
  private final FleetSizer sizer;

  /**
   * @throws IllegalArgumentException if the catalog lacks a price the policy needs or the node type has no vCPU
   */
  public CostEstimator(PricingCatalog catalog, SizingPolicy policy) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.node = catalog.instance(Meters.EC2_INSTANCE_HOUR, policy.nodeInstanceType());
    this.broker = catalog.instance(Meters.MSK_BROKER_HOUR, policy.mskBrokerInstanceType());
    Integer vcpu = node.vcpu();
    if (vcpu == null) {
      throw new IllegalArgumentException("catalog " + catalog.version() + " gives no vCPU for "
          + policy.nodeInstanceType());
    }
    this.sizer = new FleetSizer(policy, vcpu);
    // Fail at startup, not on the first event, if any other price is missing.
    for (String meter : List.of(Meters.EKS_CLUSTER_HOUR, Meters.AURORA_ACU_HOUR, Meters.AURORA_STORAGE,
        Meters.MSK_STORAGE, Meters.ALB_HOUR, Meters.ALB_LCU_HOUR)) {
      catalog.price(meter);
    }
  }

  /** Why no estimate can be made from {@code capacity}, or {@code null} when it can. */
  public @Nullable String unsizeableReason(MeasuredCapacity capacity) {
    return sizer.unsizeableReason(capacity);
  }

  /**
   * Sizes and prices one scenario.
   *
   * @throws IllegalArgumentException if {@link #unsizeableReason} is non-null
   */
  public Estimate estimate(Scenario scenario, MeasuredCapacity capacity) {
    Fleet fleet = sizer.size(scenario, capacity);
    BigDecimal hours = BigDecimal.valueOf(policy.hoursPerMonth());
    List<LineItem> items = new ArrayList<>();
    items.add(line(catalog.price(Meters.EKS_CLUSTER_HOUR), "EKS control plane, 1 cluster", hours));
    items.add(line(node, "EKS worker nodes: " + fleet.nodes() + " × " + policy.nodeInstanceType() + " for "
        + fleet.replicas() + " replicas", hours.multiply(BigDecimal.valueOf(fleet.nodes()))));
    items.add(line(catalog.price(Meters.AURORA_ACU_HOUR), "Aurora PostgreSQL Serverless v2 at minimum "
        + policy.auroraMinAcu().toPlainString() + " ACU", hours.multiply(policy.auroraMinAcu())));
    items.add(line(catalog.price(Meters.AURORA_STORAGE), "Aurora storage", policy.auroraStorageGb()));
    items.add(line(broker, "MSK brokers: " + policy.mskBrokers() + " × " + policy.mskBrokerInstanceType(),
        hours.multiply(BigDecimal.valueOf(policy.mskBrokers()))));
    items.add(line(catalog.price(Meters.MSK_STORAGE), "MSK broker storage: " + policy.mskBrokers() + " × "
        + policy.mskStorageGbPerBroker().toPlainString() + " GB",
        policy.mskStorageGbPerBroker().multiply(BigDecimal.valueOf(policy.mskBrokers()))));
    items.add(line(catalog.price(Meters.ALB_HOUR), "Application Load Balancer, 1", hours));
    items.add(line(catalog.price(Meters.ALB_LCU_HOUR), "ALB capacity units at average load",
        hours.multiply(fleet.albLcus())));
    BigDecimal total = items.stream().map(LineItem::monthlyUsd).reduce(BigDecimal.ZERO.setScale(SCALE),
        BigDecimal::add);
    return new Estimate(scenario, fleet, catalog.version(), catalog.region(), items, total,
        assumptions(scenario, capacity, fleet));
  }

  private static LineItem line(PriceEntry price, String description, BigDecimal quantity) {
    BigDecimal scaledQuantity = quantity.setScale(SCALE, RoundingMode.HALF_UP);
    BigDecimal unitPrice = price.priceUsd().setScale(SCALE, RoundingMode.HALF_UP);
    BigDecimal monthly = scaledQuantity.multiply(unitPrice).setScale(SCALE, RoundingMode.HALF_UP);
    String usageType = price.instanceType() != null ? price.instanceType() : price.usageType();
    return new LineItem(price.service(), description, usageType, scaledQuantity, price.unit(), unitPrice, monthly);
  }

  private Map<String, String> assumptions(Scenario scenario, MeasuredCapacity capacity, Fleet fleet) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("scenario.monthlyUsers", Long.toString(scenario.monthlyUsers()));
    map.put("scenario.requestsPerUserPerMonth", plain(scenario.requestsPerUserPerMonth()));
    map.put("scenario.peakToAverage", plain(scenario.peakToAverage()));
    map.put("secondsPerMonth", Long.toString(Scenario.SECONDS_PER_MONTH));
    map.put("averageRps", fleet.averageRps().toPlainString());
    map.put("peakRps", fleet.peakRps().toPlainString());
    map.put("measured.rpsPerReplica", plain(capacity.rpsPerReplica()));
    map.put("measured.sloHeld", Boolean.toString(capacity.sloHeld()));
    map.put("targetUtilization", policy.targetUtilization().toPlainString());
    map.put("usableRpsPerReplica", fleet.usableRpsPerReplica().toPlainString());
    map.put("minReplicas", Integer.toString(policy.minReplicas()));
    map.put("replicas", Integer.toString(fleet.replicas()));
    map.put("cpuPerReplica", fleet.cpuPerReplica().toPlainString());
    map.put("cpuPerReplica.source", fleet.cpuPerReplicaMeasured() ? "measured" : "policy default");
    map.put("node.instanceType", policy.nodeInstanceType());
    map.put("node.vCPU", Integer.toString(fleet.nodeVcpu()));
    map.put("replicasPerNode", Integer.toString(fleet.replicasPerNode()));
    map.put("minNodes", Integer.toString(policy.minNodes()));
    map.put("nodes", Integer.toString(fleet.nodes()));
    map.put("aurora.minAcu", policy.auroraMinAcu().toPlainString());
    map.put("aurora.storageGb", policy.auroraStorageGb().toPlainString());
    map.put("msk.brokerInstanceType", policy.mskBrokerInstanceType());
    map.put("msk.brokers", Integer.toString(policy.mskBrokers()));
    map.put("msk.storageGbPerBroker", policy.mskStorageGbPerBroker().toPlainString());
    map.put("alb.requestsPerLcu", policy.albRequestsPerLcu().toPlainString());
    map.put("alb.lcus", fleet.albLcus().toPlainString());
    map.put("hoursPerMonth", Integer.toString(policy.hoursPerMonth()));
    map.put("catalog.version", catalog.version());
    map.put("catalog.effectiveDate", catalog.effectiveDate().toString());
    map.put("catalog.region", catalog.region());
    return map;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
