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

stop_pidfile() { # pidfile label
  [[ -s $1 ]] || return 0
  local pid; pid=$(<"$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "down.sh: $2 (pid $pid) did not stop" >&2; failed=1; return 0; }
  fi
  rm -f "$1"
}

for pidfile in "$state"/redis/*/redis.pid; do
  [[ -e $pidfile ]] && stop_pidfile "$pidfile" "Redis $(basename "$(dirname "$pidfile")")"
done
stop_pidfile "$state/nginx/nginx.pid" nginx

if [[ ${1:-} == --purge && $failed -eq 0 ]]; then
  rm -rf "$state"
fi
exit $failed
