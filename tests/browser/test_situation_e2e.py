"""One week of the joint situation picture with three partners, in Chromium.

Last week the police's and Botkyrkabyggen's reporters file incident reports from a phone in the field, and
Botkyrkabyggen also uploads its own system's export (CSV). A resident has reported an unsafe stairwell; a case
officer categorises it into the picture without the resident's personal data. The municipality's coordinator
reviews the reports into the picture, reads the week's picture and runs the weekly meeting, which records
two actions owned by the police and by Botkyrkabyggen, each with a responsible person, a place, a period and
the problem it answers. This week the fire and rescue service, the third partner, reads the meeting page
with the two actions followed up, and the police's reporter sees which action answers the report.

On every page: no axe-core violation (WCAG 2.1 A/AA), nothing wider than a phone where a phone is used, no
JavaScript or console error. No page a partner opens holds the resident's name, e-mail address or phone.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from framsteg.dialogue.models import CaseKind
from framsteg.dialogue.services.intake import Submission, submit_case
from framsteg.organisations.models import Organisation
from framsteg.situation.models import Action, Incident, IncidentCategory, Meeting
from framsteg.situation.selectors.meetings import week_label
from tests import factories
from tests.browser.conftest import restore_default_statuses
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_dialogue_e2e import DESKTOP, PHONE, Visit

pytestmark = pytest.mark.browser

RESIDENT = {"name": "Lisa Lindqvist", "email": "lisa.lindqvist@example.se", "phone": "070-765 43 21"}
RESIDENT_TEXT = (
    "Varje kväll samlas ett gäng i trapphuset på Fittjavägen 3 och det luktar rök. Jag heter Lisa Lindqvist."
)


@pytest.fixture
def week(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    restore_default_statuses()
    call_command("load_botkyrka", verbosity=0)
    police = Organisation.objects.get(slug="polisen")
    housing = Organisation.objects.get(slug="botkyrkabyggen")
    fire = Organisation.objects.get(slug="sodertorns-brandforsvarsforbund")
    municipality = Organisation.objects.get(slug="samhallsbyggnadsforvaltningen")
    people = {
        "police": factories.make_user(
            "petra", police, ("incident_reporter", "partner"), first_name="Petra", last_name="Polis"
        ),
        "housing": factories.make_user(
            "bosse", housing, ("incident_reporter", "partner"), first_name="Bosse", last_name="Bovärd"
        ),
        "fire": factories.make_user("frida", fire, ("partner",), first_name="Frida", last_name="Brand"),
        "officer": factories.make_user("olle", municipality, ("case_officer",), first_name="Olle"),
        "coordinator": factories.make_user(
            "cora", municipality, ("coordinator",), first_name="Cora", last_name="Samordnare"
        ),
    }
    safety = submit_case(
        Submission(
            kind=CaseKind.SAFETY,
            description=RESIDENT_TEXT,
            place="Fittja",
            contact_name=RESIDENT["name"],
            contact_email=RESIDENT["email"],
            contact_phone=RESIDENT["phone"],
        )
    )
    safety.organisation = municipality
    safety.save(update_fields=["organisation"])
    today = timezone.localdate()
    this_week = today - datetime.timedelta(days=today.weekday())
    last_week = this_week - datetime.timedelta(days=7)
    return {
        **people,
        "organisations": {"police": police, "housing": housing, "fire": fire},
        "safety": safety,
        "last_week": last_week,
        "this_week": this_week,
    }


def log_in(visit: Visit, base: str, user) -> None:
    page = visit.page
    visit.goto(base + "/personal/logga-in/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)


def category(code: str) -> IncidentCategory:
    return IncidentCategory.objects.get(code=code)


def holds_no_personal_data(visit: Visit) -> None:
    """The page a partner sees holds none of the resident's personal data, nor their own words."""
    content = visit.page.content()
    for value in (*RESIDENT.values(), "Fittjavägen 3"):
        assert value not in content, f"{visit.page.url} shows {value!r} to a partner"


def file_report(
    visit: Visit,
    base: str,
    *,
    code: str,
    place: str,
    day: datetime.date,
    time: str,
    events: int,
    description: str,
    semi_public: bool = False,
    police_report: str = "unknown",
) -> Incident:
    page = visit.page
    visit.goto(base + "/personal/lagesbild/rapportera/")
    visit.audit(f"report-form-{code}")
    page.locator("#id_category").select_option(str(category(code).pk))
    page.locator("#id_place_text").fill(place)
    if semi_public:
        page.locator("input[name=setting][value=semi_public]").check()
    page.locator("#id_occurred_on").fill(day.isoformat())
    page.locator("#id_occurred_time").fill(time)
    page.locator("#id_events").fill(str(events))
    page.locator("#id_description").fill(description)
    page.locator(f"input[name=police_reported][value={police_report}]").check()
    visit.click(page.locator("form.report-form button[type=submit]"))
    incident = Incident.objects.get(description=description)
    assert page.url.endswith(f"/personal/lagesbild/handelse/{incident.pk}/")
    visit.audit(f"report-filed-{code}")
    return incident


