# The whole stack in one region. terraform init && terraform apply, then:
#   kubectl create configmap parley-config --from-env-file=<(terraform output -json parley_config | jq -r 'to_entries[] | "\(.key)=\(.value)"')
#   kubectl create secret generic parley-secrets --from-literal=QUARKUS_DATASOURCE_PASSWORD=... \
#     --from-literal=PARLEY_JWT_PRIVATE_KEY="$(cat jwt-private.pem)" --from-literal=PARLEY_JWT_PUBLIC_KEY="$(cat jwt-public.pem)"
#   PARLEY_IAM_ROLE_ARN=$(terraform output -raw parley_service_account_role_arn) envsubst < target/kubernetes/kubernetes.yml | kubectl apply -f -

provider "aws" {
  region = "eu-west-1"
}

module "parley" {
  source = "../.."

  region             = "eu-west-1"
  availability_zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]

  apns_signing_key         = file("${path.module}/AuthKey.p8")
  apns_key_id              = "ABC123DEFG"
  apns_team_id             = "DEF123GHIJ"
  apns_bundle_id           = "dev.parley.app"
  fcm_service_account_json = file("${path.module}/firebase-service-account.json")

  tags = { environment = "production" }
}

output "parley_config" {
  description = "Data of the parley-config ConfigMap."
  value       = module.parley.parley_config
}

output "parley_service_account_role_arn" {
  description = "IAM role for the parley service account."
  value       = module.parley.parley_service_account_role_arn
}
