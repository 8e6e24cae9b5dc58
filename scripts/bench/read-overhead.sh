#!/usr/bin/env bash
# What security and audit cost a read, side by side in one run: the same jar on the same H2 file, started
# three times — security off; security on without the audit trail; security and audit on (the default) —
# each warmed up, then `wrk -t2 -c4 -d30s` on GET /fhir/Patient/<id> with a system token. Prints req/s.
# Needs wrk (Debian: apt-get install wrk). Usage: scripts/bench/read-overhead.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-30}
JAR=${ZORGPAD_JAR:-$(ls target/zorgpad-*.jar 2>/dev/null | head -n 1)}
[[ -n "$JAR" ]] || { mvn -q -DskipTests package; JAR=$(ls target/zorgpad-*.jar | head -n 1); }
PORT=${PORT:-18282}
DATA=$(mktemp -d)
TOKEN=$(python3 scripts/mint-token.py --system --minutes 120)
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$DATA"' EXIT

run() { # label, extra arguments...
  local label=$1; shift
  java -jar "$JAR" --server.port="$PORT" --management.server.port=0 --logging.level.root=WARN \
    --spring.datasource.url="jdbc:h2:file:$DATA/bench" "$@" > "$DATA/server.log" 2>&1 &
  PID=$!
  until curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null; do
    kill -0 $PID 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
    sleep 1
  done
  curl -sf -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/fhir+json' \
    "http://127.0.0.1:$PORT/fhir/Patient/bench-read" \
    -d '{"resourceType":"Patient","id":"bench-read","name":[{"family":"Bench"}],"birthDate":"1940-01-01"}' > /dev/null
  local url="http://127.0.0.1:$PORT/fhir/Patient/bench-read"
  wrk -t2 -c4 -d10s -H "Authorization: Bearer $TOKEN" -H "Accept: application/fhir+json" "$url" > /dev/null
  printf '%-40s %s\n' "$label" "$(wrk -t2 -c4 -d"${SECONDS_PER_RUN}"s -H "Authorization: Bearer $TOKEN" \
    -H "Accept: application/fhir+json" "$url" | awk '/Requests\/sec/ {print $2 " req/s"}')"
  kill $PID; wait $PID 2>/dev/null || true
}

echo "read by id, wrk -t2 -c4 -d${SECONDS_PER_RUN}s, system token"
run "security off" --zorgpad.security.enabled=false
run "security on, audit off" --zorgpad.security.audit=false
run "security on, audit on (default)"
