"""Who gets what: every URL of the site for every persona, as decided in `matrix.tsv`.

The table has a row for every URL pattern (the Django admin's patterns share rows with `*`), the method
and the expected answer for each persona:

    200, 403, 404, 405   the status code
    login                a redirect to the staff log-in
    302                  another redirect
    ok                   a write that was let through: 200, 302 (not to log-in), 400 or 409
    any                  (the admin for administrators) anything but a log-in redirect or a 5xx

The test walks the URLconf and fails when a pattern has no row, so a new page cannot ship without a
decision. It then asks every URL as every persona, GET and the writes, and checks that no partner's or
reader's answer holds a resident's name, e-mail address or phone number.

`FRAMSTEG_RECORD_MATRIX=1 pytest tests/access` writes what is observed into the table instead, to be read
and judged line by line before it is committed.
"""

from __future__ import annotations

import csv
import datetime
import fnmatch
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from framsteg.dialogue.services.apikeys import create_key
from framsteg.steering.models import DocumentLink, PointMatch, SteeringDocument
from tests import factories
from tests.dialogue import factories as dialogue_factories
from tests.situation.intake_matrix import intake_args

TABLE = Path(__file__).with_name("matrix.tsv")
PERSONAS = [
    "anonymous",
    "reporter",
    "goal_owner",
    "case_officer",
    "coordinator",
    "police",
    "housing",
    "politician",
    "administrator",
    "police_coordinator",
    "no_role",
]
# Whose answers must never hold a resident's personal data.
NO_PERSONAL_DATA = (
    "anonymous",
    "reporter",
    "goal_owner",
    "police",
    "housing",
    "politician",
    "police_coordinator",
    "no_role",
)
RESIDENT = {"name": "Karin Lindqvist", "email": "karin.lindqvist@example.se", "phone": "070-123 45 67"}
RECORD = os.environ.get("FRAMSTEG_RECORD_MATRIX") == "1"


