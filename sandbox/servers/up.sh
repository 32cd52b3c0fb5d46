#!/usr/bin/env bash
# Starts the connectivity sandbox: a private CA, PostgreSQL 15 and Redis 7 that speak only TLS,
# an HTTPS listener standing in for the ALB, and one defective server per failure the probes must catch.
# Idempotent: a second run with everything up returns at once. Secrets are generated here and never printed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${SANDBOX_SERVERS_STATE:-$repo_root/.sandbox/servers}"
pg_bin="/usr/lib/postgresql/15/bin"

# Ports (high, fixed, so runsettings and ports.env agree).
PG_PORT=15432            # TLS only, scram-sha-256
PG_PLAINTEXT_PORT=15433  # defect: also admits non-TLS sessions
PG_WRONGHOST_PORT=15434  # defect: certificate for another host name
PG_OTHERCA_PORT=15435    # defect: certificate from another CA
REDIS_PORT=16379         # TLS only, requirepass
REDIS_DEFECT_TLS_PORT=16380
REDIS_PLAINTEXT_PORT=16381  # defect: plaintext port beside a TLS port
REDIS_WRONGHOST_PORT=16382
REDIS_OTHERCA_PORT=16383
ALB_HTTPS_PORT=18443
ALB_HTTP_PORT=18080
ALB_NOREDIRECT_HTTP_PORT=18081  # defect: plain HTTP served, not redirected
ALB_EXPIRING_HTTPS_PORT=18444   # defect: certificate expires in 5 days
DEAD_PORT=15499                 # nobody listens here

DB_HOST=healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com
REDIS_HOST=master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com
ALB_HOST=healthcare-alb-dev-1234567890.us-east-1.elb.amazonaws.com

