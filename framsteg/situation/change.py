"""Change detection for the weekly picture: is this week's count a real change from the weeks it is compared
with, or the noise that counts of events always have?

The method (also in words for the page, `method_text`):

- The baseline is a set of earlier weeks: the previous 4 weeks, the previous 12 weeks, or the same ISO week
  a year earlier with the week before and after it (3 weeks). Its mean is the count expected this week if
  nothing had changed.
- The test is the exact conditional test for two Poisson rates. If this week's rate is the baseline weeks'
  rate, this week's count, given the total of this week and the n baseline weeks, follows the binomial
  distribution Binomial(total, 1/(n + 1)). The two-sided p-value is twice the smaller tail probability of the
  observed count (at most 1). A change is marked when p is below the level (`LEVEL`, 0.05) *and* the larger
  of the observed and the expected count is at least `MINIMUM` (5) events, so that one or two events never
  make a change.
- What would be ordinary: the 95 % interval of a Poisson count with the baseline's mean (its 2.5 % and
  97.5 % quantiles). It is a help for reading, not the test: it takes the baseline's mean as exact, while
  the test also allows for the baseline's own noise.

Without baseline weeks (before the picture began) there is nothing to compare: no expected count, no test.
Pure Python, no dependency beyond the standard library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

LEVEL = 0.05
MINIMUM = 5  # events: below this in both this week and the expectation, nothing is marked
INTERVAL = 0.95

UP = "up"
DOWN = "down"
NONE = "none"


@dataclass(frozen=True)
class Change:
    """This week's count against a baseline."""

    observed: int
    expected: float | None  # the baseline's mean per week; None without baseline weeks
    low: int | None  # the ordinary range: Poisson quantiles of the expected count
    high: int | None
    p: float | None  # two-sided p-value of the conditional test; None when nothing can be compared
    direction: str  # "up" or "down" when a change is marked, else "none"
    is_change: bool
    baseline_weeks: int = 0
    baseline_total: int = 0

    @property
    def difference(self) -> float | None:
        return None if self.expected is None else self.observed - self.expected

    @property
    def is_outside_interval(self) -> bool:
        return self.low is not None and self.high is not None and not self.low <= self.observed <= self.high

    def as_dict(self) -> dict:
        return {
            "observed": self.observed,
            "expected": None if self.expected is None else round(self.expected, 2),
            "ordinary_low": self.low,
            "ordinary_high": self.high,
            "p": None if self.p is None else round(self.p, 4),
            "direction": self.direction,
            "is_change": self.is_change,
            "baseline_weeks": self.baseline_weeks,
            "baseline_total": self.baseline_total,
        }


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz's method)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 100_000):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < 1e-14:
            break
    return result


def regularized_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularized incomplete beta function."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def binomial_pmf(k: int, n: int, p: float) -> float:
    """P(X = k) for X ~ Binomial(n, p), 0 < p < 1."""
    return math.exp(
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def binomial_tails(k: int, n: int, p: float) -> tuple[float, float]:
    """P(X ≤ k) and P(X ≥ k) for X ~ Binomial(n, p), through the incomplete beta function (so that a
    count of thousands costs no more than one of ten): the tail on k's side of the mean, and the other from
    it and P(X = k)."""
    if p <= 0:
        return 1.0, 1.0 if k == 0 else 0.0
    if p >= 1:
        return 1.0 if k >= n else 0.0, 1.0
    exactly = binomial_pmf(k, n, p)
    if k < n * p:
        at_most = 1 - regularized_beta(k + 1, n - k, p)
        at_least = 1 - at_most + exactly
    else:
        at_least = 1.0 if k <= 0 else regularized_beta(k, n - k + 1, p)
        at_most = 1.0 if k >= n else 1 - at_least + exactly
    return min(1.0, max(0.0, at_most)), min(1.0, max(0.0, at_least))


@lru_cache(maxsize=8192)
def conditional_p(observed: int, baseline_total: int, baseline_weeks: int) -> float:
    """Two-sided p-value of the conditional test that this week and the baseline weeks share one rate."""
    total = observed + baseline_total
    if total == 0:
        return 1.0
    lower, upper = binomial_tails(observed, total, 1 / (baseline_weeks + 1))
    return min(1.0, 2 * min(lower, upper))


@lru_cache(maxsize=8192)
def ordinary_range(expected: float) -> tuple[int, int]:
    """The 95 % interval of a Poisson count with this mean: its 2.5 % and 97.5 % quantiles, found in one
    pass over the probabilities from well below the lower quantile (where what is left out is below 1e-15)."""
    if expected <= 0:
        return 0, 0
    tail = (1 - INTERVAL) / 2
    spread = 9 * math.sqrt(expected) + 10
    k = max(0, math.floor(expected - spread))
    term = math.exp(-expected + k * math.log(expected) - math.lgamma(k + 1))
    cumulative = term  # P(X < k) is left out: below 1e-15 nine standard deviations under the mean
    low = None
    while True:
        if low is None and cumulative >= tail - 1e-12:
            low = k
        if cumulative >= 1 - tail - 1e-12:
            return low, k
        k += 1
        term *= expected / k
        cumulative += term


def detect(observed: int, baseline: Sequence[int], *, level: float = LEVEL, minimum: int = MINIMUM) -> Change:
    """This week's count against the counts of the baseline weeks (see the module's docstring)."""
    observed = int(observed)
    weeks = len(baseline)
    total = int(sum(baseline))
    if weeks == 0:
        return Change(observed, None, None, None, None, NONE, False, 0, 0)
    expected = total / weeks
    low, high = ordinary_range(expected)
    p = conditional_p(observed, total, weeks)
    large_enough = max(observed, expected) >= minimum
    is_change = p < level and large_enough and observed != expected
    direction = NONE
    if is_change:
        direction = UP if observed > expected else DOWN
    return Change(observed, expected, low, high, p, direction, is_change, weeks, total)


def method_text() -> str:
    """The method in words, for the page and the documents."""
    return _(
        "Each count is compared with three baselines: the mean of the previous 4 weeks, the mean of the "
        "previous 12 weeks, and the mean of the same week a year earlier with the week before and after "
        "it. The mean is the count expected if nothing had changed; “ordinary” is the range a count with "
        "that mean falls in 95 times in 100 by chance alone (the Poisson distribution). Whether a count "
        "is a real change is judged with the exact conditional test for two Poisson rates: if the rate "
        "had not changed, this week's share of the events of this week and the baseline weeks would "
        "follow a binomial distribution. A change is marked when a difference this large would arise by "
        "chance less than once in 20 (two-sided p < 0.05) and this week or the expectation has at least "
        "%(minimum)s events, so that a single event never marks a change. With many rows compared, about "
        "one unchanged row in 20 is still marked by chance: the marks show where to look, they prove "
        "nothing. Weeks before the picture began are not counted in a baseline. A report that bundles "
        "several events counts each of them."
    ) % {"minimum": MINIMUM}
