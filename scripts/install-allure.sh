#!/usr/bin/env bash
# Installs Allure 3 (npm package "allure") into .tools/allure so verify can render allure-report/index.html.
# Idempotent; kept out of CI's critical path (the self-tests that need it install it through this script).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=${ALLURE_VERSION:-3.18.0}
dir="$root/.tools/allure"
if [ -x "$dir/node_modules/.bin/allure" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/allure/package.json" 2>/dev/null; then
  exit 0
fi
command -v npm >/dev/null || { echo "install-allure.sh: npm is needed (apt-get install -y nodejs npm)" >&2; exit 1; }
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{ "private": true }' >"$dir/package.json"
echo "install-allure.sh: npm install allure@$version" >&2
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "allure@$version" >&2
