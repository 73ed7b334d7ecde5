"""The incident pages pass axe-core in Swedish and English at desktop and phone widths: the reporter's form
(empty, with errors, with the personal-data warning), their own reports, a report's page, the coordinators'
review queue, and a resident's safety report being categorised into the picture."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from framsteg.dialogue.models import CaseKind
from framsteg.dialogue.services.intake import Submission, submit_case
from framsteg.organisations.models import Organisation
from framsteg.situation.models import Incident, IncidentCategory
from framsteg.situation.services.incidents import IncidentData, record_incident
from tests import factories
from tests.browser.conftest import restore_default_statuses
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_dialogue_accessibility import choose_language
from tests.browser.test_dialogue_e2e import BAD_REQUEST, DESKTOP, PHONE, Visit

pytestmark = pytest.mark.browser

SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture
def intake(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    restore_default_statuses()
    call_command("load_botkyrka", verbosity=0)
    police = Organisation.objects.get(slug="polisen")
    municipality = Organisation.objects.get(slug="samhallsbyggnadsforvaltningen")
    reporter = factories.make_user("petra", police, ("incident_reporter", "partner"), first_name="Petra")
    coordinator = factories.make_user("cora", municipality, ("coordinator",), first_name="Cora")
    leaf = IncidentCategory.objects.filter(is_active=True, children__isnull=True).first()
    incident = record_incident(
        IncidentData(
            category=leaf,
            occurred_at=timezone.now() - datetime.timedelta(hours=5),
            place_text="Fittja",
            description="Klotter på väggen vid tunnelbanans uppgång.",
            events=2,
        ),
        organisation=police,
        by=reporter,
    )
    safety = submit_case(
        Submission(
            kind=CaseKind.SAFETY,
            description="Ett gäng samlas i trapphuset varje kväll, jag heter Lisa Lind.",
            place="Fittja centrum",
            contact_email="lisa.lind@example.se",
        )
    )
    safety.organisation = municipality
    safety.save(update_fields=["organisation"])
    return {"reporter": reporter, "coordinator": coordinator, "incident": incident, "safety": safety}


def log_in(visit: Visit, base: str, user) -> None:
    page = visit.page
    visit.goto(base + "/personal/logga-in/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_reporters_pages_pass_axe(live_server, browser, intake, language, size):
    visit = Visit(
        browser.new_context(locale="sv-SE", **SIZES[size]), f"intake-{language}-{size}", size == "phone"
    )
    page = visit.page
    log_in(visit, live_server.url, intake["reporter"])
    visit.goto(live_server.url + "/personal/lagesbild/rapportera/")
    if language != "sv":
        choose_language(visit, language)
    assert page.locator("html").get_attribute("lang") == language
    visit.audit("report-form")

    page.locator("#id_description").fill("Ring Anna Svensson på 070-765 43 21.")
    visit.click(page.locator("form.report-form button[type=submit]"), status=400)
    assert page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    visit.audit("report-form-errors", expected_error=BAD_REQUEST)

    page.locator("#id_category").select_option(index=1)
    page.locator("#id_place_text").fill("Fittja")
    visit.click(page.locator("form.report-form button[type=submit]"), status=400)
    assert page.locator("#id_confirm_personal_data").count() == 1
    visit.audit("report-form-personal-data", expected_error=BAD_REQUEST)
    page.locator("#id_description").fill("Klotter på busskuren.")
    visit.click(page.locator("form.report-form button[type=submit]"))
    assert "/personal/lagesbild/handelse/" in page.url
    visit.audit("report-detail")

    visit.goto(live_server.url + "/personal/lagesbild/mina/")
    visit.audit("mine")
    visit.goto(f"{live_server.url}/personal/lagesbild/handelse/{intake['incident'].pk}/andra/")
    visit.audit("edit")
    visit.context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_coordinators_pages_pass_axe(live_server, browser, intake, language, size):
    visit = Visit(
        browser.new_context(locale="sv-SE", **SIZES[size]),
        f"intake-coordinator-{language}-{size}",
        size == "phone",
    )
    page = visit.page
    log_in(visit, live_server.url, intake["coordinator"])
    visit.goto(live_server.url + "/personal/lagesbild/granska/")
    if language != "sv":
        choose_language(visit, language)
    visit.audit("review")
    visit.click(page.locator("form .intake-bulk button[type=submit]"), status=400)
    visit.audit("review-errors", expected_error=BAD_REQUEST)
    visit.goto(f"{live_server.url}/personal/lagesbild/handelse/{intake['incident'].pk}/")
    visit.audit("detail-review")

    safety = intake["safety"]
    reference = f"{safety.year}-{safety.number:05d}"
    visit.goto(f"{live_server.url}/personal/arenden/{reference}/")
    visit.audit("case-panel")
    visit.click(page.locator("#situation-picture a.button"))
    assert "Lisa Lind" not in page.locator("#id_description").input_value()
    visit.audit("case-include")
    page.locator("#id_description").fill("")
    page.locator("#id_place_text").fill("")
    visit.click(page.locator("form.report-form button[type=submit]"), status=400)
    visit.audit("case-include-errors", expected_error=BAD_REQUEST)
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_place_text").fill("Fittja")
    page.locator("#id_description").fill("Ett gäng samlas i trapphuset på kvällarna.")
    visit.click(page.locator("form.report-form button[type=submit]"))
    assert Incident.objects.filter(case=safety).exists()
    visit.audit("case-panel-included")
    visit.context.close()


def test_a_report_can_be_filed_on_a_phone_without_javascript(live_server, browser, intake):
    """The map needs JavaScript; a place name places the report, and the report's page follows."""
    visit = Visit(
        browser.new_context(locale="sv-SE", java_script_enabled=False, **PHONE), "intake-nojs", True
    )
    page = visit.page
    log_in(visit, live_server.url, intake["reporter"])
    visit.goto(live_server.url + "/personal/lagesbild/rapportera/")
    assert page.locator("[data-map-picker]").is_hidden()
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_place_text").fill("Alby")
    page.get_by_label("Halvoffentlig plats", exact=False).check()
    page.locator("#id_events").fill("4")
    page.locator("#id_description").fill("Krossat glas i porten.")
    visit.click(page.locator("form.report-form button[type=submit]"))
    incident = Incident.objects.get(description="Krossat glas i porten.")
    assert page.url.endswith(f"/personal/lagesbild/handelse/{incident.pk}/")
    assert (incident.events, incident.setting, incident.district.name) == (4, "semi_public", "Alby")
    visit.context.close()