def test_one_week_of_the_joint_situation_picture(live_server, browser, week, tmp_path):
    base = live_server.url
    last_week, this_week = week["last_week"], week["this_week"]
    wednesday = last_week + datetime.timedelta(days=2)
    friday = last_week + datetime.timedelta(days=4)

    # The police's reporter, on a phone in the field.
    police = Visit(browser.new_context(locale="sv-SE", **PHONE), "situation-week-police", phone=True)
    log_in(police, base, week["police"])
    graffiti = file_report(
        police,
        base,
        code="klotter",
        place="Fittja",
        day=wednesday,
        time="21:30",
        events=3,
        description="Nytt klotter på tunnelbanans uppgång, tre väggar.",
        police_report="yes",
    )
    assert (graffiti.organisation, graffiti.district.name, graffiti.events) == (
        week["organisations"]["police"],
        "Fittja",
        3,
    )
    assert graffiti.police_reported is True and graffiti.status == Incident.Status.REPORTED
    police.goto(base + "/personal/lagesbild/mina/")
    assert graffiti.reference in police.page.content()
    police.audit("mine")
    holds_no_personal_data(police)

    # Botkyrkabyggen's reporter, on a phone: one report by the form, then the housing system's export.
    housing = Visit(browser.new_context(locale="sv-SE", **PHONE), "situation-week-housing", phone=True)
    log_in(housing, base, week["housing"])
    stairwell = file_report(
        housing,
        base,
        code="samling-trapphus",
        place="Alby",
        day=friday,
        time="22:15",
        events=1,
        description="Ungdomar samlas i trapphuset sent på kvällen, trasig belysning.",
        semi_public=True,
    )
    assert stairwell.setting == "semi_public" and stairwell.district.name == "Alby"
    export = tmp_path / "botkyrkabyggen-export.csv"
    export.write_text(
        "datum;tid;händelsetyp;plats;antal;beskrivning;referens\n"
        f"{wednesday.isoformat()};23:40;glaskross;Fittja;2;Krossad glasruta i porten;BKB-1001\n"
        f"{friday.isoformat()};;Klotter;Fittja;1;Klotter i tvättstugan;BKB-1002\n",
        encoding="utf-8",
    )
    housing.goto(base + "/personal/lagesbild/importera/")
    housing.audit("import-upload")
    housing.page.locator("input[type=file]").set_input_files(str(export))
    housing.click(housing.page.locator("main form[enctype] button[type=submit]"))
    housing.audit("import-preview")
    assert not Incident.objects.filter(external_id__startswith="BKB-").exists()  # nothing before confirming
    confirm = "main form:has(button[name=cancel]) button[type=submit]:not([name=cancel])"
    housing.click(housing.page.locator(confirm))
    imported = Incident.objects.filter(external_id__startswith="BKB-").order_by("external_id")
    assert [(each.category.code, each.events) for each in imported] == [("glaskross", 2), ("klotter", 1)]
    assert {each.organisation for each in imported} == {week["organisations"]["housing"]}
    housing.audit("import-done")
    holds_no_personal_data(housing)

    # A case officer categorises the resident's safety report into the picture.
    officer = Visit(browser.new_context(locale="sv-SE", **DESKTOP), "situation-week-officer")
    log_in(officer, base, week["officer"])
    safety = week["safety"]
    officer.goto(f"{base}/personal/arenden/{safety.year}-{safety.number:05d}/")
    officer.click(officer.page.locator("#situation-picture a.button"))
    officer.audit("include-case")
    shared = officer.page.locator("#id_description").input_value()
    assert RESIDENT["name"] not in shared and "Fittjavägen 3" not in shared
    officer.page.locator("#id_category").select_option(str(category("samling-trapphus").pk))
    officer.page.locator("#id_place_text").fill("Fittja")
    officer.page.locator("input[name=setting][value=semi_public]").check()
    officer.page.locator("#id_occurred_on").fill(wednesday.isoformat())
    officer.page.locator("#id_occurred_time").fill("20:00")
    officer.page.locator("#id_description").fill("Boende upplever otrygghet: en grupp samlas i trapphuset.")
    officer.click(officer.page.locator("form.report-form button[type=submit]"))
    from_resident = Incident.objects.get(case=safety)
    assert from_resident.reporter is None and from_resident.district.name == "Fittja"
    for value in RESIDENT.values():
        assert value not in from_resident.description
    officer.audit("case-included")
    officer.context.close()

    # The coordinator reviews every report into the picture.
    coordinator = Visit(browser.new_context(locale="sv-SE", **DESKTOP), "situation-week-coordinator")
    log_in(coordinator, base, week["coordinator"])
    coordinator.goto(base + "/personal/lagesbild/granska/")
    coordinator.audit("review")
    waiting = Incident.objects.exclude(status=Incident.Status.INCLUDED)
    assert waiting.count() == 5
    for box in coordinator.page.locator("input[name=incidents]").all():
        box.check()
    coordinator.page.locator("input[name=decision][value=included]").check()
    coordinator.click(coordinator.page.locator(".intake-bulk button[type=submit]"))
    assert not Incident.objects.exclude(status=Incident.Status.INCLUDED).exists()
    coordinator.audit("reviewed")

    # The week's picture: eight events (3 + 1 + 2 + 1 + 1) in the municipality, seven of them in Fittja.
    label = week_label(last_week)
    coordinator.goto(f"{base}/personal/lagesbild/?vecka={label}")
    coordinator.audit("picture")
    total = ".picture-counts tbody tr:first-child .picture-count"
    assert coordinator.page.locator(total).inner_text().strip() == "8"
    coordinator.goto(f"{base}/personal/lagesbild/?vecka={label}&omrade=d-fittja")
    assert coordinator.page.locator(total).inner_text().strip() == "7"
    coordinator.audit("picture-fittja")

    # The weekly meeting records two actions with owners, places, periods and problems.
    coordinator.goto(f"{base}/personal/lagesbild/mote/{label}/")
    coordinator.audit("meeting")
    actions = [
        {
            "title": "Klottersanering och kvällsvandringar vid Fittja centrum",
            "organisation": week["organisations"]["police"],
            "responsible": week["police"],
            "district": "Fittja",
            "category": "klotter",
            "problem": "Klotter kring tunnelbanan i Fittja",
        },
        {
            "title": "Laga belysningen och låsa trapphusen i Alby",
            "organisation": week["organisations"]["housing"],
            "responsible": week["housing"],
            "district": "Alby",
            "category": "samling-trapphus",
            "problem": "Samlingar i trapphus i Alby",
        },
    ]
    page = coordinator.page
    for action in actions:
        page.locator("#id_action-title").fill(action["title"])
        page.locator("#id_action-organisation").select_option(str(action["organisation"].pk))
        page.locator("#id_action-responsible").select_option(str(action["responsible"].pk))
        page.locator("#id_action-district").select_option(label=action["district"])
        page.locator("#id_action-starts_on").fill(this_week.isoformat())
        page.locator("#id_action-ends_on").fill((this_week + datetime.timedelta(days=20)).isoformat())
        page.locator("#id_action-due_on").fill((this_week + datetime.timedelta(days=14)).isoformat())
        page.locator(f"input[name=action-categories][value='{category(action['category']).pk}']").check()
        page.locator("#id_action-new_problem_title").fill(action["problem"])
        coordinator.click(page.locator("#action-form button[type=submit]"))
        coordinator.audit(f"meeting-action-{action['category']}")
    recorded = Action.objects.filter(meeting__week=last_week).order_by("pk")
    assert [
        (each.organisation, each.responsible, each.district.name, each.problem.title) for each in recorded
    ] == [(a["organisation"], a["responsible"], a["district"], a["problem"]) for a in actions]
    page.locator("#id_minutes-minutes").fill(
        "Fokus på Fittja centrum och trapphusen i Alby. Polisen och Botkyrkabyggen tar var sin insats."
    )
    coordinator.click(page.locator("#minutes-form button[value=close]"))
    assert Meeting.objects.get(week=last_week).closed_at is not None
    coordinator.audit("meeting-closed")
    coordinator.context.close()

    # This week: the fire and rescue service reads the meeting page with last week's actions followed up.
    fire = Visit(browser.new_context(locale="sv-SE", **PHONE), "situation-week-fire", phone=True)
    log_in(fire, base, week["fire"])
    fire.goto(f"{base}/personal/lagesbild/mote/{week_label(this_week)}/")
    followup = fire.page.locator(".followup-table, #followup-heading ~ *").first
    assert followup.count() == 1
    content = fire.page.content()
    for action in actions:
        assert action["title"] in content
    assert 'name="form"' not in content  # partners read the meeting, they do not run it
    fire.audit("next-meeting")
    holds_no_personal_data(fire)
    fire.goto(f"{base}/personal/lagesbild/?vecka={label}")
    assert (
        fire.page.locator(".picture-counts tbody tr:first-child .picture-count").inner_text().strip() == "8"
    )
    fire.audit("picture")
    holds_no_personal_data(fire)
    fire.goto(f"{base}/personal/lagesbild/handelse/{from_resident.pk}/")
    fire.audit("resident-incident")
    holds_no_personal_data(fire)
    fire.goto(f"{base}/personal/arenden/{safety.year}-{safety.number:05d}/", status=403)
    fire.take_errors()
    fire.goto(f"{base}/personal/lagesbild/insatser/")
    fire.audit("actions")
    holds_no_personal_data(fire)
    fire.context.close()

    # The police's reporter sees that the report is in the picture and which action answers it.
    police.goto(f"{base}/personal/lagesbild/handelse/{graffiti.pk}/")
    assert actions[0]["title"] in police.page.content()
    police.audit("feedback")
    police.goto(base + "/personal/lagesbild/insatser/")
    assert actions[0]["title"] in police.page.content()
    police.audit("own-actions")
    holds_no_personal_data(police)
    police.context.close()
    housing.context.close()
