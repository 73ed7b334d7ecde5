"""The roll-up rule: what a goal's children's judgements add up to, under both rules."""

import pytest

from framsteg.steering.models import Judgement
from framsteg.steering.rollup import LEAST_FAVOURABLE, SHARE_ON_TRACK, RollupRule

MET, PARTLY, NOT_MET, CANNOT = (
    Judgement.MET,
    Judgement.PARTLY_MET,
    Judgement.NOT_MET,
    Judgement.CANNOT_JUDGE,
)
LEAST = RollupRule(LEAST_FAVOURABLE)
SHARE = RollupRule(SHARE_ON_TRACK, threshold=75)


@pytest.mark.parametrize("rule", [LEAST, SHARE])
def test_with_no_child_judged_there_is_no_rollup(rule):
    assert rule.apply([]) is None
    assert rule.apply([None, None]) is None


@pytest.mark.parametrize("rule", [LEAST, SHARE])
def test_children_that_cannot_be_judged_are_left_out(rule):
    assert rule.apply([CANNOT, MET, None]) == MET
    assert rule.apply([CANNOT, NOT_MET]) == NOT_MET


@pytest.mark.parametrize("rule", [LEAST, SHARE])
def test_when_no_judged_child_can_be_judged_neither_can_the_rollup(rule):
    assert rule.apply([CANNOT, None, CANNOT]) == CANNOT


@pytest.mark.parametrize("rule", [LEAST, SHARE])
def test_all_met_is_met(rule):
    assert rule.apply([MET, MET, MET]) == MET


@pytest.mark.parametrize(
    ("children", "expected"),
    [
        ([MET, PARTLY, MET], PARTLY),
        ([MET, NOT_MET, PARTLY], NOT_MET),
        ([PARTLY, PARTLY], PARTLY),
        ([MET, None, NOT_MET, CANNOT], NOT_MET),
    ],
)
def test_least_favourable_takes_the_worst_judged_child(children, expected):
    assert LEAST.apply(children) == expected


@pytest.mark.parametrize(
    ("children", "expected"),
    [
        ([MET, MET, MET, NOT_MET], MET),  # 75 % met reaches the threshold exactly
        ([MET, MET, NOT_MET], PARTLY),  # 67 % met: under the threshold, but some are met
        ([PARTLY, NOT_MET, NOT_MET], PARTLY),  # none met, one partly
        ([NOT_MET, NOT_MET], NOT_MET),
        ([MET, MET, MET, CANNOT, NOT_MET], MET),  # cannot-be-judged leaves the denominator
        ([MET, MET, MET, None, None, NOT_MET], MET),  # so do children not judged
    ],
)
def test_share_on_track_compares_the_share_met_with_the_threshold(children, expected):
    assert SHARE.apply(children) == expected


def test_the_threshold_is_configurable():
    assert RollupRule(SHARE_ON_TRACK, threshold=50).apply([MET, NOT_MET]) == MET
    assert RollupRule(SHARE_ON_TRACK, threshold=51).apply([MET, NOT_MET]) == PARTLY
    assert RollupRule(SHARE_ON_TRACK, threshold=100).apply([MET, MET, PARTLY]) == PARTLY


def test_the_rule_comes_from_the_settings_and_is_stated_in_words(settings):
    settings.GOAL_ROLLUP_RULE = SHARE_ON_TRACK
    settings.GOAL_ROLLUP_THRESHOLD = 60
    rule = RollupRule.configured()
    assert rule == RollupRule(SHARE_ON_TRACK, 60)
    assert "60 %" in rule.statement
    settings.GOAL_ROLLUP_RULE = LEAST_FAVOURABLE
    assert "minst gynnsamma" in RollupRule.configured().statement  # Swedish first
