package io.perfplane.cost.terraform;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.Fleet;
import io.perfplane.cost.sizing.Strategy;
import org.jspecify.annotations.Nullable;

/**
 * The variables of {@code terraform/environments/<environment>/cost.tfvars.json}: what to provision (node type
 * and counts, Aurora ACU range, MSK brokers, NAT gateways) plus where the numbers came from. Every name is a variable
 * of the one root module {@code terraform/}, which is applied per environment with
 * {@code -var-file=environments/<environment>/environment.tfvars} and then this file as a second {@code -var-file}:
 * the later file wins, so measured figures override the hand-written ones. Numbers are JSON numbers, money is a
 * decimal string.
 *
 * <p>Zones: a single-AZ staging fleet runs its nodes, NAT gateway and Aurora instance in one zone, but its subnets
 * still span two, because an ALB and an RDS subnet group both require subnets in at least two availability zones.
 * So {@code availability_zone_count} (subnets) is at least 2 and {@code node_zone_count} is the fleet's zones.
 * MSK variables are written only when the workload uses Kafka ({@code msk_enabled}).
 */
public final class Tfvars {

  /**
   * File name in the environment's folder. Not {@code *.auto.tfvars.json}: Terraform auto-loads those only from the
   * root module's folder, where one file would size every environment alike.
   */
  public static final String FILE_NAME = "cost.tfvars.json";

  /** Zones an ALB and an RDS subnet group need subnets in, even for a single-AZ fleet. */
  static final int MIN_SUBNET_ZONES = 2;

  private Tfvars() {
  }

  /**
   * @param runId the run whose measured capacity the estimate was sized from
   * @param estimate the estimate
   * @return variable name → value, in a stable order
   */
  public static Map<String, Object> of(String runId, Estimate estimate) {
    Fleet fleet = estimate.fleet();
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("perfplane_run_id", runId);
    vars.put("perfplane_scenario", estimate.scenario().name());
    vars.put("perfplane_strategy", estimate.strategy().id());
    vars.put("perfplane_catalog_version", estimate.catalogVersion());
    vars.put("perfplane_monthly_usd", estimate.monthlyUsd().toPlainString());
    vars.put("perfplane_capacity_kind", estimate.capacityKind().name());
    // Terraform variables cannot be null from a tfvars file without a nullable declaration: "" is "no figure".
    vars.put("perfplane_monthly_usd_low", money(estimate.monthlyUsdLow()));
    vars.put("perfplane_monthly_usd_high", money(estimate.monthlyUsdHigh()));
    vars.put("aws_region", estimate.region());
    vars.put("availability_zone_count", Math.max(MIN_SUBNET_ZONES, fleet.zones()));
    vars.put("node_zone_count", fleet.zones());
    vars.put("app_replicas", fleet.replicas());
    vars.put("node_instance_types", List.of(fleet.nodes().type().instanceType()));
    // The fleet is sized for the peak; the autoscaler may shrink to one node per zone off-peak.
    vars.put("node_min_size", fleet.zones());
    vars.put("node_desired_size", fleet.nodes().nodes());
    vars.put("node_max_size", fleet.nodes().nodes());
    vars.put("node_capacity_type", estimate.strategy() == Strategy.SPOT ? "SPOT" : "ON_DEMAND");
    vars.put("aurora_min_acu", fleet.database().minAcu());
    vars.put("aurora_max_acu", fleet.database().maxAcu());
    vars.put("aurora_instance_count", fleet.database().instances());
    vars.put("aurora_storage_type", estimate.strategy() == Strategy.AURORA_IO_OPTIMIZED ? "aurora-iopt1" : "aurora");
    Fleet.StreamingPlan msk = fleet.streaming();
    vars.put("msk_enabled", msk != null);
    if (msk != null) {
      vars.put("msk_serverless", estimate.strategy() == Strategy.MSK_SERVERLESS);
      vars.put("msk_broker_instance_type", msk.brokerInstanceType());
      vars.put("msk_broker_count", msk.brokers());
      vars.put("msk_ebs_volume_size_gb", msk.storageGbPerBroker());
    }
    vars.put("nat_gateway_count", fleet.traffic().natGateways());
    return vars;
  }

  private static String money(@Nullable BigDecimal usd) {
    return usd == null ? "" : usd.toPlainString();
  }
}
