# 1k-users: 1,000 users/month, 10-20 concurrent, ~1 req/s at peak (cost-service scenarios/default.yml).
# cost-service's cost.auto.tfvars.json, when present, overrides the sizing below with measured figures.
aws_region  = "us-east-1"
owner       = "platform"
cost_center = "perfplane"

availability_zone_count = 2
nat_gateway_count       = 1

# Helm values-1k.yaml: 9 replicas x (1 vCPU, 1.5 GiB) = 9 vCPU, 13.5 GiB -> 3 x 4 vCPU/16 GiB Graviton nodes.
node_instance_types = ["m7g.xlarge", "m6g.xlarge"]
node_capacity_type  = "SPOT"
node_min_size       = 2
node_desired_size   = 3
node_max_size       = 4

aurora_min_acu        = 0.5
aurora_max_acu        = 4
aurora_instance_count = 2
aurora_storage_type   = "aurora"

msk_serverless           = false
msk_broker_instance_type = "kafka.m7g.large"
msk_broker_count         = 2
msk_ebs_volume_size_gb   = 20

monthly_budget_usd  = 900
budget_alert_emails = ["perfplane-costs@example.com"]
