package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.perfplane.cost.catalog.Discount;
import io.perfplane.cost.catalog.PriceEntry;
import io.perfplane.cost.catalog.PriceTier;
import io.perfplane.cost.catalog.PricingCatalog;
import io.perfplane.cost.scenario.Scenario;
import org.jspecify.annotations.Nullable;

/**
 * Prices a sized fleet from the catalog, once per {@link Strategy}. Every line is {@code quantity × unit price}
 * rounded HALF_UP to 6 decimals and a total is the exact sum of its lines. A tiered meter (data transfer, CloudFront,
 * S3 storage) gives one line per tier used, so that invariant holds for it too. Discounts are applied to the unit
 * price (on-demand × (1 − fraction), rounded to 6 decimals) and named in the line's assumption.
 *
 * <p>Not modelled: EBS root volumes of the nodes, inter-AZ transfer, the free tiers, taxes, support plans.
 */
public final class CostEstimator {

  /** Money and quantities are carried at this scale (USD micro-dollars), matching the Avro decimal(18,6). */
  public static final int SCALE = 6;

  private static final int GROWTH = 10;

  private final PricingCatalog catalog;
  private final SizingPolicy policy;
  private final PriceEntry broker;
  private final FleetSizer sizer;
  private final BigDecimal spotDiscount;

