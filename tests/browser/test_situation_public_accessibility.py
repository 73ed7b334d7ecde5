"""The public summary of the joint situation picture passes axe in Swedish, English and Arabic (right to
left), on a desktop and on a phone, with counts, hidden small counts and actions on it."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from framsteg.situation.models import Action, IncidentCategory
from framsteg.situation.services.loading import load_situation
from tests.browser.test_dialogue_e2e import DESKTOP, PHONE, Visit
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.browser

LANGUAGES = [("sv", "ltr"), ("en", "ltr"), ("ar", "rtl")]


@pytest.fixture
def picture(transactional_db):
    districts = make_districts()
    load_situation(settings.BASE_DIR / "data" / "botkyrka")
    police = factories.make_partner("Polisen", slug="polisen")
    housing = factories.make_partner("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")
    today = timezone.localdate()
    graffiti = IncidentCategory.objects.get(code="klotter")
    gathering = IncidentCategory.objects.get(code="samling-trapphus")
    for weeks_back, district, category, events, organisation in [
        (1, "Fittja", graffiti, 6, housing),
        (1, "Alby", gathering, 1, police),
        (2, "Tumba", graffiti, 3, police),
        (3, "Fittja", gathering, 2, housing),
    ]:
        day = today - datetime.timedelta(days=today.weekday() + 7 * weeks_back - 2)
        place = districts[district]
        factories.make_incident(
            category,
            organisation,
            occurred_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(20))),
            events=events,
            latitude=place.latitude,
            longitude=place.longitude,
        )
    Action.objects.create(
        title="Extra belysning i gångtunneln vid Fittja centrum",
        organisation=housing,
        district=districts["Fittja"],
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        status=Action.Status.ONGOING,
    )
    Action.objects.create(
        title="Klottersanering i Tumba",
        organisation=police,
        district=districts["Tumba"],
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today - datetime.timedelta(days=6),
        status=Action.Status.DONE,
        outcome="Klottret sanerades inom två dygn och har inte kommit tillbaka.",
    )


@pytest.mark.parametrize("phone", [False, True], ids=["1280", "390"])
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_the_public_picture_passes_axe(live_server, browser, picture, language, direction, phone):
    context = browser.new_context(locale="sv-SE", **(PHONE if phone else DESKTOP))
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    visit = Visit(context, f"situation-public-{language}-{'390' if phone else '1280'}", phone=phone)
    visit.goto(live_server.url + "/lagesbild/")
    assert visit.language() == (language, direction)
    page = visit.page
    assert page.locator(".picture-table .suppressed").count() >= 1
    assert page.locator(".picture-action").count() == 2
    visit.audit("page")
    context.close()
