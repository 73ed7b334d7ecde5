"""The weekly meeting page and the actions pass axe-core in Swedish and English, at desktop and phone width:
the coordinator's meeting page with its forms (and with a form's errors), the list of actions, an action with
its follow-up, and a partner's read-only view."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from framsteg.situation.models import Action, Meeting
from framsteg.situation.selectors.meetings import week_label
from tests import factories
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_dialogue_accessibility import choose_language
from tests.browser.test_dialogue_e2e import BAD_REQUEST, DESKTOP, PHONE, Visit
from tests.dialogue.factories import make_districts
from tests.situation import factories as situation

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting_world(transactional_db):
    make_districts()
    areas = situation.make_areas()
    municipality = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    police = situation.make_partner("Polisen")
    situation.make_partner("Botkyrkabyggen", kind="company")
    coordinator = factories.make_user(
        "cecilia", municipality, ("coordinator",), first_name="Cecilia", last_name="Samordnare"
    )
    officer = factories.make_user("pelle", police, ("partner",), first_name="Pelle", last_name="Polis")
    graffiti = situation.make_category("Klotter")
    gathering = situation.make_category("Otrygghetsskapande samling", nature="insecurity")
    place = situation.make_place("Fittja centrum", is_hot_spot=True, area=areas["Fittja"])
    this_week = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    last_week = this_week - datetime.timedelta(days=7)
    for days_ago in range(1, 30, 2):
        occurred = timezone.now() - datetime.timedelta(days=days_ago, hours=3)
        situation.make_incident(
            graffiti if days_ago % 3 else gathering, occurred_at=occurred, named_place=place
        )
    meeting = Meeting.objects.create(week=last_week, minutes="Fokus på Fittja centrum.")
    action = Action.objects.create(
        meeting=meeting,
        title="Kvällsvandringar i Fittja centrum",
        organisation=police,
        responsible=officer,
        named_place=place,
        starts_on=last_week,
        ends_on=this_week + datetime.timedelta(days=6),
        due_on=this_week - datetime.timedelta(days=1),
    )
    action.categories.set([graffiti, gathering])
    return {"coordinator": coordinator, "officer": officer, "action": action, "week": week_label(this_week)}


def log_in(visit: Visit, base: str, username: str) -> None:
    page = visit.page
    visit.goto(base + "/personal/logga-in/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_meeting_and_action_pages_pass_axe(live_server, browser, meeting_world, language, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    visit = Visit(
        browser.new_context(locale="sv-SE", **viewport), f"meeting-{language}-{size}", size == "phone"
    )
    page = visit.page
    base = live_server.url
    log_in(visit, base, "cecilia")
    if language != "sv":
        choose_language(visit, language)
    action = meeting_world["action"]
    for step, path in [
        ("meetings", "/personal/lagesbild/mote/"),
        ("meeting", f"/personal/lagesbild/mote/{meeting_world['week']}/"),
        ("actions", "/personal/lagesbild/insatser/"),
        ("action", f"/personal/lagesbild/insats/{action.pk}/"),
    ]:
        visit.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language
        visit.audit(step)

    visit.goto(f"{base}/personal/lagesbild/mote/{meeting_world['week']}/")
    visit.click(page.locator("#action-form button[type=submit]"), status=400)
    visit.audit("meeting-errors", expected_error=BAD_REQUEST)
    visit.context.close()

    partner = Visit(
        browser.new_context(locale="sv-SE", **viewport), f"meeting-partner-{language}-{size}", size == "phone"
    )
    log_in(partner, base, "pelle")
    if language != "sv":
        choose_language(partner, language)
    for step, path in [
        ("meeting", f"/personal/lagesbild/mote/{meeting_world['week']}/"),
        ("actions", "/personal/lagesbild/insatser/"),
        ("action", f"/personal/lagesbild/insats/{action.pk}/"),
    ]:
        partner.goto(base + path)
        partner.audit(step)
    partner.context.close()
