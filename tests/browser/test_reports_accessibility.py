"""The tertial analysis and the yearly lägesbild and åtgärdsplan pass axe-core in Swedish and English, on a
desktop and a phone, the coordinator's page for writing it too (with its error summary)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from framsteg.situation.services import yearly
from tests import factories
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_dialogue_e2e import BAD_REQUEST, DESKTOP, PHONE, Visit
from tests.dialogue.factories import make_districts
from tests.situation.factories import make_areas, make_category, make_incident, make_partner

pytestmark = pytest.mark.browser
ZONE = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture
def lagesbild(transactional_db):
    make_districts()
    make_areas()
    graffiti = make_category("Klotter", "crime", code="klotter")
    unsafe = make_category("Otrygg plats", "insecurity", code="otrygg-plats")
    police, housing = make_partner("Polisen"), make_partner("Botkyrkabyggen", kind="company")
    for month, place, category, organisation in [
        (2, "Fittja", graffiti, police),
        (3, "Alby", unsafe, housing),
        (6, "Fittja", graffiti, housing),
        (10, "Tumba", unsafe, police),
    ]:
        occurred = datetime.datetime(2025, month, 4, 21, 15, tzinfo=ZONE)
        make_incident(category, organisation, occurred_at=occurred, place_text=place, events=3)
    klf = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    coordinator = factories.make_user("cecilia", klf, ("coordinator",))
    document = factories.make_document("Politisk plattform", slug="plattform")
    safety = factories.make_area(document, "Trygghet", position=4, slug="trygghet")
    commitment = factories.make_commitment(safety, "Öka tryggheten i centrumområdena")
    yearly.save_yearly_picture(2025, {"extent": "Skadegörelsen är koncentrerad till Fittja."}, by=coordinator)
    problem = yearly.add_problem(2025, yearly.ProblemData(title="Klotter i Fittja"), by=coordinator)
    yearly.plan_action(
        2025,
        yearly.PlannedAction(
            title="Snabbsanering",
            organisation=housing,
            starts_on=datetime.date(2025, 5, 1),
            ends_on=datetime.date(2025, 12, 31),
            problem=problem,
            commitments=[commitment],
        ),
        by=coordinator,
    )
    return {"coordinator": coordinator}


def choose_language(visit: Visit, language: str) -> None:
    visit.page.locator("#language-select").select_option(language)
    visit.click(visit.page.locator("form.language-form button[type=submit]"))


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_report_pages_pass_axe_in_swedish_and_english(live_server, browser, lagesbild, device):
    visit = Visit(
        browser.new_context(locale="sv-SE", **(PHONE if device == "phone" else DESKTOP)),
        f"reports-{device}",
        phone=device == "phone",
    )
    page = visit.page
    visit.goto(live_server.url + "/personal/logga-in/")
    page.locator("input[name=username]").fill(lagesbild["coordinator"].username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)

    for language in ("sv", "en"):
        visit.goto(live_server.url + "/personal/lagesbild/rapporter/")
        choose_language(visit, language)
        assert visit.language() == (language, "ltr")
        visit.audit(f"{language}-index")
        for step, path in [
            ("tertial", "/personal/lagesbild/tertial/2025-T1/"),
            ("year", "/personal/lagesbild/ar/2025/"),
            ("edit", "/personal/lagesbild/ar/2025/redigera/"),
        ]:
            visit.goto(live_server.url + path)
            visit.audit(f"{language}-{step}")
        visit.click(page.locator("form[action$='/insats/'] button[type=submit]"), status=400)
        visit.audit(f"{language}-edit-errors", expected_error=BAD_REQUEST)
        assert page.locator("#error-summary").count() == 1
    visit.context.close()
