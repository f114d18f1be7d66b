# 1k-users: 1,000 users/month, 10-20 concurrent, 1 req/s at peak, single-AZ staging (seed 000: "smaller instances,
# single AZ, minimal redundancy"; cost-service scenarios/default.yml). The sizing below is cost-service's export for
# its documented reference capacity (a knee at 40 req/s per replica, docs/cost-reconciliation.md), checked by
# cost-service's TerraformEnvironmentsTest. cost.tfvars.json beside this file, once a load test has been priced and
# passed as the last -var-file, overrides it (terraform/README.md).
environment = "1k"
scenario    = "1k-users"

aws_region  = "us-east-1"
owner       = "platform"
cost_center = "perfplane"

# Subnets span 2 zones (an ALB and an RDS subnet group require two); nodes, the NAT gateway and Aurora use one.
availability_zone_count = 2
node_zone_count         = 1
nat_gateway_count       = 1

# 1 replica (the staging floor) x (1 vCPU, 1.5 GiB) -> 1 x t4g.medium (2 vCPU, 4 GiB). Spot here; cost-service
# prices on-demand and, in its spot strategy, Spot. max 2 leaves the autoscaler room for a rollout.
app_replicas        = 1
node_instance_types = ["t4g.medium", "t3.medium"]
node_capacity_type  = "SPOT"
node_min_size       = 1
node_desired_size   = 1
node_max_size       = 2

# One Serverless v2 instance: 0.5 ACU floor, 1 ACU max (the lowest maximum Aurora accepts).
aurora_min_acu        = 0.5
aurora_max_acu        = 1
aurora_instance_count = 1
aurora_storage_type   = "aurora"

# api-service uses no Kafka (scenario usesKafka: false): no MSK. The broker figures apply only with msk_enabled.
msk_enabled              = false
msk_serverless           = false
msk_broker_instance_type = "kafka.m7g.large"
msk_broker_count         = 2
msk_ebs_volume_size_gb   = 20

# cost-service's estimate (~$219/month on-demand) x 1.2 headroom, until an export sets perfplane_monthly_usd.
monthly_budget_usd  = 270
budget_alert_emails = ["perfplane-costs@example.com"]
