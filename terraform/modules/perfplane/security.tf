# One customer-managed key for EKS secrets, Aurora, MSK, Secrets Manager, SNS and CloudWatch Logs of this stack.
resource "aws_kms_key" "this" {
  description             = "${var.name} data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

# Bearer tokens of loadgen's control API and ingest's upload API, generated here and never written to a file.
resource "random_password" "control_token" {
  length  = 40
  special = false
}

resource "random_password" "ingest_token" {
  length  = 40
  special = false
}

# Shared secret CloudFront adds to origin requests; the ALB forwards only requests carrying it.
resource "random_password" "origin_verify" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "tokens" {
  name        = "${var.name}/tokens"
  description = "perfplane service tokens (keys control-token, ingest-tokens), synced into the perfplane-tokens Kubernetes Secret"
  kms_key_id  = aws_kms_key.this.arn
}

resource "aws_secretsmanager_secret_version" "tokens" {
  secret_id = aws_secretsmanager_secret.tokens.id
  secret_string = jsonencode({
    "control-token" = random_password.control_token.result
    "ingest-tokens" = random_password.ingest_token.result
  })
}
