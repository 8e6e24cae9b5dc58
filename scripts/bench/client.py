#!/usr/bin/env python3
"""Sequential-client half of scripts/bench/side-by-side.sh, the same for every server it measures.

  client.py seed   --base URL [--token T] --patients N    one Patient to read (Patient/bench-read) and N with
                                                          family "Benchsearch", loaded by one transaction
  client.py create --base URL [--token T] --count N       median and p95 of N sequential Patient creates (ms)
  client.py ingest --base URL [--token T] --bundles B --patients-per-bundle P
                                                          B transaction Bundles of P synthetic full records each
                                                          (Synthea-like: Patient, Encounters, Conditions,
                                                          Observations, MedicationRequests, Procedures,
                                                          Immunizations, all linked by urn:uuid), posted one after
                                                          the other; prints resources/s and how many were refused

Synthetic data, generated from a fixed seed so every server gets the same Bundles; nothing here is specific
to Zorgpad (plain FHIR R4, SNOMED/LOINC codes as Synthea uses them)."""
import argparse, http.client, json, random, statistics, sys, time, urllib.parse, uuid

p = argparse.ArgumentParser()
p.add_argument("command", choices=["seed", "create", "ingest"])
p.add_argument("--base", required=True)
p.add_argument("--token")
p.add_argument("--patients", type=int, default=100)
p.add_argument("--count", type=int, default=300)
p.add_argument("--bundles", type=int, default=10)
p.add_argument("--patients-per-bundle", type=int, default=1)
p.add_argument("--encounters", type=int, default=60, help="encounters per synthetic patient")
a = p.parse_args()

