#!/usr/bin/env bash
# Figure for docs/benchmarks.md: `verify merge` of N signed bundles (one per account, as a CI matrix writes them).
# Usage: bash bench/merge-bundles.sh [N=5]. Prints the merge's wall time and the merged report's size.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
scenarios=(compliant-rds secret-rotation-off rds-public log-retention-7-days kms-rotation-off redis-no-auth flow-logs-off rds-backup-7-days)
work=$(mktemp -d /tmp/verify-merge-bench-XXXXXX)
openssl ecparam -name prime256v1 -genkey -noout -out "$work/key.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$work/key.pem" -out "$work/signing.pem"
openssl ec -in "$work/key.pem" -pubout -out "$work/signing.pub.pem" 2>/dev/null
./verify --help >/dev/null   # builds once, outside the measurement
inputs=()
for i in $(seq 1 "$count"); do
  scenario=${scenarios[$(( (i - 1) % ${#scenarios[@]} ))]}
  ./verify --mode sandbox --scenario "$scenario" --connectivity off --no-allure --sign-key "$work/signing.pem" --out "$work/account-$i" >/dev/null 2>&1 || true
  inputs+=("account-$i=$work/account-$i")
done
start=$(date +%s.%N)
set +e
./verify merge "${inputs[@]}" --public-key "$work/signing.pub.pem" --sign-key "$work/signing.pem" --no-allure --out "$work/org" > "$work/merge.log" 2>&1
code=$?
set -e
end=$(date +%s.%N)
echo "verify merge of $count bundles: exit $code, $(echo "$end - $start" | bc) s wall"
echo "one input bundle: $(du -sh "$work/account-1/evidence" | cut -f1) (zip $(du -h "$work/account-1/evidence.zip" | cut -f1))"
echo "merged bundle:    $(du -sh "$work/org/evidence" | cut -f1) (zip $(du -h "$work/org/evidence.zip" | cut -f1)); whole --out $(du -sh "$work/org" | cut -f1)"
./verify check-evidence "$work/org/evidence" --public-key "$work/signing.pub.pem" | tail -1
echo "work folder: $work"
