#!/usr/bin/env bash
# The reads one gate run makes for one stack, one after another with the AWS CLI: the baseline the suite is compared with.
# Usage: AWS_ENDPOINT_URL=http://127.0.0.1:4566 bash bench/aws-cli-baseline.sh [outputs.json]
# Needs a sandbox serving compliant-rds (dotnet run --project src/Sandbox -- --port 4566) or any account holding the stack;
# against the sandbox it uses the sandbox's published fake key. Exit 0 only if every read exited 0.
set -uo pipefail

if ! command -v aws >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
fi

: "${AWS_ENDPOINT_URL:?set AWS_ENDPOINT_URL to the sandbox, e.g. http://127.0.0.1:4566}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-AKIASANDBOXEXAMPLE01}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-sandbox/secret/key/EXAMPLE0000000000000000}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_REGION="${AWS_REGION:-us-east-1}"
# The CLI's own retries would hide a failed read; the pager would wait for a terminal.
export AWS_MAX_ATTEMPTS=1 AWS_PAGER="" AWS_RETRY_MODE=standard

# Stack outputs (compliant-rds's unless a file is given).
outputs="${1:-}"
out() { if [[ -n "$outputs" ]]; then python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$outputs" "$1"; else echo "$2"; fi; }
vpc=$(out vpc_id vpc-0a1b2c3d4e5f67890)
key=$(out kms_key_arn arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab)
secret=$(out db_secret_arn arn:aws:secretsmanager:us-east-1:123456789012:secret:healthcare/db/credentials-dev-AbCdEf)
bucket=$(out state_bucket healthcare-tfstate-dev)

reads=0 failed=0
# One read: the CLI must exit 0 and print JSON it could parse (or nothing, for an empty answer).
read_aws() {
  local answer
  reads=$((reads + 1))
  if answer=$(aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@" 2>&1); then
    printf '%s' "$answer"
  else
    failed=$((failed + 1))
    echo "FAILED: aws $* -> ${answer%%$'\n'*}" >&2
  fi
}
answer_file=$(mktemp)
trap 'rm -f "$answer_file"' EXIT
q() { read_aws "$@" >/dev/null; }
# first NAME aws-args...: one read whose --query result (a string) is kept in NAME for the reads that depend on it.
first() {
  local name=$1
  shift
  read_aws "$@" >"$answer_file"
  printf -v "$name" '%s' "$(python3 -c 'import json,sys; t=sys.stdin.read().strip(); v=json.loads(t) if t else None; print(v if isinstance(v, str) else "")' <"$answer_file" 2>/dev/null)"
}

started=$(date +%s.%N)
q sts get-caller-identity
filter="Name=vpc-id,Values=$vpc"
q ec2 describe-vpcs --vpc-ids "$vpc"
q ec2 describe-subnets --filters "$filter"
q ec2 describe-route-tables --filters "$filter"
q ec2 describe-nat-gateways --filter "$filter"
q ec2 describe-internet-gateways --filters "Name=attachment.vpc-id,Values=$vpc"
q ec2 describe-security-groups --filters "$filter"
q ec2 describe-network-interfaces --filters "$filter"
q ec2 describe-flow-logs --filter "Name=resource-id,Values=$vpc"
first pg rds describe-db-instances --query 'DBInstances[0].DBParameterGroups[0].DBParameterGroupName'
q rds describe-db-clusters
q rds describe-db-subnet-groups
[[ -n "$pg" ]] && q rds describe-db-parameters --db-parameter-group-name "$pg"
q rds describe-db-engine-versions --engine postgres
q elasticache describe-replication-groups
q elasticache describe-cache-clusters --show-cache-node-info
q elasticache describe-cache-subnet-groups
first alb elbv2 describe-load-balancers --query 'LoadBalancers[0].LoadBalancerArn'
[[ -n "$alb" ]] && q elbv2 describe-listeners --load-balancer-arn "$alb"
q logs describe-log-groups
q secretsmanager describe-secret --secret-id "$secret"
q kms describe-key --key-id "$key"
q kms get-key-policy --key-id "$key" --policy-name default
q kms get-key-rotation-status --key-id "$key"
q kms list-aliases
first cluster ecs list-clusters --query 'clusterArns[0]'
if [[ -n "$cluster" ]]; then
  first namespace ecs describe-clusters --clusters "$cluster" --include SETTINGS CONFIGURATIONS TAGS --query 'clusters[0].serviceConnectDefaults.namespace'
  first service ecs list-services --cluster "$cluster" --query 'serviceArns[0]'
  if [[ -n "$service" ]]; then
    first taskdef ecs describe-services --cluster "$cluster" --services "$service" --query 'services[0].taskDefinition'
    first role ecs describe-task-definition --task-definition "$taskdef" --query 'taskDefinition.executionRoleArn'
    first task ecs list-tasks --cluster "$cluster" --service-name "$service" --query 'taskArns[0]'
    [[ -n "$task" ]] && q ecs describe-tasks --cluster "$cluster" --tasks "$task"
    [[ -n "$namespace" ]] && q servicediscovery get-namespace --id "${namespace##*/}"
    [[ -n "$role" ]] && q iam simulate-principal-policy --policy-source-arn "$role" --action-names secretsmanager:GetSecretValue kms:Decrypt --resource-arns "$secret" "$key"
  fi
fi
q s3api get-bucket-encryption --bucket "$bucket"
q s3api get-bucket-versioning --bucket "$bucket"
q s3api get-public-access-block --bucket "$bucket"
q s3api get-bucket-policy --bucket "$bucket"
ended=$(date +%s.%N)

wall=$(python3 -c "print(f'{$ended - $started:.2f}')")
echo "aws-cli-baseline: $reads reads, $failed failed, ${wall} s"
[[ $failed -eq 0 ]]
