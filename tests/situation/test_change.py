"""Change detection on constructed series: a real jump or drop is marked, noise is not (more often than the
level allows), a few events never are, and the edge cases (no baseline, a zero baseline) are handled."""

import math
import random

import pytest

from framsteg.situation import change


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson count (Knuth's method; the means here are small)."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def direct_tails(k: int, n: int, p: float) -> tuple[float, float]:
    probabilities = [math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(n + 1)]
    return sum(probabilities[: k + 1]), sum(probabilities[k:])


def test_a_jump_from_five_a_week_to_twenty_is_marked_up():
    result = change.detect(20, [5, 4, 6, 5])
    assert result.is_change and result.direction == "up"
    assert result.expected == 5 and (result.low, result.high) == (1, 10)
    assert result.p < 0.001 and result.is_outside_interval


def test_a_drop_is_marked_down():
    result = change.detect(1, [12, 10, 11, 13, 12, 9, 11, 12, 10, 14, 11, 12])
    assert result.is_change and result.direction == "down"
    assert result.observed < result.low


def test_an_ordinary_week_is_not_marked():
    result = change.detect(6, [5, 4, 6, 5])
    assert not result.is_change and result.direction == "none" and result.p > 0.5


@pytest.mark.parametrize("mean, weeks", [(3, 4), (8, 12), (20, 3), (50, 12)])
def test_noise_is_marked_no_more_often_than_the_level_allows(mean, weeks):
    rng = random.Random(20261207 + mean * 100 + weeks)
    series = 2000
    marked = 0
    for _series in range(series):
        baseline = [poisson(rng, mean) for _week in range(weeks)]
        marked += change.detect(poisson(rng, mean), baseline).is_change
    assert marked / series < 0.07


def test_a_few_events_never_mark_a_change():
    for baseline in ([0, 0, 0, 0], [0] * 12, [0, 0, 0]):
        for observed in (1, 2, 3, 4):
            result = change.detect(observed, baseline)
            assert not result.is_change, (observed, baseline)
    # The test alone would call 0 → 2 over twelve empty weeks a change; the minimum count does not.
    assert change.detect(2, [0] * 12).p < 0.05
    assert not change.detect(1, [1, 0, 0, 0]).is_change


def test_a_zero_baseline_with_many_events_is_a_change():
    result = change.detect(8, [0] * 12)
    assert result.is_change and result.direction == "up"
    assert (result.expected, result.low, result.high) == (0, 0, 0)


def test_no_baseline_weeks_compares_nothing():
    result = change.detect(7, [])
    assert result.expected is None and result.p is None and result.low is None
    assert not result.is_change and result.direction == "none"
    assert change.detect(0, [0, 0, 0]).p == 1.0


def test_a_stated_level_is_used():
    baseline = [10, 10, 10, 10]
    observed = 19  # p about 0.037
    assert change.detect(observed, baseline).is_change
    assert not change.detect(observed, baseline, level=0.01).is_change


@pytest.mark.parametrize(
    "k, n, p",
    [(0, 20, 0.2), (20, 40, 0.2), (3, 10, 1 / 13), (5, 60, 1 / 13), (2, 60, 1 / 13), (40, 600, 1 / 13)],
)
def test_the_tails_agree_with_the_binomial_sums(k, n, p):
    assert change.binomial_tails(k, n, p) == pytest.approx(direct_tails(k, n, p), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("mean", [0.25, 1, 5, 17.3, 120, 700])
def test_the_ordinary_range_is_the_poisson_quantiles(mean):
    def quantile(probability):
        k, term = 0, math.exp(-mean)
        cumulative = term
        while cumulative < probability:
            k += 1
            term *= mean / k
            cumulative += term
        return k

    assert change.ordinary_range(mean) == (quantile(0.025), quantile(0.975))


def test_large_counts_are_computed():
    result = change.detect(4200, [3300] * 12)
    assert result.is_change and result.direction == "up"
    assert result.low < 3300 < result.high


def test_the_method_is_stated_in_words():
    from django.utils import translation

    with translation.override("en"):
        text = change.method_text()
    assert "Poisson" in text and "0.05" in text and str(change.MINIMUM) in text
    with translation.override("sv"):
        assert "Poisson" in change.method_text() and "0,05" in change.method_text()