def url_patterns(patterns=None, prefix="", namespace=""):
    """(key, route) of every pattern: the key is the namespaced name, or the route when it has none."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                yield (f"{namespace}:{route}" if namespace else route), route


@dataclass
class Row:
    key: str
    method: str
    expected: dict[str, str]


def load_table() -> list[Row]:
    with TABLE.open(encoding="utf-8") as handle:
        reader = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [Row(row["url"], row["method"], {p: row[p] for p in PERSONAS}) for row in reader]


def is_family(key: str) -> bool:
    """A row for a family of patterns, such as `admin:*` (a `*` outside a regular expression)."""
    return "*" in key and "(" not in key


def rows_for(key: str, rows: list[Row]) -> list[Row]:
    exact = [row for row in rows if row.key == key]
    return exact or [row for row in rows if is_family(row.key) and fnmatch.fnmatchcase(key, row.key)]


# The world every persona meets ---------------------------------------------------------------------------


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # residents' rate limits count in the cache
    council = factories.make_organisation("Kommunfullmäktige", kind="council", slug="kf")
    klf = factories.make_organisation(
        "Kommunledningsförvaltningen", "administration", slug="klf", parent=council
    )
    committee = factories.make_organisation("Utbildningsnämnden", slug="un", parent=council)
    org_a = factories.make_organisation(
        "Utbildningsförvaltningen", "administration", slug="uf", parent=committee
    )
    org_b = factories.make_organisation("Samhällsbyggnadsförvaltningen", "administration", slug="sbf")
    police = factories.make_organisation("Polisen", kind="partner", slug="polisen")
    housing = factories.make_organisation("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")
    people = {
        "reporter": factories.make_user("rut", org_a, ("reporter",)),
        "goal_owner": factories.make_user("gun", committee, ("goal_owner",)),
        "case_officer": factories.make_user("olle", org_b, ("case_officer",)),
        "coordinator": factories.make_user("cecilia", klf, ("coordinator",)),
        "police": factories.make_user("pelle", police, ("partner",)),
        "housing": factories.make_user("hugo", housing, ("partner",)),
        "politician": factories.make_user("per", council, ("reader",)),
        "administrator": factories.make_user("adam", klf, ("administrator",)),
        # Coordination is the municipality's own: given through a partner organisation it grants nothing.
        "police_coordinator": factories.make_user("paula", police, ("coordinator",)),
        "no_role": factories.make_user("nils"),
    }
    document = factories.make_document("Politisk plattform", slug="plattform")
    area = factories.make_area(document, "Skola och förskola", slug="skola")
    commitment = factories.make_commitment(area, "Fler barn ska börja förskolan", [org_a])
    period = factories.make_period()
    factories.report(commitment, period)
    draft = factories.report(commitment, period, needs_review=True)
    news = factories.make_document("Nyhet om förskolan", kind=SteeringDocument.Kind.OTHER, slug="nyhet")
    proposal = factories.make_document(
        "Partiets förslag", kind=SteeringDocument.Kind.PARTY_PROGRAMME, slug="forslag", standing="proposal"
    )
    point = factories.make_commitment(
        factories.make_area(proposal, "Skolan", slug="skolan"), "Fler förskolor"
    )
    match = PointMatch.objects.create(point=point, commitment=commitment, score=0.5)
    link = DocumentLink.objects.create(document=news, commitment=commitment, score=0.8)
    dialogue_factories.make_districts()
    contact = {"contact_name": RESIDENT["name"], "contact_email": RESIDENT["email"]}
    contact["contact_phone"] = RESIDENT["phone"]
    case = dialogue_factories.make_case(organisation=org_b, **contact)
    safety = dialogue_factories.make_case(kind="safety", organisation=org_b, **contact)
    photo = dialogue_factories.make_photo(case)
    key, _plaintext = create_key("Stadsappen")
    from tests.indicators.pages_data import build_indicators

    indicators = build_indicators(area, commitment)
    from framsteg.audit.models import AuditEntry
    from framsteg.steering.models import Area, GoalContribution, GoalJudgement

    area.responsible.add(committee)  # the goal owner's committee owns the area as a goal
    long_term = factories.make_document("Ett hållbart Botkyrka", kind="long_term", slug="hallbart")
    long_term_goal = factories.make_area(long_term, "Mål ett", kind=Area.Kind.LONG_TERM_GOAL, slug="mal")
    contribution = GoalContribution.objects.create(goal=long_term_goal, from_area=area, contribution="Bidrar")
    judgement = GoalJudgement.objects.create(
        goal=area, period=period, judgement="met", analysis="Analys", author_name="Gun", needs_review=True
    )
    target = indicators["pupils"].targets.first()
    entry = AuditEntry.objects.order_by("pk").first()
    membership = people["reporter"].memberships.get()
    reference = {"year": case.year, "number": f"{case.number:05d}"}
    args = {
        "public:document": {"slug": document.slug},
        "public:area": {"document_slug": document.slug, "area_slug": area.slug},
        "public:area-feed": {"document_slug": document.slug, "area_slug": area.slug},
        "public:commitment": {"pk": commitment.pk},
        "staff:report": {"pk": commitment.pk},
        "staff:document": {"slug": document.slug},
        "public:comparison-proposal": {"slug": proposal.slug},
        "public:comparison-area": {"document_slug": document.slug, "area_slug": area.slug},
        "staff:comparison-review": {"slug": proposal.slug},
        "staff:comparison-suggest": {"slug": proposal.slug},
        "staff:match-add": {"slug": proposal.slug},
        "staff:match-decide": {"pk": match.pk},
        "staff:link-decide": {"pk": link.pk},
        "staff:review-decide": {"pk": draft.pk},
        "staff:owners": {"pk": commitment.pk},
        "staff:goal-judge": {"pk": area.pk},
        "staff:goal-contributions": {"pk": area.pk},
        "staff:goal-edit": {"pk": long_term_goal.pk},
        "staff:goal-contribution-remove": {"pk": contribution.pk},
        "staff:review-judgement": {"pk": judgement.pk},
        "indicators-staff:goal-indicators": {"pk": area.pk},
        "indicators-staff:goal-indicator-unlink": {"pk": area.pk, "indicator": indicators["pupils"].pk},
        "indicators-staff:target-add": {"pk": area.pk, "indicator": indicators["pupils"].pk},
        "indicators-staff:target-edit": {
            "pk": area.pk,
            "indicator": indicators["pupils"].pk,
            "target": target.pk,
        },
        "indicators-staff:target-remove": {
            "pk": area.pk,
            "indicator": indicators["pupils"].pk,
            "target": target.pk,
        },
        "staff:person": {"pk": people["reporter"].pk},
        "staff:revoke-role": {"pk": people["reporter"].pk, "membership_pk": membership.pk},
        "staff:unlock-person": {"pk": people["reporter"].pk},
        "staff:reset-second-factor": {"pk": people["reporter"].pk},
        "cases:photo": {"pk": photo.pk},
        "cases:api-key-revoke": {"pk": key.pk},
        "audit:entry": {"pk": entry.pk},
        "dialogue:thanks": {"token": case.follow_token},
        "dialogue:report": {"kind": "felanmalan"},
        "dialogue:follow": {"token": case.follow_token},
        "dialogue:follow-photo": {"token": case.follow_token, "pk": photo.pk},
        "dialogue:follow-stop-emails": {"token": case.follow_token},
        "dialogue:report-detail": reference,
        "dialogue:photo": {"pk": photo.pk},
        "indicators:indicator": {"slug": indicators["pupils"].slug},
        "indicators:indicator-csv": {"slug": indicators["pupils"].slug},
        "indicators:carbon-budget": {"pk": indicators["budget"].pk},
        "api-1:document": {"slug": document.slug},
        "api-1:area": {"area_id": area.pk},
        "api-1:commitment": {"commitment_id": commitment.pk},
        "api-1:indicator": {"slug": indicators["pupils"].slug},
        "api-1:measurements": {"slug": indicators["pupils"].slug},
        "open311:discovery": {"fmt": "json"},
        "open311:services": {"fmt": "json"},
        "open311:service": {"code": "gatubelysning", "fmt": "json"},
        "open311:requests": {"fmt": "json"},
        "open311:request": {"request_id": case.reference, "fmt": "json"},
        "open311:token": {"token": "x", "fmt": "json"},
        "admin:dialogue_case_change": {"object_id": safety.pk},
        "admin:auth_user_change": {"object_id": people["reporter"].pk},
        "public:evidence-file": {"path": "2026/01/none.pdf"},
        "situation:reports-tertial": {"year": 2025, "number": 1},
        "situation:reports-year": {"year": 2025},
        "situation:reports-year-edit": {"year": 2025},
        "situation:reports-year-problem": {"year": 2025},
        "situation:reports-year-action": {"year": 2025},
    }
    from framsteg.situation.models import Action as SituationAction

    situation_action = SituationAction.objects.create(
        title="Kvällsvandringar",
        organisation=police,
        responsible_name="Kim",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 15),
    )
    args["situation:meeting"] = {"week": "2026-W10"}
    args["situation:action"] = {"pk": situation_action.pk}
    for name in ("route", "assign", "status", "note", "answer", "publish", "merge", "forward", "link"):
        args[f"cases:{name}"] = reference
    args["cases:detail"] = reference
    args["cases:unlink"] = reference
    args["cases:photo-publish"] = reference
    from framsteg.situation.services.partner_keys import create_key as create_partner_key

    args["situation:api-key-revoke"] = {"pk": create_partner_key(police, "Polisens system")[0].pk}
    args.update(intake_args(people, safety, police))
    from framsteg.following.models import Subscription

    follower = Subscription.objects.create(email="lena@example.se", language="sv", commitment=commitment)
    args["following:confirm"] = {"token": follower.confirm_token}
    args["following:unsubscribe"] = {"token": follower.unsubscribe_token}
    args["following:commitment-feed"] = {"pk": commitment.pk}
    args["following:organisation-feed"] = {"slug": committee.slug}
    from framsteg.reports.selectors.council import Scope
    from framsteg.reports.services.snapshots import freeze_report

    frozen = freeze_report(period, Scope("plan"), by=people["coordinator"])
    args["reports:snapshot"] = {"pk": frozen.pk}
    args["reports:file"] = {"pk": frozen.pk, "kind": "docx"}
    return {"people": people, "args": args, "case": case, "safety": safety}


def concrete_path(key: str, route: str, args: dict) -> str | None:
    """A path to ask for the pattern, or None when it cannot be asked without inventing arguments."""
    if key in args:
        return reverse(key, kwargs=args[key])
    if not re.search(r"[<(]", route):
        return "/" + route.replace("^", "").replace("$", "")
    if key == "open311:open311/v2/^(?P<path>(?s:.*))$":
        return "/open311/v2/unknown.json"
    if key == "api-not-found":
        return "/api/v1/unknown"
    return None


def asked_in_admin(key: str, args: dict) -> bool:
    """Of the admin's patterns, those asked: the index, every list and add page, and the changes in `args`."""
    return key == "admin:index" or key.endswith(("_changelist", "_add")) or key in args


