#!/usr/bin/env bash
# Stops every server that up.sh started; keeps the state (certificates, credentials, clusters) for a fast restart.
# Pass --purge to delete the state as well.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${SANDBOX_SERVERS_STATE:-$repo_root/.sandbox/servers}"
pg_bin="/usr/lib/postgresql/15/bin"

[[ $EUID -eq 0 ]] || { echo "down.sh: run as root" >&2; exit 1; }
[[ -d $state ]] || exit 0

failed=0
for dir in "$state"/pg/*/; do
  dir=${dir%/}
  [[ -s $dir/postmaster.pid ]] || continue
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$dir" -m fast -w -t 20 stop >/dev/null 2>&1 ||
    { echo "down.sh: PostgreSQL in $dir did not stop" >&2; failed=1; }
done

# Signal every Redis and nginx first, then wait once: each takes a moment to exit and they need not queue.
pids=()
for f in "$state"/redis/*/redis.pid "$state/nginx/nginx.pid"; do
  [[ -s $f ]] || continue
  pid=$(<"$f")
  kill "$pid" 2>/dev/null && pids+=("$pid")
  # Redis and nginx remove their own pid files on exit; this covers a stale one.
  rm -f "$f"
done
for pid in "${pids[@]}"; do
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "down.sh: process $pid did not stop within 10 s" >&2; failed=1
  fi
done

if [[ ${1:-} == --purge && $failed -eq 0 ]]; then
  rm -rf "$state"
fi
exit $failed
