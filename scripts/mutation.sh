#!/usr/bin/env bash
# Mutation score of the pure rules, the FHIR-to-facts mappers and the access policy (PIT, profile `mutation`).
# Prints killed/total per package; the HTML report is in target/pit-reports/index.html.
# Usage: scripts/mutation.sh            (about 5 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
mvn -B -q -Pmutation -Dspotless.check.skip=true test-compile org.pitest:pitest-maven:mutationCoverage > target/mutation.log 2>&1 \
  || { tail -40 target/mutation.log; exit 1; }
python3 - <<'PY'
import csv, collections
rows = list(csv.reader(open("target/pit-reports/mutations.csv")))
per = collections.defaultdict(lambda: collections.Counter())
for file, cls, mutator, method, line, status, *rest in rows:
    package = cls.rsplit(".", 1)[0].replace("nl.zorgpad.", "")
    per[package][status] += 1
killed = lambda c: c["KILLED"] + c["TIMED_OUT"] + c["MEMORY_ERROR"]
print(f"{'package':14} {'killed':>7} {'total':>6} {'score':>6}  survived  no coverage")
all_ = collections.Counter()
for package in sorted(per):
    c = per[package]; all_ += c
    total = sum(c.values())
    print(f"{package:14} {killed(c):7} {total:6} {100 * killed(c) / total:5.1f}%  {c['SURVIVED']:8}  {c['NO_COVERAGE']:11}")
total = sum(all_.values())
print(f"{'all':14} {killed(all_):7} {total:6} {100 * killed(all_) / total:5.1f}%  {all_['SURVIVED']:8}  {all_['NO_COVERAGE']:11}")
PY
