module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "20.37.1"

  cluster_name    = var.name
  cluster_version = var.kubernetes_version

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  cluster_endpoint_public_access           = true
  enable_cluster_creator_admin_permissions = true

  create_kms_key = false
  cluster_encryption_config = {
    resources        = ["secrets"]
    provider_key_arn = aws_kms_key.this.arn
  }

  cluster_addons = {
    coredns                = {}
    kube-proxy             = {}
    vpc-cni                = {}
    eks-pod-identity-agent = {}
  }

  eks_managed_node_groups = {
    # Small on-demand group for cluster add-ons, so a Spot reclaim never takes DNS down.
    # cost-service prices it (SizingPolicy NodePolicy systemInstanceType/systemNodes): keep the two in step.
    system = {
      subnet_ids     = local.node_subnets
      instance_types = ["t4g.medium"]
      ami_type       = "AL2023_ARM_64_STANDARD"
      capacity_type  = "ON_DEMAND"
      min_size       = 1
      max_size       = 2
      desired_size   = 1
      labels         = { "perfplane.io/pool" = "system" }
    }
    # The perfplane services: Spot by default (stateless, PDBs keep one replica per zone during reclaims).
    app = {
      subnet_ids     = local.node_subnets
      instance_types = var.node_instance_types
      capacity_type  = var.node_capacity_type
      min_size       = var.node_min_size
      max_size       = var.node_max_size
      desired_size   = var.node_desired_size
      labels         = { "perfplane.io/pool" = "app" }
    }
  }
}
