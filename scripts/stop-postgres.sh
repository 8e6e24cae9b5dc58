#!/usr/bin/env bash
# Stops the throw-away PostgreSQL started by scripts/start-postgres.sh.
#   --purge   also delete its directory (${ZORGPAD_PG_DIR:-/tmp/zorgpad-pg}) and so all data
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=${ZORGPAD_PG_DIR:-/tmp/zorgpad-pg}
DATA="$PG_DIR/data"

as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [[ -f "$DATA/PG_VERSION" ]] && as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  echo "PostgreSQL in $DATA stopped."
else
  echo "PostgreSQL in $DATA is not running."
fi

if [[ "${1:-}" == "--purge" ]]; then
  rm -rf -- "$PG_DIR"
  echo "Removed $PG_DIR."
fi
