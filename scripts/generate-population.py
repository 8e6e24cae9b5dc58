#!/usr/bin/env python3
"""Synthetic Dutch elderly population for Zorgpad, loaded through the public FHIR API.

    python3 scripts/generate-population.py --base http://127.0.0.1:8080/fhir --patients 1000 --seed 42 \\
        [--practices N] [--batch 25] [--workers 2] [--reference-date 2026-11-23] \\
        [--manifest OUT.json] [--dry-run OUT.ndjson] [--keep-going] [--resend] [--token JWT]

Python 3.11, standard library only. Deterministic for (seed, reference date, patients, practices): patient i
is drawn from its own random.Random(f"{seed}:{i}"), so batch size and workers do not change the data. Every
resource is a conditional create (`ifNoneExist`: Patient on its BSN, everything else on an identifier with system
https://zorgpad.nl/fhir/NamingSystem/synthetic, value `s<seed>-...`), so a re-run with the same seed creates
nothing new (and resumes a run that was stopped). Before sending a Bundle the loader asks which of its patients are
already on the server (one search on their BSNs) and leaves those out, so a re-run is quick; --resend sends them
anyway (their conditional creates then match and nothing is added). One transaction Bundle per --batch patients,
--workers Bundles in flight; a failed Bundle is retried once, then the run stops with the OperationOutcome (or goes
on with --keep-going; exit status 1). A larger --patients with the same seed extends a population: patient i and
its practice do not depend on --patients (unless --practices is given, which changes the practice assignment).

First a Bundle with the GP practices: per practice an Organization (AGB http://fhir.nl/fhir/NamingSystem/agb-z,
URA) and five Practitioner + PractitionerRole (PractitionerRole.code = care-team-role): huisarts,
poh-ouderenzorg, wijkverpleegkundige, specialist-ouderengeneeskunde, maatschappelijk-werker. Then per patient,
in the order the pathway rules need (consents and care team before meetings, criteria and care team before the
complex-kwetsbaar episode, care plan before the broad MDO): Patient, RelatedPerson, MedicationStatements,
GP contacts, (signalled A49.01), Consents, QuestionnaireResponses, CareTeam, frailty episode, A20, kernteam-overleg,
Goals, Gezondheidsplan, referral, breed-mdo, GZSP steps and EpisodeOfCare; then the branch cases below (a resolved
A05 after its consent, episodes entered in error, MedicationRequests, non-contacts, and consents withdrawn after the
last meeting they covered). Consent writes are judged by no rule, so a withdrawal written last keeps every earlier
meeting valid.

Proportions (documented, drawn per patient):
  practices      default: consecutive blocks of 350-550 patients aged 65+ per practice (a standard practice of
                 ~2,350 lists ~450 of them); with --practices N patients are spread over N practices (size +-30%)
  age on ref.    65-69 15%, 70-74 15%, 75-79 24%, 80-84 20%, 85-89 15%, 90-94 8%, 95-100 3%  (75+: 70%,
                 oversampled: the programme targets 75+); women 52% (65-74), 57% (75-84), 67% (85+)
  frailty        episode per age group          65-74    75-84    85+      (75+ overall)
                   A49.01 mogelijk-kwetsbaar     1.5%     4%       5%       ~4.4%
                   A05 kwetsbaar                 1.5%     6%      11%       ~7.9%
                   A05 complex-kwetsbaar         0.3%     2%       4%       ~2.7%
                 so ~85% of 75+ have no frailty episode. A49.01: 50% programme consent given, 10% refused
                 (deny), 40% not yet asked. A05: consents programma-deelname + bespreken-kernteam (active
                 permits, 2 years), a Trazag (60%) or GFI (40%) response indicating frailty, home visit, CareTeam
                 (GP, POH, wijkverpleegkundige, + MW 50%; one coordinator: POH 75%, wijkverpleegkundige 25%),
                 kernteam-overleg at discussion and every 5-8 months (70%); Gezondheidsplan for 40% of
                 kwetsbaar. Complex frail: SO (and MW 60%) in the team, complex-kwetsbaar-criteria c1..c5 yes on
                 the day of the status change (first or second core-team meeting), Gezondheidsplan (3-5 actions
                 with performer and zp-urgency), breed-mdo 2-6 weeks later and yearly after that (80% each year,
                 so some are MDO-due), a planned next breed-mdo for 40%, a referral for 50%, a GZSP trajectory
                 (mdo-gzsp with GP+wijkverpleegkundige, so-consult, mdo-gzsp with SO + gzsp-inclusie, active
                 startfase) for 20%.
  A20 (ACP)      0.5% (65-74), 2% (75+) of the non-frail; 5% of A49.01; 25% of kwetsbaar; 50% of complex frail
  medication     active MedicationStatements 0-12 (ATC coded; mean ~3.9): >= 5 for ~26% of 65-74, ~40% of 75+
                 (~86% of kwetsbaar/complex frail), ~36% overall; 15% also have one stopped (completed) statement
  GP contacts    Encounters class AMB, status finished, last 2 years: 3% none, 14% only 12-24 months ago (not
                 seen for > 12 months), others 1-6 (mean ~3: a sample of consultations, not every phone call)
                 with at least one in the last 12 months; the frail are all seen, including the home visit of the
                 assessment (an Encounter like the others, typed "Huisbezoek"). Weekends are avoided.
  branches       drawn from a second stream per patient (seed:i:branches), so the cases above stay as they were;
                 they reach every filter of the population operations:
                 - listed via   Patient.generalPractitioner names the Organization and the GP's PractitionerRole
                                (75%), only the GP's PractitionerRole (15%), or only the GP's Practitioner (10%)
                 - off the list of the patients without a frailty episode or A20: 3% inactive (active=false),
                                3% deceased 200-330 days ago (half deceasedDateTime, half deceasedBoolean; no
                                contacts after death); they get none of the cases below
                 - resolved A05 5% of the 75+ without a frailty episode: consent programma-deelname 500-640 days
                                ago for one year (expired now), an A05 kwetsbaar episode from 5-20 days later,
                                resolved 195-235 days ago; an so-consult 240-330 days ago is their only encounter
                                in the last 12 months (GP contacts then are left out: meetings are not contacts);
                                half also a bespreken-kernteam consent set inactive
                 - status history 50% of kwetsbaar/complex frail: the signalled A49.01 mogelijk-kwetsbaar episode
                                (recorded on the signalling day) is on file too: half still active, half resolved
                                on the home visit
                 - in error     3% of those without a frailty episode an A49.01 entered in error; 3% of those
                                without A20 an A20 entered in error; 30% of complex frail a duplicate A05
                                (status kwetsbaar) entered in error, recorded 1-20 days after the real one
                                (entered in error: no clinicalStatus, FHIR con-5)
                 - prescriptions MedicationRequests for medicines not among the statements: 20% 1-2 active,
                                10% one stopped
                 - non-contact  12%: one Encounter that is not a contact: planned for later on the reference
                                day, or cancelled or entered in error after the last contact (last 12 months)
                 - consent history 35% of kwetsbaar: bespreken-kernteam withdrawn (a deny Consent) after the last
                                core-team meeting (when that was 20+ days ago), half of them given again later

Speed (2-core machine, H2 server): ~20 patients/s while the server warms up, then 28-34 new patients/s at
--batch 25 --workers 2 (the server is CPU-bound; this script uses <1% of a core). 100k patients take ~55-60 min if
the server runs with -Xmx2g; at -Xmx1g its heap fills up (~700 MB live by 25k patients) and it slows to a crawl
from ~20k patients on. Conditional creates cost ~15% of the server time.

Manifest (--manifest OUT.json): {"generator", "seed", "reference_date", "base", "counts" (this run, per resource
type: created / existing (conditional create matched) / skipped (patient already on the server) / generated (dry
run)), "totals" (quick aggregates: 75+, polypharmacy, not seen, frailty, A20, care plans, MDOs, ...), "practices": [{"key", "name", "agb", "city", "id", "roles": {code:
PractitionerRole id}, "practitioners": {code: Practitioner id}}], "patients": [one object per patient, see patient_facts()]}; ids are server ids
("Patient/123"), null in a dry run or when the patient's Bundle failed ("loaded": false). Dates are ISO days.

--dry-run OUT.ndjson writes the Bundles (one per line; practices first, 50 per Bundle) without a server; practice
resources are then referenced conditionally (`PractitionerRole?identifier=...`), which HAPI resolves in a
transaction. Zorgpad's pathway rules do not resolve such references in Encounter.participant (yet), so ZP-R6 refuses
the Bundles of GZSP patients in a dry-run file; load a population with this script, which uses server ids.
"""
import argparse
import bisect
import collections
import datetime as dt
import html
import json
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

try:
    from zoneinfo import ZoneInfo
    AMSTERDAM = ZoneInfo("Europe/Amsterdam")
except Exception:  # no tz database: Dutch summer time by rule below
    AMSTERDAM = None

ZP = "https://zorgpad.nl/fhir"
CS = f"{ZP}/CodeSystem/"
HL7 = "http://terminology.hl7.org/CodeSystem/"
SYN = "https://zorgpad.nl/fhir/NamingSystem/synthetic"
BSN = "http://fhir.nl/fhir/NamingSystem/bsn"
ICPC = "http://hl7.org/fhir/sid/icpc-1-nl"
ATC = "http://www.whocc.no/atc"
TEAM_ROLES = {"huisarts": "Huisarts", "poh-ouderenzorg": "Praktijkondersteuner ouderenzorg (POH-O)",
              "wijkverpleegkundige": "Wijkverpleegkundige",
              "specialist-ouderengeneeskunde": "Specialist ouderengeneeskunde (SO)",
              "maatschappelijk-werker": "Maatschappelijk werker / sociaal domein", "coordinator": "Coördinator zorg"}
ICPC_DISPLAY = {"A05": "Algehele achteruitgang / kwetsbaarheid",
                "A49.01": "Kwetsbaarheid in onderzoek / mogelijk kwetsbaar", "A20": "Euthanasieverzoek/-gesprek"}
STATUS_DISPLAY = {"mogelijk-kwetsbaar": "Mogelijk kwetsbaar", "kwetsbaar": "Kwetsbaar",
                  "complex-kwetsbaar": "Complex kwetsbaar"}
MEETING_DISPLAY = {"kernteam-overleg": "Kernteamoverleg", "breed-mdo": "Breed multidisciplinair overleg (MDO)",
                   "mdo-gzsp": "MDO zorgtraject GZSP", "so-consult": "Consult specialist ouderengeneeskunde"}