die() { echo "up.sh: $*" >&2; exit 1; }
[[ $EUID -eq 0 ]] || die "run as root (it installs packages and starts PostgreSQL as user postgres)"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_packages() {
  local missing=()
  [[ -x $pg_bin/initdb ]] || missing+=(postgresql-15)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v nginx >/dev/null || missing+=(nginx)
  ((${#missing[@]} == 0)) && return 0
  echo "up.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >"$state/apt.log" 2>&1 ||
    { apt-get update -q >>"$state/apt.log" 2>&1 &&
      apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$state/apt.log" 2>&1; } ||
    die "apt-get install ${missing[*]} failed; see $state/apt.log"
  # Debian's packages start their own default instances when systemd is present; ours are separate and need none.
}

all_up() {
  local p
  for p in $PG_PORT $PG_PLAINTEXT_PORT $PG_WRONGHOST_PORT $PG_OTHERCA_PORT \
    $REDIS_PORT $REDIS_DEFECT_TLS_PORT $REDIS_PLAINTEXT_PORT $REDIS_WRONGHOST_PORT $REDIS_OTHERCA_PORT \
    $ALB_HTTPS_PORT $ALB_HTTP_PORT $ALB_NOREDIRECT_HTTP_PORT $ALB_EXPIRING_HTTPS_PORT; do
    listening "$p" || return 1
  done
  [[ -s $state/credentials.env && -s $state/ports.env && -s $state/pki/ca.crt ]] || return 1
  # Listening is not enough: another checkout's servers on the same ports would serve another CA and other passwords.
  openssl s_client -connect "127.0.0.1:$REDIS_PORT" -CAfile "$state/pki/ca.crt" -verify_return_error </dev/null >/dev/null 2>&1 ||
    die "the sandbox ports are held by servers this checkout did not start (their certificate does not chain to $state/pki/ca.crt); stop them with the other checkout's sandbox/servers/down.sh"
}

# --- PKI ---------------------------------------------------------------------------------------
make_ca() { # dir cn
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=$2" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$1/ca.key" -out "$1/ca.crt" 2>/dev/null
}

make_leaf() { # ca_dir out_prefix days san...
  local ca=$1 out=$2 days=$3; shift 3
  local san cn=${1#*:}; san=$(printf ',%s' "$@"); san=${san:1}
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$cn" \
    -keyout "$out.key" -out "$out.csr" 2>/dev/null
  openssl x509 -req -in "$out.csr" -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -CAcreateserial -days "$days" \
    -extfile <(printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' "$san") \
    -out "$out.crt" 2>/dev/null
  rm -f "$out.csr"
  chmod 600 "$out.key"
}

ensure_pki() {
  local pki=$state/pki
  # Regenerated when absent or within a day of expiry; never committed (/.sandbox/ is gitignored).
  if [[ -s $pki/server.crt ]] && openssl x509 -checkend 86400 -noout -in "$pki/server.crt" >/dev/null 2>&1; then
    return 0
  fi
  rm -rf "$pki"; mkdir -p "$pki/ca" "$pki/other-ca"; chmod 700 "$pki"
  make_ca "$pki/ca" "Verification Sandbox CA"
  make_ca "$pki/other-ca" "Unrelated CA"
  local names=("DNS:$DB_HOST" "DNS:$REDIS_HOST" "DNS:$ALB_HOST" "DNS:localhost" "IP:127.0.0.1")
  make_leaf "$pki/ca" "$pki/server" 30 "${names[@]}"
  make_leaf "$pki/ca" "$pki/wronghost" 30 "DNS:wrong-host.example.invalid"
  make_leaf "$pki/other-ca" "$pki/otherca" 30 "${names[@]}"
  make_leaf "$pki/ca" "$pki/expiring" 5 "${names[@]}"
  cp "$pki/ca/ca.crt" "$pki/ca.crt"
  cp "$pki/other-ca/ca.crt" "$pki/other-ca.crt"
  chmod 644 "$pki"/*.crt
  # Servers already running keep old certificates in memory: restart them on the new ones.
  stop_all_quietly
}

stop_all_quietly() { bash "$repo_root/sandbox/servers/down.sh" >/dev/null 2>&1 || true; }

# --- credentials ---------------------------------------------------------------------------------
ensure_credentials() {
  local f=$state/credentials.env
  [[ -s $f ]] && return 0
  umask 077
  {
    echo "DB_USER=healthcare_app"
    echo "DB_PASSWORD=$(openssl rand -hex 24)"
    echo "DB_NAME=healthcare"
    echo "REDIS_AUTH_TOKEN=$(openssl rand -hex 32)"
  } >"$f"
  chmod 600 "$f"
  umask 022
  # A new password invalidates clusters and configs made with the old one.
  stop_all_quietly
  rm -rf "$state/pg" "$state/redis"
}

# --- PostgreSQL ----------------------------------------------------------------------------------
pg_ctl_as() { runuser -u postgres -- "$pg_bin/pg_ctl" "$@"; }

ensure_pg_template() {
  local tpl=$state/pg/template
  [[ -s $tpl/PG_VERSION ]] && return 0
  rm -rf "$tpl"; mkdir -p "$tpl" "$state/pg/run"; chown -R postgres:postgres "$state/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$tpl" -U postgres --auth-local=peer --auth-host=reject \
    -E UTF8 --locale=C.UTF-8 >"$state/pg/initdb.log" 2>&1 || die "initdb failed; see $state/pg/initdb.log"
  cat >>"$tpl/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$state/pg/run'
shared_buffers = 16MB
max_connections = 20
password_encryption = scram-sha-256
include_if_exists = 'sandbox.conf'
EOF
  pg_ctl_as -D "$tpl" -l "$tpl/server.log" -o "-p $((PG_PORT + 90))" -w start >/dev/null ||
    die "template cluster did not start; see $tpl/server.log"
  # shellcheck disable=SC1091
  source "$state/credentials.env"
  # The password travels on stdin, never on a command line; errors must not echo the statement into the log.
  runuser -u postgres -- psql -q -h "$state/pg/run" -p $((PG_PORT + 90)) -U postgres -d postgres -v ON_ERROR_STOP=1 \
    >/dev/null 2>"$state/pg/setup.err" <<SQL || { pg_ctl_as -D "$tpl" -w stop >/dev/null; die "role setup failed; see $state/pg/setup.err"; }
SET log_min_error_statement = panic;
SET log_statement = 'none';
CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
CREATE DATABASE $DB_NAME OWNER $DB_USER;
SQL
  pg_ctl_as -D "$tpl" -w stop >/dev/null
}

start_pg() { # name port cert_prefix hba_extra
  local name=$1 port=$2 cert=$3 extra=$4 dir=$state/pg/$1
  listening "$port" && return 0
  if [[ ! -s $dir/PG_VERSION ]]; then
    rm -rf "$dir"; cp -a "$state/pg/template" "$dir"
  fi
  install -o postgres -g postgres -m 600 "$cert.key" "$dir/server.key"
  install -o postgres -g postgres -m 644 "$cert.crt" "$dir/server.crt"
  cat >"$dir/sandbox.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_min_protocol_version = 'TLSv1.2'
EOF
  {
    echo "# Written by sandbox/servers/up.sh ($name)."
    echo "local all postgres peer"
    echo "hostssl all all 127.0.0.1/32 scram-sha-256"
    [[ -n $extra ]] && echo "$extra"
  } >"$dir/pg_hba.conf"
  chown postgres:postgres "$dir/sandbox.conf" "$dir/pg_hba.conf"
  rm -f "$dir/postmaster.pid"
  pg_ctl_as -D "$dir" -l "$dir/server.log" -w -t 30 start >/dev/null ||
    die "PostgreSQL '$name' did not start on port $port; see $dir/server.log"
}

# --- Redis ---------------------------------------------------------------------------------------
start_redis() { # name tls_port cert_prefix plaintext_port
  local name=$1 tls=$2 cert=$3 plain=$4 dir=$state/redis/$1
  listening "$tls" && return 0
  mkdir -p "$dir"; chmod 700 "$dir"
  # shellcheck disable=SC1091
  source "$state/credentials.env"
  umask 077
  cat >"$dir/redis.conf" <<EOF
bind 127.0.0.1
protected-mode yes
port $plain
tls-port $tls
tls-cert-file $cert.crt
tls-key-file $cert.key
tls-ca-cert-file $state/pki/ca.crt
tls-auth-clients no
tls-protocols "TLSv1.2 TLSv1.3"
requirepass $REDIS_AUTH_TOKEN
daemonize yes
pidfile $dir/redis.pid
logfile $dir/redis.log
dir $dir
save ""
appendonly no
EOF
  umask 022
  redis-server "$dir/redis.conf" >/dev/null || die "Redis '$name' did not start; see $dir/redis.log"
  local i
  for i in $(seq 50); do listening "$tls" && return 0; sleep 0.1; done
  die "Redis '$name' is not listening on $tls; see $dir/redis.log"
}

# --- ALB stand-in --------------------------------------------------------------------------------
start_nginx() {
  local dir=$state/nginx pki=$state/pki
  listening $ALB_HTTPS_PORT && return 0
  mkdir -p "$dir/tmp"
  cat >"$dir/nginx.conf" <<EOF
daemon on;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
worker_processes 1;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy; fastcgi_temp_path $dir/tmp/fcgi;
  uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  ssl_protocols TLSv1.2 TLSv1.3;
  server { listen 127.0.0.1:$ALB_HTTPS_PORT ssl; ssl_certificate $pki/server.crt; ssl_certificate_key $pki/server.key;
           location / { default_type text/plain; return 200 "ok\n"; } }
  server { listen 127.0.0.1:$ALB_EXPIRING_HTTPS_PORT ssl; ssl_certificate $pki/expiring.crt; ssl_certificate_key $pki/expiring.key;
           location / { default_type text/plain; return 200 "ok\n"; } }
  server { listen 127.0.0.1:$ALB_HTTP_PORT; location / { return 301 https://\$host:$ALB_HTTPS_PORT\$request_uri; } }
  server { listen 127.0.0.1:$ALB_NOREDIRECT_HTTP_PORT; location / { default_type text/plain; return 200 "plaintext\n"; } }
}
EOF
  nginx -c "$dir/nginx.conf" -p "$dir" 2>"$dir/start.err" || die "nginx did not start; see $dir/start.err"
}

write_ports() {
  local pki=$state/pki
  cat >"$state/ports.env" <<EOF
PG_PORT=$PG_PORT
PG_PLAINTEXT_PORT=$PG_PLAINTEXT_PORT
PG_WRONGHOST_PORT=$PG_WRONGHOST_PORT
PG_OTHERCA_PORT=$PG_OTHERCA_PORT
REDIS_PORT=$REDIS_PORT
REDIS_DEFECT_TLS_PORT=$REDIS_DEFECT_TLS_PORT
REDIS_PLAINTEXT_PORT=$REDIS_PLAINTEXT_PORT
REDIS_WRONGHOST_PORT=$REDIS_WRONGHOST_PORT
REDIS_OTHERCA_PORT=$REDIS_OTHERCA_PORT
ALB_HTTPS_PORT=$ALB_HTTPS_PORT
ALB_HTTP_PORT=$ALB_HTTP_PORT
ALB_NOREDIRECT_HTTP_PORT=$ALB_NOREDIRECT_HTTP_PORT
ALB_EXPIRING_HTTPS_PORT=$ALB_EXPIRING_HTTPS_PORT
DEAD_PORT=$DEAD_PORT
CA_BUNDLE=$pki/ca.crt
OTHER_CA_BUNDLE=$pki/other-ca.crt
CONNECT_ADDRESS=127.0.0.1
EOF
}

mkdir -p "$state"; chmod 755 "$state"
if all_up; then exit 0; fi
ensure_packages
listening $DEAD_PORT && die "port $DEAD_PORT must stay free (it is the sandbox's unreachable endpoint) but something listens there"
ensure_pki
ensure_credentials
ensure_pg_template
start_pg good $PG_PORT "$state/pki/server" ""
start_pg plaintext $PG_PLAINTEXT_PORT "$state/pki/server" "host all all 127.0.0.1/32 scram-sha-256"
start_pg wronghost $PG_WRONGHOST_PORT "$state/pki/wronghost" ""
start_pg otherca $PG_OTHERCA_PORT "$state/pki/otherca" ""
start_redis good $REDIS_PORT "$state/pki/server" 0
start_redis plaintext $REDIS_DEFECT_TLS_PORT "$state/pki/server" $REDIS_PLAINTEXT_PORT
start_redis wronghost $REDIS_WRONGHOST_PORT "$state/pki/wronghost" 0
start_redis otherca $REDIS_OTHERCA_PORT "$state/pki/otherca" 0
start_nginx
write_ports
all_up || die "some sandbox server is not listening; see the logs under $state"
