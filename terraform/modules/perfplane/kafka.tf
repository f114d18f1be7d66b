# MSK exists only when msk_enabled: the workload (or perfplane's own pipeline, hosted in this stack) uses Kafka.
resource "aws_security_group" "msk" {
  count       = var.msk_enabled ? 1 : 0
  name        = "${var.name}-msk"
  description = "MSK brokers: TLS from the EKS nodes only"
  vpc_id      = module.vpc.vpc_id

  ingress {
    description     = "Kafka TLS from EKS nodes"
    from_port       = 9094
    to_port         = 9098
    protocol        = "tcp"
    security_groups = [module.eks.node_security_group_id]
  }

  egress {
    description = "Responses"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [var.vpc_cidr]
  }
}

module "msk" {
  source  = "terraform-aws-modules/msk-kafka-cluster/aws"
  version = "2.11.1"
  count   = var.msk_enabled && !var.msk_serverless ? 1 : 0

  name                   = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.msk_broker_count

  broker_node_client_subnets  = module.vpc.database_subnets
  broker_node_instance_type   = var.msk_broker_instance_type
  broker_node_security_groups = [aws_security_group.msk[0].id]
  broker_node_storage_info = {
    ebs_storage_info = { volume_size = var.msk_ebs_volume_size_gb }
  }

  encryption_at_rest_kms_key_arn      = aws_kms_key.this.arn
  encryption_in_transit_client_broker = "TLS"
  encryption_in_transit_in_cluster    = true

  configuration_name        = "${var.name}-kafka"
  configuration_description = "perfplane: replicated topics and an exactly-once-ready transaction log"
  configuration_server_properties = {
    "auto.create.topics.enable"                = false
    "default.replication.factor"               = local.kafka_replication
    "min.insync.replicas"                      = max(1, local.kafka_replication - 1)
    "transaction.state.log.replication.factor" = local.kafka_replication
    "transaction.state.log.min.isr"            = max(1, local.kafka_replication - 1)
  }

  cloudwatch_logs_enabled = true
}

resource "aws_msk_serverless_cluster" "this" {
  count        = var.msk_enabled && var.msk_serverless ? 1 : 0
  cluster_name = var.name

  vpc_config {
    subnet_ids         = module.vpc.database_subnets
    security_group_ids = [aws_security_group.msk[0].id]
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}
