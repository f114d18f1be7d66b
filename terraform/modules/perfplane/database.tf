module "aurora" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "9.15.0"

  name           = var.name
  engine         = "aurora-postgresql"
  engine_mode    = "provisioned"
  engine_version = "16.6"
  instance_class = "db.serverless"
  instances      = { for i in range(var.aurora_instance_count) : "instance-${i + 1}" => {} }

  serverlessv2_scaling_configuration = {
    min_capacity = var.aurora_min_acu
    max_capacity = var.aurora_max_acu
  }

  database_name   = "perfplane"
  master_username = "perfplane"
  # RDS generates the password and keeps it in Secrets Manager, encrypted with this stack's key.
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.this.arn

  vpc_id               = module.vpc.vpc_id
  db_subnet_group_name = module.vpc.database_subnet_group_name
  security_group_rules = {
    from_eks_nodes = {
      source_security_group_id = module.eks.node_security_group_id
    }
  }

  storage_type      = var.aurora_storage_type
  storage_encrypted = true
  kms_key_id        = aws_kms_key.this.arn

  backup_retention_period         = 7
  deletion_protection             = true
  skip_final_snapshot             = false
  enabled_cloudwatch_logs_exports = ["postgresql"]
}
