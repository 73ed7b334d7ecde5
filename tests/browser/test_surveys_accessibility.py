"""The surveys page passes axe-core in Swedish and English, at desktop and phone width: with survey results
beside the incident trend (a coordinator), for a partner limited to one kommundel, and empty (how to add
results)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from framsteg.indicators.models import Indicator, Measurement, Release
from tests import factories
from tests.browser.test_dialogue_accessibility import choose_language
from tests.browser.test_dialogue_e2e import DESKTOP, PHONE, Visit
from tests.browser.test_meeting_accessibility import log_in
from tests.dialogue.factories import make_districts
from tests.situation import factories as situation

pytestmark = pytest.mark.browser
PATH = "/personal/lagesbild/enkater/"


@pytest.fixture
def survey_world(transactional_db):
    districts = make_districts()
    municipality = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    police = situation.make_partner("Polisen")
    factories.make_user(
        "cecilia", municipality, ("coordinator",), first_name="Cecilia", last_name="Samordnare"
    )
    partner = factories.make_user("pelle", police, ("partner",), first_name="Pelle", last_name="Polis")
    partner.memberships.get().districts.add(districts["Fittja"])
    graffiti = situation.make_category("Klotter")
    gathering = situation.make_category("Otrygghetsskapande samling", nature="insecurity")
    for days_ago in range(1, 400, 9):
        occurred = timezone.now() - datetime.timedelta(days=days_ago, hours=3)
        situation.make_incident(
            graffiti if days_ago % 2 else gathering, occurred_at=occurred, place_text="Fittja", events=2
        )
    return {"districts": districts}


def with_results():
    indicator = Indicator.objects.create(
        name="Trygghet i medborgarundersökningen",
        slug="trygghet",
        direction="higher",
        source_kind="own",
        survey=Indicator.Survey.CITIZEN,
        unit="index 0–100",
    )
    release = Release.objects.create(
        indicator=indicator, label="Test", retrieved_at=timezone.now(), is_current=True, is_complete=True
    )
    year = timezone.localdate().year
    for district, period, value in [("", year - 2, 58), ("Fittja", year - 2, 49), ("Fittja", year, 55)]:
        Measurement.objects.create(
            release=release,
            indicator=indicator,
            district=district,
            period=period,
            value=value,
            source=f"Medborgarundersökningen {period} (testvärde, inte ett verkligt resultat)",
        )


def visit_as(browser, base, viewport, name, username, language) -> Visit:
    visit = Visit(browser.new_context(locale="sv-SE", **viewport), name, viewport is PHONE)
    log_in(visit, base, username)
    if language != "sv":
        choose_language(visit, language)
    return visit


def audit_page(visit: Visit, base: str, language: str, step: str) -> None:
    visit.goto(base + PATH)
    assert visit.page.locator("html").get_attribute("lang") == language
    visit.audit(step)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_surveys_page_passes_axe(live_server, browser, survey_world, language, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    base = live_server.url
    coordinator = visit_as(browser, base, viewport, f"surveys-{language}-{size}", "cecilia", language)
    audit_page(coordinator, base, language, "empty")
    assert coordinator.page.locator("#add-results code").first.is_visible()
    with_results()
    audit_page(coordinator, base, language, "results")
    assert coordinator.page.locator("#kommundel-fittja table tbody tr").count() >= 2
    coordinator.context.close()
    partner = visit_as(browser, base, viewport, f"surveys-partner-{language}-{size}", "pelle", language)
    audit_page(partner, base, language, "results")
    assert partner.page.locator("#kommundel-tumba").count() == 0  # limited to Fittja
    partner.context.close()
