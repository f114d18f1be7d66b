provider "aws" {
  region = var.aws_region

  # Cost-allocation tags on every resource that supports tags (activate them in the Billing console).
  default_tags {
    tags = local.tags
  }
}
