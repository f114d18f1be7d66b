data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, var.availability_zone_count)

  # /20 subnets carved out of the VPC: private (nodes, pods), public (ALB, NAT), database (Aurora, MSK).
  private_subnets  = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 4, i)]
  public_subnets   = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 4, i + 4)]
  database_subnets = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 4, i + 8)]

  # Replication of topics and of the transaction log: 3, or every broker of a smaller cluster.
  kafka_replication = min(3, var.msk_broker_count)

  # Kafka bootstrap string handed to the Helm chart (kafka.bootstrapServers); empty without MSK.
  kafka_bootstrap = !var.msk_enabled ? "" : var.msk_serverless ? aws_msk_serverless_cluster.this[0].arn : module.msk[0].bootstrap_brokers_tls

  # A single-AZ (staging) fleet keeps its nodes in the first zone; the subnets still span two zones because an
  # ALB and an RDS subnet group require two.
  node_subnets = slice(module.vpc.private_subnets, 0, var.node_zone_count)
}
