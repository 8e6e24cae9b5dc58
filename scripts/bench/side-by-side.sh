#!/usr/bin/env bash
# Zorgpad beside the plain HAPI JPA starter, in one run on this machine (issue 15). The servers are started one
# after the other, each on a fresh H2 file, no JVM flags (time to the first FHIR answer, RSS once ready), and
# then kept running side by side: read by id and search throughput (wrk -t2 -c4) are measured in interleaved
# rounds — server A, B, C, A, B, C, … — so that the noise of a shared machine falls on all of them alike, and the
# median of the rounds is printed. Then per server: sequential Patient create (median), transaction ingest of
# synthetic full records (resources/s), one big full-record Bundle, and RSS at the end.
#
#   scripts/bench/side-by-side.sh [rounds]          (default 5 rounds of 10 s per measure and server)
#
# Needs wrk (Debian) and python3. STARTER_WAR points at the starter's war, built as in docs/benchmarks.md
# (hapifhir/hapi-fhir-jpaserver-starter, tag image/v8.8.0-1); without it the starter is left out.
# QUICK=1 leaves out create and ingest; AUDIT_OFF=1 adds Zorgpad with security on and the audit trail off;
# VARIANT_OPTS="-Xmx… …" adds Zorgpad with security on started with these JVM options (heap settings compared);
# STARTER_NO_REUSE=1 adds the starter with HAPI's reuse of cached search results (60 s by default there) off, as
# Zorgpad has it (a client searching right after its write must find it), so that searches compare like for like.
# SECONDS_PER_ROUND (10), WARMUP_SECONDS (240 of reads and searches, on all servers at once, before the rounds:
# the JIT keeps speeding all of them up for minutes, Zorgpad with security on the longest), BUNDLES (10), ENCOUNTERS (60 per record), BIG_ENCOUNTERS (1500 ≈ 14 MB)
# tune it. Besides requests per second it prints the server's CPU time per request (user + system, from
# /proc/<pid>/stat) and the part of it spent on the request threads (without JIT compilation, GC and the audit
# writer), which this machine's drift disturbs less.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-5}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-240}
BUNDLES=${BUNDLES:-10}
ENCOUNTERS=${ENCOUNTERS:-60}
BIG_ENCOUNTERS=${BIG_ENCOUNTERS:-1500}
JAR=${ZORGPAD_JAR:-$(ls target/zorgpad-*.jar 2>/dev/null | head -n 1)}
[[ -n "$JAR" ]] || { mvn -q -DskipTests package; JAR=$(ls target/zorgpad-*.jar | head -n 1); }
STARTER_WAR=${STARTER_WAR:-}
PORT=${PORT:-18383}
DATA=$(mktemp -d)
TOKEN=$(python3 scripts/mint-token.py --system --minutes 480)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; rm -rf "$DATA"' EXIT

LABELS=()
COMMANDS=()
if [[ -n "$STARTER_WAR" ]]; then
  LABELS+=("plain HAPI JPA starter"); COMMANDS+=("java -jar $STARTER_WAR")
  if [[ -n "${STARTER_NO_REUSE:-}" ]]; then
    LABELS+=("starter, no reuse of cached searches")
    COMMANDS+=("java -jar $STARTER_WAR --hapi.fhir.reuse_cached_search_results_millis=0")
  fi
fi
LABELS+=("Zorgpad, security on (system token)"); COMMANDS+=("java -jar $JAR --management.server.port=0 --logging.level.root=WARN")
if [[ -n "${AUDIT_OFF:-}" ]]; then
  LABELS+=("Zorgpad, security on, audit off"); COMMANDS+=("java -jar $JAR --management.server.port=0 --logging.level.root=WARN --zorgpad.security.audit=false")
fi
if [[ -n "${VARIANT_OPTS:-}" ]]; then
  LABELS+=("Zorgpad, security on, $VARIANT_OPTS"); COMMANDS+=("java $VARIANT_OPTS -jar $JAR --management.server.port=0 --logging.level.root=WARN")
fi
LABELS+=("Zorgpad, security off"); COMMANDS+=("java -jar $JAR --management.server.port=0 --logging.level.root=WARN --zorgpad.security.enabled=false")

rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$1/status"; }
base() { echo "http://127.0.0.1:$((PORT + $1))/fhir"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
request_ticks() { # CPU of Tomcat's threads (http-nio-…: the request threads; comm holds 15 characters) only: no JIT compiler, GC, audit writer
  local t total=0
  for t in /proc/"$1"/task/*; do
    grep -q '^http-nio' "$t/comm" 2>/dev/null && total=$((total + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
rate() { # server url seconds: "requests/s CPU-ms/request request-thread-CPU-ms/request"
  local before after rbefore rafter requests
  before=$(cpu_ticks "${PIDS[$1]}"); rbefore=$(request_ticks "${PIDS[$1]}")
  requests=$(wrk -t2 -c4 -d"$3"s -H "Authorization: Bearer $TOKEN" -H "Accept: application/fhir+json" "$2" \
    | awk '/Requests\/sec/ {print $2}')
  after=$(cpu_ticks "${PIDS[$1]}"); rafter=$(request_ticks "${PIDS[$1]}")
  echo "$requests $(echo "scale=3; ($after - $before) * 1000 / $(getconf CLK_TCK) / ($requests * $3)" | bc)" \
    "$(echo "scale=3; ($rafter - $rbefore) * 1000 / $(getconf CLK_TCK) / ($requests * $3)" | bc)"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "side by side on $(nproc) cores, $(date -u +%FT%TZ); zorgpad: $JAR; starter: ${STARTER_WAR:-left out}"
echo "# start-up, one after the other"
for i in "${!LABELS[@]}"; do
  mkdir -p "$DATA/db$i"
  started=$(date +%s.%N)
  ${COMMANDS[$i]} --server.port=$((PORT + i)) --spring.datasource.url="jdbc:h2:file:$DATA/db$i/h2" > "$DATA/server$i.log" 2>&1 &
  PIDS[$i]=$!
  until curl -sf -o /dev/null "$(base "$i")/metadata"; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || { tail -50 "$DATA/server$i.log"; exit 1; }
    sleep 0.2
  done
  printf '%-40s ready after %.1f s, RSS %s\n' "${LABELS[$i]}" "$(echo "$(date +%s.%N) - $started" | bc)" "$(rss "${PIDS[$i]}")"
  python3 scripts/bench/client.py seed --base "$(base "$i")" --token "$TOKEN" --patients 100
done

echo "# warm-up, ${WARMUP_SECONDS} s of reads and searches on all servers at once"
WARMING=()
for i in "${!LABELS[@]}"; do
  ( rate "$i" "$(base "$i")/Patient/bench-read" $((WARMUP_SECONDS / 2)) > /dev/null
    rate "$i" "$(base "$i")/Patient?family=Benchsearch&_count=20" $((WARMUP_SECONDS / 2)) > /dev/null ) &
  WARMING+=($!)
done
wait "${WARMING[@]}" # not the servers, which are background jobs too
echo "# throughput, wrk -t2 -c4, $ROUNDS interleaved rounds of ${SECONDS_PER_ROUND} s"
declare -A READS SEARCHES READ_CPU SEARCH_CPU READ_REQ_CPU SEARCH_REQ_CPU
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!LABELS[@]}"; do
    read -r rps cpu req <<< "$(rate "$i" "$(base "$i")/Patient/bench-read" "$SECONDS_PER_ROUND")"
    READS[$i]="${READS[$i]:-} $rps"; READ_CPU[$i]="${READ_CPU[$i]:-} $cpu"; READ_REQ_CPU[$i]="${READ_REQ_CPU[$i]:-} $req"
    read -r rps cpu req <<< "$(rate "$i" "$(base "$i")/Patient?family=Benchsearch&_count=20" "$SECONDS_PER_ROUND")"
    SEARCHES[$i]="${SEARCHES[$i]:-} $rps"; SEARCH_CPU[$i]="${SEARCH_CPU[$i]:-} $cpu"
    SEARCH_REQ_CPU[$i]="${SEARCH_REQ_CPU[$i]:-} $req"
  done
done
for i in "${!LABELS[@]}"; do
  printf '%-40s read by id %7.0f req/s, %6.3f ms CPU/request (%6.3f on request threads)  (rounds:%s)\n' \
    "${LABELS[$i]}" "$(echo "${READS[$i]}" | median)" "$(echo "${READ_CPU[$i]}" | median)" \
    "$(echo "${READ_REQ_CPU[$i]}" | median)" "${READS[$i]}"
  printf '%-40s search     %7.0f req/s, %6.3f ms CPU/request (%6.3f on request threads)  (rounds:%s)\n' "" \
    "$(echo "${SEARCHES[$i]}" | median)" "$(echo "${SEARCH_CPU[$i]}" | median)" \
    "$(echo "${SEARCH_REQ_CPU[$i]}" | median)" "${SEARCHES[$i]}"
done

if [[ -z "${QUICK:-}" ]]; then
  echo "# writes, one server at a time"
  for i in "${!LABELS[@]}"; do
    echo "${LABELS[$i]}"
    printf '  %s\n' "$(python3 scripts/bench/client.py create --base "$(base "$i")" --token "$TOKEN" --count 300)"
    printf '  %s\n' "$(python3 scripts/bench/client.py ingest --base "$(base "$i")" --token "$TOKEN" --bundles "$BUNDLES" --encounters "$ENCOUNTERS")"
    printf '  big %s\n' "$(python3 scripts/bench/client.py ingest --base "$(base "$i")" --token "$TOKEN" --bundles 1 --encounters "$BIG_ENCOUNTERS")"
  done
fi
echo "# RSS at the end"
for i in "${!LABELS[@]}"; do
  printf '%-40s %s\n' "${LABELS[$i]}" "$(rss "${PIDS[$i]}")"
done