ANSWER_DISPLAY = {"ja": "Ja", "nee": "Nee", "soms": "Soms", "hulp-nodig": "Hulp nodig",
                  "geen-hulp-nodig": "Geen hulp nodig"}

AGE_BANDS = [((65, 69), 15), ((70, 74), 15), ((75, 79), 24), ((80, 84), 20), ((85, 89), 15), ((90, 94), 8),
             ((95, 100), 3)]
FRAILTY = {"65-74": (1.5, 1.5, 0.3), "75-84": (4, 6, 2), "85+": (5, 11, 4)}  # % mogelijk, kwetsbaar, complex
MEDS_YOUNG = [16, 17, 17, 14, 11, 8, 6, 4, 3, 2, 1, 0.6, 0.4]  # weight of 0..12 active medications
MEDS_OLD = [10, 12, 14, 15, 14, 10, 8, 6, 4, 3, 2, 1, 1]
MEDS_FRAIL = [0, 1, 2, 4, 7, 12, 14, 14, 13, 11, 9, 7, 6]
MEDICATIONS = [  # ATC, name, dosage, weight
    ("C10AA01", "simvastatine 40 mg tablet", "1x per dag 1 tablet 's avonds", 12),
    ("C10AA05", "atorvastatine 20 mg tablet", "1x per dag 1 tablet", 8),
    ("B01AC08", "carbasalaatcalcium 100 mg poeder", "1x per dag 1 sachet", 10),
    ("B01AF02", "apixaban 5 mg tablet", "2x per dag 1 tablet", 5), ("A02BC01", "omeprazol 20 mg capsule",
                                                                    "1x per dag 1 capsule voor het ontbijt", 12),
    ("A02BC02", "pantoprazol 40 mg tablet", "1x per dag 1 tablet", 6),
    ("C07AB02", "metoprolol 50 mg retardtablet", "1x per dag 1 tablet", 10),
    ("C08CA01", "amlodipine 5 mg tablet", "1x per dag 1 tablet", 8),
    ("C09AA02", "enalapril 10 mg tablet", "1x per dag 1 tablet", 5),
    ("C09CA01", "losartan 50 mg tablet", "1x per dag 1 tablet", 6),
    ("C03AA03", "hydrochloorthiazide 12,5 mg tablet", "1x per dag 1 tablet", 6),
    ("C03CA01", "furosemide 40 mg tablet", "1x per dag 1 tablet 's ochtends", 6),
    ("A10BA02", "metformine 500 mg tablet", "2x per dag 1 tablet bij de maaltijd", 8),
    ("A10BB09", "gliclazide 80 mg tablet", "1x per dag 1 tablet bij het ontbijt", 3),
    ("A10AE04", "insuline glargine 100 E/ml", "1x per dag volgens schema", 2),
    ("N02BE01", "paracetamol 500 mg tablet", "zo nodig max 4x per dag 2 tabletten", 10),
    ("A06AD65", "macrogol/elektrolyten poeder", "1x per dag 1 sachet", 6),
    ("A11CC05", "colecalciferol 800 IE tablet", "1x per dag 1 tablet", 9),
    ("A12AX", "calciumcarbonaat/colecalciferol 1,25 g/880 IE", "1x per dag 1 kauwtablet", 5),
    ("M05BA04", "alendroninezuur 70 mg tablet", "1x per week 1 tablet nuchter", 4),
    ("G04CA02", "tamsulosine 0,4 mg capsule", "1x per dag 1 capsule", 4),
    ("H03AA01", "levothyroxine 50 µg tablet", "1x per dag 1 tablet nuchter", 4),
    ("N05CD07", "temazepam 10 mg capsule", "zo nodig 1 capsule voor de nacht", 3),
    ("N06AB04", "citalopram 20 mg tablet", "1x per dag 1 tablet", 3),
    ("N06AX11", "mirtazapine 15 mg tablet", "1x per dag 1 tablet voor de nacht", 2),
    ("R03BB04", "tiotropium 2,5 µg inhalatievloeistof", "1x per dag 2 inhalaties", 3),
    ("R03AC02", "salbutamol 100 µg aerosol", "zo nodig 1-2 inhalaties", 3),
    ("S01EE01", "latanoprost 50 µg/ml oogdruppels", "1x per dag 1 druppel in beide ogen", 3),
    ("G04BD08", "solifenacine 5 mg tablet", "1x per dag 1 tablet", 2),
    ("N06DA02", "donepezil 5 mg tablet", "1x per dag 1 tablet", 1),
    ("N02AX02", "tramadol 50 mg capsule", "zo nodig max 3x per dag 1 capsule", 2),
    ("H02AB06", "prednisolon 5 mg tablet", "1x per dag 1 tablet", 1)]
FAMILY = ("de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, "
          "de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, Smits, de Graaf, "
          "van der Meer, van der Linden, Kok, Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, "
          "de Bruijn, van der Heijden, Schouten, van Beek, Willems, van Vliet, van de Ven, Hoekstra, Maas, Verhoeven, "
          "Koster, van Dam, van der Wal, Prins, Blom, Huisman, Peeters, de Jonge, Kuipers, Post, Kuiper, Veenstra, "
          "Kramer, van den Brink, Scholten, van Wijk, Postma, Martens, Vink, de Ruiter, Timmermans, Groen, Gerritsen, "
          "Jonker, van Loon, van der Velde, Willemsen, Smeets, de Lange, Bosch, van Dongen, Schipper, de Koning, "
          "van der Laan, Driessen, van Doorn, Hermans, Evers, van den Bosch, van der Meulen, Hofman, Bosman, Wolters, "
          "Sanders, van der Horst, Mol, Molenaar, van de Pol, de Leeuw, Verbeek").split(", ")
WOMEN = ("Maria Johanna Cornelia Wilhelmina Anna Hendrika Elisabeth Geertruida Adriana Catharina Jacoba Petronella "
         "Grietje Aaltje Gerda Riet Annie Truus Willy Joke Ria Tineke Corrie Ineke Marianne Anneke Greet Nel Bep "
         "Dini Hennie Thea Margaretha Helena Klazina").split()
MEN = ("Johannes Cornelis Hendrik Jan Pieter Willem Gerrit Jacobus Adrianus Antonius Theodorus Petrus Franciscus "
       "Dirk Klaas Hans Kees Wim Piet Henk Joop Gerard Bert Frans Ton Rob Jaap Jos Harry Leo Huub Sjaak Teun "
       "Evert").split()
CITIES = [("Utrecht", 35), ("Amersfoort", 38), ("Zwolle", 80), ("Deventer", 74), ("Apeldoorn", 73),
          ("Groningen", 97), ("Leeuwarden", 89), ("Assen", 94), ("Arnhem", 68), ("Nijmegen", 65),
          ("'s-Hertogenbosch", 52), ("Tilburg", 50), ("Eindhoven", 56), ("Breda", 48), ("Maastricht", 62),
          ("Haarlem", 20), ("Leiden", 23), ("Delft", 26), ("Gouda", 28), ("Dordrecht", 33), ("Alkmaar", 18),
          ("Hoorn", 16), ("Enschede", 75), ("Emmen", 78), ("Venlo", 59), ("Middelburg", 43)]
STREETS = ("Dorpsstraat Kerkstraat Schoolstraat Molenweg Stationsweg Julianastraat Beatrixlaan Wilhelminastraat "
           "Emmalaan Eikenlaan Beukenlaan Lindelaan Kastanjelaan Rozenstraat Tulpstraat Hoofdstraat Oranjestraat "
           "Nieuwstraat Zuidwal Vondellaan Rembrandtlaan Merelstraat Vinkenlaan Populierenweg Esdoornlaan "
           "Berkenlaan").split()
PRACTICE_NAMES = ("De Linde, De Eik, Het Anker, De Brug, Centrum, Oost, West, De Meander, Het Kompas, De Hoeksteen, "
                  "De Vaart, Het Baken, De Wielewaal, De Akker, Het Plein, De Molen").split(", ")
GOALS = [("functioneel", "Kan binnenshuis en buiten veilig lopen zonder te vallen."),
         ("maatschappelijk", "Heeft minstens twee keer per week contact met anderen."),
         ("somatisch", "Gebruikt alleen medicatie die nog nodig is; minder bijwerkingen."),
         ("psychisch", "Voelt zich minder somber en heeft weer plezier in de dag."),
         ("functioneel", "Kan zelfstandig wassen en aankleden met passende hulpmiddelen."),
         ("communicatie", "Kan telefoneren en afspraken volgen met hulp van een hoorapparaat."),
         ("maatschappelijk", "Mantelzorger voelt zich gesteund en is niet overbelast.")]
ACTIONS = [("poh-ouderenzorg", "Verwijzing fysiotherapie voor loop- en balanstraining (valpreventie)."),
           ("wijkverpleegkundige", "Woningscan op valgevaar en advies hulpmiddelen."),
           ("huisarts", "Medicatiebeoordeling (polyfarmacie) met de apotheker."),
           ("maatschappelijk-werker", "Kennismaking dagbesteding en ondersteuning mantelzorger."),
           ("specialist-ouderengeneeskunde", "Geriatrisch assessment en advies over cognitie en stemming."),
           ("wijkverpleegkundige", "Hulp bij ADL (wassen en aankleden) inzetten en evalueren."),
           ("poh-ouderenzorg", "Evaluatie gewicht en voeding; zo nodig verwijzing dietist."),
           ("huisarts", "Gehoortest aanvragen en hoortoestel bespreken.")]
REFERRALS = [("fysiotherapeut", "Fysiotherapeut", "Loop- en balanstraining in het kader van valpreventie"),
             ("ergotherapeut", "Ergotherapeut", "Advies hulpmiddelen en woningaanpassing"),
             ("dietist", "Diëtist", "Ondervoeding: voedingsadvies"),
             ("casemanager-dementie", "Casemanager dementie", "Begeleiding bij geheugenproblemen"),
             ("welzijn", "Welzijn", "Dagbesteding en sociale contacten")]


