#!/usr/bin/env bash
# Loads fhir-profiles/examples/*.json into a running FHIR server as one transaction Bundle
# (an idempotent `PUT <type>/<id>` per example, so it can be run again). Files named in
# load-order.txt come first, in that order; any other example follows in name order.
#
#   FHIR_BASE   server base URL               (default http://127.0.0.1:8080/fhir)
#   FHIR_TOKEN  bearer token, sent if set
#   EXAMPLES    directory with the examples   (default fhir-profiles/examples)
set -euo pipefail
cd "$(dirname "$0")/.."

FHIR_BASE=${FHIR_BASE:-http://127.0.0.1:8080/fhir}
EXAMPLES=${EXAMPLES:-fhir-profiles/examples}

shopt -s nullglob
files=("$EXAMPLES"/*.json)
(( ${#files[@]} > 0 )) || { echo "No examples in $EXAMPLES" >&2; exit 1; }

bundle=$(mktemp) response=$(mktemp)
trap 'rm -f "$bundle" "$response"' EXIT

python3 - "$EXAMPLES" "$FHIR_BASE" >"$bundle" <<'PY'
import json, pathlib, sys

examples, base = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip("/")
order_file = examples / "load-order.txt"
ordered = []
if order_file.exists():
    for line in order_file.read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if name and not name.startswith("#"):
            ordered.append(examples / name)
ordered += sorted(p for p in examples.glob("*.json") if p not in ordered and not p.name.startswith("."))

entries = []
for path in ordered:
    with open(path, encoding="utf-8") as f:
        resource = json.load(f)
    kind, rid = resource.get("resourceType"), resource.get("id")
    if not kind or not rid:
        print(f"skipping {path}: no resourceType or id", file=sys.stderr)
        continue
    entries.append({
        "fullUrl": f"{base}/{kind}/{rid}",
        "resource": resource,
        "request": {"method": "PUT", "url": f"{kind}/{rid}"},
    })
print(f"{len(entries)} examples", file=sys.stderr)
json.dump({"resourceType": "Bundle", "type": "transaction", "entry": entries}, sys.stdout)
PY

auth=()
[[ -n "${FHIR_TOKEN:-}" ]] && auth=(-H "Authorization: Bearer $FHIR_TOKEN")

status=$(curl -sS -o "$response" -w '%{http_code}' -X POST "$FHIR_BASE" \
  -H 'Content-Type: application/fhir+json' -H 'Accept: application/fhir+json' "${auth[@]}" \
  --data-binary @"$bundle") || { echo "Could not reach $FHIR_BASE" >&2; exit 1; }
echo "POST $FHIR_BASE (transaction): HTTP $status"

# Summarise the transaction-response, or show the OperationOutcome when it was refused.
python3 - "$response" <<'PY'
import collections, json, sys
try:
    body = json.load(open(sys.argv[1], encoding="utf-8"))
except ValueError:
    print(open(sys.argv[1], encoding="utf-8", errors="replace").read()[:2000]); sys.exit()
if body.get("resourceType") == "Bundle":
    counts = collections.Counter(e.get("response", {}).get("status", "?") for e in body.get("entry", []))
    print("entries: " + ", ".join(f"{n} x {s}" for s, n in sorted(counts.items())))
else:
    for issue in body.get("issue", []):
        print(f"{issue.get('severity')}: {issue.get('diagnostics') or issue.get('details', {}).get('text')}")
PY

[[ $status == 2* ]]
