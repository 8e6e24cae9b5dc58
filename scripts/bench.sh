#!/usr/bin/env bash
# Benchmarks Zorgpad: builds the jar if it is missing, then lets scripts/bench/Bench.java start it
# (free port, fresh H2 database), time it to readiness, run the benchmarks and stop it.
# Arguments go to Bench.java, e.g.:  scripts/bench.sh --iterations 500 --only create,read
# Use ZORGPAD_JAR=path to bench another build. See: java scripts/bench/Bench.java --help
set -euo pipefail
cd "$(dirname "$0")/.."

find_jar() { ls target/zorgpad-*.jar 2>/dev/null | head -n 1; }

JAR=${ZORGPAD_JAR:-$(find_jar)}
if [[ -z "$JAR" ]]; then
  echo "No jar in target/, building it (mvn -q -DskipTests package) ..." >&2
  mvn -q -DskipTests package
  JAR=$(find_jar)
fi

# The jar starts with security on and the well-known local secret: send a system token (harmless when
# --app-args switches security off).
TOKEN=$(python3 scripts/mint-token.py --system --minutes 240)
exec java scripts/bench/Bench.java --start-jar "$JAR" --header "Authorization: Bearer $TOKEN" "$@"
