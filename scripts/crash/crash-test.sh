#!/usr/bin/env bash
# Crash safety on PostgreSQL: a sustained ingest of transaction Bundles, the server killed with `kill -9`
# mid-stream, restarted; then every transaction acknowledged before the kill must be there completely, no
# transaction half, and the server ready again. Repeats RUNS times (default 10) and prints per-run figures.
#
#   scripts/crash/crash-test.sh [RUNS]        (builds the jar if target/ has none; starts its own PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-10}
PORT=${ZORGPAD_CRASH_PORT:-8097}
export ZORGPAD_PG_DIR=${ZORGPAD_PG_DIR:-/tmp/zorgpad-crash-pg} ZORGPAD_DB_PORT=${ZORGPAD_CRASH_DB_PORT:-5439}
JAR=${ZORGPAD_JAR:-$(ls target/zorgpad-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [[ -z "$JAR" ]]; then mvn -q -DskipTests package; JAR=$(ls target/zorgpad-*.jar | grep -v original | head -1); fi
eval "$(scripts/start-postgres.sh | grep ^export)"
export ZORGPAD_SECURITY_JWT_HMAC_SECRET="crash-test-secret-$(date +%s)-0123456789abcdef"
TOKEN=$(python3 scripts/mint-token.py --system --minutes 600)
AUDITOR=$(python3 scripts/mint-token.py --scope "system/AuditEvent.rs" --minutes 600)
WORK=$(mktemp -d)
trap 'kill -9 ${SERVER:-0} 2>/dev/null || true' EXIT

start() {
  java -jar "$JAR" --server.port="$PORT" --management.server.port=0 > "$WORK/server-$1.log" 2>&1 &
  SERVER=$!
  local t0=$(date +%s.%N)
  until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.2; done
  READY=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
}

echo "run  acknowledged  in-flight  complete  half  missing  audit-gap  ready-after-kill"
for run in $(seq 1 "$RUNS"); do
  start "$run-a"
  python3 scripts/crash/ingest.py --base "http://127.0.0.1:$PORT/fhir" --token "$TOKEN" --tag "crash-$run-$RANDOM" \
    --acked "$WORK/acked-$run.txt" --sent "$WORK/sent-$run.txt" &
  INGEST=$!
  sleep $((3 + RANDOM % 5))
  kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null || true
  wait "$INGEST" || true
  start "$run-b"
  python3 scripts/crash/ingest.py --base "http://127.0.0.1:$PORT/fhir" --token "$TOKEN" --verify \
    --acked "$WORK/acked-$run.txt" --sent "$WORK/sent-$run.txt" --run "$run" --ready "$READY" --auditor "$AUDITOR"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done
