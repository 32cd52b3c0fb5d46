#!/usr/bin/env bash
# Makes the README's screenshots of evidence.html and the Allure report from two sandbox runs
# (compliant, then log retention cut to 7 days, so drift shows). Not part of CI. Needs chromium and Allure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v chromium >/dev/null || { echo "screenshots.sh: apt-get install -y chromium" >&2; exit 1; }
bash scripts/install-allure.sh
out=$(mktemp -d)
./verify --mode sandbox --scenario compliant-rds --connectivity off --out "$out/compliant" || true
./verify --mode sandbox --scenario log-retention-7-days --connectivity off --previous "$out/compliant" --out "$out/defective" || true
shot() {
  local profile; profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --user-data-dir="$profile" \
    --hide-scrollbars --window-size=1280,1400 --virtual-time-budget=8000 --screenshot="$2" "file://$1" 2>/dev/null
  rm -rf "$profile"
}
shot "$out/defective/evidence/evidence.html" docs/reports/evidence-html.png
shot "$out/defective/allure-report/index.html" docs/reports/allure-report.png
echo "wrote docs/reports/evidence-html.png and docs/reports/allure-report.png (reports in $out)"
