#!/usr/bin/env bash
# Zorgpad beside the plain HAPI JPA starter, in one run on this machine (issue 15). Each server in turn, on a
# fresh H2 file, no JVM flags: time to the first FHIR answer, RSS once ready, read by id and search
# throughput (wrk -t2 -c4), sequential Patient create (median), transaction ingest of synthetic full
# records (resources/s), one big full-record Bundle, and RSS at the end. Rounds alternate the servers.
#
#   scripts/bench/side-by-side.sh [rounds]          (default 1)
#
# Needs wrk (Debian) and python3. STARTER_WAR points at the starter's war, built as in docs/benchmarks.md
# (hapifhir/hapi-fhir-jpaserver-starter, tag image/v8.8.0-1); without it the starter is left out.
# QUICK=1 measures start, RSS, read and search only. SECONDS_PER_RUN (20), BUNDLES (10), ENCOUNTERS (60 per record), BIG_ENCOUNTERS (2500 ≈ 25 MB) tune it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-1}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
BUNDLES=${BUNDLES:-10}
ENCOUNTERS=${ENCOUNTERS:-60}
BIG_ENCOUNTERS=${BIG_ENCOUNTERS:-2500}
JAR=${ZORGPAD_JAR:-$(ls target/zorgpad-*.jar 2>/dev/null | head -n 1)}
[[ -n "$JAR" ]] || { mvn -q -DskipTests package; JAR=$(ls target/zorgpad-*.jar | head -n 1); }
STARTER_WAR=${STARTER_WAR:-}
PORT=${PORT:-18383}
DATA=$(mktemp -d)
TOKEN=$(python3 scripts/mint-token.py --system --minutes 240)
BASE="http://127.0.0.1:$PORT/fhir"
trap 'kill ${PID:-0} 2>/dev/null || true; rm -rf "$DATA"' EXIT

rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$1/status"; }

measure() { # label, command...
  local label=$1; shift
  rm -rf "$DATA/db"; mkdir -p "$DATA/db"
  local started=$(date +%s.%N)
  "$@" --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$DATA/db/h2" > "$DATA/server.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$BASE/metadata"; do
    kill -0 $PID 2>/dev/null || { tail -50 "$DATA/server.log"; exit 1; }
    sleep 0.2
  done
  local ready=$(echo "$(date +%s.%N) - $started" | bc)
  echo "== $label"
  printf '  ready after %.1f s, RSS %s\n' "$ready" "$(rss $PID)"
  python3 scripts/bench/client.py seed --base "$BASE" --token "$TOKEN" --patients 100
  local wrk_args=(-t2 -c4 -H "Authorization: Bearer $TOKEN" -H "Accept: application/fhir+json")
  wrk "${wrk_args[@]}" -d10s "$BASE/Patient/bench-read" > /dev/null
  printf '  read by id:            %s\n' "$(wrk "${wrk_args[@]}" -d"${SECONDS_PER_RUN}"s "$BASE/Patient/bench-read" | awk '/Requests\/sec/ {print $2 " req/s"}')"
  wrk "${wrk_args[@]}" -d5s "$BASE/Patient?family=Benchsearch&_count=20" > /dev/null
  printf '  search (20 of 100):    %s\n' "$(wrk "${wrk_args[@]}" -d"${SECONDS_PER_RUN}"s "$BASE/Patient?family=Benchsearch&_count=20" | awk '/Requests\/sec/ {print $2 " req/s"}')"
  if [[ -z "${QUICK:-}" ]]; then
    printf '  %s\n' "$(python3 scripts/bench/client.py create --base "$BASE" --token "$TOKEN" --count 300)"
    printf '  %s\n' "$(python3 scripts/bench/client.py ingest --base "$BASE" --token "$TOKEN" --bundles "$BUNDLES" --encounters "$ENCOUNTERS")"
    printf '  big %s\n' "$(python3 scripts/bench/client.py ingest --base "$BASE" --token "$TOKEN" --bundles 1 --encounters "$BIG_ENCOUNTERS")"
  fi
  printf '  RSS at the end %s\n' "$(rss $PID)"
  kill $PID; wait $PID 2>/dev/null || true
}

echo "side by side on $(nproc) cores, $(date -u +%FT%TZ); zorgpad: $JAR; starter: ${STARTER_WAR:-left out}"
for round in $(seq "$ROUNDS"); do
  echo "# round $round"
  if [[ -n "$STARTER_WAR" ]]; then
    measure "plain HAPI JPA starter" java -jar "$STARTER_WAR"
  fi
  measure "Zorgpad, security on (system token)" java -jar "$JAR" --management.server.port=0 --logging.level.root=WARN
  measure "Zorgpad, security off" java -jar "$JAR" --management.server.port=0 --logging.level.root=WARN --zorgpad.security.enabled=false
done
