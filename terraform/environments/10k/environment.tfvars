# 10k-users: 10,000 users/month, 150-1,500 concurrent, 75 req/s at peak, multi-AZ production (seed 000: multi-AZ,
# full redundancy; cost-service scenarios/default.yml). The sizing below is cost-service's export for its
# documented reference capacity (a knee at 40 req/s per replica, docs/cost-reconciliation.md), checked by
# cost-service's TerraformEnvironmentsTest. cost.tfvars.json beside this file, once a load test has been priced and
# passed as the last -var-file, overrides it (terraform/README.md).
environment = "10k"
scenario    = "10k-users"

aws_region  = "us-east-1"
owner       = "platform"
cost_center = "perfplane"

availability_zone_count = 3
node_zone_count         = 3
nat_gateway_count       = 3

# 75 req/s / (40 x 0.6 usable) -> 4 -> 6 replicas (a multiple of 3 zones) x (1 vCPU, 1.5 GiB) -> 3 x c7g.xlarge.
# Spot across similar types here; cost-service prices on-demand and, in its spot strategy, Spot. max 6 leaves the
# autoscaler room above the sized peak.
app_replicas        = 6
node_instance_types = ["c7g.xlarge", "m7g.xlarge"]
node_capacity_type  = "SPOT"
node_min_size       = 3
node_desired_size   = 3
node_max_size       = 6

# Writer plus a reader in another zone: 0.5 ACU floor, 1 ACU at peak (75 req/s x 2 queries / 150 per ACU-second).
aurora_min_acu        = 0.5
aurora_max_acu        = 1
aurora_instance_count = 2
aurora_storage_type   = "aurora"

# api-service uses no Kafka (scenario usesKafka: false): no MSK. The broker figures apply only with msk_enabled.
msk_enabled              = false
msk_serverless           = false
msk_broker_instance_type = "kafka.m7g.large"
msk_broker_count         = 3
msk_ebs_volume_size_gb   = 100

# cost-service's estimate (~$652/month on-demand) x 1.2 headroom, until an export sets perfplane_monthly_usd.
monthly_budget_usd  = 800
budget_alert_emails = ["perfplane-costs@example.com"]
