# 10k-users: 10,000 users/month, 150-1,500 concurrent, ~75 req/s at peak (cost-service scenarios/default.yml).
# cost-service's cost.auto.tfvars.json, when present, overrides the sizing below with measured figures.
aws_region  = "us-east-1"
owner       = "platform"
cost_center = "perfplane"

availability_zone_count = 3
nat_gateway_count       = 3

# Helm values-10k.yaml at HPA maximum: ~30 vCPU, ~45 GiB -> up to 10 x 4 vCPU/16 GiB nodes, Spot across types.
node_instance_types = ["m7g.xlarge", "m6g.xlarge", "c7g.2xlarge"]
node_capacity_type  = "SPOT"
node_min_size       = 3
node_desired_size   = 6
node_max_size       = 10

aurora_min_acu        = 1
aurora_max_acu        = 16
aurora_instance_count = 2
aurora_storage_type   = "aurora"

msk_serverless           = false
msk_broker_instance_type = "kafka.m7g.large"
msk_broker_count         = 3
msk_ebs_volume_size_gb   = 100

monthly_budget_usd  = 3000
budget_alert_emails = ["perfplane-costs@example.com"]
