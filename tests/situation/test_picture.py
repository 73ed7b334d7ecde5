"""The weekly picture: its figures on a constructed world (counts, groups, natures, comparisons, the grid,
the week's reports), and the page's access (log-in, a partner's districts, included events only, 404s)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framsteg.situation import summaries
from framsteg.situation.models import Incident
from framsteg.situation.selectors import geo
from framsteg.situation.selectors.picture import find_scope, weekly_picture
from tests import factories as base
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 16)  # a Monday, ISO week 2026-W47
URL = "/personal/lagesbild/"


def at(weeks_before: int = 0, day: int = 0, hour: int = 21) -> datetime.datetime:
    monday = WEEK - datetime.timedelta(weeks=weeks_before)
    return timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=day), datetime.time(hour))
    )


def coordinator():
    klf = base.make_organisation("Kommunledningsförvaltningen", kind="administration")
    return base.make_user("cecilia", klf, ("coordinator",))


@pytest.fixture
def world():
    districts = make_districts()
    vandalism = factories.make_category("Skadegörelse", code="skadegorelse")
    graffiti = factories.make_category("Klotter", code="klotter", parent=vandalism)
    windows = factories.make_category("Krossade rutor", code="krossade-rutor", parent=vandalism)
    gathering = factories.make_category("Otrygghetsskapande samling", code="samling", nature="insecurity")
    police = factories.make_partner("Polisen")
    # Twelve quiet weeks: one graffiti event a week in Fittja; the same weeks a year earlier: two a week.
    for weeks_before in range(1, 13):
        factories.make_incident(graffiti, police, occurred_at=at(weeks_before))
    for weeks_before in (51, 52, 53):
        factories.make_incident(graffiti, police, occurred_at=at(weeks_before), events=2)
    # This week: a jump in graffiti, two broken windows, a gathering in Tumba, one without a time of day.
    factories.make_incident(graffiti, police, occurred_at=at(0, day=4, hour=22), events=9)
    factories.make_incident(graffiti, police, occurred_at=at(0, day=5, hour=1))
    factories.make_incident(windows, police, occurred_at=at(0, day=0, hour=8), events=2)
    factories.make_incident(gathering, police, occurred_at=at(0, day=5, hour=22), place_text="Tumba")
    factories.make_incident(gathering, police, occurred_at=at(0, day=2), time_known=False)
    # Not in the picture: waiting for review, and rejected.
    factories.make_incident(graffiti, police, occurred_at=at(0, day=1), status=Incident.Status.REPORTED)
    factories.make_incident(graffiti, police, occurred_at=at(0, day=1), status=Incident.Status.REJECTED)
    return {
        "districts": districts,
        "graffiti": graffiti,
        "vandalism": vandalism,
        "windows": windows,
        "gathering": gathering,
        "police": police,
    }


def rows_by_label(picture):
    return {row.label: row for row in picture.rows}


def test_the_week_counts_by_event_type_group_nature_and_total(world):
    picture = weekly_picture(WEEK, None, user=coordinator())
    rows = rows_by_label(picture)
    assert [(row.label, row.depth, row.observed) for row in picture.rows] == [
        ("Otrygghetsskapande samling", 0, 2),
        ("Skadegörelse", 0, 12),
        ("Klotter", 1, 10),
        ("Krossade rutor", 1, 2),
    ]
    assert rows["Skadegörelse"].is_group and not rows["Klotter"].is_group
    assert picture.total.observed == 14
    assert [(row.nature, row.observed) for row in picture.natures] == [("crime", 12), ("insecurity", 2)]


def test_each_count_is_compared_with_three_baselines(world):
    picture = weekly_picture(WEEK, None, user=coordinator())
    assert [baseline.key for baseline in picture.baselines] == ["previous_4", "previous_12", "last_year"]
    assert [len(baseline.weeks) for baseline in picture.baselines] == [4, 12, 3]
    graffiti = rows_by_label(picture)["Klotter"]
    previous_4, previous_12, last_year = graffiti.changes
    assert (previous_4.expected, previous_12.expected, last_year.expected) == (1, 1, 2)
    assert previous_12.is_change and previous_12.direction == "up" and previous_12.p < 0.001
    assert previous_4.is_change and last_year.is_change
    assert (previous_12.low, previous_12.high) == (0, 3)
    # Two broken windows over nothing before: too few to mark.
    windows = rows_by_label(picture)["Krossade rutor"]
    assert not windows.is_change and windows.changes[1].expected == 0
    assert picture.total in picture.changes


def test_weeks_before_the_picture_began_are_not_in_a_baseline(world):
    Incident.objects.filter(week__lt=WEEK - datetime.timedelta(weeks=20)).delete()
    summaries.rebuild()  # a change outside the services
    picture = weekly_picture(WEEK, None, user=coordinator())
    assert picture.first_week == WEEK - datetime.timedelta(weeks=12)
    last_year = picture.baselines[2]
    assert last_year.weeks == () and last_year.wanted == 3
    graffiti = rows_by_label(picture)["Klotter"]
    assert graffiti.changes[2].expected is None and not graffiti.changes[2].is_change


def test_the_grid_has_the_events_with_a_time_of_day_monday_first(world):
    picture = weekly_picture(WEEK, None, user=coordinator())
    assert [row.weekday for row in picture.grid] == list(range(7))
    assert all(len(row.cells) == 24 for row in picture.grid)
    assert picture.grid[4].cells[22] == (9, 5)  # Friday 22:00, the largest cell: the darkest shade
    assert picture.grid[5].cells[1][0] == 1 and picture.grid[5].cells[22][0] == 1
    assert picture.grid[0].cells[8][0] == 2
    assert picture.grid_total == 13 and picture.without_time == 1
    assert picture.hour_totals[22] == 10


def test_coordinators_see_the_week_s_reports_and_those_awaiting_review(world):
    picture = weekly_picture(WEEK, None, user=coordinator(), events_limit=3)
    assert picture.awaiting_review == 1
    assert picture.events_total == 7 and len(picture.events) == 3 and picture.events_more == 4
    times = [incident.occurred_at for incident in picture.events]
    assert times == sorted(times, reverse=True)


def test_a_partner_sees_included_events_of_their_districts_only(world):
    police = world["police"]
    partner = base.make_user("pelle", police, ("partner",))
    partner.memberships.get().districts.add(world["districts"]["Tumba"])
    picture = weekly_picture(WEEK, None, user=partner)
    assert picture.total.observed == 1
    assert [row.label for row in picture.rows] == ["Otrygghetsskapande samling"]
    assert picture.awaiting_review is None
    assert [incident.status for incident in picture.events] == ["included"]
    everywhere = base.make_user("petra", police, ("partner",))
    seen = weekly_picture(WEEK, None, user=everywhere)
    assert seen.events_total == 5 and {incident.status for incident in seen.events} == {"included"}


def test_the_area_limits_the_counts(world):
    tumba = geo.parse_scope(f"d-{world['districts']['Tumba'].slug}")
    picture = weekly_picture(WEEK, tumba, user=coordinator())
    assert picture.total.observed == 1 and picture.area_name == "Tumba"
    assert find_scope("tumba").district == world["districts"]["Tumba"]
    assert find_scope("Ingenstans") is None
    assert find_scope("").kind == "all"


def test_without_a_user_the_whole_municipality_is_counted(world):
    picture = weekly_picture(WEEK)
    assert picture.total.observed == 14 and picture.events == [] and picture.awaiting_review is None


# The page -------------------------------------------------------------------------------------------------


def page(user, **query):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(URL, query)


def test_the_address_is_the_named_route():
    assert reverse("situation:picture") == URL


def test_anonymous_visitors_are_sent_to_log_in():
    response = page(None, vecka="2026-W47")
    assert response.status_code == 302 and "/personal/logga-in/" in response["Location"]


def test_people_outside_the_collaboration_are_refused():
    assert page(base.make_user("nils")).status_code == 403


def test_the_coordinator_s_page_shows_the_picture(world):
    user = coordinator()
    response = page(user, vecka="2026-W47")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Klotter" in text and "▲" in text
    assert reverse("situation:meeting", kwargs={"week": "2026-W47"}) in text
    assert reverse("situation:incident-review") + "?week=2026-W47" in text
    assert 'class="heat-5">9<' in text
    for incident in Incident.objects.filter(week=WEEK):
        assert reverse("situation:incident", kwargs={"pk": incident.pk}) in text
    assert "vecka=2026-W46" in text and "vecka=2026-W48" in text
    assert 'id="hot-spots-heading"' in text and 'id="picture-map-heading"' in text


def test_a_partner_limited_to_a_district_sees_only_it_and_gets_404_elsewhere(world):
    partner = base.make_user("pelle", world["police"], ("partner",))
    partner.memberships.get().districts.add(world["districts"]["Tumba"])
    response = page(partner, vecka="2026-W47")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Otrygghetsskapande samling" in text and "Klotter" not in text
    fittja = world["districts"]["Fittja"]
    assert page(partner, vecka="2026-W47", omrade=f"d-{fittja.slug}").status_code == 404
    tumba = world["districts"]["Tumba"]
    assert page(partner, vecka="2026-W47", omrade=f"d-{tumba.slug}").status_code == 200
    assert reverse("situation:incident-review") not in text


def test_a_partner_sees_only_included_events(world):
    partner = base.make_user("petra", world["police"], ("partner",))
    response = page(partner, vecka="2026-W47")
    shown = {incident.pk for incident in response.context["picture"].events}
    assert shown == set(
        Incident.objects.filter(week=WEEK, status=Incident.Status.INCLUDED).values_list("pk", flat=True)
    )
    for incident in Incident.objects.filter(week=WEEK).exclude(status=Incident.Status.INCLUDED):
        assert reverse("situation:incident", kwargs={"pk": incident.pk}) not in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"vecka": "2026-W54"}, {"vecka": "förra veckan"}, {"omrade": "d-ingenstans"}, {"omrade": "x"}]
)
def test_an_unknown_week_or_area_is_404(query):
    make_districts()
    assert page(coordinator(), **query).status_code == 404


def test_the_figures_download_as_json(world):
    response = page(coordinator(), vecka="2026-W47", format="json")
    data = response.json()
    assert data["week"] == "2026-W47" and data["total"]["events"] == 14
    graffiti = next(row for row in data["categories"] if row["code"] == "klotter")
    assert graffiti["group"] == "skadegorelse"
    assert graffiti["comparisons"]["previous_12"]["is_change"] is True


def test_the_page_works_with_no_events_at_all():
    make_districts()
    response = page(coordinator())
    assert response.status_code == 200