# ----------------------------------------------------------------------------------------------- helpers
def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def workday(day, forward=True):
    """Moves a Saturday or Sunday to the next Monday (or, backwards, the Friday before)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1 if forward else -1)
    return day


def stamp(day, hour=10, minute=0):
    """A dateTime in Dutch local time with its offset."""
    if AMSTERDAM is not None:
        offset = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM).strftime("%z")
    else:  # last Sunday of March .. last Sunday of October
        last_sunday = lambda m: max(dt.date(day.year, m, d) for d in range(25, 32) if dt.date(day.year, m, d).weekday() == 6)
        offset = "+0200" if last_sunday(3) <= day < last_sunday(10) else "+0100"
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset[:3]}:{offset[3:]}"


def coding(system, code, display=None):
    c = {"system": system, "code": code}
    if display:
        c["display"] = display
    return c


def concept(system, code, display=None, text=None):
    c = {"coding": [coding(system, code, display)]}
    if text:
        c["text"] = text
    return c


def narrative(text):
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{html.escape(text)}</p></div>'}


def ref(reference, display=None):
    r = {"reference": reference}
    if display:
        r["display"] = display
    return r


def staff(practice, code):
    """Reference to the practice's PractitionerRole for a care-team-role code."""
    return ref(practice["roles"][code], practice["names"][code])


def org_ref(practice):
    return ref(practice["org"], practice["name"])


def profile(name):
    return {"profile": [f"{ZP}/StructureDefinition/{name}"]}


def phone(rng, area):
    return f"+31 {area} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def postcode(rng, prefix):
    return f"{prefix}{rng.randint(10, 99)} {rng.choice('ABCEGHKLMNPRTVWX')}{rng.choice('ABCEGHKLMNPRTVWX')}"


def weighted(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def bsn_numbers(seed, count):
    """Distinct 9-digit numbers that pass the eleven-check, in a seed-dependent order."""
    stride, value, found = 7_654_321, (seed * 48_271 + 12_345_678) % 10**8, []
    while len(found) < count:
        value = (value + stride) % 10**8
        if value < 10**7:
            continue
        digits = [int(c) for c in f"{value:08d}"]
        check = sum((9 - i) * d for i, d in enumerate(digits)) % 11
        if check <= 9:
            found.append(f"{value:08d}{check}")
    return found


def load_item_texts(profiles_dir):
    """Item texts of the shipped Questionnaires, if fhir-profiles/ is next to this script (else none)."""
    texts = {}
    for name in ("gfi", "trazag-start", "complex-kwetsbaar-criteria", "gzsp-inclusie"):
        try:
            with open(f"{profiles_dir}/Questionnaire-{name}.json", encoding="utf-8") as f:
                texts[name] = {item["linkId"]: item.get("text") for item in json.load(f)["item"]}
        except (OSError, ValueError, KeyError):
            texts[name] = {}
    return texts


# ----------------------------------------------------------------------------------------------- bundle
class BundleBuilder:
    """Entries of one transaction: urn:uuid fullUrls and conditional creates keyed on an identifier."""

    def __init__(self):
        self.entries = []

    def add(self, resource, key, if_none_exist=None):
        kind = resource["resourceType"]
        identifier = {"system": SYN, "value": key}
        if kind == "QuestionnaireResponse":
            resource["identifier"] = identifier
        else:
            resource.setdefault("identifier", []).append(identifier)
        full_url = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SYN}/{key}"))
        self.entries.append({"fullUrl": full_url, "resource": resource, "request": {
            "method": "POST", "url": kind, "ifNoneExist": if_none_exist or f"identifier={SYN}|{key}"}})
        return full_url

    def bundle(self):
        return {"resourceType": "Bundle", "type": "transaction", "entry": self.entries}


# ----------------------------------------------------------------------------------------------- practices
def practice_blocks(seed, patients):
    """Default practices: consecutive blocks of 350-550 patients, so patient i keeps its practice whatever --patients."""
    rng, ends = random.Random(f"{seed}:practices"), []
    while not ends or ends[-1] < patients:
        ends.append((ends[-1] if ends else 0) + rng.randint(350, 550))
    return ends


def build_practices(args, rng):
    practices, b = [], BundleBuilder()
    male_staff = ("Pieter", "Joost", "Ruud", "Bas", "Martijn", "Erik", "Yusuf", "Dennis")
    people = {"huisarts": ("01", ["Pieter", "Marieke", "Joost", "Esther", "Ruud", "Ilse"]),
              "poh-ouderenzorg": ("30", ["Anouk", "Linda", "Sandra", "Monique"]),
              "wijkverpleegkundige": ("30", ["Sanne", "Femke", "Bas", "Lotte"]),
              "specialist-ouderengeneeskunde": ("01", ["Martijn", "Karin", "Erik", "Hanneke"]),
              "maatschappelijk-werker": (None, ["Fatima", "Yusuf", "Mirjam", "Dennis"])}
    for j in range(args.practices):
        city, postal = CITIES[j % len(CITIES)]
        name = f"Huisartsenpraktijk {PRACTICE_NAMES[j % len(PRACTICE_NAMES)]}"
        if j >= len(PRACTICE_NAMES):
            name += f" {city}"
        key = f"s{args.seed}-org-{j + 1:03d}"
        agb = f"01{(args.seed * 1000 + j + 1) % 10**6:06d}"
        street = rng.choice(STREETS)
        org = {"resourceType": "Organization", "text": narrative(f"{name} (AGB {agb})."),
               "identifier": [{"system": "http://fhir.nl/fhir/NamingSystem/agb-z", "value": agb},
                              {"system": "http://fhir.nl/fhir/NamingSystem/ura",
                               "value": f"9{args.seed % 900 + 100:03d}{(j + 1) % 10000:04d}"}],
               "active": True, "type": [concept(HL7 + "organization-type", "prov",
                                                "Healthcare Provider")],
               "name": name, "telecom": [{"system": "phone", "value": phone(rng, postal), "use": "work"}],
               "address": [{"use": "work", "line": [f"{street} {rng.randint(1, 120)}"], "city": city,
                            "postalCode": postcode(rng, postal),
                            "country": "NL"}]}
        org_url = b.add(org, key)
        practice = {"key": key, "name": name, "agb": agb, "city": city, "postal": postal, "org_url": org_url,
                    "roles": {}, "practitioners": {}, "names": {}, "weight": rng.uniform(0.7, 1.3)}
        for code, (big_profession, givens) in people.items():
            given, family = rng.choice(givens), rng.choice(FAMILY)
            full = f"{given} {family}"
            ids = [{"system": "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers", "value": f"9{rng.randint(0, 99999999):08d}"}]
            if big_profession:
                ids.insert(0, {"system": "http://fhir.nl/fhir/NamingSystem/big",
                               "value": f"{rng.randint(10**8, 10**9 - 1)}{big_profession}"})
            pract = {"resourceType": "Practitioner", "text": narrative(full), "identifier": ids, "active": True,
                     "name": [{"use": "official", "family": family, "given": [given]}],
                     "gender": "male" if given in male_staff else "female"}
            pract_url = b.add(pract, f"{key}-{code}")
            role = {"resourceType": "PractitionerRole", "text": narrative(f"{full} - {TEAM_ROLES[code]}"),
                    "active": True, "practitioner": ref(pract_url, full), "organization": ref(org_url, name),
                    "code": [concept(CS + "care-team-role", code, TEAM_ROLES[code])]}
            practice["roles"][code] = b.add(role, f"{key}-{code}-role")
            practice["practitioners"][code] = pract_url
            practice["names"][code] = f"{full} ({TEAM_ROLES[code]})"
        practices.append(practice)
    return practices, b


def resolve_practices(practices, builder, response):
    """Replaces the urn:uuid references by server ids (live) or by conditional references (dry run)."""
    by_url = {}
    for i, entry in enumerate(builder.entries):
        if response is not None:
            location = response["entry"][i]["response"]["location"]
            by_url[entry["fullUrl"]] = "/".join(location.split("/")[:2])
        else:
            key = next(x["value"] for x in entry["resource"]["identifier"] if x["system"] == SYN)
            by_url[entry["fullUrl"]] = f"{entry['resource']['resourceType']}?identifier={SYN}|{key}"
    for p in practices:
        p["org"] = by_url[p["org_url"]]
        p["roles"] = {code: by_url[url] for code, url in p["roles"].items()}
        p["practitioners"] = {code: by_url[url] for code, url in p["practitioners"].items()}


