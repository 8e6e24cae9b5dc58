#!/usr/bin/env bash
# Professionals at scale (issue 15), one command: starts Zorgpad (security on) on a fresh H2 file, loads a generated
# population of PATIENTS (default 2000: five practices of ~450 listed patients aged 65+) and times a GP's calls with
# her user token against the same calls with a system token (scripts/bench/professional-bench.py).
#
#   scripts/bench/professional-bench.sh [patients] [runs]
#   DB=postgres scripts/bench/professional-bench.sh [patients] [runs]   # the same on a throw-away local PostgreSQL
#   PRACTICES=1 scripts/bench/professional-bench.sh 3000                 # all patients listed at one practice
#
# BASE=http://…/fhir measures an already running server instead (e.g. the 100,000-patient PostgreSQL population of
# docs/benchmarks.md) and then needs MANIFEST=… from its generate-population.py run.
set -euo pipefail
cd "$(dirname "$0")/../.."
PATIENTS=${1:-2000}
RUNS=${2:-200}
DATA=$(mktemp -d)
cleanup() {
  if [[ -n "${PID:-}" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [[ "${DB:-h2}" == postgres ]]; then ZORGPAD_PG_DIR="$DATA/pg" scripts/stop-postgres.sh >/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT
if [[ -z "${BASE:-}" ]]; then
  JAR=${ZORGPAD_JAR:-$(ls target/zorgpad-*.jar 2>/dev/null | head -n 1)}
  [[ -n "$JAR" ]] || { mvn -q -DskipTests package; JAR=$(ls target/zorgpad-*.jar | head -n 1); }
  PORT=${PORT:-18480}
  BASE="http://127.0.0.1:$PORT/fhir"
  if [[ "${DB:-h2}" == postgres ]]; then
    chmod 755 "$DATA"   # the cluster may run as the postgres OS user
    eval "$(ZORGPAD_PG_DIR="$DATA/pg" ZORGPAD_DB_PORT=${PG_PORT:-55432} scripts/start-postgres.sh | grep ^export)"
    export ZORGPAD_SECURITY_JWT_HMAC_SECRET="bench-secret-$(date +%s%N)-0123456789abcdef"   # not the local one
    DATABASE=()
  else
    DATABASE=(--spring.datasource.url="jdbc:h2:file:$DATA/h2")
  fi
  java -jar "$JAR" --server.port="$PORT" --management.server.port=0 --logging.level.root=WARN \
    "${DATABASE[@]}" > "$DATA/server.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$BASE/metadata"; do
    kill -0 "$PID" 2>/dev/null || { tail -50 "$DATA/server.log"; exit 1; }
    sleep 1
  done
  MANIFEST="$DATA/manifest.json"
  echo "loading $PATIENTS generated patients"
  python3 scripts/generate-population.py --base "$BASE" --patients "$PATIENTS" --seed 42 \
    ${PRACTICES:+--practices "$PRACTICES"} \
    --reference-date 2026-11-23 --manifest "$MANIFEST" --token "$(python3 scripts/mint-token.py --system --minutes 240)" \
    | tail -n 2
fi
python3 scripts/bench/professional-bench.py --base "$BASE" --manifest "${MANIFEST:?MANIFEST is needed with BASE}" \
  --runs "$RUNS"
