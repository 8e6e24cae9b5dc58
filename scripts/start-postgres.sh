#!/usr/bin/env bash
# Starts a throw-away local PostgreSQL 15 (Debian/Ubuntu packages) for running Zorgpad with the
# `postgres` Spring profile, and prints the environment to export. Idempotent: if the cluster is
# already running it says so and exits 0. Stop it with scripts/stop-postgres.sh [--purge].
#
#   ZORGPAD_PG_DIR       data/socket/log directory   (default /tmp/zorgpad-pg)
#   ZORGPAD_DB_PORT      TCP port on 127.0.0.1        (default 5432)
#   ZORGPAD_DB_PASSWORD  password of role `zorgpad`   (default zorgpad)
#   PG_BIN               PostgreSQL binaries          (default /usr/lib/postgresql/15/bin)
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=${ZORGPAD_PG_DIR:-/tmp/zorgpad-pg}
PORT=${ZORGPAD_DB_PORT:-5432}
PASSWORD=${ZORGPAD_DB_PASSWORD:-zorgpad}
DATA="$PG_DIR/data"
LOG="$PG_DIR/postgres.log"

[[ -x "$PG_BIN/pg_ctl" ]] || { echo "PostgreSQL binaries not found in $PG_BIN (apt-get install postgresql-15)" >&2; exit 1; }

# The server refuses to run as root: as root, run the cluster as the `postgres` OS user.
as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

print_env() {
  cat <<ENV
# PostgreSQL is listening on 127.0.0.1:$PORT (data in $DATA, log in $LOG). For Zorgpad:
export SPRING_PROFILES_ACTIVE=postgres
export ZORGPAD_DB_HOST=127.0.0.1
export ZORGPAD_DB_PORT=$PORT
export ZORGPAD_DB_NAME=zorgpad
export ZORGPAD_DB_USER=zorgpad
export ZORGPAD_DB_PASSWORD=$(printf '%q' "$PASSWORD")
ENV
}

if [[ -f "$DATA/PG_VERSION" ]] && as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  PORT=$(sed -n 4p "$DATA/postmaster.pid")   # the port it actually runs on
  echo "PostgreSQL in $DATA is already running."
  print_env
  exit 0
fi

mkdir -p "$PG_DIR"
chmod 700 "$PG_DIR"
if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$PG_DIR"; fi

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  echo "Creating cluster in $DATA"
  # Local (socket) connections trust the admin; TCP connections need a password.
  as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
fi

# Socket in $PG_DIR, so /var/run/postgresql is not needed; TCP on localhost only.
as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG_DIR'" start >/dev/null \
  || { echo "PostgreSQL did not start; last lines of $LOG:" >&2; tail -n 20 "$LOG" >&2; exit 1; }

# Role and database, created only if missing; the password is (re)set on every start.
"$PG_BIN/psql" -h "$PG_DIR" -p "$PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 -v pw="$PASSWORD" <<'SQL' >/dev/null
SELECT 'CREATE ROLE zorgpad LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zorgpad') \gexec
ALTER ROLE zorgpad WITH LOGIN PASSWORD :'pw';
SELECT 'CREATE DATABASE zorgpad OWNER zorgpad ENCODING ''UTF8''' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'zorgpad') \gexec
SQL

echo "PostgreSQL started."
print_env