# ----------------------------------------------------------------------------------------------- one patient
class PatientGenerator:
    def __init__(self, args, practices, texts):
        self.args, self.practices, self.texts, self.ref_day = args, practices, texts, args.reference_date
        self.weights = [p["weight"] for p in practices]
        self.blocks = None if args.explicit_practices else practice_blocks(args.seed, args.patients)

    def day(self, rng, lo, hi, forward=True):
        """A workday between lo and hi days before the reference date (roughly: weekends move)."""
        return workday(self.ref_day - dt.timedelta(days=rng.randint(lo, hi)), forward)

    def generate(self, index, bsn, b):
        rng = random.Random(f"{self.args.seed}:{index}")
        p = self.person(rng, index, bsn)
        p["first"] = len(b.entries)
        draw = weighted(rng, self.practices, self.weights)  # always drawn: keeps the patient's random stream
        p["practice"] = draw if self.blocks is None else self.practices[bisect.bisect_left(self.blocks, index)]
        p["team"] = {}
        self.plan_pathway(rng, p)
        self.plan_branches(p)
        self.patient(rng, p, b)
        self.medications(rng, p, b)
        self.contacts(rng, p, b)
        if p["status"]:
            self.pathway(rng, p, b)
        elif p["acp"]:
            self.acp(p, b)
        self.branches(p, b)
        p["last"] = len(b.entries)
        return p

    # -- who
    def person(self, rng, index, bsn):
        low, high = weighted(rng, [band for band, _ in AGE_BANDS], [w for _, w in AGE_BANDS])
        age = rng.randint(low, high)
        first = years_before(self.ref_day, age + 1) + dt.timedelta(days=1)
        birth = first + dt.timedelta(days=rng.randint(0, (years_before(self.ref_day, age) - first).days))
        group = "65-74" if age < 75 else "75-84" if age < 85 else "85+"
        female = rng.random() < {"65-74": 0.52, "75-84": 0.57, "85+": 0.67}[group]
        mogelijk, kwetsbaar, complex_ = FRAILTY[group]
        x = rng.uniform(0, 100)
        status = ("complex-kwetsbaar" if x < complex_ else "kwetsbaar" if x < complex_ + kwetsbaar
                  else "mogelijk-kwetsbaar" if x < complex_ + kwetsbaar + mogelijk else None)
        acp_share = {None: 0.005 if age < 75 else 0.02, "mogelijk-kwetsbaar": 0.05, "kwetsbaar": 0.25,
                     "complex-kwetsbaar": 0.5}[status]
        return {"index": index, "key": f"s{self.args.seed}-p{index:06d}", "bsn": bsn, "birth": birth, "age": age,
                "group": group, "gender": "female" if female else "male", "status": status,
                "acp": rng.random() < acp_share, "meetings": [], "consents": [], "instruments": [],
                "care_plan": None, "trajectory": None, "acp_date": None, "episode": None, "episodes": [],
                "non_contacts": [], "active_requests": 0, "stopped_requests": 0}

    def plan_pathway(self, rng, p):
        """Dates of the pathway steps, all on or before the reference date (except a planned MDO)."""
        if p["status"] == "mogelijk-kwetsbaar":
            p["signal"] = self.day(rng, 7, 200)
        elif p["status"]:
            p["signal"] = self.day(rng, 90, 540)
            p["deelname"] = workday(p["signal"] + dt.timedelta(days=rng.randint(5, 14)))
            p["visit"] = workday(p["deelname"] + dt.timedelta(days=rng.randint(5, 14)))
            p["kernteam"] = [workday(p["visit"] + dt.timedelta(days=rng.randint(7, 21)))]
            while rng.random() < 0.7:
                nxt = workday(p["kernteam"][-1] + dt.timedelta(days=rng.randint(150, 240)))
                if nxt >= self.ref_day:
                    break
                p["kernteam"].append(nxt)

    def plan_branches(self, p):
        """The less common cases that reach every filter of the population operations (see "Proportions"), drawn
        from the patient's own second stream so that the rest of the patient stays as it was."""
        xr = random.Random(f"{self.args.seed}:{p['index']}:branches")
        draws = [xr.random() for _ in range(9)]
        p["xr"] = xr
        p["listed_via"] = "role" if draws[0] < 0.15 else "practitioner" if draws[0] < 0.25 else "organization"
        quiet = p["status"] is None and not p["acp"]
        p["inactive"] = quiet and draws[1] < 0.03
        p["deceased"] = None
        if quiet and 0.03 <= draws[1] < 0.06:
            p["deceased"] = workday(self.ref_day - dt.timedelta(days=xr.randint(200, 330)), forward=False)
            p["deceased_as"] = "dateTime" if xr.random() < 0.5 else "boolean"
        gone = p["inactive"] or p["deceased"] is not None
        p["resolved_a05"] = p["status"] is None and p["age"] >= 75 and not gone and draws[2] < 0.05
        p["signal_in_error"] = p["status"] is None and not gone and not p["resolved_a05"] and draws[3] < 0.03
        p["acp_in_error"] = not p["acp"] and not gone and draws[4] < 0.03
        p["duplicate_in_error"] = p["status"] == "complex-kwetsbaar" and draws[5] < 0.3
        p["signal_on_file"] = (None if p["status"] not in ("kwetsbaar", "complex-kwetsbaar") or draws[6] >= 0.5
                               else "active" if xr.random() < 0.5 else "resolved")
        p["withdraws"] = p["status"] == "kwetsbaar" and draws[7] < 0.35
        p["non_contact"] = None if gone or draws[8] >= 0.12 else xr.choice(["cancelled", "planned", "entered-in-error"])
        if p["resolved_a05"]:
            p["resolved_consent"] = workday(self.ref_day - dt.timedelta(days=xr.randint(500, 640)))
            p["resolved_onset"] = workday(p["resolved_consent"] + dt.timedelta(days=xr.randint(5, 20)))
            p["resolved_meeting"] = workday(self.ref_day - dt.timedelta(days=xr.randint(240, 330)))
            p["resolved_abated"] = workday(self.ref_day - dt.timedelta(days=xr.randint(195, 235)))

    # -- resources
    def patient(self, rng, p, b):
        practice = p["practice"]
        first = rng.choice(WOMEN if p["gender"] == "female" else MEN)
        givens = [first] + ([rng.choice(WOMEN if p["gender"] == "female" else MEN)] if rng.random() < 0.5 else [])
        givens = list(dict.fromkeys(givens))
        family = rng.choice(FAMILY)
        p["name"] = f"{' '.join(givens)} {family}"
        title = "Mevrouw" if p["gender"] == "female" else "De heer"
        p["display"] = f"{title} {'.'.join(g[0] for g in givens)}. {family}"
        widowed = rng.random() < (0.15 if p["age"] < 75 else 0.45 if p["gender"] == "female" else 0.25)
        resource = {
            "resourceType": "Patient", "meta": profile("zp-patient"),
            "text": narrative(f"{title} {p['name']}, geboren {p['birth']:%d-%m-%Y} ({p['age']} jaar), "
                              f"BSN {p['bsn']} (synthetisch), {practice['city']}."),
            "identifier": [{"use": "official", "system": BSN, "value": p["bsn"]}], "active": True,
            "name": [{"use": "official", "text": p["name"], "family": family, "given": givens}],
            "telecom": [{"system": "phone", "value": phone(rng, practice["postal"]), "use": "home"}],
            "gender": p["gender"], "birthDate": p["birth"].isoformat(),
            "address": [{"use": "home", "line": [f"{rng.choice(STREETS)} {rng.randint(1, 180)}"], "city": practice["city"],
                         "postalCode": postcode(rng, practice["postal"]),
                         "country": "NL"}],
            "maritalStatus": concept(HL7 + "v3-MaritalStatus",
                                     *(("W", "Widowed") if widowed else ("M", "Married"))),
            "generalPractitioner": {
                "organization": [org_ref(practice), staff(practice, "huisarts")],
                "role": [staff(practice, "huisarts")],
                "practitioner": [ref(practice["practitioners"]["huisarts"], practice["names"]["huisarts"])]}[p["listed_via"]],
            "managingOrganization": org_ref(practice)}
        if p["inactive"]:
            resource["active"] = False  # moved away: no longer on the practice's list
        if p["deceased"] is not None:
            if p["deceased_as"] == "dateTime":
                resource["deceasedDateTime"] = stamp(p["deceased"], 6)
            else:
                resource["deceasedBoolean"] = True
        url = b.add(resource, p["key"], if_none_exist=f"identifier={BSN}|{p['bsn']}")
        p["patient_entry"] = len(b.entries) - 1
        p["subject"] = ref(url, p["display"])
        if p["status"] in ("kwetsbaar", "complex-kwetsbaar") and rng.random() < 0.8:
            carer = rng.choice(WOMEN + MEN)
            daughter = carer in WOMEN
            rel = ("DAU", "natural daughter", "Dochter") if daughter else ("SON", "natural son", "Zoon")
            b.add({"resourceType": "RelatedPerson", "text": narrative(f"{carer} {family}, {rel[2].lower()} en eerste mantelzorger."),
                   "active": True, "patient": p["subject"],
                   "relationship": [concept(HL7 + "v3-RoleCode", rel[0], rel[1],
                                            f"{rel[2]}, eerste mantelzorger")],
                   "name": [{"use": "official", "family": family, "given": [carer]}],
                   "telecom": [{"system": "phone", "value": f"+31 6 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                                "use": "mobile"}],
                   "gender": "female" if daughter else "male"}, f"{p['key']}-carer")
        return url

    def medications(self, rng, p, b):
        table = MEDS_FRAIL if p["status"] in ("kwetsbaar", "complex-kwetsbaar") else MEDS_YOUNG if p["age"] < 75 else MEDS_OLD
        count = weighted(rng, list(range(13)), table)
        chosen = []
        while len(chosen) < count + 1:
            med = weighted(rng, MEDICATIONS, [m[3] for m in MEDICATIONS])
            if med not in chosen:
                chosen.append(med)
        stopped = chosen[count] if rng.random() < 0.15 else None
        p["medicines"] = [m[0] for m in chosen]
        for n, med in enumerate(chosen[:count] + ([stopped] if stopped else [])):
            atc, name, dosage, _ = med
            start = self.ref_day - dt.timedelta(days=rng.randint(30, 3650))
            resource = {"resourceType": "MedicationStatement", "status": "active",
                        "medicationCodeableConcept": concept(ATC, atc, name.split(" ")[0], name),
                        "subject": p["subject"], "effectivePeriod": {"start": start.isoformat()},
                        "dateAsserted": stamp(max(start, self.ref_day - dt.timedelta(days=rng.randint(1, 90))), 9),
                        "informationSource": staff(p["practice"], "huisarts"),
                        "dosage": [{"text": dosage}]}
            if med is stopped:
                end = start + dt.timedelta(days=rng.randint(14, max(15, (self.ref_day - start).days - 1)))
                resource["status"] = "completed"
                resource["effectivePeriod"]["end"] = end.isoformat()
            b.add(resource, f"{p['key']}-med-{n + 1}")
        p["active_medications"], p["stopped_medications"] = count, int(stopped is not None)

    def contacts(self, rng, p, b):
        days = []
        if p["status"] or rng.random() >= 0.17:
            n = weighted(rng, range(1, 7), [18, 22, 20, 16, 14, 10] if p["age"] >= 75 else [30, 28, 20, 14, 8, 0])
            days = [self.day(rng, 1, 365, forward=False)] + [self.day(rng, 1, 728, forward=False) for _ in range(n - 1)]
        elif rng.random() < 14 / 17:
            days = [self.day(rng, 366, 728, forward=False) for _ in range(rng.randint(1, 3))]
        if p["deceased"] is not None:
            days = [d for d in days if d < p["deceased"]]
        if p["resolved_a05"]:  # seen lately only by the SO (a meeting, which is not a contact)
            days = [d for d in days if (self.ref_day - d).days > 365]
        visit = p.get("visit")
        kinds = [("consult", d) for d in sorted(set(days) - {visit})] + ([("huisbezoek", visit)] if visit else [])
        for n, (kind, day) in enumerate(sorted(kinds, key=lambda k: k[1])):
            who = "poh-ouderenzorg" if kind == "huisbezoek" or rng.random() < 0.25 else "huisarts"
            minute = rng.choice(range(0, 50, 10))
            hour = rng.randint(8, 16)
            text = ("Huisbezoek POH-O (in kaart brengen kwetsbaarheid)" if kind == "huisbezoek"
                    else "Consult huisarts" if who == "huisarts" else "Consult POH-ouderenzorg")
            b.add({"resourceType": "Encounter", "status": "finished",
                   "class": coding(HL7 + "v3-ActCode", "AMB", "ambulatory"),
                   "type": [{"coding": [coding("http://snomed.info/sct", "439708006" if kind == "huisbezoek" else "11429006",
                                               "Home visit" if kind == "huisbezoek" else "Consultation")], "text": text}],
                   "subject": p["subject"], "participant": [{"individual": staff(p["practice"], who)}],
                   "period": {"start": stamp(day, hour, minute), "end": stamp(day, hour, minute + 10)},
                   "serviceProvider": org_ref(p["practice"])}, f"{p['key']}-contact-{n + 1}")
        p["contact_days"] = sorted(d for _, d in kinds)

    def consent(self, p, b, category, day, provision="permit", years=2, status="active", key=None):
        practice = p["practice"]
        display = {"programma-deelname": "Toestemming deelname zorgprogramma",
                   "bespreken-kernteam": "Toestemming bespreken in kernteam/MDO"}[category]
        end = years_before(day, -years)
        text = {("programma-deelname", "permit"): "Patiënt geeft toestemming om de kwetsbaarheid verder in kaart te"
                                                  " brengen en te overleggen met andere betrokken zorgverleners.",
                ("programma-deelname", "deny"): "Patiënt wil (nu) niet deelnemen aan het zorgprogramma.",
                ("bespreken-kernteam", "permit"): "Patiënt vindt het goed dat de situatie in het kernteam en met"
                                                  " betrokken hulpverleners wordt besproken.",
                ("bespreken-kernteam", "deny"): "Patiënt trekt de toestemming in om in het kernteam of MDO besproken"
                                                " te worden."}
        b.add({"resourceType": "Consent", "meta": profile("zp-consent"),
               "text": narrative(text[(category, provision)]), "status": status,
               "scope": concept(HL7 + "consentscope",
                                *(("treatment", "Treatment") if category == "programma-deelname" else ("patient-privacy", "Privacy Consent"))),
               "category": [concept(CS + "consent-category", category, display)],
               "patient": p["subject"], "dateTime": stamp(day, 11), "performer": [p["subject"]],
               "organization": [org_ref(practice)],
               "policy": [{"authority": "https://zorgpad.nl", "uri": f"{ZP}/policy/zorgprogramma-kwetsbare-ouderen"}],
               "provision": {"type": provision, "period": {"start": day.isoformat(), "end": end.isoformat()}}},
              key or f"{p['key']}-consent-{category}")
        p["consents"].append({"category": category, "provision": provision, "status": status,
                              "date": day.isoformat(), "period_start": day.isoformat(), "period_end": end.isoformat()})

    def response(self, p, b, questionnaire, day, answers, author, hour=10, score=None):
        texts = self.texts.get(questionnaire, {})
        items = []
        for link_id, value in answers:
            answer = ({"valueBoolean": value} if isinstance(value, bool) else {"valueInteger": value} if isinstance(value, int)
                      else {"valueCoding": coding(f"{ZP}/CodeSystem/answer", value, ANSWER_DISPLAY[value])})
            item = {"linkId": link_id, "answer": [answer]}
            if texts.get(link_id):
                item["text"] = texts[link_id]
            items.append(item)
        url = b.add({"resourceType": "QuestionnaireResponse",
                     "meta": profile("zp-instrument-response"),
                     "text": narrative(f"Ingevulde vragenlijst {questionnaire} op {day.isoformat()}."),
                     "questionnaire": f"{ZP}/Questionnaire/{questionnaire}", "status": "completed",
                     "subject": p["subject"], "authored": stamp(day, hour, 30),
                     "author": staff(p["practice"], author), "item": items},
                    f"{p['key']}-qr-{questionnaire}")
        p["instruments"].append({"questionnaire": questionnaire, "authored": day.isoformat(), "score": score})
        return url

    def assessment(self, rng, p, b):
        """A Trazag (60%) or GFI (40%) response indicating frailty; the server computes the total."""
        polypharmacy = p["active_medications"]
        if rng.random() < 0.6:
            while True:
                yes = [rng.random() < 0.4 for _ in range(10)]
                yes[2] = polypharmacy >= 5
                if sum(yes) >= 3:
                    break
            answers = [(f"trazag-{i + 1}", "ja" if y else "nee") for i, y in enumerate(yes)]
            return "trazag-start", self.response(p, b, "trazag-start", p["visit"], answers, "poh-ouderenzorg", score=sum(yes))
        while True:
            adl = ["hulp-nodig" if rng.random() < 0.35 else "geen-hulp-nodig" for _ in range(4)]
            fitness = rng.randint(2, 8)
            yes_no = ["ja" if rng.random() < 0.35 else "nee" for _ in range(3)] + ["ja" if polypharmacy >= 4 else "nee"]
            memory = rng.choice(["ja", "soms", "nee"])
            mood = [rng.choice(["ja", "soms", "nee", "nee"]) for _ in range(5)]
            score = (adl.count("hulp-nodig") + (fitness <= 6) + yes_no.count("ja") + (memory == "ja")
                     + sum(m != "nee" for m in mood))
            if 4 <= score <= 12:
                break
        answers = ([(f"gfi-{i + 1}", a) for i, a in enumerate(adl)] + [("gfi-5", fitness)]
                   + [(f"gfi-{i + 6}", a) for i, a in enumerate(yes_no)] + [("gfi-10", memory)]
                   + [(f"gfi-{i + 11}", a) for i, a in enumerate(mood)])
        return "gfi", self.response(p, b, "gfi", p["visit"], answers, "poh-ouderenzorg", score=score)

    def meeting(self, p, b, kind, day, roles, status="finished", minutes=15, reason=None, n=1):
        practice = p["practice"]
        resource = {"resourceType": "Encounter", "meta": profile("zp-meeting"),
                    "text": narrative(f"{MEETING_DISPLAY[kind]} over {p['display']} op {day.isoformat()} ({status})."),
                    "status": status,
                    "class": coding(HL7 + "v3-ActCode", "AMB", "ambulatory"),
                    "type": [concept(CS + "meeting-type", kind, MEETING_DISPLAY[kind])],
                    "subject": p["subject"],
                    "participant": [{"individual": staff(practice, r)} for r in roles],
                    "period": {"start": stamp(day, 13, 30), "end": stamp(day, 13 + (30 + minutes) // 60, (30 + minutes) % 60)},
                    "serviceProvider": org_ref(practice)}
        if reason:
            resource["reasonReference"] = [ref(reason, STATUS_DISPLAY[p["status"]] + " (A05)")]
        if status != "finished":
            del resource["period"]["end"]
        b.add(resource, f"{p['key']}-{kind}-{n}")
        p["meetings"].append({"type": kind, "date": day.isoformat(), "status": status})

    def care_team(self, rng, p, b, start, complex_day):
        practice = p["practice"]
        roles = ["huisarts", "poh-ouderenzorg", "wijkverpleegkundige"]
        if p["status"] == "complex-kwetsbaar":
            roles += ["specialist-ouderengeneeskunde"] + (["maatschappelijk-werker"] if rng.random() < 0.6 else [])
        elif rng.random() < 0.5:
            roles.append("maatschappelijk-werker")
        coordinator = "poh-ouderenzorg" if rng.random() < 0.75 else "wijkverpleegkundige"
        participants = []
        for r in roles:
            codes = [concept(CS + "care-team-role", r, TEAM_ROLES[r])]
            if r == coordinator:
                codes.append(concept(CS + "care-team-role", "coordinator", TEAM_ROLES["coordinator"]))
            since = complex_day if r == "specialist-ouderengeneeskunde" else start
            participants.append({"role": codes, "member": staff(practice, r),
                                 "period": {"start": since.isoformat()}})
        names = "; ".join(practice["names"][r] + (" (coordinator)" if r == coordinator else "") for r in roles)
        url = b.add({"resourceType": "CareTeam", "meta": profile("zp-careteam"),
                     "text": narrative(f"Kernteam {p['display']}: {names}."), "status": "active",
                     "name": f"Kernteam {p['display']}", "subject": p["subject"], "period": {"start": start.isoformat()},
                     "participant": participants, "managingOrganization": [org_ref(practice)]},
                    f"{p['key']}-careteam")
        p["team"] = {"roles": roles, "coordinator": coordinator, "url": url}

    def episode(self, p, b, code, status, onset, recorded, evidence, recorder, clinical="active", abated=None,
                verification=None, key=None):
        """A frailty episode; clinical "active" or "resolved" (with its abatement day), or None with verification
        "entered-in-error" (FHIR con-5: an episode entered in error has no clinical status)."""
        practice = p["practice"]
        verification = verification or ("confirmed" if code == "A05" else "provisional")
        resource = {"resourceType": "Condition", "meta": profile("zp-frailty-episode"),
                    "text": narrative(f"Episode ICPC {code} - status {STATUS_DISPLAY[status]}, sinds {onset.isoformat()}"
                                      + (f", afgesloten {abated.isoformat()}." if abated else
                                         " (ten onrechte vastgelegd)." if verification == "entered-in-error" else ".")),
                    "clinicalStatus": concept(HL7 + "condition-clinical", clinical, clinical.capitalize()) if clinical else None,
                    "verificationStatus": concept(HL7 + "condition-ver-status", verification,
                                                  verification.replace("-", " ").capitalize()),
                    "category": [concept(HL7 + "condition-category", "problem-list-item", "Problem List Item")],
                    "code": concept(ICPC, code, ICPC_DISPLAY[code], STATUS_DISPLAY[status]),
                    "subject": p["subject"], "onsetDateTime": onset.isoformat(), "recordedDate": recorded.isoformat(),
                    "recorder": staff(practice, recorder),
                    # the status was set when the episode was recorded, before it reaches the server: say so
                    "stage": [{"extension": [{"url": "https://zorgpad.nl/fhir/StructureDefinition/zp-status-date",
                                              "valueDateTime": recorded.isoformat()}],
                               "summary": concept(CS + "frailty-status", status, STATUS_DISPLAY[status])}]}
        if resource["clinicalStatus"] is None:
            del resource["clinicalStatus"]
        if abated:
            resource["abatementDateTime"] = abated.isoformat()
        if evidence:
            resource["evidence"] = [{"detail": [ref(url, label) for url, label in evidence]}]
        if key is None:  # the patient's current episode
            p["episode"] = {"code": code, "onset": onset.isoformat(), "recorded": recorded.isoformat()}
        p["episodes"].append(episode_fact(code, status, clinical, verification, onset, recorded, abated))
        return b.add(resource, key or f"{p['key']}-episode")

    def acp(self, p, b, earliest=None, in_error=False):
        rng = random.Random(f"{self.args.seed}:{p['index']}:acp")
        day = workday(earliest + dt.timedelta(days=rng.randint(0, 30))) if earliest else self.day(rng, 14, 700)
        day = min(day, self.ref_day - dt.timedelta(days=1))
        practice = p["practice"]
        resource = {"resourceType": "Condition", "meta": profile("zp-acp-episode"),
                    "text": narrative(f"Episode ICPC A20 Proactieve zorgplanning, sinds {day.isoformat()}"
                                      + (" (ten onrechte vastgelegd)." if in_error else ".")),
                    "clinicalStatus": concept(HL7 + "condition-clinical", "active", "Active"),
                    "verificationStatus": concept(HL7 + "condition-ver-status", "confirmed", "Confirmed"),
                    "category": [concept(HL7 + "condition-category", "problem-list-item", "Problem List Item")],
                    "code": concept(ICPC, "A20", ICPC_DISPLAY["A20"], "Proactieve zorgplanning"), "subject": p["subject"],
                    "onsetDateTime": day.isoformat(), "recordedDate": day.isoformat(),
                    "recorder": staff(practice, "huisarts"),
                    "note": [{"text": "Gesprek proactieve zorgplanning: wensen en grenzen van behandeling vastgelegd."}]}
        if in_error:  # recorded in the wrong patient's file (con-5: no clinical status)
            del resource["clinicalStatus"]
            resource["verificationStatus"] = concept(HL7 + "condition-ver-status", "entered-in-error", "Entered in error")
        b.add(resource, f"{p['key']}-acp" + ("-error" if in_error else ""))
        if not in_error:
            p["acp_date"] = day.isoformat()
        p["episodes"].append(episode_fact("A20", None, None if in_error else "active",
                                          "entered-in-error" if in_error else "confirmed", day, day, None))

    def care_plan(self, rng, p, b, start, episode_url):
        practice, roles = p["practice"], p["team"]["roles"]
        goals = rng.sample(GOALS, rng.randint(2, 3))
        goal_urls = []
        for n, (domain, text) in enumerate(goals):
            goal_urls.append(b.add({
                "resourceType": "Goal", "meta": profile("zp-goal"),
                "text": narrative(f"Doel ({domain.capitalize()}): {text}"), "lifecycleStatus": "active",
                "category": [concept(CS + "sfmpc", domain, domain.capitalize())],
                "description": {"text": text}, "subject": p["subject"], "startDate": start.isoformat(),
                "target": [{"dueDate": (start + dt.timedelta(days=182)).isoformat()}], "expressedBy": p["subject"],
                "addresses": [ref(episode_url)]}, f"{p['key']}-goal-{n + 1}"))
        actions = [a for a in ACTIONS if a[0] in roles]
        activities = []
        age_days = (self.ref_day - start).days
        for n, (who, text) in enumerate(rng.sample(actions, min(len(actions), rng.randint(3, 5)))):
            status = rng.choice(["completed", "in-progress"] if age_days > 120 else ["in-progress", "scheduled", "not-started"])
            activities.append({"detail": {
                "extension": [{"url": f"{ZP}/StructureDefinition/zp-urgency",
                               "valueCode": rng.choice(["routine", "routine", "urgent", "asap"])}],
                "goal": [ref(goal_urls[n % len(goal_urls)])], "status": status,
                "performer": [staff(practice, who)], "description": text}})
        coordinator = p["team"]["coordinator"]
        url = b.add({"resourceType": "CarePlan", "meta": profile("zp-careplan"),
                     "text": narrative(f"Gezondheidsplan {p['display']}: "
                                       + " ".join(a["detail"]["description"] for a in activities)),
                     "status": "active", "intent": "plan",
                     "category": [concept(CS + "careplan-category", "gezondheidsplan", "Gezondheidsplan (individueel zorgplan)")],
                     "title": f"Gezondheidsplan {p['display']}", "subject": p["subject"], "period": {"start": start.isoformat()},
                     "created": start.isoformat(), "author": staff(practice, coordinator),
                     "careTeam": [ref(p["team"]["url"], f"Kernteam {p['display']}")], "addresses": [ref(episode_url)],
                     "goal": [ref(u) for u in goal_urls], "activity": activities}, f"{p['key']}-careplan")
        p["care_plan"] = {"start": start.isoformat(), "actions": len(activities), "goals": len(goal_urls)}
        return url

    def pathway(self, rng, p, b):
        practice = p["practice"]
        if p["status"] == "mogelijk-kwetsbaar":
            x = rng.random()
            if x < 0.6:
                day = workday(p["signal"] + dt.timedelta(days=rng.randint(3, 10)))
                if day < self.ref_day:
                    self.consent(p, b, "programma-deelname", day, "permit" if x < 0.5 else "deny")
            self.episode(p, b, "A49.01", "mogelijk-kwetsbaar", p["signal"], p["signal"], None, "poh-ouderenzorg")
            if p["acp"]:
                self.acp(p, b, p["signal"])
            return
        if p["signal_on_file"]:  # status history: the signalled A49.01 episode, before the A05 one took over
            resolved = p["signal_on_file"] == "resolved"
            self.episode(p, b, "A49.01", "mogelijk-kwetsbaar", p["signal"], p["signal"], None, "poh-ouderenzorg",
                         clinical="resolved" if resolved else "active", abated=p["visit"] if resolved else None,
                         key=f"{p['key']}-signal")
        self.consent(p, b, "programma-deelname", p["deelname"])
        self.consent(p, b, "bespreken-kernteam", p["visit"])
        instrument, assessment_url = self.assessment(rng, p, b)
        label = f"{'Trazag startlijst' if instrument == 'trazag-start' else 'GFI'} {p['visit']:%d-%m-%Y}"
        evidence = [(assessment_url, label)]
        meetings = p["kernteam"]
        complex_day = None
        if p["status"] == "complex-kwetsbaar":
            complex_day = meetings[1] if len(meetings) > 1 and rng.random() < 0.4 else meetings[0]
            criteria = self.response(p, b, "complex-kwetsbaar-criteria", complex_day, [(f"c{i}", True) for i in range(1, 6)],
                                     "poh-ouderenzorg", hour=13)
            evidence.append((criteria, f"Criteria complex kwetsbaar {complex_day:%d-%m-%Y}"))
        self.care_team(rng, p, b, meetings[0], complex_day or meetings[0])
        episode_url = self.episode(p, b, "A05", p["status"], p["visit"], complex_day or p["visit"], evidence, "poh-ouderenzorg")
        if p["acp"]:
            self.acp(p, b, p["visit"])
        for n, day in enumerate(meetings):
            self.meeting(p, b, "kernteam-overleg", day, p["team"]["roles"], reason=episode_url, n=n + 1)
        if p["status"] == "kwetsbaar":
            if rng.random() < 0.4:
                self.care_plan(rng, p, b, meetings[0], episode_url)
            return
        plan_url = self.care_plan(rng, p, b, complex_day, episode_url)
        if rng.random() < 0.5:
            code, display, text = rng.choice(REFERRALS)
            b.add({"resourceType": "ServiceRequest", "meta": profile("zp-referral"),
                   "text": narrative(f"Verwijzing naar {display}: {text}."),
                   "basedOn": [ref(plan_url, f"Gezondheidsplan {p['display']}")],
                   "status": "active", "intent": "order", "priority": "routine", "code": {"text": text}, "subject": p["subject"],
                   "authoredOn": (complex_day + dt.timedelta(days=1)).isoformat(),
                   "requester": staff(practice, "huisarts"),
                   "performerType": concept(CS + "referral-target", code, display),
                   "reasonReference": [ref(episode_url, "Complex kwetsbaar (A05)")]}, f"{p['key']}-referral")
        mdo_roles = p["team"]["roles"] + ([] if "maatschappelijk-werker" in p["team"]["roles"] else ["maatschappelijk-werker"])
        mdo, n = workday(complex_day + dt.timedelta(days=rng.randint(14, 42))), 0
        while mdo < self.ref_day:
            n += 1
            self.meeting(p, b, "breed-mdo", mdo, mdo_roles, minutes=45, reason=episode_url, n=n)
            if rng.random() >= 0.8:
                break
            mdo = workday(mdo + dt.timedelta(days=rng.randint(300, 380)))
        if rng.random() < 0.4:
            self.meeting(p, b, "breed-mdo", workday(self.ref_day + dt.timedelta(days=rng.randint(7, 60))), mdo_roles,
                         status="planned", minutes=45, reason=episode_url, n=n + 1)
        if rng.random() < 0.2:
            self.trajectory(rng, p, b, complex_day, episode_url)

    def branches(self, p, b):
        """What comes after the pathway: the cases of plan_branches() that write resources of their own."""
        xr, practice = p["xr"], p["practice"]
        if p["resolved_a05"]:
            # frail once (consent for a year, now expired), seen by the SO, recovered; since then no GP contact
            self.consent(p, b, "programma-deelname", p["resolved_consent"], years=1)
            self.episode(p, b, "A05", "kwetsbaar", p["resolved_onset"], p["resolved_onset"], None, "huisarts",
                         clinical="resolved", abated=p["resolved_abated"], key=f"{p['key']}-episode-resolved")
            self.meeting(p, b, "so-consult", p["resolved_meeting"], ["specialist-ouderengeneeskunde"], minutes=60)
            if xr.random() < 0.5:  # agreed to be discussed, then withdrew by setting the consent inactive
                self.consent(p, b, "bespreken-kernteam", p["resolved_onset"], status="inactive")
        if p["signal_in_error"]:
            day = self.day(xr, 30, 500)
            self.episode(p, b, "A49.01", "mogelijk-kwetsbaar", day, day, None, "poh-ouderenzorg", clinical=None,
                         verification="entered-in-error", key=f"{p['key']}-signal-error")
        if p["acp_in_error"]:
            self.acp(p, b, in_error=True)
        if p["duplicate_in_error"]:  # the same A05 pushed twice by mistake, later, with an outdated status
            first = dt.date.fromisoformat(p["episode"]["recorded"])
            day = min(workday(first + dt.timedelta(days=xr.randint(1, 20))), self.ref_day - dt.timedelta(days=1))
            self.episode(p, b, "A05", "kwetsbaar", p["visit"], day, None, "poh-ouderenzorg", clinical=None,
                         verification="entered-in-error", key=f"{p['key']}-episode-error")
        self.prescriptions(xr, p, b)
        if p["non_contact"]:
            self.non_contact(xr, p, b)
        if p["withdraws"]:
            self.withdrawal(xr, p, b)

    def prescriptions(self, xr, p, b):
        """MedicationRequests for medicines not on the statements: 20% one or two active, 10% one stopped."""
        others = [m for m in MEDICATIONS if m[0] not in p["medicines"]]
        active = xr.choice([1, 1, 2]) if xr.random() < 0.2 else 0
        stopped = 1 if xr.random() < 0.1 else 0
        for n, (atc, name, dosage, _) in enumerate(xr.sample(others, active + stopped)):
            day = self.day(xr, 7, 180)
            b.add({"resourceType": "MedicationRequest", "status": "active" if n < active else "stopped",
                   "intent": "order", "medicationCodeableConcept": concept(ATC, atc, name.split(" ")[0], name),
                   "subject": p["subject"], "authoredOn": stamp(day, 11), "requester": staff(p["practice"], "huisarts"),
                   "dosageInstruction": [{"text": dosage}]}, f"{p['key']}-rx-{n + 1}")
        p["active_requests"], p["stopped_requests"] = active, stopped

    def non_contact(self, xr, p, b):
        """An Encounter that is not a contact: planned for later on the reference day, or cancelled or entered in
        error after the last contact (within the last 12 months)."""
        kind = p["non_contact"]
        after = max([d for d in p["contact_days"]] + [self.ref_day - dt.timedelta(days=365)])
        span = (self.ref_day - after).days - 1
        if kind == "planned" or span < 1:
            kind, day = "planned", self.ref_day
        else:
            day = after + dt.timedelta(days=xr.randint(1, span))
        b.add({"resourceType": "Encounter", "status": kind, "class": coding(HL7 + "v3-ActCode", "AMB", "ambulatory"),
               "type": [{"coding": [coding("http://snomed.info/sct", "11429006", "Consultation")],
                         "text": {"planned": "Consult huisarts (gepland)", "cancelled": "Consult huisarts (afgezegd)",
                                  "entered-in-error": "Consult huisarts (ten onrechte vastgelegd)"}[kind]}],
               "subject": p["subject"], "participant": [{"individual": staff(p["practice"], "huisarts")}],
               "period": {"start": stamp(day, 16, 30)}, "serviceProvider": org_ref(p["practice"])},
              f"{p['key']}-{kind}")
        p["non_contacts"].append({"status": kind, "date": day.isoformat()})

    def withdrawal(self, xr, p, b):
        """Consent history of a kwetsbaar patient: bespreken-kernteam withdrawn (a deny) after the last core-team
        meeting, and for half of them given again later."""
        last = max(dt.date.fromisoformat(m["date"]) for m in p["meetings"])
        if (self.ref_day - last).days < 20:
            return
        withdrawn = workday(last + dt.timedelta(days=xr.randint(7, (self.ref_day - last).days - 10)), forward=False)
        if withdrawn <= last:
            return
        self.consent(p, b, "bespreken-kernteam", withdrawn, provision="deny",
                     key=f"{p['key']}-consent-bespreken-kernteam-withdrawn")
        if xr.random() < 0.5 and (self.ref_day - withdrawn).days > 14:
            again = workday(withdrawn + dt.timedelta(days=xr.randint(7, (self.ref_day - withdrawn).days - 3)), forward=False)
            if again > withdrawn:
                self.consent(p, b, "bespreken-kernteam", again, key=f"{p['key']}-consent-bespreken-kernteam-again")

    def trajectory(self, rng, p, b, complex_day, episode_url):
        """GZSP admission in order (ZP-R6), only when it fits before the reference date."""
        g1 = workday(complex_day + dt.timedelta(days=rng.randint(21, 60)))
        g2 = workday(g1 + dt.timedelta(days=rng.randint(7, 21)))
        g3 = workday(g2 + dt.timedelta(days=rng.randint(7, 14)))
        start = workday(g3 + dt.timedelta(days=rng.randint(0, 7)))
        if start >= self.ref_day:
            return
        so = "specialist-ouderengeneeskunde"
        self.meeting(p, b, "mdo-gzsp", g1, ["huisarts", "wijkverpleegkundige", "poh-ouderenzorg"], minutes=30, reason=episode_url)
        self.meeting(p, b, "so-consult", g2, [so], minutes=60, reason=episode_url)
        self.meeting(p, b, "mdo-gzsp", g3, ["huisarts", "wijkverpleegkundige", so], minutes=30, reason=episode_url, n=2)
        self.response(p, b, "gzsp-inclusie", g3, [(f"i{i}", True) for i in range(1, 5)], so, hour=14)
        practice = p["practice"]
        b.add({"resourceType": "EpisodeOfCare", "meta": profile("zp-zorgtraject"),
               "text": narrative("GZSP-zorgtraject kwetsbare patiënten, startfase, actief; regie specialist ouderengeneeskunde."),
               "status": "active",
               "type": [concept(CS + "episode-type", "gzsp-zorgtraject", "Zorgtraject kwetsbare patiënten (GZSP)"),
                        concept(CS + "zorgtraject-phase", "startfase", "Startfase")],
               "diagnosis": [{"condition": ref(episode_url, "Complex kwetsbaar (A05)"), "rank": 1}], "patient": p["subject"],
               "period": {"start": start.isoformat()},
               "careManager": ref(practice["practitioners"][so], practice["names"][so]),
               "team": [ref(p["team"]["url"], f"Kernteam {p['display']}")]}, f"{p['key']}-gzsp")
        p["trajectory"] = {"status": "active", "phase": "startfase", "start": start.isoformat(),
                           "steps": [g1.isoformat(), g2.isoformat(), g3.isoformat()]}


def episode_fact(code, status, clinical, verification, onset, recorded, abated):
    return {"code": code, "status": status, "clinical_status": clinical, "verification_status": verification,
            "onset": onset.isoformat(), "recorded": recorded.isoformat(),
            "abatement": abated.isoformat() if abated else None}


def patient_facts(p, ref_day):
    """The manifest entry of one patient: what tests need to compute expected answers.

    id ("Patient/123"), loaded, synthetic_id, bsn, name, gender, birth_date, age (on the reference date), practice
    (key) and practice_id (the Organization, however Patient.generalPractitioner names it: listed_via organization |
    role | practitioner), active (false: marked inactive), deceased (day or null; deceased_recorded_as dateTime |
    boolean), active_medications (MedicationStatement.status active), stopped_medications,
    active_medication_requests / stopped_medication_requests (MedicationRequests besides the statements), contacts and
    last_contact / days_since_last_contact (ordinary GP Encounters: finished, not meetings; null = none in 2 years),
    non_contacts [{status planned | cancelled | entered-in-error, date}], frailty_status (the current one: null |
    mogelijk-kwetsbaar | kwetsbaar | complex-kwetsbaar), frailty_episode {code, onset, recorded} (the current one),
    episodes [{code A49.01 | A05 | A20, status (stage; null for A20), clinical_status (active | resolved | null when
    entered in error), verification_status, onset, recorded, abatement}] (all of them), acp (A20 date; not one
    entered in error), instruments [{questionnaire, authored, score (computed here; null for checklists)}], care_team
    (role codes), coordinator, has_care_plan, care_plan {start, actions, goals}, meetings [{type, date, status}],
    mdos_held (dates of finished breed-mdo), last_mdo, consents [{category, provision, status, date, period_start,
    period_end}] (every Consent, in the order written), trajectory {status, phase, start, steps} or null.
    """
    mdos = [m for m in p["meetings"] if m["type"] == "breed-mdo" and m["status"] == "finished"]
    last = p["contact_days"][-1] if p["contact_days"] else None
    return {"index": p["index"], "id": p.get("id"), "loaded": p.get("loaded", False), "synthetic_id": p["key"],
            "bsn": p["bsn"], "name": p["name"], "gender": p["gender"], "birth_date": p["birth"].isoformat(),
            "age": p["age"], "practice": p["practice"]["key"], "practice_id": p["practice"]["org"],
            "active_medications": p["active_medications"], "stopped_medications": p["stopped_medications"],
            "contacts": len(p["contact_days"]), "last_contact": last.isoformat() if last else None,
            "days_since_last_contact": (ref_day - last).days if last else None,
            "frailty_status": p["status"], "frailty_episode": p["episode"], "acp": p["acp_date"],
            "instruments": p["instruments"], "care_team": p["team"].get("roles"),
            "coordinator": p["team"].get("coordinator"), "has_care_plan": p["care_plan"] is not None,
            "care_plan": p["care_plan"], "meetings": p["meetings"], "mdos_held": [m["date"] for m in mdos],
            "last_mdo": mdos[-1]["date"] if mdos else None, "consents": p["consents"], "trajectory": p["trajectory"],
            "listed_via": p["listed_via"], "active": not p["inactive"],
            "deceased": p["deceased"].isoformat() if p["deceased"] else None,
            "deceased_recorded_as": p.get("deceased_as") if p["deceased"] else None,
            "active_medication_requests": p["active_requests"], "stopped_medication_requests": p["stopped_requests"],
            "non_contacts": p["non_contacts"], "episodes": p["episodes"]}


# ----------------------------------------------------------------------------------------------- loading
class Loader:
    def __init__(self, base, skip_existing=True, timeout=600, token=None):
        self.base, self.skip_existing, self.timeout = base.rstrip("/"), skip_existing, timeout
        self.auth = {"Authorization": f"Bearer {token}"} if token else {}

    def existing(self, bsns):
        """BSN -> Patient id of the patients already on the server (one search; empty when it fails)."""
        query = urllib.parse.urlencode({"identifier": ",".join(f"{BSN}|{b}" for b in bsns),
                                        "_elements": "identifier", "_count": len(bsns)})
        request = urllib.request.Request(f"{self.base}/Patient?{query}", headers={
            "Accept": "application/fhir+json", "Cache-Control": "no-cache", **self.auth})  # no cached (older) search result
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                found = json.load(response).get("entry", [])
        except (urllib.error.URLError, OSError, ValueError):
            return {}
        return {i["value"]: f"Patient/{e['resource']['id']}" for e in found
                for i in e["resource"].get("identifier", []) if i.get("system") == BSN}

    def load(self, entries, people):
        """Sends the patients not on the server yet as one transaction: (sent bundle, response, BSN -> id, error)."""
        known = self.existing([p["bsn"] for p in people]) if self.skip_existing else {}
        send = [p for p in people if p["bsn"] not in known]
        bundle = {"resourceType": "Bundle", "type": "transaction",
                  "entry": [e for p in send for e in entries[p["first"]:p["last"]]]}
        if not send:
            return bundle, None, known, None
        response, error = self.post(bundle)
        if error:
            return bundle, None, known, error
        offset = 0
        for p in send:
            location = response["entry"][offset + p["patient_entry"] - p["first"]]["response"]["location"]
            known[p["bsn"]] = "/".join(location.split("/")[:2])
            offset += p["last"] - p["first"]
        return bundle, response, known, None

    def post(self, bundle):
        """POSTs a transaction; retried once. Returns (response bundle, None) or (None, error text)."""
        body = json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        error = None
        for attempt in range(2):
            request = urllib.request.Request(self.base, data=body, method="POST", headers={
                "Content-Type": "application/fhir+json; charset=utf-8", "Accept": "application/fhir+json",
                "Prefer": "return=minimal", **self.auth})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.load(response), None
            except urllib.error.HTTPError as e:
                error = f"HTTP {e.code}: {outcome_text(e.read())}"
            except (urllib.error.URLError, OSError, ValueError) as e:
                error = f"{type(e).__name__}: {e}"
            if attempt == 0:
                time.sleep(2)
        return None, error


def outcome_text(raw):
    try:
        outcome = json.loads(raw)
        parts = []
        for issue in outcome.get("issue", [])[:5]:
            rule = ",".join(c.get("code", "") for c in issue.get("details", {}).get("coding", []))
            where = ",".join(issue.get("expression", []) or issue.get("location", []))
            parts.append(" ".join(x for x in (f"[{rule}]" if rule else "", where, issue.get("diagnostics")
                                               or issue.get("details", {}).get("text", "")) if x))
        return " | ".join(parts) or raw[:500].decode("utf-8", "replace")
    except (ValueError, AttributeError):
        return raw[:500].decode("utf-8", "replace")


class Progress:
    def __init__(self, total):
        self.total, self.start, self.last = total, time.monotonic(), 0.0
        self.tty = sys.stderr.isatty()

    def update(self, done, force=False):
        now = time.monotonic()
        if not force and not self.tty and now - self.last < 10:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate > 0 else 0
        filled = int(30 * done / max(self.total, 1))
        line = (f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} patients  {rate:6.1f}/s  "
                f"elapsed {fmt_duration(elapsed)}  ETA {fmt_duration(eta)}")
        sys.stderr.write(("\r" + line) if self.tty else (line + "\n"))
        sys.stderr.flush()


def fmt_duration(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def tally(counts, bundle, response):
    for request, answer in zip(bundle["entry"], response["entry"] if response else [None] * len(bundle["entry"])):
        kind = request["resource"]["resourceType"]
        status = (answer or {}).get("response", {}).get("status", "")
        counts[kind]["created" if status.startswith("201") else "existing" if answer else "generated"] += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8080/fhir", help="FHIR base URL")
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--practices", type=int, help="GP practices (default: one per 350-550 patients, in blocks)")
    parser.add_argument("--batch", type=int, default=25, help="patients per transaction Bundle")
    parser.add_argument("--workers", type=int, default=2, help="Bundles in flight at once")
    parser.add_argument("--reference-date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="'today' of the population, YYYY-MM-DD (default: today)")
    parser.add_argument("--manifest", help="write per-patient facts (known answers) to this JSON file")
    parser.add_argument("--dry-run", metavar="OUT.ndjson", help="write the Bundles to this file, load nothing")
    parser.add_argument("--keep-going", action="store_true", help="report a refused Bundle and go on")
    parser.add_argument("--resend", action="store_true",
                        help="send patients already on the server too (their conditional creates match; nothing is added)")
    parser.add_argument("--profiles", default=None, help="fhir-profiles directory (item texts of Questionnaires)")
    parser.add_argument("--token", default=os.environ.get("FHIR_TOKEN"),
                        help="bearer token (default: $FHIR_TOKEN), e.g. from scripts/mint-token.py --system")
    args = parser.parse_args()
    if not 1 <= args.patients <= 1_000_000 or args.batch < 1 or args.workers < 1:
        parser.error("--patients 1..1000000, --batch and --workers at least 1")
    args.explicit_practices = args.practices is not None
    args.practices = args.practices or len(practice_blocks(args.seed, args.patients))
    profiles = args.profiles or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fhir-profiles")

    started = time.monotonic()
    loader = None if args.dry_run else Loader(args.base, skip_existing=not args.resend, token=args.token)
    out = open(args.dry_run, "w", encoding="utf-8") if args.dry_run else None
    counts = collections.defaultdict(collections.Counter)
    practices, builder = build_practices(args, random.Random(args.seed))
    response = None if out else {"entry": []}
    for first in range(0, len(builder.entries), 50 * 11):  # 50 practices (11 resources each) per Bundle
        bundle = {"resourceType": "Bundle", "type": "transaction", "entry": builder.entries[first:first + 50 * 11]}
        if out:
            out.write(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")) + "\n")
            tally(counts, bundle, None)
            continue
        answer, error = loader.post(bundle)
        if error:
            sys.exit(f"The practices Bundle was refused: {error}")
        tally(counts, bundle, answer)
        response["entry"] += answer["entry"]
    resolve_practices(practices, builder, response)

    generator = PatientGenerator(args, practices, load_item_texts(profiles))
    bsns = bsn_numbers(args.seed, args.patients)
    facts, failures, done = [], [], 0
    progress = Progress(args.patients)
    progress.update(0, force=True)

    def batches():
        for first in range(0, args.patients, args.batch):
            b, people = BundleBuilder(), []
            for i in range(first, min(first + args.batch, args.patients)):
                people.append(generator.generate(i + 1, bsns[i], b))
            yield b.entries, people

    def finish(entries, people, result):
        nonlocal done
        sent, response, ids, error = result
        for p in people:
            p["id"], p["loaded"] = ids.get(p["bsn"]), p["bsn"] in ids
        if error:
            failures.append(error)
            print(f"\nBundle with patients {people[0]['key']}..{people[-1]['key']} refused after a retry: {error}",
                  file=sys.stderr)
        else:
            tally(counts, sent, response)
            skipped = {p["bsn"] for p in people} - {e["resource"]["identifier"][0]["value"] for e in sent["entry"]
                                                    if e["resource"]["resourceType"] == "Patient"}
            for p in people:
                if p["bsn"] in skipped:
                    for e in entries[p["first"]:p["last"]]:
                        counts[e["resource"]["resourceType"]]["skipped"] += 1
        facts.extend(patient_facts(p, args.reference_date) for p in people)
        done += len(people)
        progress.update(done)

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        in_flight = collections.deque()
        for entries, people in batches():
            if out:
                bundle = {"resourceType": "Bundle", "type": "transaction", "entry": entries}
                out.write(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")) + "\n")
                finish(entries, people, (bundle, None, {}, None))
                continue
            in_flight.append((entries, people, pool.submit(loader.load, entries, people)))
            while in_flight and (len(in_flight) > args.workers or in_flight[0][2].done()):
                entries_, people_, future = in_flight.popleft()
                finish(entries_, people_, future.result())
            if failures and not args.keep_going:
                break
        while in_flight:
            entries_, people_, future = in_flight.popleft()
            finish(entries_, people_, future.result())
    progress.update(done, force=True)
    sys.stderr.write("\n")
    if out:
        out.close()
    elapsed = time.monotonic() - started

    loaded = sum(f["loaded"] for f in facts)
    totals = {"patients": len(facts), "loaded": loaded, "aged_75_plus": sum(f["age"] >= 75 for f in facts),
              "polypharmacy_5_plus": sum(f["active_medications"] >= 5 for f in facts),
              "not_seen_12_months": sum(f["last_contact"] is None or f["days_since_last_contact"] > 365 for f in facts),
              "frailty": dict(collections.Counter(f["frailty_status"] or "none" for f in facts)),
              "acp": sum(f["acp"] is not None for f in facts), "care_plans": sum(f["has_care_plan"] for f in facts),
              "mdos_held": sum(len(f["mdos_held"]) for f in facts),
              "trajectories": sum(f["trajectory"] is not None for f in facts),
              "scored_instruments": sum(i["score"] is not None for f in facts for i in f["instruments"]),
              "inactive": sum(not f["active"] for f in facts), "deceased": sum(f["deceased"] is not None for f in facts),
              "listed_via": dict(collections.Counter(f["listed_via"] for f in facts)),
              "resolved_a05": sum(any(e["code"] == "A05" and e["clinical_status"] == "resolved" for e in f["episodes"])
                                  for f in facts),
              "entered_in_error_episodes": sum(e["verification_status"] == "entered-in-error" for f in facts
                                               for e in f["episodes"]),
              "medication_requests_active": sum(f["active_medication_requests"] for f in facts),
              "non_contacts": dict(collections.Counter(n["status"] for f in facts for n in f["non_contacts"]))}
    if args.manifest:
        manifest = {"generator": "scripts/generate-population.py", "seed": args.seed,
                    "reference_date": args.reference_date.isoformat(), "base": None if args.dry_run else args.base,
                    "counts": {k: dict(v) for k, v in sorted(counts.items())}, "totals": totals,
                    "practices": [{"key": p["key"], "name": p["name"], "agb": p["agb"], "city": p["city"], "id": p["org"],
                                   "roles": p["roles"], "practitioners": p["practitioners"]} for p in practices],
                    "patients": sorted(facts, key=lambda f: f["index"])}
        with open(args.manifest, "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=1)

    print(f"{'Generated' if args.dry_run else 'Loaded'} {loaded if not args.dry_run else len(facts)} of {args.patients} "
          f"patients in {len(practices)} practices, seed {args.seed}, reference date {args.reference_date}")
    columns = ("created", "existing", "skipped", "generated")
    print(f"{'resource type':<22}" + "".join(f"{c:>11}" for c in columns))
    for kind, c in sorted(counts.items()) + [("total", sum(counts.values(), collections.Counter()))]:
        print(f"{kind:<22}" + "".join(f"{c[column]:>11}" for column in columns))
    created = counts["Patient"]["created"]
    print(f"elapsed {fmt_duration(elapsed)} ({elapsed:.1f} s), {len(facts) / max(elapsed, 1e-6):.1f} patients/s"
          + (f" ({created} new: {created / max(elapsed, 1e-6):.1f} new patients/s)" if created else "") + "; "
          f"75+: {totals['aged_75_plus']}, polypharmacy >= 5: {totals['polypharmacy_5_plus']}, "
          f"not seen > 12 months: {totals['not_seen_12_months']}, frailty: {totals['frailty']}")
    if failures:
        print(f"{len(failures)} Bundle(s) refused; first: {failures[0]}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
