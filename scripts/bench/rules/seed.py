#!/usr/bin/env python3
"""Seeds one patient with 10 consents, 20 core-team meetings and a core team with a coordinator,
as one transaction: the state the rules benchmark writes against. Usage: seed.py FHIR_BASE"""
import json, os, sys, urllib.request

base = sys.argv[1].rstrip('/')
CS = 'https://zorgpad.nl/fhir/CodeSystem/'
patient = 'Patient/bench-rules-patient'

def put(resource):
    return {'resource': resource, 'request': {'method': 'PUT', 'url': f"{resource['resourceType']}/{resource['id']}"}}

entries = [
    put({'resourceType': 'Patient', 'id': 'bench-rules-patient', 'name': [{'family': 'Bench', 'given': ['Rules']}],
         'gender': 'female', 'birthDate': '1943-05-01'}),
    put({'resourceType': 'PractitionerRole', 'id': 'bench-rules-poh',
         'code': [{'coding': [{'system': CS + 'care-team-role', 'code': 'poh-ouderenzorg'}]}]}),
    put({'resourceType': 'CareTeam', 'id': 'bench-rules-team', 'status': 'active', 'subject': {'reference': patient},
         'participant': [{'member': {'reference': 'PractitionerRole/bench-rules-poh'},
                          'role': [{'coding': [{'system': CS + 'care-team-role', 'code': 'poh-ouderenzorg'}]},
                                   {'coding': [{'system': CS + 'care-team-role', 'code': 'coordinator'}]}]}]}),
]
for i in range(10):
    category = 'bespreken-kernteam' if i % 2 == 0 else 'programma-deelname'
    entries.append(put({'resourceType': 'Consent', 'id': f'bench-rules-consent-{i}', 'status': 'active',
        'scope': {'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/consentscope', 'code': 'patient-privacy'}]},
        'category': [{'coding': [{'system': CS + 'consent-category', 'code': category}]}],
        'patient': {'reference': patient}, 'dateTime': f'2026-0{1 + i % 9}-01',
        'policy': [{'uri': 'https://zorgpad.nl/fhir/policy/zorgprogramma-kwetsbare-ouderen'}],
        'provision': {'type': 'permit', 'period': {'start': f'2026-0{1 + i % 9}-01', 'end': '2027-12-31'}}}))
for i in range(20):
    entries.append(put({'resourceType': 'Encounter', 'id': f'bench-rules-meeting-{i}', 'status': 'finished',
        'class': {'system': 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'code': 'AMB'},
        'type': [{'coding': [{'system': CS + 'meeting-type', 'code': 'kernteam-overleg'}]}],
        'subject': {'reference': patient},
        'participant': [{'individual': {'reference': 'PractitionerRole/bench-rules-poh'}}],
        'period': {'start': f'2026-10-{1 + i:02d}T10:00:00+02:00'}}))
bundle = {'resourceType': 'Bundle', 'type': 'transaction', 'entry': entries}
request = urllib.request.Request(base, data=json.dumps(bundle).encode(), method='POST',
                                 headers={'Content-Type': 'application/fhir+json',
                                          **({'Authorization': 'Bearer ' + os.environ['FHIR_TOKEN']}
                                             if os.environ.get('FHIR_TOKEN') else {})})
with urllib.request.urlopen(request) as response:
    print(f'seeded {len(entries)} resources: HTTP {response.status}')
