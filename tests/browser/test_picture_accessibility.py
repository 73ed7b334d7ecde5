"""The weekly situation picture passes axe-core in Swedish and English, at desktop and phone width, with data
on the page: the counts with a marked change, the hot times, the map, the hot spots and the week's events,
for a coordinator (every status, the review link) and a partner (included events only)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from framsteg.situation.models import Incident
from framsteg.situation.selectors.geo import format_week
from tests import factories
from tests.browser.test_dialogue_accessibility import choose_language
from tests.browser.test_dialogue_e2e import DESKTOP, PHONE, Visit
from tests.browser.test_meeting_accessibility import log_in
from tests.dialogue.factories import make_districts
from tests.situation import factories as situation

pytestmark = pytest.mark.browser

FITTJA = (59.24731, 17.86112)
ALBY = (59.23900, 17.84540)


@pytest.fixture
def picture_world(transactional_db):
    districts = make_districts()
    areas = situation.make_areas()
    municipality = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    police = situation.make_partner("Polisen")
    housing = situation.make_partner("Botkyrkabyggen", kind="company")
    factories.make_user(
        "cecilia", municipality, ("coordinator",), first_name="Cecilia", last_name="Samordnare"
    )
    factories.make_user("pelle", police, ("partner",), first_name="Pelle", last_name="Polis")
    vandalism = situation.make_category("Skadegörelse")
    graffiti = situation.make_category("Klotter", parent=vandalism)
    windows = situation.make_category("Krossade rutor", parent=vandalism)
    gathering = situation.make_category("Otrygghetsskapande samling", nature="insecurity")
    place = situation.make_place(
        "Fittja centrum",
        latitude=FITTJA[0],
        longitude=FITTJA[1],
        is_hot_spot=True,
        area=areas["Fittja"],
        district=districts["Fittja"],
    )
    today = timezone.localdate()
    last_week = today - datetime.timedelta(days=today.weekday() + 7)

    def at(weeks_before: int, day: int, hour: int) -> datetime.datetime:
        monday = last_week - datetime.timedelta(weeks=weeks_before)
        return timezone.make_aware(
            datetime.datetime.combine(monday + datetime.timedelta(days=day), datetime.time(hour))
        )

    for weeks_before in range(1, 13):
        situation.make_incident(graffiti, police, occurred_at=at(weeks_before, 4, 21), named_place=place)
    for day, hour in ((4, 22), (5, 23), (5, 1), (6, 0), (2, 18)):
        situation.make_incident(graffiti, police, occurred_at=at(0, day, hour), named_place=place, events=3)
    situation.make_incident(
        windows, housing, occurred_at=at(0, 1, 9), latitude=ALBY[0], longitude=ALBY[1], setting="semi_public"
    )
    situation.make_incident(gathering, police, occurred_at=at(0, 5, 20), latitude=ALBY[0], longitude=ALBY[1])
    situation.make_incident(gathering, housing, occurred_at=at(0, 3, 12), time_known=False)
    situation.make_incident(
        graffiti, housing, occurred_at=at(0, 0, 10), place_text="Tumba", status=Incident.Status.REPORTED
    )
    return {"week": format_week(last_week), "fittja": districts["Fittja"]}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_weekly_picture_passes_axe(live_server, browser, picture_world, language, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    base = live_server.url
    week = picture_world["week"]
    for username in ("cecilia", "pelle"):
        visit = Visit(
            browser.new_context(locale="sv-SE", **viewport),
            f"picture-{username}-{language}-{size}",
            size == "phone",
        )
        page = visit.page
        log_in(visit, base, username)
        if language != "sv":
            choose_language(visit, language)
        visit.goto(f"{base}/personal/lagesbild/?vecka={week}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator(".verdict--up").count() > 0
        assert page.locator(".picture-grid td.heat-5").count() > 0
        assert page.locator(".picture-events tbody tr").count() == (9 if username == "cecilia" else 8)
        visit.audit("week")
        # The form chooses another area without JavaScript's help.
        page.locator("#picture-area").select_option(f"d-{picture_world['fittja'].slug}")
        visit.click(page.locator("form.picture-choice button[type=submit]"))
        assert "omrade=d-" in page.url
        visit.audit("district")
        visit.click(
            page.get_by_role("link", name="Föregående vecka" if language == "sv" else "Previous week")
        )
        visit.audit("previous-week")
        visit.context.close()
