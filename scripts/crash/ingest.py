#!/usr/bin/env python3
"""Ingest half of scripts/crash/crash-test.sh: posts transaction Bundles (a Patient with a unique identifier,
a Condition, an Encounter and an Observation about her) one after the other until the server dies, writing
each acknowledged Bundle's tag to --acked and each sent one to --sent. With --verify: checks, on the restarted
server, that every acknowledged Bundle is there completely and no sent Bundle is there in part, and counts the
audit events of the acknowledged requests."""
import argparse, json, sys, time, urllib.request, urllib.error, uuid

p = argparse.ArgumentParser()
p.add_argument("--base"); p.add_argument("--token"); p.add_argument("--tag", default="crash")
p.add_argument("--acked"); p.add_argument("--sent"); p.add_argument("--verify", action="store_true")
p.add_argument("--run", default="?"); p.add_argument("--ready", default="?"); p.add_argument("--auditor")
a = p.parse_args()
SYSTEM = "https://zorgpad.nl/fhir/NamingSystem/crash-test"
CLIENT = "crash-ingest"


def call(method, path, body=None, token=None):
    request = urllib.request.Request(a.base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + (token or a.token), "Content-Type": "application/fhir+json",
                                              "Accept": "application/fhir+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read() or b"{}")


def bundle(key):
    patient = "urn:uuid:" + str(uuid.uuid4())
    entry = lambda resource, url: {"fullUrl": "urn:uuid:" + str(uuid.uuid4()), "resource": resource,
                                   "request": {"method": "POST", "url": url}}
    about = {"reference": patient}
    return {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": patient, "resource": {"resourceType": "Patient", "identifier": [{"system": SYSTEM, "value": key}],
                                          "name": [{"family": "Crash", "given": [key]}], "birthDate": "1940-01-01"},
         "request": {"method": "POST", "url": "Patient"}},
        entry({"resourceType": "Condition", "code": {"text": "valneiging"}, "subject": about}, "Condition"),
        entry({"resourceType": "Encounter", "status": "finished", "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"}, "subject": about}, "Encounter"),
        entry({"resourceType": "Observation", "status": "final", "code": {"text": "gewicht"}, "subject": about,
               "valueQuantity": {"value": 61, "unit": "kg"}}, "Observation")]}


def parts(key):
    """How many of the Bundle's four resources are stored, and the Patient's id."""
    _, found = call("GET", f"/Patient?identifier={SYSTEM}|{key}&_revinclude=Condition:subject"
                           f"&_revinclude=Encounter:subject&_revinclude=Observation:subject")
    entries = found.get("entry", [])
    patient = next((e["resource"]["id"] for e in entries if e["resource"]["resourceType"] == "Patient"), None)
    return len(entries), patient


def audited(patient):
    _, found = call("GET", f"/AuditEvent?patient=Patient/{patient}&subtype=transaction&_count=1", token=a.auditor)
    return found.get("total", 0) > 0


if not a.verify:
    n = 0
    with open(a.acked, "w") as acked, open(a.sent, "w") as sent:
        while True:
            key = f"{a.tag}-{n}"
            sent.write(key + "\n"); sent.flush()
            try:
                status, _ = call("POST", "", bundle(key))
                if status == 200:
                    acked.write(key + "\n"); acked.flush()
            except Exception:
                sys.exit(0)  # the server is gone
            n += 1

acked = [line.strip() for line in open(a.acked) if line.strip()]
sent = [line.strip() for line in open(a.sent) if line.strip()]
complete = half = missing = gap = 0
for key in sent:
    count, patient = parts(key)
    if count == 4:
        complete += 1
        gap += key in acked and not audited(patient)
    elif count == 0:
        missing += key in acked
    else:
        half += 1
in_flight = len(sent) - len(acked)
print(f"{a.run:>3}  {len(acked):>12}  {in_flight:>9}  {complete:>8}  {half:>4}  {missing:>7}  {gap:>9}  {a.ready:>6} s")
sys.exit(1 if half or missing else 0)
