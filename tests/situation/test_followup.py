"""The follow-up of an action on constructed data: a clear drop is flagged, equal counts are not, and the
exact conditional test gives the textbook figures."""

import datetime

import pytest
from django.utils import timezone

from framsteg.situation.models import Action, Incident
from framsteg.situation.selectors import followup
from tests.situation import factories

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 2)  # a Monday
END = START + datetime.timedelta(days=13)  # two weeks


def at(day: datetime.date, hour: int = 20) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_action(category, **place) -> Action:
    action = Action.objects.create(
        title="Kvällsvandringar",
        organisation=factories.make_partner(),
        starts_on=START,
        ends_on=END,
        responsible_name="Lena",
        **place,
    )
    action.categories.set([category])
    return action


def spread(count: int, first: datetime.date, days: int, category, **extra) -> None:
    for number in range(count):
        factories.make_incident(
            category, occurred_at=at(first + datetime.timedelta(days=number % days)), **extra
        )


def test_the_exact_test_gives_the_textbook_figures():
    # 20 against 4 with equal exposure: two-sided p of Binomial(24, 0.5) at 4 is 0.0015.
    comparison = followup.compare(20, 4, 14, 14)
    assert comparison.p_value == pytest.approx(0.001544, abs=1e-5)
    assert comparison.rate_ratio == pytest.approx(0.2)
    low, high = comparison.interval
    assert 0.04 < low < 0.06 and 0.55 < high < 0.65
    assert comparison.direction == "down"
    equal = followup.compare(10, 10, 14, 14)
    assert equal.p_value == pytest.approx(1.0)
    assert equal.direction == "none"
    assert followup.compare(0, 0, 14, 14).p_value == 1.0


def test_a_clear_drop_at_a_named_place_is_flagged():
    category = factories.make_category("Klotter")
    place = factories.make_place(radius_m=200)
    action = make_action(category, named_place=place)
    spread(20, START - datetime.timedelta(days=14), 14, category, named_place=place)
    spread(3, START, 14, category, named_place=place)
    # Elsewhere, of another type, or not included: not counted.
    spread(10, START, 14, category, place_text="Tumba")
    spread(10, START, 14, factories.make_category("Bråk"), named_place=place)
    spread(10, START, 14, category, named_place=place, status=Incident.Status.REPORTED)

    result = followup.follow_up(action, today=END + datetime.timedelta(days=1))
    assert (result.weeks, result.before.events, result.during.events) == (2, 20, 3)
    assert not result.after.has_begun
    [during] = result.comparisons
    assert during.is_clear and during.direction == "down"
    assert during.p_value < 0.001


def test_equal_counts_in_a_district_are_not_flagged():
    category = factories.make_category("Klotter")
    spread(8, START - datetime.timedelta(days=14), 14, category, place_text="Fittja")
    spread(8, START, 14, category, place_text="Fittja")
    from framsteg.places.models import District

    action = make_action(category, district=District.objects.get(name="Fittja"))
    [during] = followup.follow_up(action, today=END + datetime.timedelta(days=1)).comparisons
    assert (during.before, during.later) == (8, 8)
    assert not during.is_clear
    assert during.direction == "none"


def test_positions_count_within_the_radius_only_and_a_group_covers_its_types():
    group = factories.make_category("Skadegörelse")
    graffiti = factories.make_category("Klotter", parent=group)
    place = factories.make_place(latitude=59.2475, longitude=17.8610, radius_m=100)
    action = make_action(group, named_place=place)
    factories.make_incident(graffiti, occurred_at=at(START), latitude=59.2480, longitude=17.8610)  # ~56 m
    factories.make_incident(graffiti, occurred_at=at(START), latitude=59.2500, longitude=17.8610)  # ~280 m
    assert followup.events_at(action, START, END) == 1


def test_a_running_window_is_compared_by_its_days_so_far():
    category = factories.make_category("Klotter")
    place = factories.make_place()
    action = make_action(category, named_place=place)
    spread(14, START - datetime.timedelta(days=14), 14, category, named_place=place)
    result = followup.follow_up(action, today=START + datetime.timedelta(days=6))
    [during] = result.comparisons
    assert (during.before_days, during.later_days, during.later) == (14, 6, 0)
    assert not result.during.is_complete
    assert followup.follow_up(action, today=START - datetime.timedelta(days=1)).comparisons == []
