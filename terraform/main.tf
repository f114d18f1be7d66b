# perfplane for one cost scenario (cost-service scenarios/default.yml), applied per environment:
#   terraform plan -var-file=environments/<name>/environment.tfvars [-var-file=environments/<name>/cost.tfvars.json]
# Sizing variables come from environment.tfvars and, once a load test has been priced, from cost-service's
# cost.tfvars.json, which wins because it is passed last. State per environment: environments/<name>/backend.hcl.
locals {
  environment = var.environment

  tags = {
    Project     = "perfplane"
    Environment = local.environment
    Scenario    = var.scenario
    Owner       = var.owner
    CostCenter  = var.cost_center
    ManagedBy   = "terraform"
  }

  monthly_budget_usd = var.perfplane_monthly_usd != "" ? ceil(tonumber(var.perfplane_monthly_usd) * var.budget_headroom) : var.monthly_budget_usd
}

module "perfplane" {
  source = "./modules/perfplane"

  name        = "perfplane-${var.environment}"
  environment = local.environment
  tags        = local.tags

  availability_zone_count = var.availability_zone_count
  node_zone_count         = var.node_zone_count
  nat_gateway_count       = var.nat_gateway_count

  node_instance_types = var.node_instance_types
  node_capacity_type  = var.node_capacity_type
  node_min_size       = var.node_min_size
  node_desired_size   = var.node_desired_size
  node_max_size       = var.node_max_size

  aurora_min_acu        = var.aurora_min_acu
  aurora_max_acu        = var.aurora_max_acu
  aurora_instance_count = var.aurora_instance_count
  aurora_storage_type   = var.aurora_storage_type

  msk_enabled              = var.msk_enabled
  msk_serverless           = var.msk_serverless
  msk_broker_instance_type = var.msk_broker_instance_type
  msk_broker_count         = var.msk_broker_count
  msk_ebs_volume_size_gb   = var.msk_ebs_volume_size_gb

  monthly_budget_usd  = local.monthly_budget_usd
  budget_alert_emails = var.budget_alert_emails
}
