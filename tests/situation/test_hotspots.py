"""Hot spots: the rule on constructed weeks, named places (linked, within the radius, marked) and scoping."""

import datetime

import pytest
from django.utils import timezone

from framsteg.situation.selectors import geo, hotspots
from tests import factories as base
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 16)
FITTJA = (59.24731, 17.86112)
TUMBA = (59.19950, 17.83840)
ALBY = (59.23900, 17.84540)


def coordinator():
    klf = base.make_organisation("Kommunledningsförvaltningen", kind="administration")
    return base.make_user("cecilia", klf, ("coordinator",))


def event(position, weeks_before=0, **extra):
    occurred = timezone.make_aware(
        datetime.datetime.combine(WEEK - datetime.timedelta(weeks=weeks_before), datetime.time(20))
    )
    return factories.make_incident(latitude=position[0], longitude=position[1], occurred_at=occurred, **extra)


def spots(user, scope=None):
    return hotspots.hot_spots(user, WEEK, scope)


def test_a_square_with_events_in_three_of_five_weeks_is_a_hot_spot_two_weeks_is_not():
    make_districts()
    factories.make_areas()
    user = coordinator()
    category = factories.make_category("Skadegörelse")
    for weeks_before in (0, 2, 4):
        event(FITTJA, weeks_before, category=category)
    event(TUMBA, 0)
    event(TUMBA, 1)
    event(ALBY, 5)  # outside the window
    event(ALBY, 6)
    event(ALBY, 7)
    [spot] = spots(user)
    assert spot.kind == "cell" and spot.metres == 100
    assert (spot.latitude, spot.longitude) == geo.cell_centre(*geo.cell_of(*FITTJA, 100), 100)
    assert (spot.this_week, spot.previous_four_weeks, spot.weeks_with_events) == (1, 2, 3)
    assert spot.categories == [("Skadegörelse", "crime", 3)]
    assert "Fittja" in spot.name


def test_five_events_in_the_week_make_a_hot_spot_and_rank_first():
    make_districts()
    user = coordinator()
    for weeks_before in (0, 1, 2):
        event(FITTJA, weeks_before)
    event(TUMBA, 0, events=4)
    assert [spot.this_week for spot in spots(user)] == [1]
    event(TUMBA, 0)
    ranked = spots(user)
    assert [(spot.this_week, spot.previous_four_weeks) for spot in ranked] == [(5, 0), (1, 2)]


def test_a_named_place_counts_linked_events_and_those_within_its_radius():
    make_districts()
    user = coordinator()
    place = factories.make_place("Fittja centrum", latitude=FITTJA[0], longitude=FITTJA[1], radius_m=150)
    factories.make_incident(
        named_place=place, occurred_at=timezone.make_aware(datetime.datetime.combine(WEEK, datetime.time(9)))
    )
    event((FITTJA[0] + 0.0009, FITTJA[1]), 1)  # about 100 m north: within the radius
    event((FITTJA[0], FITTJA[1] + 0.0010), 3)  # about 57 m east
    event((FITTJA[0] + 0.0030, FITTJA[1]), 0)  # about 330 m north: outside
    result = spots(user)
    [spot] = [spot for spot in result if spot.kind == "place"]
    assert (spot.name, spot.this_week, spot.previous_four_weeks, spot.weeks_with_events) == (
        "Fittja centrum",
        1,
        2,
        3,
    )
    # The squares inside the place's radius are not listed again.
    assert all(spot.kind == "place" for spot in result)


def test_a_marked_hot_spot_is_listed_when_quiet_and_last():
    make_districts()
    user = coordinator()
    factories.make_place("Tumba torg", latitude=TUMBA[0], longitude=TUMBA[1], is_hot_spot=True)
    factories.make_place("Alby centrum", latitude=ALBY[0], longitude=ALBY[1])
    for weeks_before in (0, 1, 2):
        event(FITTJA, weeks_before)
    result = spots(user)
    assert [(spot.kind, spot.is_repeated) for spot in result] == [("cell", True), ("place", False)]
    assert result[-1].name == "Tumba torg" and result[-1].this_week == 0 and result[-1].is_marked


def test_a_partner_limited_to_a_district_sees_its_hot_spots_only():
    districts = make_districts()
    factories.make_areas()
    for weeks_before in (0, 1, 2):
        event(FITTJA, weeks_before)
        event(TUMBA, weeks_before)
    factories.make_place(
        "Tumba torg", latitude=TUMBA[0], longitude=TUMBA[1], is_hot_spot=True, district=districts["Tumba"]
    )
    police = factories.make_partner("Polisen")
    partner = base.make_user("pelle", police, ("partner",))
    partner.memberships.get().districts.add(districts["Fittja"])
    result = spots(partner)
    assert len(result) == 1 and "Fittja" in result[0].name
    assert spots(base.make_user("nils")) == []


def test_the_area_limits_the_hot_spots():
    districts = make_districts()
    user = coordinator()
    for weeks_before in (0, 1, 2):
        event(FITTJA, weeks_before)
        event(TUMBA, weeks_before)
    scope = geo.parse_scope(f"d-{districts['Tumba'].slug}")
    [spot] = spots(user, scope)
    assert (spot.latitude, spot.longitude) == geo.cell_centre(*geo.cell_of(*TUMBA, 100), 100)
    assert "3" in hotspots.rule_text()