url = urllib.parse.urlparse(a.base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
HEADERS = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json", "Prefer": "return=minimal"}
if a.token:
    HEADERS["Authorization"] = "Bearer " + a.token


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    connection.request(method, url.path.rstrip("/") + "/" + path, body=data, headers=HEADERS)
    response = connection.getresponse()
    payload = response.read()
    return response.status, payload


def entry(resource):
    full_url = "urn:uuid:" + str(uuid.UUID(int=rng.getrandbits(128)))
    return {"fullUrl": full_url, "resource": resource, "request": {"method": "POST", "url": resource["resourceType"]}}


def coding(system, code, display):
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


SNOMED, LOINC = "http://snomed.info/sct", "http://loinc.org"
CONDITIONS = [("44054006", "Diabetes mellitus type 2"), ("38341003", "Hypertension"), ("195967001", "Asthma"),
              ("55822004", "Hyperlipidemia"), ("230690007", "Stroke"), ("26929004", "Alzheimer's disease")]
VITALS = [("8867-4", "Heart rate", "/min", 50, 110), ("8480-6", "Systolic blood pressure", "mm[Hg]", 100, 180),
          ("29463-7", "Body weight", "kg", 45, 110), ("39156-5", "Body mass index", "kg/m2", 17, 38),
          ("2339-0", "Glucose", "mg/dL", 70, 200), ("2093-3", "Cholesterol", "mg/dL", 120, 280)]


def record(entries):
    """One synthetic patient's record with its encounters and what happened at them."""
    patient = entry({"resourceType": "Patient", "identifier": [{"system": "https://example.org/mrn", "value": str(uuid.UUID(int=rng.getrandbits(128)))}],
                     "name": [{"family": rng.choice(["Jansen", "de Vries", "Bakker", "Visser", "Smit"]), "given": ["Synth"]}],
                     "gender": rng.choice(["female", "male"]), "birthDate": "19%02d-%02d-%02d" % (rng.randint(20, 60), rng.randint(1, 12), rng.randint(1, 28))})
    entries.append(patient)
    subject = {"reference": patient["fullUrl"]}
    for condition in rng.sample(CONDITIONS, 3):
        entries.append(entry({"resourceType": "Condition", "subject": subject, "code": coding(SNOMED, *condition),
                              "clinicalStatus": coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
                              "onsetDateTime": "20%02d-01-15" % rng.randint(0, 20)}))
    for n in range(a.encounters):
        day = "20%02d-%02d-%02d" % (rng.randint(0, 25), rng.randint(1, 12), rng.randint(1, 28))
        encounter = entry({"resourceType": "Encounter", "status": "finished", "subject": subject,
                           "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
                           "type": [coding(SNOMED, "185349003", "Encounter for check up")],
                           "period": {"start": day + "T09:00:00+01:00", "end": day + "T09:30:00+01:00"}})
        entries.append(encounter)
        context = {"reference": encounter["fullUrl"]}
        for code, display, unit, low, high in VITALS:
            entries.append(entry({"resourceType": "Observation", "status": "final", "subject": subject, "encounter": context,
                                  "category": [coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital signs")],
                                  "code": coding(LOINC, code, display), "effectiveDateTime": day + "T09:10:00+01:00",
                                  "valueQuantity": {"value": round(rng.uniform(low, high), 1), "unit": unit,
                                                    "system": "http://unitsofmeasure.org", "code": unit}}))
        if n % 3 == 0:
            entries.append(entry({"resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
                                  "encounter": context, "authoredOn": day,
                                  "medicationCodeableConcept": coding("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "metformin 500 MG")}))
        if n % 5 == 0:
            entries.append(entry({"resourceType": "Procedure", "status": "completed", "subject": subject, "encounter": context,
                                  "code": coding(SNOMED, "430193006", "Medication reconciliation"), "performedDateTime": day}))
        if n % 10 == 0:
            entries.append(entry({"resourceType": "Immunization", "status": "completed", "patient": subject, "encounter": context,
                                  "vaccineCode": coding("http://hl7.org/fhir/sid/cvx", "140", "Influenza, seasonal"),
                                  "occurrenceDateTime": day}))


def transaction(entries):
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


rng = random.Random(42)
if a.command == "seed":
    status, body = call("PUT", "Patient/bench-read", {"resourceType": "Patient", "id": "bench-read",
                                                      "name": [{"family": "Bench"}], "birthDate": "1940-01-01"})
    assert status in (200, 201), (status, body[:300])
    people = [entry({"resourceType": "Patient", "name": [{"family": "Benchsearch", "given": [str(i)]}], "birthDate": "1940-01-01"})
              for i in range(a.patients)]
    status, body = call("POST", "", transaction(people))
    assert status == 200, (status, body[:300])
elif a.command == "create":
    times = []
    for i in range(a.count):
        started = time.perf_counter()
        status, body = call("POST", "Patient", {"resourceType": "Patient", "name": [{"family": "Benchcreate"}], "birthDate": "1940-01-01"})
        times.append((time.perf_counter() - started) * 1000)
        assert status == 201, (status, body[:300])
    times = times[len(times) // 3:]  # the first third warms up
    times.sort()
    print("create Patient: median %.1f ms, p95 %.1f ms (%d sequential)" % (statistics.median(times), times[int(len(times) * 0.95)], len(times)))
elif a.command == "ingest":
    bundles = []
    for b in range(a.bundles):
        entries = []
        for _ in range(a.patients_per_bundle):
            record(entries)
        bundles.append(json.dumps(transaction(entries)).encode())
    sizes = [len(b) for b in bundles]
    stored = refused = 0
    started = time.perf_counter()
    for body in bundles:
        connection.request("POST", url.path.rstrip("/") + "/", body=body, headers=HEADERS)
        response = connection.getresponse()
        payload = response.read()
        count = len(json.loads(body)["entry"])
        if response.status == 200:
            stored += count
        else:
            refused += 1
            print("  refused %d: %s" % (response.status, payload[:200]), file=sys.stderr)
    seconds = time.perf_counter() - started
    print("ingest: %d resources in %.1f s = %.0f resources/s (%d Bundles of %.1f-%.1f MB, %d refused)"
          % (stored, seconds, stored / seconds, len(bundles), min(sizes) / 1e6, max(sizes) / 1e6, refused))
