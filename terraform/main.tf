# Parley on AWS: VPC, EKS for the pods, DynamoDB for history, ElastiCache Redis for the session registry,
# MSK for Kafka between pods, RDS PostgreSQL for accounts and channels, SNS for push, and the IAM role the pods
# assume through their service account (IRSA), allowed only these tables and these platform applications.

data "aws_caller_identity" "current" {}

locals {
  tags                = merge({ "app.kubernetes.io/name" = var.name }, var.tags)
  messages_table      = "${var.name}_messages"
  client_ids_table    = "${var.name}_client_ids"
  apns_platform       = var.apns_sandbox ? "APNS_SANDBOX" : "APNS"
  private_subnet_cidr = [for index, zone in var.availability_zones : cidrsubnet(var.vpc_cidr, 4, index)]
  public_subnet_cidr  = [for index, zone in var.availability_zones : cidrsubnet(var.vpc_cidr, 8, 200 + index)]
}

################################################################################
# Network
################################################################################

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.13"

  name            = var.name
  cidr            = var.vpc_cidr
  azs             = var.availability_zones
  private_subnets = local.private_subnet_cidr
  public_subnets  = local.public_subnet_cidr

  enable_nat_gateway   = true
  single_nat_gateway   = false
  enable_dns_hostnames = true

  public_subnet_tags  = { "kubernetes.io/role/elb" = 1 }
  private_subnet_tags = { "kubernetes.io/role/internal-elb" = 1 }

  tags = local.tags
}

resource "aws_security_group" "data" {
  name_prefix = "${var.name}-data-"
  description = "Redis, Kafka and PostgreSQL: reachable from the EKS nodes only"
  vpc_id      = module.vpc.vpc_id

  ingress {
    description     = "From the Parley pods"
    from_port       = 0
    to_port         = 65535
    protocol        = "tcp"
    security_groups = [module.eks.node_security_group_id]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [var.vpc_cidr]
  }

  tags = local.tags
}

################################################################################
# Kubernetes
################################################################################

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.24"

  cluster_name                             = var.name
  cluster_version                          = var.eks_cluster_version
  vpc_id                                   = module.vpc.vpc_id
  subnet_ids                               = module.vpc.private_subnets
  cluster_endpoint_public_access           = true
  enable_cluster_creator_admin_permissions = true
  enable_irsa                              = true

  eks_managed_node_groups = {
    parley = {
      instance_types = var.node_instance_types
      ami_type       = "AL2023_ARM_64_STANDARD"
      min_size       = var.node_min_size
      max_size       = var.node_max_size
      desired_size   = var.node_min_size
    }
  }

  tags = local.tags
}

################################################################################
# History: DynamoDB, partition key channel_id, sort key seq
################################################################################

