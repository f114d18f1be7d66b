terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }

  # State in S3 with native locking, one key per environment (environments/<name>/backend.hcl):
  # terraform init -reconfigure -backend-config=environments/<name>/backend.hcl -backend-config="bucket=<bucket>"
  backend "s3" {
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
