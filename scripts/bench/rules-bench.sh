#!/usr/bin/env bash
# Rules benchmark (issue: pathway rules): a rule-checked write (Encounter kernteam-overleg for a
# patient with 10 consents and 20 meetings; runs ZP-R1 and ZP-R4) against an unchecked write of the
# same size (an Encounter of a type the rules ignore). Starts the jar on a free port with a fresh H2
# database, seeds the patient, runs Bench.java against it and stops the server. Profile validation is
# switched off for this run so that the difference measures the rules alone.
#   scripts/bench/rules-bench.sh [Bench.java options, e.g. --iterations 500]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${ZORGPAD_JAR:-$(ls target/zorgpad-*.jar 2>/dev/null | head -n 1)}
[[ -n "$JAR" ]] || { mvn -q -DskipTests package; JAR=$(ls target/zorgpad-*.jar | head -n 1); }
PORT=${PORT:-18181}
DATA=$(mktemp -d)
java -jar "$JAR" --server.port="$PORT" --management.server.port=0 --spring.datasource.url="jdbc:h2:file:$DATA/bench" \
  --zorgpad.profiles.validate-on-write=false > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 1
done
BASE="http://127.0.0.1:$PORT/fhir"
export FHIR_TOKEN=$(python3 scripts/mint-token.py --system)
python3 scripts/bench/rules/seed.py "$BASE"
bench() {
  java scripts/bench/Bench.java --base "$BASE" --header "Authorization: Bearer $FHIR_TOKEN" \
    --only checked-meeting,unchecked-meeting \
    --custom "checked-meeting=POST:Encounter:scripts/bench/rules/meeting-checked.json" \
    --custom "unchecked-meeting=POST:Encounter:scripts/bench/rules/meeting-unchecked.json" "$@"
}
# A first, unreported round warms the JIT for both kinds of write; without it whichever runs first
# pays for the warm-up (measured: ~4 ms at the median with the rules switched off).
echo "warming up ..."
bench --iterations 300 --warmup 300 > /dev/null
bench "$@"
