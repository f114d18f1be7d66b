# Partial S3 backend configuration of the 10k environment: terraform init -reconfigure
# -backend-config=environments/10k/backend.hcl -backend-config="bucket=<your-state-bucket>"
key = "perfplane/10k/terraform.tfstate"
