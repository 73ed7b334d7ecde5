"""The picture's summaries: kept up to date by every change through the services, read by the picture and
the hot spots with the same results as counting the incidents themselves, checked and computed again by
`framsteg refresh-situation-summaries`."""

from __future__ import annotations

import datetime
import random

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from framsteg.audit.models import AuditEntry
from framsteg.places.models import Area, District
from framsteg.situation import summaries
from framsteg.situation.models import HotCell, Incident, NamedPlace, WeekCount
from framsteg.situation.selectors import geo, hotspots, picture
from framsteg.situation.services import exchange
from framsteg.situation.services.incidents import IncidentData, set_status, update_incident
from framsteg.situation.services.summaries import named_places_changed
from tests import factories as base
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 16)
# Points in three kommundelar, a few hundred metres apart.
POINTS = [(59.24731, 17.86112), (59.19950, 17.83840), (59.23900, 17.84540), (59.2452, 17.8570)]


def at(weeks_before: int, hour: int = 20) -> datetime.datetime:
    day = WEEK - datetime.timedelta(weeks=weeks_before) + datetime.timedelta(days=weeks_before % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def coordinator():
    klf = base.make_organisation("Kommunledningsförvaltningen", kind="administration")
    return base.make_user("cecilia", klf, ("coordinator",))


def partner(username: str, *district_names: str):
    user = base.make_user(username, factories.make_partner(), ("partner",))
    membership = user.memberships.get()
    membership.districts.add(*District.objects.filter(name__in=district_names))
    return user


@pytest.fixture
def world():
    """About 150 events over eight weeks at and around four points, some at a named place, some at
    semi-public places, some not in the picture, through the services."""
    make_districts()
    factories.make_areas()
    rng = random.Random(20261207)
    categories = [factories.make_category(name) for name in ("Skadegörelse", "Klotter", "Stök")]
    place = factories.make_place(
        "Fittja centrum", latitude=POINTS[0][0], longitude=POINTS[0][1], radius_m=150
    )
    statuses = [Incident.Status.INCLUDED] * 8 + [Incident.Status.REPORTED, Incident.Status.REJECTED]
    for number in range(150):
        latitude, longitude = rng.choice(POINTS)
        extra = {
            "latitude": latitude + rng.uniform(-0.002, 0.002),
            "longitude": longitude + rng.uniform(-0.003, 0.003),
        }
        if number % 11 == 0:
            extra = {"named_place": place}
        factories.make_incident(
            rng.choice(categories),
            occurred_at=at(rng.randrange(8), rng.randrange(24)),
            status=rng.choice(statuses),
            setting="semi_public" if number % 4 == 0 else "public",
            events=rng.choice([1, 1, 1, 2, 3]),
            **extra,
        )
    return {"categories": categories, "place": place}


def scopes() -> list:
    found = [geo.parse_scope("")]
    found += [geo.parse_scope(f"d-{district.slug}") for district in District.objects.all()]
    used = Incident.objects.exclude(area=None).values_list("area__code", flat=True).distinct()
    found += [geo.parse_scope(f"a-{code}") for code in used]
    found += [geo.parse_scope(f"p-{place.slug}") for place in NamedPlace.objects.all()]
    return found


def counted_from_incidents(user, scope, weeks) -> dict:
    included = scope.filter(picture.visible(user).filter(status=Incident.Status.INCLUDED, week__in=weeks))
    found: dict = {}
    for incident in included:
        key = (incident.week, incident.category_id)
        found[key] = found.get(key, 0) + incident.events
    return found


def counted_from_summaries(user, scope, weeks) -> dict:
    found: dict = {}
    for row in picture._summary_counts(user, scope, weeks):
        key = (row.week, row.category_id)
        found[key] = found.get(key, 0) + row.events
    return found


def test_the_summaries_answer_as_the_incidents_do_for_every_area_and_user(world, monkeypatch):
    users = [coordinator(), partner("pelle", "Fittja"), partner("petra", "Fittja", "Tumba")]
    weeks = [WEEK - datetime.timedelta(weeks=back) for back in range(9)]
    assert HotCell.objects.filter(week=WEEK).exists(), "the world has hot cells this week"
    read = {}
    answered = 0
    for user in users:
        for scope in scopes():
            for week in weeks[:4]:
                wanted = hotspots.candidate_places(user, scope)
                answered += hotspots._summary_rows(user, week, scope, wanted) is not None
                read[(user.pk, scope.key, week)] = hotspots.hot_spots(user, week, scope)
            assert counted_from_summaries(user, scope, weeks) == counted_from_incidents(user, scope, weeks)
    # The same hot spots, counted from the window's events alone.
    monkeypatch.setattr(hotspots, "_summary_rows", lambda *args: None)
    for user in users:
        for scope in scopes():
            for week in weeks[:4]:
                assert hotspots.hot_spots(user, week, scope) == read[(user.pk, scope.key, week)], (
                    user.username,
                    scope.key,
                    week,
                )
    assert answered > 60
    assert any(spot.kind == "cell" for spots in read.values() for spot in spots)
    assert any(spot.kind == "place" for spots in read.values() for spot in spots)


def test_a_place_no_longer_in_use_is_counted_from_its_events(world):
    user = coordinator()
    place = world["place"]
    place.is_active = False
    place.save()
    named_places_changed()
    scope = geo.parse_scope(f"p-{place.slug}")
    assert picture._summary_counts(user, scope, [WEEK]) is None
    assert picture.weekly_picture(WEEK, scope, user=user).total.observed == sum(
        counted_from_incidents(user, scope, [WEEK]).values()
    )
    assert hotspots._summary_rows(user, WEEK, scope, [place]) is None


def test_changes_through_the_services_keep_the_summaries_up_to_date(world):
    user = coordinator()
    moved = Incident.objects.filter(status=Incident.Status.INCLUDED, named_place=None).exclude(cell_row=None)
    incident = moved.first()
    data = IncidentData(
        category=world["categories"][1],
        occurred_at=at(2, 3),
        latitude=POINTS[3][0],
        longitude=POINTS[3][1],
        events=4,
    )
    update_incident(incident, data, by=user)
    assert summaries.differences() == []
    set_status(incident, Incident.Status.REJECTED, by=user, note="Dubblett")
    assert summaries.differences() == []
    set_status(incident, Incident.Status.INCLUDED, by=user)
    assert summaries.differences() == []


def test_an_import_computes_the_summaries_once(world, monkeypatch):
    calls = []
    original = summaries.refresh
    monkeypatch.setattr(summaries, "refresh", lambda *args: calls.append(args) or original(*args))
    organisation = factories.make_partner()
    found = exchange.read_items(
        [
            {"date": f"2026-11-{day:02d}", "category": "Klotter", "place": "Fittja", "events": 2}
            for day in (9, 10, 16, 17)
        ],
        allowed_organisations=None,
        organisation=organisation,
    )
    assert found.ok, found.report()
    exchange.save(found)
    assert len(found.saved) == 4
    assert len(calls) == 1
    assert {datetime.date(2026, 11, 9), datetime.date(2026, 11, 16)} <= set(calls[0][0])


def test_a_moved_or_switched_off_place_is_counted_again(world):
    place, user, everywhere = world["place"], coordinator(), geo.parse_scope("")
    before = hotspots.hot_spots(user, WEEK, everywhere)
    place.is_active = False
    place.save()
    named_places_changed()
    assert summaries.differences() == []
    assert AuditEntry.objects.filter(action="situation.named_places_changed").exists()
    after = hotspots.hot_spots(user, WEEK, everywhere)
    assert [spot.place for spot in before if spot.kind == "place"] == [place]
    assert not [spot for spot in after if spot.kind == "place"]


@pytest.mark.summaries_may_differ
def test_the_command_finds_a_summary_that_differs_and_computes_them_again(world, capsys):
    call_command("refresh_situation_summaries", "--check")
    assert "agree" in capsys.readouterr().out
    row = WeekCount.objects.filter(week=WEEK).first()
    WeekCount.objects.filter(pk=row.pk).update(events=row.events + 7)
    HotCell.objects.filter(week=WEEK).delete()
    with pytest.raises(CommandError) as error:
        call_command("refresh_situation_summaries", "--check")
    assert "week counts" in str(error.value) and "hot cells" in str(error.value)
    call_command("refresh_situation_summaries")
    assert summaries.differences() == []
    assert AuditEntry.objects.filter(action="situation.refresh_summaries").count() == 1


def test_rebuilding_from_nothing_gives_what_the_changes_kept():
    make_districts()
    factories.make_areas()
    for weeks_before in (0, 1, 2, 5):
        factories.make_incident(latitude=POINTS[1][0], longitude=POINTS[1][1], occurred_at=at(weeks_before))
    kept = sorted(HotCell.objects.values_list("week", "kind", "scope_id", "weeks", "this_week", "earlier"))
    assert (WEEK, HotCell.Kind.ALL, 0, 3, 1, 2) in kept
    summaries.rebuild()
    assert (
        sorted(HotCell.objects.values_list("week", "kind", "scope_id", "weeks", "this_week", "earlier"))
        == kept
    )
    # Windows after the last event's week still count it, until it leaves them.
    last = max(week for week, *_rest in kept)
    assert last == WEEK + datetime.timedelta(weeks=WINDOW_AFTER)
    assert Area.objects.exists()


WINDOW_AFTER = 2  # the latest window with three weeks of events ends two weeks after the last of them
