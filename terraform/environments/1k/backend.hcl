# Partial S3 backend configuration of the 1k environment: terraform init -reconfigure
# -backend-config=environments/1k/backend.hcl -backend-config="bucket=<your-state-bucket>"
key = "perfplane/1k/terraform.tfstate"
