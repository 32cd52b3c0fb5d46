#!/usr/bin/env bash
# Prints "N passed, N failed" summed over the TRX files under a folder: CI reads this plain line,
# and dotnet test's own summary is per project and not in that form.
set -euo pipefail
dir=${1:-reports/test-results}
passed=0; failed=0; skipped=0
shopt -s nullglob globstar
files=("$dir"/**/*.trx)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test results (.trx) found under $dir" >&2
  echo "0 passed, 1 failed"
  exit 0
fi
for trx in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  p=$(value passed); f=$(value failed); e=$(value error); t=$(value timeout); a=$(value aborted)
  # NUnit's ignored tests (NotApplicable controls, out-of-scope checks) are counted only as total minus executed.
  n=$(( $(value total) - $(value executed) ))
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
