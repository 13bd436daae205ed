# Each output maps one to one onto a Parley configuration key (environment variable named in the description).
# parley_config gathers the non-secret ones as the data of the parley-config ConfigMap.

output "quarkus_datasource_jdbc_url" {
  description = "QUARKUS_DATASOURCE_JDBC_URL: the PostgreSQL database of accounts and channels."
  value       = "jdbc:postgresql://${module.db.db_instance_endpoint}/parley"
}

output "quarkus_datasource_username" {
  description = "QUARKUS_DATASOURCE_USERNAME (the password is in the Secrets Manager secret below)."
  value       = module.db.db_instance_username
  sensitive   = true
}

output "quarkus_datasource_password_secret_arn" {
  description = "Secrets Manager ARN of QUARKUS_DATASOURCE_PASSWORD, for the parley-secrets Secret."
  value       = module.db.db_instance_master_user_secret_arn
}

output "quarkus_redis_hosts" {
  description = "QUARKUS_REDIS_HOSTS: the session registry (TLS)."
  value       = "rediss://${aws_elasticache_replication_group.redis.primary_endpoint_address}:6379"
}

output "kafka_bootstrap_servers" {
  description = "KAFKA_BOOTSTRAP_SERVERS: MSK brokers (TLS; set KAFKA_SECURITY_PROTOCOL=SSL)."
  value       = aws_msk_cluster.kafka.bootstrap_brokers_tls
}

output "quarkus_dynamodb_aws_region" {
  description = "QUARKUS_DYNAMODB_AWS_REGION and QUARKUS_SNS_AWS_REGION."
  value       = var.region
}

output "parley_dynamodb_messages_table" {
  description = "PARLEY_DYNAMODB_MESSAGES_TABLE: history, partition key channel_id, sort key seq."
  value       = aws_dynamodb_table.messages.name
}

output "parley_dynamodb_client_ids_table" {
  description = "PARLEY_DYNAMODB_CLIENT_IDS_TABLE: idempotency keys."
  value       = aws_dynamodb_table.client_ids.name
}

output "parley_media_bucket" {
  description = "PARLEY_MEDIA_BUCKET: the S3 bucket of attachments (QUARKUS_S3_AWS_REGION is the region)."
  value       = aws_s3_bucket.media.id
}

output "parley_push_apns_application_arn" {
  description = "PARLEY_PUSH_APNS_APPLICATION_ARN: SNS platform application for iOS devices."
  value       = aws_sns_platform_application.apns.arn
}

output "parley_push_fcm_application_arn" {
  description = "PARLEY_PUSH_FCM_APPLICATION_ARN: SNS platform application for Android and web devices."
  value       = aws_sns_platform_application.fcm.arn
}

output "parley_service_account_role_arn" {
  description = "The eks.amazonaws.com/role-arn annotation of the parley service account (PARLEY_IAM_ROLE_ARN)."
  value       = module.irsa.iam_role_arn
}

output "eks_cluster_name" {
  description = "EKS cluster to deploy target/kubernetes/kubernetes.yml to."
  value       = module.eks.cluster_name
}

output "parley_config" {
  description = "Data of the parley-config ConfigMap: environment variable name to value."
  value = {
    PARLEY_MODE                      = "cluster"
    QUARKUS_DATASOURCE_JDBC_URL      = "jdbc:postgresql://${module.db.db_instance_endpoint}/parley"
    QUARKUS_REDIS_HOSTS              = "rediss://${aws_elasticache_replication_group.redis.primary_endpoint_address}:6379"
    KAFKA_BOOTSTRAP_SERVERS          = aws_msk_cluster.kafka.bootstrap_brokers_tls
    KAFKA_SECURITY_PROTOCOL          = "SSL"
    QUARKUS_DYNAMODB_AWS_REGION      = var.region
    QUARKUS_SNS_AWS_REGION           = var.region
    PARLEY_DYNAMODB_MESSAGES_TABLE   = aws_dynamodb_table.messages.name
    PARLEY_DYNAMODB_CLIENT_IDS_TABLE = aws_dynamodb_table.client_ids.name
    QUARKUS_S3_AWS_REGION            = var.region
    PARLEY_MEDIA_BUCKET              = aws_s3_bucket.media.id
    PARLEY_PUSH_APNS_APPLICATION_ARN = aws_sns_platform_application.apns.arn
    PARLEY_PUSH_FCM_APPLICATION_ARN  = aws_sns_platform_application.fcm.arn
    PARLEY_CLUSTER_REPLICATION_FACTOR = "3"
  }
}