def classify(response, method: str) -> str:
    status = response.status_code
    location = urlsplit(response.headers.get("Location", "")).path
    # The admin sends to its own log-in address, which sends on to the staff log-in.
    if status in (301, 302) and location in (reverse("staff:login"), reverse("admin:login")):
        return "login"
    return str(status)


def matches(expected: str, observed: str) -> bool:
    if expected == "ok":
        return observed in {"200", "302", "400", "409"}
    if expected == "any":
        return observed != "login" and not observed.startswith("5")
    return expected == observed


def client_for(persona: str, world) -> Client:
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    return client


# The tests ------------------------------------------------------------------------------------------------


def test_every_url_pattern_has_a_decision():
    rows = load_table()
    missing = [key for key, _route in url_patterns() if not rows_for(key, rows)]
    assert missing == [], "add these to tests/access/matrix.tsv with the answer for each persona"


def test_the_table_names_no_pattern_that_is_gone():
    keys = [key for key, _route in url_patterns()]
    stale = [
        row.key
        for row in load_table()
        if not any(
            key == row.key or (is_family(row.key) and fnmatch.fnmatchcase(key, row.key)) for key in keys
        )
    ]
    assert stale == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_what_the_table_says(persona, world):
    rows = load_table()
    client = client_for(persona, world)
    observed: dict[tuple[str, str], str] = {}
    wrong = []
    leaks = []
    asks = []
    for key, route in url_patterns():
        path = concrete_path(key, route, world["args"])
        for row in rows_for(key, rows):
            if path is None or (is_family(row.key) and not asked_in_admin(key, world["args"])):
                continue
            asks.append((row, key, path))
    # Reads first, then the writes (which change the world the reads would see).
    asks.sort(key=lambda ask: ask[0].method != "GET")
    for row, key, path in asks:
        method = row.method
        # A write may log the client out or change its roles: each gets a client of its own.
        response = client.get(path) if method == "GET" else client_for(persona, world).post(path, {})
        result = classify(response, method)
        observed[(key if is_family(row.key) else row.key, method)] = result
        if not RECORD and not matches(row.expected[persona], result):
            wrong.append(f"{method} {path} ({key}): expected {row.expected[persona]}, got {result}")
        if persona in NO_PERSONAL_DATA and response.status_code == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            for what, value in RESIDENT.items():
                if value in text or value.replace(" ", "") in text:
                    leaks.append(f"{method} {path}: the resident's {what}")
    if RECORD:
        record(persona, observed)
    assert leaks == []
    assert wrong == []


def record(persona: str, observed: dict[tuple[str, str], str]) -> None:
    """Write the observed answers into the table's column for the persona (rows are kept, or added)."""
    rows = load_table() if TABLE.exists() else []
    by_key = {(row.key, row.method): row for row in rows}
    for (key, method), result in observed.items():
        if key.startswith("admin:"):
            continue
        row = by_key.get((key, method))
        if row is None:
            row = by_key[(key, method)] = Row(key, method, {p: "" for p in PERSONAS})
        row.expected[persona] = result
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Decided answers per persona; see tests/access/test_matrix.py for the vocabulary.\n")
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["url", "method", *PERSONAS])
        for row in sorted(by_key.values(), key=lambda r: (r.key.startswith("admin"), r.key, r.method)):
            writer.writerow([row.key, row.method, *(row.expected[p] for p in PERSONAS)])
