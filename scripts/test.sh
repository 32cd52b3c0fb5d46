#!/usr/bin/env bash
# Runs every test suite (self-tests, Compliance and Connectivity against the local sandbox) on a fresh Debian machine:
# installs and starts the PostgreSQL/Redis TLS servers, builds, tests, and prints "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results=reports/test-results
rm -rf "$results"

if [ -x sandbox/servers/up.sh ] || [ -f sandbox/servers/up.sh ]; then
  bash sandbox/servers/up.sh || { echo "could not start the sandbox's PostgreSQL and Redis servers" >&2; echo "0 passed, 1 failed"; exit 1; }
fi

# The report self-tests open evidence.html in headless Chromium and render Allure 3 (npm): install both once.
if ! command -v chromium >/dev/null; then
  echo "installing chromium (Debian) for the report self-tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; }; } >/dev/null 2>&1 ||
    echo "could not install chromium; the report self-tests that need it will fail and say so" >&2
fi
bash scripts/install-allure.sh || echo "could not install Allure; the Allure report self-test will fail and say so" >&2

dotnet test Verification.sln --settings runsettings/sandbox.runsettings \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=minimal"
status=$?

summary=$(bash scripts/count-results.sh "$results")
echo "$summary"
failed=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$summary")
if [ "$status" -ne 0 ] || [ "${failed:-1}" -ne 0 ]; then
  exit 1
fi
