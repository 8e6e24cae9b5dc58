#!/usr/bin/env bash
# The whole odd-input corpus against a really booted server (H2): every official FHIR R4 example
# (npm hl7.fhir.r4.examples 4.0.1, downloaded once into ~/.cache/zorgpad) posted as it is, plus generated
# variants of every non-conformance example. Prints: inputs tried, 2xx, 4xx, 5xx, answers with internals.
# mvn verify runs a sample of the same test (one example per resource type). The server logs only errors here:
# thousands of refused inputs would otherwise be logged with their (up to 100,000-character) values.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=$(mktemp -d)   # a file database: thousands of stored inputs would not fit an in-memory one
mvn -B -q verify -DskipPostgresITs=true -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OddInputIT -Dzorgpad.corpus=full -Dlogging.level.root=ERROR \
  -Dzorgpad.test.h2.url="jdbc:h2:file:$DB/corpus;LOCK_TIMEOUT=10000" "$@" | grep -E "odd inputs|Tests run|FAIL" || true
grep -h "odd inputs" target/failsafe-reports/h2/*OddInputIT*-output.txt 2>/dev/null || true