  /**
   * @throws IllegalArgumentException if the catalog lacks a price or discount the policy needs, or a node type
   *     has no vCPU/memory
   */
  public CostEstimator(PricingCatalog catalog, SizingPolicy policy) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.broker = catalog.instance(Meters.MSK_BROKER_HOUR, policy.streaming().brokerInstanceType());
    catalog.instance(Meters.EC2_INSTANCE_HOUR, policy.nodes().systemInstanceType());
    List<PriceEntry> nodes = policy.nodes().instanceTypes().isEmpty()
        ? catalog.instances(Meters.EC2_INSTANCE_HOUR)
        : policy.nodes().instanceTypes().stream().map(t -> catalog.instance(Meters.EC2_INSTANCE_HOUR, t)).toList();
    List<NodeType> candidates = nodes.stream().map(e -> {
      if (e.vcpu() == null || e.memoryGiB() == null) {
        throw new IllegalArgumentException("catalog " + catalog.version() + " gives no vCPU/memory for "
            + e.instanceType());
      }
      return new NodeType(Objects.requireNonNull(e.instanceType()), e.vcpu(), e.memoryGiB(), e.priceUsd());
    }).toList();
    this.sizer = new FleetSizer(policy, candidates);
    BigDecimal configuredSpot = policy.strategies().spotDiscount();
    this.spotDiscount = configuredSpot != null ? configuredSpot
        : catalog.discount(Meters.SPOT_DISCOUNT).fraction();
    // Fail at startup, not on the first event, if any other price is missing.
    for (String meter : List.of(Meters.EKS_CLUSTER_HOUR, Meters.AURORA_ACU_HOUR, Meters.AURORA_ACU_HOUR_IO_OPTIMIZED,
        Meters.AURORA_STORAGE, Meters.AURORA_STORAGE_IO_OPTIMIZED, Meters.AURORA_IO, Meters.MSK_STORAGE,
        Meters.MSK_SERVERLESS_CLUSTER_HOUR, Meters.MSK_SERVERLESS_PARTITION_HOUR, Meters.MSK_SERVERLESS_STORAGE,
        Meters.MSK_SERVERLESS_DATA_IN, Meters.MSK_SERVERLESS_DATA_OUT, Meters.ALB_HOUR, Meters.ALB_LCU_HOUR,
        Meters.NAT_HOUR, Meters.NAT_GB, Meters.CLOUDFRONT_DATA_OUT, Meters.CLOUDFRONT_REQUESTS, Meters.S3_STORAGE,
        Meters.S3_GET, Meters.S3_PUT, Meters.DATA_TRANSFER_OUT, Meters.LOGS_INGEST, Meters.LOGS_STORAGE)) {
      catalog.price(meter);
    }
    catalog.discount(Meters.SAVINGS_PLAN_DISCOUNT);
    catalog.discount(Meters.RESERVED_DISCOUNT);
  }

  /** Why no estimate can be made for {@code scenario} from {@code capacity}, or {@code null} when it can. */
  public @Nullable String unsizeableReason(Scenario scenario, MeasuredCapacity capacity) {
    return sizer.unsizeableReason(scenario, capacity);
  }

  /** Sizes the fleet of one scenario without pricing it. */
  public Fleet size(Scenario scenario, MeasuredCapacity capacity) {
    return sizer.size(scenario, capacity);
  }

  /**
   * Sizes one scenario and prices it with every strategy that applies to it, on-demand first ({@code msk-serverless}
   * only when the workload uses Kafka). Each estimate carries the cost range its capacity's kind and range imply
   * (see {@link FleetRange}).
   *
   * @throws IllegalArgumentException if {@link #unsizeableReason} is non-null
   */
  public List<Estimate> estimateAll(Scenario scenario, MeasuredCapacity capacity) {
    Fleet fleet = sizer.size(scenario, capacity);
    Fleet grown = sizer.size(scenario.grownBy(GROWTH), capacity);
    FleetRange range = FleetRange.of(sizer, scenario, capacity, fleet);
    BigDecimal onDemand = total(price(fleet, Strategy.ON_DEMAND, capacity.kind()));
    List<Estimate> estimates = new ArrayList<>();
    for (Strategy strategy : strategies(scenario)) {
      estimates.add(estimate(fleet, grown, range, capacity, strategy, onDemand));
    }
    return List.copyOf(estimates);
  }

  /** The strategies that apply to a scenario: MSK Serverless only replaces brokers a Kafka workload has. */
  public static List<Strategy> strategies(Scenario scenario) {
    return Arrays.stream(Strategy.values())
        .filter(s -> s != Strategy.MSK_SERVERLESS || scenario.usesKafka()).toList();
  }

  /**
   * Sizes and prices one scenario bought one way.
   *
   * @throws IllegalArgumentException if {@link #unsizeableReason} is non-null, or the strategy does not apply
   */
  public Estimate estimate(Scenario scenario, MeasuredCapacity capacity, Strategy strategy) {
    if (!strategies(scenario).contains(strategy)) {
      throw new IllegalArgumentException("strategy " + strategy.id() + " does not apply to scenario "
          + scenario.name() + ": its workload uses no Kafka");
    }
    Fleet fleet = sizer.size(scenario, capacity);
    Fleet grown = sizer.size(scenario.grownBy(GROWTH), capacity);
    return estimate(fleet, grown, FleetRange.of(sizer, scenario, capacity, fleet), capacity, strategy,
        total(price(fleet, Strategy.ON_DEMAND, capacity.kind())));
  }

  private Estimate estimate(Fleet fleet, Fleet grown, FleetRange range, MeasuredCapacity capacity, Strategy strategy,
      BigDecimal onDemandTotal) {
    List<LineItem> items = price(fleet, strategy, capacity.kind());
    BigDecimal total = total(items);
    BigDecimal perUser = total.divide(BigDecimal.valueOf(fleet.scenario().usersPerMonth()), SCALE,
        RoundingMode.HALF_UP);
    BigDecimal growth = total.signum() == 0 ? BigDecimal.ZERO
        : total(price(grown, strategy, capacity.kind())).divide(total, 4, RoundingMode.HALF_UP);
    BigDecimal low = null;
    BigDecimal high = null;
    if (range.ranged()) {
      // Sizing is monotonic in capacity, but clamp so that low <= point <= high holds by construction.
      low = range.cheapest() == null ? total : total(price(range.cheapest(), strategy, capacity.kind())).min(total);
      high = range.dearest() == null ? null : total(price(range.dearest(), strategy, capacity.kind())).max(total);
    }
    Map<String, String> assumptions = EstimateAssumptions.of(fleet, capacity, strategy, policy, catalog,
        spotDiscount, sizer.floor(fleet.scenario()));
    return new Estimate(fleet.scenario(), strategy, fleet, catalog.version(), catalog.region(), items, total,
        perUser, growth, onDemandTotal.subtract(total), assumptions, capacity.kind(), low, high);
  }

  private static BigDecimal total(List<LineItem> items) {
    return items.stream().map(LineItem::monthlyUsd).reduce(BigDecimal.ZERO.setScale(SCALE), BigDecimal::add);
  }

  private List<LineItem> price(Fleet fleet, Strategy strategy, CapacityKind kind) {
    BigDecimal hours = BigDecimal.valueOf(policy.hoursPerMonth());
    String hoursText = policy.hoursPerMonth() + " h/month";
    List<LineItem> items = new ArrayList<>();
    items.add(line(price(Meters.EKS_CLUSTER_HOUR), "EKS control plane, 1 cluster", hours, "1 cluster × " + hoursText));
    nodes(fleet, strategy, kind, hours, items);
    Fleet.SystemNodes system = fleet.system();
    if (system.nodes() > 0) {
      // Terraform's add-on node group is ON_DEMAND whatever the app nodes are bought as (see the policy).
      items.add(line(catalog.instance(Meters.EC2_INSTANCE_HOUR, system.instanceType()), "EKS system node group: "
          + system.nodes() + " × " + system.instanceType() + " (cluster add-ons, on-demand)",
          BigDecimal.valueOf(system.nodes()).multiply(hours), system.nodes() + " node(s) × " + hoursText
              + "; CoreDNS and other add-ons kept off the application nodes, so a Spot reclaim cannot take DNS down"));
    }

    Fleet.DatabasePlan db = fleet.database();
    boolean ioOptimized = strategy == Strategy.AURORA_IO_OPTIMIZED;
    items.add(line(price(ioOptimized ? Meters.AURORA_ACU_HOUR_IO_OPTIMIZED : Meters.AURORA_ACU_HOUR),
        "Aurora PostgreSQL Serverless v2" + (ioOptimized ? " I/O-Optimized" : "") + ", " + db.instances()
            + " instance(s), " + plain(db.minAcu()) + "-" + plain(db.maxAcu()) + " ACU",
        db.averageAcu().multiply(BigDecimal.valueOf(db.instances())).multiply(hours),
        "average " + plain(db.averageAcu()) + " ACU × " + db.instances() + " instance(s) × " + hoursText
            + "; ACU = rps × " + plain(policy.database().queriesPerRequest()) + " queries/request ÷ "
            + plain(policy.database().queriesPerSecondPerAcu()) + " queries/s per ACU, in 0.5 ACU steps"));
    items.add(line(price(ioOptimized ? Meters.AURORA_STORAGE_IO_OPTIMIZED : Meters.AURORA_STORAGE),
        "Aurora storage", db.storageGb(), "initial data + growth × " + fleet.scenario().retentionMonths()
            + " months retention"));
    if (!ioOptimized) {
      items.add(line(price(Meters.AURORA_IO), "Aurora I/O (Standard)", db.ioMillions(),
          plain(policy.database().ioPerRequest()) + " storage I/O per request × monthly requests"));
    }

    Fleet.StreamingPlan msk = fleet.streaming();
    if (msk == null) {
      // The workload uses no Kafka: no MSK line. perfplane's own pipeline is not the priced workload.
    } else if (strategy == Strategy.MSK_SERVERLESS) {
      items.add(line(price(Meters.MSK_SERVERLESS_CLUSTER_HOUR), "MSK Serverless cluster", hours,
          "1 cluster × " + hoursText));
      items.add(line(price(Meters.MSK_SERVERLESS_PARTITION_HOUR), "MSK Serverless partitions",
          BigDecimal.valueOf(msk.partitions()).multiply(hours), msk.partitions() + " partitions × " + hoursText));
      items.add(line(price(Meters.MSK_SERVERLESS_STORAGE), "MSK Serverless storage", msk.retainedGb(),
          policy.streaming().retentionDays() + " days of writes retained"));
      items.add(line(price(Meters.MSK_SERVERLESS_DATA_IN), "MSK Serverless data in", msk.ingressGbPerMonth(),
          plain(policy.streaming().bytesPerRequest()) + " bytes per request × monthly requests"));
      items.add(line(price(Meters.MSK_SERVERLESS_DATA_OUT), "MSK Serverless data out", msk.egressGbPerMonth(),
          "data in × " + plain(policy.streaming().consumerFanout()) + " consumer fan-out"));
    } else {
      items.add(line(broker, "MSK brokers: " + msk.brokers() + " × " + msk.brokerInstanceType(),
          BigDecimal.valueOf(msk.brokers()).multiply(hours), msk.brokers() + " brokers for "
              + plain(msk.peakWriteMbPerSecond()) + " MB/s peak writes × replication " + msk.replicationFactor()
              + " at " + plain(policy.streaming().brokerMbPerSecond()) + " MB/s per broker, spread over AZs"));
      items.add(line(price(Meters.MSK_STORAGE), "MSK broker storage: " + msk.brokers() + " × "
              + plain(msk.storageGbPerBroker()) + " GB",
          msk.storageGbPerBroker().multiply(BigDecimal.valueOf(msk.brokers())),
          policy.streaming().retentionDays() + " days retained × replication " + msk.replicationFactor()
              + " at 50 % fill, at least " + plain(policy.streaming().minStorageGbPerBroker()) + " GB per broker"));
    }

    Fleet.TrafficPlan t = fleet.traffic();
    items.add(line(price(Meters.ALB_HOUR), "Application Load Balancer, 1", hours, "1 ALB × " + hoursText));
    items.add(line(price(Meters.ALB_LCU_HOUR), "ALB capacity units", t.albLcus().multiply(hours),
        plain(t.albLcus()) + " LCU on average: the larger of average rps ÷ "
            + plain(policy.traffic().albNewConnectionsPerLcu()) + " new connections/s and processed GB/h"));
    items.add(line(price(Meters.NAT_HOUR), "NAT gateways: " + t.natGateways(),
        BigDecimal.valueOf(t.natGateways()).multiply(hours), (t.natGateways() == 1 ? "one, shared (single-AZ)"
            : "one per AZ") + " × " + hoursText));
    items.add(line(price(Meters.NAT_GB), "NAT gateway data processed", t.natGb(),
        plain(policy.traffic().natGbPerNodePerMonth()) + " GB per node × " + fleet.nodes().nodes() + " nodes"));
    items.addAll(tiered(price(Meters.DATA_TRANSFER_OUT), "Data transfer out (API responses)", t.egressGb(),
        plain(policy.traffic().responseKb()) + " KB per response × monthly requests"));
    items.addAll(tiered(price(Meters.CLOUDFRONT_DATA_OUT), "CloudFront data transfer out (static assets)", t.cdnGb(),
        plain(policy.traffic().assetKbPerSession()) + " KB per session × monthly sessions"));
    items.add(line(price(Meters.CLOUDFRONT_REQUESTS), "CloudFront HTTPS requests",
        t.cdnRequests().divide(BigDecimal.valueOf(10_000)), plain(policy.traffic().assetRequestsPerSession())
            + " requests per session × monthly sessions, per 10K"));
    items.addAll(tiered(price(Meters.S3_STORAGE), "S3 Standard storage (static assets)", t.s3StorageGb(),
        "assumed asset size"));
    items.add(line(price(Meters.S3_GET), "S3 GET requests (CloudFront misses)",
        t.s3GetRequests().divide(BigDecimal.valueOf(1000)), "CloudFront requests × (1 − "
            + plain(policy.traffic().cdnHitRatio()) + " hit ratio), per 1K"));
    items.add(line(price(Meters.S3_PUT), "S3 PUT requests", t.s3PutRequests().divide(BigDecimal.valueOf(1000)),
        "assumed writes per month, per 1K"));
    items.add(line(price(Meters.LOGS_INGEST), "CloudWatch Logs ingestion", t.logIngestGb(),
        plain(policy.traffic().logBytesPerRequest()) + " bytes per request × monthly requests"));
    items.add(line(price(Meters.LOGS_STORAGE), "CloudWatch Logs storage", t.logStoredGb(),
        "monthly ingestion × " + policy.traffic().logRetentionMonths() + " month(s) retention"));
    return items;
  }

  private void nodes(Fleet fleet, Strategy strategy, CapacityKind kind, BigDecimal hours, List<LineItem> items) {
    NodePacking packing = fleet.nodes();
    PriceEntry node = catalog.instance(Meters.EC2_INSTANCE_HOUR, packing.type().instanceType());
    // A bound must never read as a sizing at the knee: the line itself says which way the truth lies.
    String bound = switch (kind) {
      case LOWER_BOUND -> " (at most: capacity not saturated)";
      case UPPER_BOUND -> " (at least: an SLO failed at the lowest load)";
      default -> "";
    };
    String what = "EKS worker nodes: %d × " + packing.type().instanceType() + " for " + fleet.replicas()
        + " replicas" + bound;
    String packed = packing.replicasPerNode() + " replicas per node (" + plain(fleet.cpuPerReplica()) + " vCPU, "
        + plain(fleet.memoryGiBPerReplica()) + " GiB each), cheapest of " + fleet.nodeAlternatives().size()
        + " fitting types, spread over " + fleet.zones() + " AZ(s)";
    int count = packing.nodes();
    switch (strategy) {
      case SPOT -> {
        int spot = Math.min(BigDecimal.valueOf(count).multiply(policy.strategies().spotShare())
            .setScale(0, RoundingMode.FLOOR).intValueExact(), Math.max(0, count - policy.strategies().onDemandBaseNodes()));
        int onDemand = count - spot;
        items.add(line(node, what.formatted(onDemand) + " (on-demand)", BigDecimal.valueOf(onDemand).multiply(hours),
            packed + "; " + policy.strategies().onDemandBaseNodes() + " node(s) always on-demand"));
        items.add(discounted(node, spotDiscount, what.formatted(spot) + " (Spot)",
            BigDecimal.valueOf(spot).multiply(hours), "Spot share " + plain(policy.strategies().spotShare())
                + " of stateless nodes at " + plain(spotDiscount) + " off on-demand (assumption)"));
      }
      case SAVINGS_PLAN, RESERVED -> {
        Discount discount = catalog.discount(strategy == Strategy.RESERVED ? Meters.RESERVED_DISCOUNT
            : Meters.SAVINGS_PLAN_DISCOUNT);
        items.add(discounted(node, discount.fraction(), what.formatted(count) + " (" + discount.name() + ")",
            BigDecimal.valueOf(count).multiply(hours), packed + "; " + discount.name() + " at "
                + plain(discount.fraction()) + " off on-demand (assumption)"));
      }
      default -> items.add(line(node, what.formatted(count), BigDecimal.valueOf(count).multiply(hours),
          packed + " × " + policy.hoursPerMonth() + " h/month"));
    }
  }

  private PriceEntry price(String meter) {
    return catalog.price(meter);
  }

  private static LineItem line(PriceEntry price, String description, BigDecimal quantity, String assumption) {
    return item(price, description, quantity, price.priceUsd(), assumption);
  }

  private static LineItem discounted(PriceEntry price, BigDecimal fraction, String description, BigDecimal quantity,
      String assumption) {
    return item(price, description, quantity, price.priceUsd().multiply(BigDecimal.ONE.subtract(fraction)),
        assumption);
  }

  /** One line per tier the quantity reaches (at least the first, so a zero volume still shows its price). */
  private static List<LineItem> tiered(PriceEntry price, String description, BigDecimal quantity, String assumption) {
    if (!price.tiered()) {
      return List.of(line(price, description, quantity, assumption));
    }
    List<LineItem> lines = new ArrayList<>();
    for (PriceTier tier : price.tiers()) {
      BigDecimal share = tier.share(quantity);
      if (share.signum() > 0 || lines.isEmpty()) {
        String range = plain(tier.beginRange()) + "-" + (tier.endRange() == null ? "" : plain(tier.endRange()))
            + " " + price.unit();
        lines.add(item(price, description + ", tier " + range, share, tier.priceUsd(),
            assumption + "; tier " + range + " of " + plain(quantity) + " " + price.unit()));
      }
    }
    return lines;
  }

  private static LineItem item(PriceEntry price, String description, BigDecimal quantity, BigDecimal unitPriceUsd,
      String assumption) {
    BigDecimal scaledQuantity = quantity.setScale(SCALE, RoundingMode.HALF_UP);
    BigDecimal unitPrice = unitPriceUsd.setScale(SCALE, RoundingMode.HALF_UP);
    BigDecimal monthly = scaledQuantity.multiply(unitPrice).setScale(SCALE, RoundingMode.HALF_UP);
    String usageType = price.instanceType() != null ? price.instanceType() : price.usageType();
    return new LineItem(price.service(), description, usageType, scaledQuantity, price.unit(), unitPrice, monthly,
        assumption);
  }

  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