resource "aws_dynamodb_table" "messages" {
  name         = local.messages_table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "channel_id"
  range_key    = "seq"

  attribute {
    name = "channel_id"
    type = "S"
  }

  attribute {
    name = "seq"
    type = "N"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  deletion_protection_enabled = true
  tags                        = local.tags
}

# senderId#clientMsgId -> channel and seq: a resend never creates a second message.
resource "aws_dynamodb_table" "client_ids" {
  name         = local.client_ids_table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "key"

  attribute {
    name = "key"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  deletion_protection_enabled = true
  tags                        = local.tags
}

################################################################################
# Session registry, tickets, rate limits, presence: ElastiCache Redis
################################################################################

resource "aws_elasticache_subnet_group" "redis" {
  name       = var.name
  subnet_ids = module.vpc.private_subnets
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id       = var.name
  description                = "Parley session registry"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  num_node_groups            = 1
  replicas_per_node_group    = var.redis_replicas_per_shard
  automatic_failover_enabled = var.redis_replicas_per_shard > 0
  multi_az_enabled           = var.redis_replicas_per_shard > 0
  subnet_group_name          = aws_elasticache_subnet_group.redis.name
  security_group_ids         = [aws_security_group.data.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  port                       = 6379
  tags                       = local.tags
}

################################################################################
# Kafka between pods: MSK
################################################################################

resource "aws_msk_cluster" "kafka" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.kafka_broker_count

  broker_node_group_info {
    instance_type   = var.kafka_broker_instance_type
    client_subnets  = module.vpc.private_subnets
    security_groups = [aws_security_group.data.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.kafka_broker_volume_size
      }
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.kafka.arn
    revision = aws_msk_configuration.kafka.latest_revision
  }

  tags = local.tags
}

resource "aws_msk_configuration" "kafka" {
  name           = var.name
  kafka_versions = [var.kafka_version]

  # Parley creates its own three topics (replication 3); nothing else may appear by accident.
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
  PROPERTIES
}

################################################################################
# Accounts, channels, memberships: RDS PostgreSQL
################################################################################

resource "aws_db_subnet_group" "postgres" {
  name       = var.name
  subnet_ids = module.vpc.private_subnets
  tags       = local.tags
}

module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.9"

  identifier                  = var.name
  engine                      = "postgres"
  engine_version              = "16"
  family                      = "postgres16"
  major_engine_version        = "16"
  instance_class              = var.db_instance_class
  allocated_storage           = var.db_allocated_storage
  max_allocated_storage       = var.db_allocated_storage * 10
  db_name                     = "parley"
  username                    = "parley"
  port                        = 5432
  manage_master_user_password = true
  multi_az                    = true
  storage_encrypted           = true
  db_subnet_group_name        = aws_db_subnet_group.postgres.name
  vpc_security_group_ids      = [aws_security_group.data.id]
  backup_retention_period     = 14
  deletion_protection         = true
  tags                        = local.tags
}

################################################################################
# Push: SNS platform applications
################################################################################

resource "aws_sns_platform_application" "apns" {
  name                      = "${var.name}-apns"
  platform                  = local.apns_platform
  platform_credential       = var.apns_signing_key
  platform_principal        = var.apns_key_id
  apple_platform_team_id    = var.apns_team_id
  apple_platform_bundle_id  = var.apns_bundle_id
  success_feedback_sample_rate = "0"
}

resource "aws_sns_platform_application" "fcm" {
  name                = "${var.name}-fcm"
  platform            = "GCM"
  platform_credential = var.fcm_service_account_json
}

################################################################################
# S3: attachments. Clients upload and download with presigned URLs; nothing is public. uploads/ holds bytes until
# their upload is completed (then moved to media/); abandoned ones expire after a day. media/ is kept as long as its
# message: deleting the message deletes its objects.
################################################################################

resource "aws_s3_bucket" "media" {
  bucket = "${var.name}-media-${data.aws_caller_identity.current.account_id}"
  tags   = local.tags
}

resource "aws_s3_bucket_public_access_block" "media" {
  bucket                  = aws_s3_bucket.media.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "media" {
  bucket = aws_s3_bucket.media.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "media" {
  bucket = aws_s3_bucket.media.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "media" {
  bucket = aws_s3_bucket.media.id
  rule {
    id     = "abandoned-uploads"
    status = "Enabled"
    filter {
      prefix = "uploads/"
    }
    expiration {
      days = 1
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

# Browsers PUT and GET the presigned URLs straight from the web client's origins.
resource "aws_s3_bucket_cors_configuration" "media" {
  count  = length(var.media_cors_origins) > 0 ? 1 : 0
  bucket = aws_s3_bucket.media.id
  cors_rule {
    allowed_methods = ["PUT", "GET"]
    allowed_origins = var.media_cors_origins
    allowed_headers = ["content-type"]
    max_age_seconds = 3600
  }
}

################################################################################
# IAM role for the pods' service account (IRSA), least privilege
################################################################################

data "aws_iam_policy_document" "parley" {
  statement {
    sid = "History"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:PutItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:UpdateItem",
      "dynamodb:Query",
      "dynamodb:DescribeTable",
    ]
    resources = [aws_dynamodb_table.messages.arn, aws_dynamodb_table.client_ids.arn]
  }

  # Heads, moves (copy + delete), thumbnails and deletions; the presigned URLs pods sign act with these rights too.
  statement {
    sid       = "AttachmentObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.media.arn}/*"]
  }

  # Without it a HEAD of a missing object answers 403, not 404; also the readiness check (HeadBucket).
  statement {
    sid       = "AttachmentBucket"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.media.arn]
  }

  statement {
    sid       = "PushEndpoints"
    actions   = ["sns:CreatePlatformEndpoint"]
    resources = [aws_sns_platform_application.apns.arn, aws_sns_platform_application.fcm.arn]
  }

  statement {
    sid = "PushDelivery"
    actions = [
      "sns:Publish",
      "sns:GetEndpointAttributes",
      "sns:SetEndpointAttributes",
      "sns:DeleteEndpoint",
    ]
    resources = [
      "arn:aws:sns:${var.region}:${data.aws_caller_identity.current.account_id}:endpoint/${local.apns_platform}/${aws_sns_platform_application.apns.name}/*",
      "arn:aws:sns:${var.region}:${data.aws_caller_identity.current.account_id}:endpoint/GCM/${aws_sns_platform_application.fcm.name}/*",
    ]
  }
}

resource "aws_iam_policy" "parley" {
  name   = "${var.name}-pods"
  policy = data.aws_iam_policy_document.parley.json
  tags   = local.tags
}

module "irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  version = "~> 5.44"

  role_name = "${var.name}-pods"
  role_policy_arns = {
    parley = aws_iam_policy.parley.arn
  }

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["${var.kubernetes_namespace}:${var.kubernetes_service_account}"]
    }
  }

  tags = local.tags
}
