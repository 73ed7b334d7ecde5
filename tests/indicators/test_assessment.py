"""Indicators are judged on the municipality's current total series and rolled up to commitments and areas."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from framsteg.indicators.assessment import (
    assess_indicators,
    disagreement,
    linked_indicators,
    rolled_up_verdict,
    verdict_counts,
)
from framsteg.indicators.judgement import Verdict
from framsteg.indicators.models import Indicator, Target
from framsteg.indicators.services.releases import store_release
from framsteg.steering.models import Commitment
from framsteg.steering.selectors import with_latest
from tests import factories
from tests.indicators.pages_data import build_indicators, rows


@pytest.fixture
def indicators(small_plan):
    return build_indicators(small_plan["areas"][0], small_plan["commitments"][0])


def make_indicator(slug: str, values: dict[int, str], target: str | None = "90", **extra) -> Indicator:
    indicator = Indicator.objects.create(
        name=slug, slug=slug, unit="%", direction="higher", source_kind="own", **extra
    )
    if values:
        store_release(indicator, "egna värden", rows(values), retrieved_at=datetime(2026, 1, 1, tzinfo=UTC))
    if target is not None:
        Target.objects.create(indicator=indicator, value=Decimal(target), year=2030)
    return indicator


def test_only_the_municipalitys_total_series_of_the_current_release_is_judged(indicators):
    pupils = indicators["pupils"]

    assessment = assess_indicators([pupils])[pupils.pk]

    assert assessment.points[-1] == (2024, 81.6)  # not the women's 79.3 nor a group member's value
    assert len(assessment.points) == 6
    assert assessment.release.is_current


def test_a_new_release_replaces_the_series_that_is_judged(db):
    indicator = make_indicator("andel", {2020: "50", 2021: "60", 2022: "70"})
    store_release(indicator, "ny utgåva", rows({2022: "40"}), retrieved_at=datetime(2026, 2, 1, tzinfo=UTC))

    assessment = assess_indicators([indicator])[indicator.pk]

    assert assessment.points == [(2022, 40.0)]
    assert assessment.verdict == Verdict.NOT_ENOUGH_DATA


def test_a_rising_series_that_will_pass_its_target_is_on_track(db):
    indicator = make_indicator("stigande", {2018: "70", 2019: "72", 2020: "74.5", 2021: "76", 2022: "78"})

    assessment = assess_indicators([indicator])[indicator.pk]

    assert assessment.verdict == Verdict.ON_TRACK
    assert assessment.direction == "rising"


def test_a_yearly_rate_target_is_stored_as_percent_and_judged_as_a_fraction(db):
    indicator = Indicator.objects.create(name="u", slug="u", direction="lower", source_kind="open")
    store_release(
        indicator,
        "smhi",
        rows({2019: "100", 2020: "85", 2021: "73", 2022: "62", 2023: "53"}),
        retrieved_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    Target.objects.create(indicator=indicator, kind="yearly_rate", value=Decimal("-10"), year=2030)

    assessment = assess_indicators([indicator])[indicator.pk]

    assert assessment.verdict == Verdict.ON_TRACK  # falls about 15 % a year, more than the 10 % asked
    assert assessment.headline.judgement.projected == pytest.approx(-0.147, abs=0.01)


def test_an_indicator_without_target_has_no_verdict(db):
    indicator = make_indicator("utan-mal", {2020: "1", 2021: "2", 2022: "3"}, target=None)

    assert assess_indicators([indicator])[indicator.pk].verdict is None


def test_the_roll_up_takes_the_least_favourable_verdict_with_enough_data(db):
    on_track = make_indicator("bra", {2018: "80", 2019: "83", 2020: "86", 2021: "88", 2022: "91"})
    off_track = make_indicator("dalig", {2018: "60", 2019: "58", 2020: "57", 2021: "55", 2022: "54"})
    too_short = make_indicator("kort", {2022: "10"})

    assessments = assess_indicators([on_track, off_track, too_short])

    assert rolled_up_verdict(assessments.values()) == Verdict.OFF_TRACK
    assert rolled_up_verdict([assessments[on_track.pk], assessments[too_short.pk]]) == Verdict.ON_TRACK
    assert rolled_up_verdict([assessments[too_short.pk]]) == Verdict.NOT_ENOUGH_DATA
    assert rolled_up_verdict([]) is None
    counts = {count.verdict: count.count for count in verdict_counts(assessments.values())}
    assert counts == {Verdict.ON_TRACK: 1, Verdict.OFF_TRACK: 1, Verdict.NOT_ENOUGH_DATA: 1}


def test_assessing_many_indicators_takes_three_queries(db, django_assert_num_queries):
    found = [make_indicator(f"i{n}", {2020: "1", 2021: "2", 2022: "3"}) for n in range(8)]

    with django_assert_num_queries(3):
        assess_indicators(found)


def test_an_owner_reporting_done_while_the_numbers_are_off_track_disagrees(small_plan):
    done, delayed = factories.status("done"), factories.status("delayed")

    assert "off track" in disagreement(done, Verdict.OFF_TRACK)
    assert "on track" in disagreement(delayed, Verdict.ON_TRACK)
    assert disagreement(done, Verdict.ON_TRACK) is None
    assert disagreement(done, Verdict.AT_RISK) is None
    assert disagreement(None, Verdict.OFF_TRACK) is None


def test_linked_indicators_pair_each_indicator_with_the_owners_latest_status(small_plan):
    commitment = small_plan["commitments"][0]
    falling = make_indicator("fallande", {2018: "60", 2019: "58", 2020: "57", 2021: "55", 2022: "54"})
    falling.commitments.add(commitment)
    factories.report(commitment, small_plan["period"], "in_progress", 50)
    commitments = with_latest(Commitment.objects.filter(pk=commitment.pk))

    linked, verdict = linked_indicators(Indicator.objects.all(), commitments)

    assert verdict == Verdict.OFF_TRACK
    assert linked[0].commitments == commitments
    assert len(linked[0].disagreements) == 1
