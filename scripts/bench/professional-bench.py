#!/usr/bin/env python3
"""Professionals at scale (issue 15): the calls a GP's app makes, timed with her own user token and with a system
token, against a running Zorgpad that holds a generated population (scripts/generate-population.py --manifest).

    python3 scripts/bench/professional-bench.py --base http://127.0.0.1:8080/fhir --manifest manifest.json \\
        [--practice 0] [--runs 200] [--seed 1]

The GP is the huisarts PractitionerRole of practice --practice (index in the manifest); her token has
`user/*.cruds` and fhirUser = that role, so she reaches the patients listed at her practice (~450 by default) and
nobody else; the system token has `system/*.cruds`. Every call is made --runs times per token, alternating the
tokens call by call (so the machine's drift falls on both alike), one request at a time on one kept-alive
connection per token, after 20 untimed calls each. Prints median / p95 ms per call and token and p95 user/system.
Tokens come from scripts/mint-token.py (the local secret; pass --secret for another).
"""
import argparse
import http.client
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

BSN = "http://fhir.nl/fhir/NamingSystem/bsn"


def mint(*args):
    script = Path(__file__).resolve().parent.parent / "mint-token.py"
    return subprocess.run([sys.executable, str(script), "--minutes", "240", *args], check=True, capture_output=True,
                          text=True).stdout.strip()


class Client:
    def __init__(self, base, token):
        url = urllib.parse.urlsplit(base)
        self.path = url.path.rstrip("/")
        self.connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/fhir+json"}

    def get(self, path):
        started = time.perf_counter()
        self.connection.request("GET", f"{self.path}/{path}", headers=self.headers)
        response = self.connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"GET {path} -> {response.status}: {body[:300]!r}")
        return elapsed, json.loads(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--practice", type=int, default=0)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--secret")
    args = parser.parse_args()
    secret = ["--secret", args.secret] if args.secret else []
    manifest = json.loads(Path(args.manifest).read_text())
    practice = manifest["practices"][args.practice]
    patients = [p for p in manifest["patients"] if p["practice"] == practice["key"] and p.get("id")]
    gp = "PractitionerRole/" + str(practice["roles"]["huisarts"]).split("/")[-1]
    clients = {"system": Client(args.base, mint("--scope", "system/*.cruds", *secret)),
               "GP": Client(args.base, mint("--scope", "user/*.cruds", "--user", gp, *secret))}
    rng = random.Random(args.seed)
    calls = {
        "read Patient/{id}": lambda p: f"Patient/{pid(p)}",
        "Patient?identifier=bsn|…": lambda p: "Patient?identifier=" + urllib.parse.quote(f"{BSN}|{p['bsn']}"),
        "Patient?family=…": lambda p: "Patient?family=" + urllib.parse.quote(family(p)) + "&_count=20",
        "Condition?patient=…": lambda p: f"Condition?patient=Patient/{pid(p)}",
        "Observation?patient=…&_count=20": lambda p: f"Observation?patient=Patient/{pid(p)}&_count=20",
        "CarePlan?status=active&_count=20": lambda p: "CarePlan?status=active&_count=20",
    }
    print(f"{practice['name']}: {len(patients)} listed patients; GP {gp}; {args.runs} runs per call and token")
    print(f"{'call':36} {'system median/p95 ms':>22} {'GP median/p95 ms':>18} {'p95 GP/system':>14}")
    for name, path in calls.items():
        for client in clients.values():  # warm-up
            for _ in range(20):
                client.get(path(rng.choice(patients)))
        times = {label: [] for label in clients}
        for _ in range(args.runs):
            target = path(rng.choice(patients))
            for label, client in clients.items():
                times[label].append(client.get(target)[0])
        figures = {label: (statistics.median(t), p95(t)) for label, t in times.items()}
        print(f"{name:36} {figures['system'][0]:10.1f} / {figures['system'][1]:7.1f}"
              f" {figures['GP'][0]:9.1f} / {figures['GP'][1]:6.1f} {figures['GP'][1] / figures['system'][1]:13.2f}×")


def pid(patient):
    return str(patient["id"]).split("/")[-1]


def family(patient):
    """The family name (with its prefix: "van der Meer") of the generated name "Given [Given] Family"."""
    return next(f for f in FAMILIES if patient["name"].endswith(" " + f))


def generator():
    spec = importlib.util.spec_from_file_location("population", Path(__file__).resolve().parent.parent
                                                  / "generate-population.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FAMILIES = sorted(generator().FAMILY, key=len, reverse=True)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


if __name__ == "__main__":
    main()
