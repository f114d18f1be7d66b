output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "EKS API server endpoint."
  value       = module.eks.cluster_endpoint
}

output "kafka_bootstrap_brokers" {
  description = "Kafka bootstrap string for the Helm chart's kafka.bootstrapServers (TLS listener; the cluster ARN when serverless)."
  value       = local.kafka_bootstrap
}

output "database_endpoint" {
  description = "Aurora writer endpoint; JDBC URL: jdbc:postgresql://<endpoint>:5432/perfplane?sslmode=require."
  value       = module.aurora.cluster_endpoint
}

output "database_master_secret_arn" {
  description = "Secrets Manager ARN of the Aurora master password (managed by RDS)."
  value       = module.aurora.cluster_master_user_secret[0].secret_arn
}

output "tokens_secret_arn" {
  description = "Secrets Manager ARN of the loadgen control and ingest tokens."
  value       = aws_secretsmanager_secret.tokens.arn
}

output "alb_target_group_arn" {
  description = "Target group for api-service (bind it with a TargetGroupBinding of the AWS Load Balancer Controller)."
  value       = aws_lb_target_group.api.arn
}

output "cloudfront_domain_name" {
  description = "Public HTTPS entry point (static assets and /api/*)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "static_bucket" {
  description = "Private S3 bucket behind CloudFront for static assets."
  value       = aws_s3_bucket.static.bucket
}

output "kms_key_arn" {
  description = "KMS key encrypting this stack's data at rest."
  value       = aws_kms_key.this.arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the CloudWatch alarms."
  value       = aws_sns_topic.alarms.arn
}

output "account_region" {
  description = "Account and region this stack was applied to."
  value       = "${data.aws_caller_identity.current.account_id}/${data.aws_region.current.name}"
}
