output "cluster_name" {
  description = "EKS cluster: aws eks update-kubeconfig --name <this>."
  value       = module.perfplane.cluster_name
}

output "kafka_bootstrap_brokers" {
  description = "Helm values kafka.bootstrapServers (deploy/helm/perfplane/values-<environment>.yaml)."
  value       = module.perfplane.kafka_bootstrap_brokers
}

output "database_endpoint" {
  description = "Helm values database.url host (deploy/helm/perfplane/values-<environment>.yaml)."
  value       = module.perfplane.database_endpoint
}

output "database_master_secret_arn" {
  description = "Aurora master password in Secrets Manager (sync to the perfplane-db Kubernetes Secret)."
  value       = module.perfplane.database_master_secret_arn
}

output "tokens_secret_arn" {
  description = "perfplane tokens in Secrets Manager (sync to the perfplane-tokens Kubernetes Secret)."
  value       = module.perfplane.tokens_secret_arn
}

output "cloudfront_domain_name" {
  description = "Public HTTPS entry point."
  value       = module.perfplane.cloudfront_domain_name
}

output "alb_target_group_arn" {
  description = "api-service target group for the AWS Load Balancer Controller's TargetGroupBinding."
  value       = module.perfplane.alb_target_group_arn
}

output "monthly_budget_usd" {
  description = "AWS Budget limit in force (cost-service estimate x headroom, else monthly_budget_usd)."
  value       = local.monthly_budget_usd
}
