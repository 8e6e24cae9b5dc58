#!/usr/bin/env python3
"""Population operations benchmark (issue: pathway operations), against a running Zorgpad server that holds a
generated population (scripts/generate-population.py; the issue's figures are for 100,000 patients on PostgreSQL).

    python3 scripts/bench/population-bench.py --base http://127.0.0.1:8080/fhir [--date 2026-11-23] \\
        [--runs 5] [--pathway 200] [--seed 1]

Prints, per call, the number of timed runs with median / p95 / max wall time in ms (after one untimed warm-up run)
and what came back (Bundle total, CSV rows, bytes):
  screening-list first page     GET Patient/$screening-list?date=...            (default filters, first 50)
  screening-list csv            GET Patient/$screening-list?date=...&_format=csv (the whole list)
  screening-list filtered page  ... &minMedications=5&notSeenMonths=12
  worklist <type>               GET $worklist?type=...&date=...
  monitoring-report / csv       GET $monitoring-report?date=...[&_format=csv]
  pathway                       GET Patient/{id}/$pathway for --pathway random patients (each once, after a warm-up
                                of 20 others), then for up to --pathway complex frail patients; p95 is the issue's figure
Sends $FHIR_TOKEN as bearer token when set. Standard library only; one request at a time.
"""
import argparse
import json
import os
import random
import statistics
import time
import urllib.parse
import urllib.request


TOKEN = os.environ.get("FHIR_TOKEN")  # e.g. $(python3 scripts/mint-token.py --scope "system/*.rs")


def get(url, accept="application/fhir+json"):
    request = urllib.request.Request(url, headers={"Accept": accept,
                                                   **({"Authorization": f"Bearer {TOKEN}"} if TOKEN else {})})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def summary(name, times, what):
    times = sorted(times)
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    print(f"{name:32} {len(times):5} {statistics.median(times):10.1f} {p95:10.1f} {times[-1]:10.1f}   {what}", flush=True)


def timed(name, url, runs, accept="application/fhir+json"):
    get(url, accept)  # warm-up
    times, body = [], b""
    for _ in range(runs):
        elapsed, body = get(url, accept)
        times.append(elapsed)
    if accept == "text/csv":
        rows = body.count(b"\n") - 1
        what = f"{rows} rows, {len(body) / 1e6:.1f} MB"
    else:
        resource = json.loads(body)
        what = f"total {resource['total']}, {len(resource.get('entry', []))} entries" if resource["resourceType"] == "Bundle" \
            else f"{resource['resourceType']}, {len(body) / 1e3:.0f} kB"
    summary(name, times, what)


def patient_ids(base, count, rng):
    """Random patient ids: a page of ids at random offsets through the searchset paging."""
    _, body = get(f"{base}/Patient?_summary=count")
    total = json.loads(body)["total"]
    ids = set()
    while len(ids) < count:
        offset = rng.randrange(0, max(1, total - 50))
        _, body = get(f"{base}/Patient?_elements=id&_count=50&_offset={offset}")
        for entry in json.loads(body).get("entry", []):
            ids.add(entry["resource"]["id"])
    return total, rng.sample(sorted(ids), count)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8080/fhir")
    parser.add_argument("--date", default=time.strftime("%Y-%m-%d"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pathway", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    base, d = args.base.rstrip("/"), args.date

    print(f"{'call':32} {'runs':>5} {'median':>10} {'p95':>10} {'max':>10}   (ms)")
    timed("screening-list first page", f"{base}/Patient/$screening-list?date={d}", args.runs)
    timed("screening-list csv", f"{base}/Patient/$screening-list?date={d}&_format=csv", args.runs, "text/csv")
    timed("screening-list filtered page", f"{base}/Patient/$screening-list?date={d}&minMedications=5&notSeenMonths=12",
          args.runs)
    for kind in ("mdo-due", "evaluation-due", "consent-review"):
        timed(f"worklist {kind}", f"{base}/$worklist?type={kind}&date={d}", args.runs)
    timed("monitoring-report", f"{base}/$monitoring-report?date={d}", args.runs)
    timed("monitoring-report csv", f"{base}/$monitoring-report?date={d}&_format=csv", args.runs, "text/csv")

    rng = random.Random(args.seed)
    total, ids = patient_ids(base, args.pathway + 20, rng)
    for pid in ids[:20]:
        get(f"{base}/Patient/{pid}/$pathway")
    times = [get(f"{base}/Patient/{pid}/$pathway")[0] for pid in ids[20:]]
    summary("pathway (random patients)", times, f"{len(times)} of {total} patients")

    # the patients with the most on file: complex frail (care team, plan, meetings, trajectory)
    stage = urllib.parse.quote("https://zorgpad.nl/fhir/CodeSystem/frailty-status|complex-kwetsbaar", safe="")
    _, body = get(f"{base}/Condition?stage={stage}&_elements=subject&_count={args.pathway}")
    frail = [e["resource"]["subject"]["reference"] for e in json.loads(body).get("entry", [])]
    times = [get(f"{base}/{patient}/$pathway")[0] for patient in frail]
    summary("pathway (complex frail)", times, f"{len(times)} patients")


if __name__ == "__main__":
    main()
