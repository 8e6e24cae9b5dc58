#!/usr/bin/env bash
# The HTTP suite twice in a row in one JVM (src/test/java/nl/zorgpad/support/TwiceInOneJvm.java): the second round
# runs against the server and the data the first round left. Prints each round's counts; exits non-zero on a failure.
#
#   scripts/twice-in-one-jvm.sh              on H2 (≈ 10 min)
#   DB=postgres scripts/twice-in-one-jvm.sh  on the embedded PostgreSQL 15
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-h2}
mvn -B -q -DskipTests package
mvn -B "failsafe:integration-test@it-$DB" -Dit.test=TwiceInOneJvm | tee target/twice-in-one-jvm.log \
  | grep -a "^round \|Tests run:\|BUILD"
grep -aq "^round 2: .* 0 failed" target/twice-in-one-jvm.log
