variable "name" {
  type        = string
  description = "Name prefix of every resource, e.g. perfplane-1k."
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Environment (scenario) name: 1k or 10k."
}

variable "availability_zone_count" {
  type        = number
  description = "Availability zones the subnets span (at least 2: an ALB and an RDS subnet group need two); nodes use node_zone_count."
  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 3
    error_message = "availability_zone_count must be 2 or 3."
  }
}

variable "node_zone_count" {
  type        = number
  description = "Zones the nodes run in: 1 for single-AZ staging (cost-service: fleet zones), else availability_zone_count."
  validation {
    condition     = var.node_zone_count >= 1 && var.node_zone_count <= var.availability_zone_count
    error_message = "node_zone_count must be between 1 and availability_zone_count."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the VPC (a /16 is split into /20 subnets)."
  default     = "10.42.0.0/16"
}

variable "nat_gateway_count" {
  type        = number
  description = "NAT gateways: 1 (shared, cheaper) or one per availability zone (cost-service: traffic natGateways)."
}

variable "kubernetes_version" {
  type        = string
  description = "EKS control plane version."
  default     = "1.33"
}

variable "node_instance_types" {
  type        = list(string)
  description = "EC2 instance types of the application node group; several types make Spot capacity more available."
}

variable "node_capacity_type" {
  type        = string
  description = "Capacity type of the application node group: SPOT or ON_DEMAND."
  validation {
    condition     = contains(["SPOT", "ON_DEMAND"], var.node_capacity_type)
    error_message = "node_capacity_type must be SPOT or ON_DEMAND."
  }
}

variable "node_min_size" {
  type        = number
  description = "Minimum nodes of the application node group."
}

variable "node_desired_size" {
  type        = number
  description = "Initial nodes of the application node group (the cluster autoscaler moves it afterwards)."
}

variable "node_max_size" {
  type        = number
  description = "Maximum nodes of the application node group."
}

variable "aurora_min_acu" {
  type        = number
  description = "Aurora Serverless v2 minimum capacity (ACU, 0.5 steps)."
}

variable "aurora_max_acu" {
  type        = number
  description = "Aurora Serverless v2 maximum capacity (ACU)."
}

variable "aurora_instance_count" {
  type        = number
  description = "Aurora instances: 1 writer plus readers in other zones for failover."
}

variable "aurora_storage_type" {
  type        = string
  description = "Aurora storage: aurora (standard, pay per I/O) or aurora-iopt1 (I/O-Optimized)."
  validation {
    condition     = contains(["aurora", "aurora-iopt1"], var.aurora_storage_type)
    error_message = "aurora_storage_type must be aurora or aurora-iopt1."
  }
}

variable "msk_enabled" {
  type        = bool
  description = "Provision MSK: only when the workload uses Kafka (cost-service: scenario usesKafka), or to host perfplane's pipeline."
}

variable "msk_serverless" {
  type        = bool
  description = "Use MSK Serverless instead of provisioned brokers."
}

variable "msk_broker_instance_type" {
  type        = string
  description = "MSK broker instance type, e.g. kafka.m7g.large."
}

variable "msk_broker_count" {
  type        = number
  description = "MSK brokers (a multiple of the availability zone count)."
}

variable "msk_ebs_volume_size_gb" {
  type        = number
  description = "EBS storage per MSK broker (GB)."
}

variable "kafka_version" {
  type        = string
  description = "Apache Kafka version of the MSK cluster."
  default     = "3.8.x"
}

variable "monthly_budget_usd" {
  type        = number
  description = "AWS Budget limit per month (USD); alerts at 80 % actual and 100 % forecast."
}

variable "budget_alert_emails" {
  type        = list(string)
  description = "Addresses notified by the AWS Budget and the CloudWatch alarms."
}

variable "alarm_p95_latency_seconds" {
  type        = number
  description = "CloudWatch alarm threshold on the ALB's p95 target response time (seconds), the p95 SLO."
  default     = 0.5
}

variable "tags" {
  type        = map(string)
  description = "Cost-allocation tags; used where provider default_tags do not reach (AWS Budget filter)."
}
