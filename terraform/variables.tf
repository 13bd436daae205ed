variable "name" {
  type        = string
  description = "Name prefix of every resource (and of the DynamoDB tables: <name>_messages, <name>_client_ids)."
  default     = "parley"
}

variable "region" {
  type        = string
  description = "AWS region for the whole stack."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the VPC."
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  type        = list(string)
  description = "Three availability zones of the region (MSK and the node groups spread over them)."
}

variable "eks_cluster_version" {
  type        = string
  description = "Kubernetes version of the EKS cluster."
  default     = "1.31"
}

variable "node_instance_types" {
  type        = list(string)
  description = "Instance types of the EKS managed node group running the Parley pods."
  default     = ["m7g.xlarge"]
}

variable "node_min_size" {
  type        = number
  description = "Fewest nodes in the node group."
  default     = 3
}

variable "node_max_size" {
  type        = number
  description = "Most nodes in the node group."
  default     = 30
}

variable "kubernetes_namespace" {
  type        = string
  description = "Namespace the Parley StatefulSet runs in."
  default     = "parley"
}

variable "kubernetes_service_account" {
  type        = string
  description = "Service account of the Parley pods (quarkus.kubernetes.service-account), bound to the IAM role."
  default     = "parley"
}

variable "db_instance_class" {
  type        = string
  description = "RDS instance class of the PostgreSQL database (accounts, channels, memberships)."
  default     = "db.r7g.large"
}

variable "db_allocated_storage" {
  type        = number
  description = "Initial storage of the database, in GiB (it grows automatically up to ten times this)."
  default     = 100
}

variable "redis_node_type" {
  type        = string
  description = "ElastiCache node type of the Redis session registry."
  default     = "cache.r7g.large"
}

variable "redis_replicas_per_shard" {
  type        = number
  description = "Read replicas per Redis shard (failover targets)."
  default     = 1
}

variable "kafka_version" {
  type        = string
  description = "Kafka version of the MSK cluster."
  default     = "3.8.x"
}

variable "kafka_broker_instance_type" {
  type        = string
  description = "MSK broker instance type."
  default     = "kafka.m7g.large"
}

variable "kafka_broker_count" {
  type        = number
  description = "MSK brokers; a multiple of the number of availability zones."
  default     = 3
}

variable "kafka_broker_volume_size" {
  type        = number
  description = "EBS volume per MSK broker, in GiB."
  default     = 500
}

variable "apns_signing_key" {
  type        = string
  description = "APNs token signing key (.p8 contents) for the SNS platform application."
  sensitive   = true
}

variable "apns_key_id" {
  type        = string
  description = "Key ID of the APNs signing key."
}

variable "apns_team_id" {
  type        = string
  description = "Apple developer team ID."
}

variable "apns_bundle_id" {
  type        = string
  description = "Bundle ID of the iOS app."
}

variable "apns_sandbox" {
  type        = bool
  description = "Use the APNs sandbox (development builds) instead of production."
  default     = false
}

variable "fcm_service_account_json" {
  type        = string
  description = "Firebase service account JSON (FCM HTTP v1) for the SNS platform application."
  sensitive   = true
}

variable "media_cors_origins" {
  type        = list(string)
  description = "Browser origins of web clients (https://chat.example.com) allowed to upload and download attachments straight from the S3 bucket; empty: no CORS rule."
  default     = []
}
