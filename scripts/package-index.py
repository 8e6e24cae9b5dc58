#!/usr/bin/env python3
"""(Re)generates the .index.json files of the FHIR package zorgpad.fhir.r4 (FHIR NPM package spec,
index-version 2): one for fhir-profiles/ (the package root) and one for fhir-profiles/examples/ (the valid
examples; examples/invalid/ and load-order.txt stay out of the package). Run it after adding, renaming or
changing a resource file, and commit the result:

    python3 scripts/package-index.py           # writes fhir-profiles/.index.json, fhir-profiles/examples/.index.json
    python3 scripts/package-index.py --check   # exit 1 when an index is missing or out of date

Each entry names the file, resourceType and id, the url and version when the resource has them, and kind
and type for StructureDefinitions. Standard library only.
"""
import argparse
import json
import pathlib
import sys

PROFILES = pathlib.Path(__file__).resolve().parent.parent / "fhir-profiles"
FOLDERS = (PROFILES, PROFILES / "examples")


def entry(path):
    with open(path, encoding="utf-8") as f:
        resource = json.load(f)
    if not isinstance(resource, dict) or "resourceType" not in resource or "id" not in resource:
        raise SystemExit(f"{path}: not a FHIR resource with resourceType and id")
    fields = {"filename": path.name, "resourceType": resource["resourceType"], "id": resource["id"]}
    for name in ("url", "version"):
        if isinstance(resource.get(name), str):
            fields[name] = resource[name]
    if resource["resourceType"] == "StructureDefinition":
        for name in ("kind", "type"):
            if isinstance(resource.get(name), str):
                fields[name] = resource[name]
    return fields


def index(folder):
    """Every resource file directly in the folder: *.json except package.json and dot files."""
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix == ".json" and p.name != "package.json" and not p.name.startswith("."))
    text = json.dumps({"index-version": 2, "files": [entry(p) for p in files]}, indent=2, ensure_ascii=False)
    return text + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the indexes are up to date")
    args = parser.parse_args()
    stale = []
    for folder in FOLDERS:
        target = folder / ".index.json"
        text = index(folder)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(target)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(PROFILES.parent)}")
    for target in stale:
        print(f"out of date: {target.relative_to(PROFILES.parent)} (run scripts/package-index.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
