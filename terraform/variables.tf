variable "environment" {
  type        = string
  description = "Environment name (environments/<name>/): resource names perfplane-<name>, tag Environment."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,19}$", var.environment))
    error_message = "environment must be 1-20 lowercase letters, digits or hyphens, e.g. 1k."
  }
}

variable "scenario" {
  type        = string
  description = "cost-service scenario this environment is sized for, e.g. 1k-users (tag Scenario)."
}

variable "aws_region" {
  type        = string
  description = "AWS region (cost-service prices one region: its catalog's)."
}

variable "owner" {
  type        = string
  description = "Team owning this stack (cost-allocation tag Owner)."
}

variable "cost_center" {
  type        = string
  description = "Cost center billed for this stack (cost-allocation tag CostCenter)."
}

variable "availability_zone_count" {
  type        = number
  description = "Availability zones (cost-service: fleet zones)."
}

variable "node_zone_count" {
  type        = number
  description = "Zones the nodes run in (cost-service: fleet zones; 1 for single-AZ staging)."
}

variable "nat_gateway_count" {
  type        = number
  description = "NAT gateways (cost-service: traffic natGateways)."
}

variable "app_replicas" {
  type        = number
  description = "api-service replicas at peak (cost-service); informational here, applied by the Helm values file."
  default     = 2
}

variable "node_instance_types" {
  type        = list(string)
  description = "EC2 types of the application node group (cost-service: cheapest type that packs the fleet)."
}

variable "node_capacity_type" {
  type        = string
  description = "SPOT or ON_DEMAND for the application node group."
}

variable "node_min_size" {
  type        = number
  description = "Minimum application nodes."
}

variable "node_desired_size" {
  type        = number
  description = "Initial application nodes."
}

variable "node_max_size" {
  type        = number
  description = "Maximum application nodes."
}

variable "aurora_min_acu" {
  type        = number
  description = "Aurora Serverless v2 minimum ACU."
}

variable "aurora_max_acu" {
  type        = number
  description = "Aurora Serverless v2 maximum ACU."
}

variable "aurora_instance_count" {
  type        = number
  description = "Aurora instances (writer plus readers)."
}

variable "aurora_storage_type" {
  type        = string
  description = "aurora (standard) or aurora-iopt1 (I/O-Optimized)."
}

variable "msk_enabled" {
  type        = bool
  description = "Provision MSK (cost-service: the scenario's workload uses Kafka)."
}

variable "msk_serverless" {
  type        = bool
  description = "MSK Serverless instead of provisioned brokers."
}

variable "msk_broker_instance_type" {
  type        = string
  description = "MSK broker instance type."
}

variable "msk_broker_count" {
  type        = number
  description = "MSK brokers."
}

variable "msk_ebs_volume_size_gb" {
  type        = number
  description = "EBS storage per MSK broker (GB)."
}

variable "monthly_budget_usd" {
  type        = number
  description = "AWS Budget limit (USD/month) used until cost-service exports an estimate (perfplane_monthly_usd)."
}

variable "budget_headroom" {
  type        = number
  description = "Budget = cost-service's monthly estimate x this factor, when the estimate is present."
  default     = 1.2
}

variable "budget_alert_emails" {
  type        = list(string)
  description = "Recipients of budget notifications and CloudWatch alarms."
}

# Written by cost-service (PERFPLANE_COST_TFVARS_DIR) into environments/<name>/cost.tfvars.json: where the sizing
# above came from. Empty until a load test has been priced.
variable "perfplane_run_id" {
  type        = string
  description = "Load-test run whose measured capacity sized this environment (cost-service export)."
  default     = ""
}

variable "perfplane_scenario" {
  type        = string
  description = "cost-service scenario the sizing was made for, e.g. 1k-users."
  default     = ""
}

variable "perfplane_strategy" {
  type        = string
  description = "cost-service pricing strategy of the export (on-demand, spot, ...)."
  default     = ""
}

variable "perfplane_catalog_version" {
  type        = string
  description = "Version of the AWS price catalog cost-service priced with."
  default     = ""
}

variable "perfplane_monthly_usd" {
  type        = string
  description = "cost-service's monthly estimate (USD, decimal string); sets the AWS Budget when present."
  default     = ""
}

variable "perfplane_capacity_kind" {
  type        = string
  description = "What the capacity sized from is evidence of: KNEE, LOWER_BOUND (fleet at most this), UPPER_BOUND (at least)."
  default     = ""
}

variable "perfplane_monthly_usd_low" {
  type        = string
  description = "Low end of cost-service's monthly range (USD, decimal string); empty when capacity is certain."
  default     = ""
}

variable "perfplane_monthly_usd_high" {
  type        = string
  description = "High end of cost-service's monthly range (USD); empty when capacity is certain or unbounded above."
  default     = ""
}
