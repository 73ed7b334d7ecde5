"""Judge whether an indicator is on track to meet its goal, from its trend.

The judgement is deliberately simple, so that it can be shown and checked by anyone:

**A level to reach by a target year** (e.g. "90 % of pupils pass by 2030"). We draw a straight line
through the most recent ten yearly values (ordinary least squares) and follow it to the target year.
Because real series wobble, we also compute an 80 % prediction band around that point: the range in
which the value of the target year is expected to land eight times out of ten if the trend holds.
- The whole band meets the target: **on track**.
- The whole band misses the target: **off track**.
- The band straddles the target: **at risk**.
A line needs at least three years to say how much the series wobbles; with fewer we say **not enough
data**. One exception: with two years, a goal that is already met and whose line is not moving away
from it is **on track**. Once the series has a value for the target year (or later), there is nothing
left to forecast: the latest such value is compared with the target directly (met: on track, otherwise
off track).

**A yearly amount** (e.g. "about 500 homes a year"). We take the mean of the last three years and an
80 % band for that mean from how much the years differ, and judge the band against the yearly target
as above. This needs at least two years.

**A yearly rate of change** (e.g. "emissions fall 14 % a year"). We draw a straight line through the
logarithm of the most recent ten values; its slope gives the average yearly rate of change and an 80 %
band for it, which is judged against the required rate as above. The target is a signed fraction per
year: -0.14 for "fall 14 % a year". This needs at least three years, all with values above zero.

For the yearly kinds only years up to and including the target year count. Values of the same year are
averaged; the order of the input does not matter.
"""

import math
import statistics
from dataclasses import dataclass
from enum import StrEnum

RECENT_YEARS = 10
AMOUNT_YEARS = 3
# Student's t beyond this many degrees of freedom is the normal distribution to three decimals.
NORMAL_ABOVE_DF = 1000


class Verdict(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_ENOUGH_DATA = "not_enough_data"


class TargetKind(StrEnum):
    LEVEL = "level"
    YEARLY_AMOUNT = "yearly_amount"
    YEARLY_RATE = "yearly_rate"


def t_quantile(df: int, level: float) -> float:
    """The t such that a Student's t variable with `df` degrees of freedom lies within ±t with `level`.

    Exact for whole df (Abramowitz & Stegun 26.7.3-4, inverted by bisection) so that bands from short
    series, the usual case here, are as wide as they should be.
    """
    if df < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if not 0 < level < 1:
        raise ValueError("level must lie between 0 and 1")
    if df > NORMAL_ABOVE_DF:
        return statistics.NormalDist().inv_cdf((1 + level) / 2)
    low, high = 0.0, 1.0
    while _t_central_probability(high, df) < level:
        low, high = high, high * 2
    for _ in range(100):
        middle = (low + high) / 2
        if _t_central_probability(middle, df) < level:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _t_central_probability(t: float, df: int) -> float:
    """P(|T| <= t) for Student's t with a whole number of degrees of freedom."""
    theta = math.atan(t / math.sqrt(df))
    if df == 1:
        return 2 * theta / math.pi
    cos_squared = math.cos(theta) ** 2
    odd = df % 2 == 1
    term = total = math.cos(theta) if odd else 1.0
    for k in range(3 if odd else 2, df - 1, 2):
        term *= cos_squared * (k - 1) / k
        total += term
    if odd:
        return 2 / math.pi * (theta + math.sin(theta) * total)
    return math.sin(theta) * total


@dataclass(frozen=True)
class Trend:
    """A straight line value = intercept + slope * year, fitted by least squares.

    `mean_year` and `year_spread` (the sum of squared deviations of the years) are kept because the
    width of a band depends on how far the year asked about lies from the years observed.
    `residual_sd` is 0 for a line through two years: it fits them exactly and says nothing about noise.
    """

    slope: float
    intercept: float
    residual_sd: float
    n: int
    first_year: int
    last_year: int
    mean_year: float
    year_spread: float

    def at(self, year: float) -> float:
        return self.intercept + self.slope * year

    def interval(self, year: float, level: float = 0.8) -> tuple[float, float]:
        """Prediction interval for a single new value in `year`."""
        half = self._t(level) * self.residual_sd
        half *= math.sqrt(1 + 1 / self.n + (year - self.mean_year) ** 2 / self.year_spread)
        value = self.at(year)
        return value - half, value + half

    def slope_interval(self, level: float = 0.8) -> tuple[float, float]:
        """Confidence interval for the slope."""
        half = self._t(level) * self.residual_sd / math.sqrt(self.year_spread)
        return self.slope - half, self.slope + half

    def _t(self, level: float) -> float:
        if self.n < 3:
            raise ValueError("a band around a trend needs at least three years")
        return t_quantile(self.n - 2, level)


@dataclass(frozen=True)
class Judgement:
    """The verdict and the numbers behind it; `reason` is a short fixed phrase for tests and logs.

    `projected`, `low` and `high` are in the unit judged: the level in the target year, the mean yearly
    amount, or the yearly rate of change.
    """

    verdict: Verdict
    target_value: float
    target_year: int
    projected: float | None
    low: float | None
    high: float | None
    trend: Trend | None
    reason: str


def yearly_values(points: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The points sorted by year, with values of the same year averaged."""
    by_year: dict[int, list[float]] = {}
    for year, value in points:
        by_year.setdefault(year, []).append(value)
    return [(year, statistics.fmean(values)) for year, values in sorted(by_year.items())]


def fit_trend(points: list[tuple[int, float]]) -> Trend | None:
    """Ordinary least squares on (year, value); None with fewer than two distinct years."""
    series = yearly_values(points)
    n = len(series)
    if n < 2:
        return None
    mean_year = statistics.fmean(year for year, _ in series)
    mean_value = statistics.fmean(value for _, value in series)
    year_spread = math.fsum((year - mean_year) ** 2 for year, _ in series)
    slope = math.fsum((year - mean_year) * (value - mean_value) for year, value in series) / year_spread
    intercept = mean_value - slope * mean_year
    squared_residuals = math.fsum(
        (value - mean_value - slope * (year - mean_year)) ** 2 for year, value in series
    )
    residual_sd = math.sqrt(squared_residuals / (n - 2)) if n > 2 else 0.0
    return Trend(
        slope=slope,
        intercept=intercept,
        residual_sd=residual_sd,
        n=n,
        first_year=series[0][0],
        last_year=series[-1][0],
        mean_year=mean_year,
        year_spread=year_spread,
    )


def fit_log_trend(points: list[tuple[int, float]]) -> Trend | None:
    """Least squares on (year, ln value), whose slope s means a yearly change of e^s - 1.

    None with fewer than two distinct years or with any value at or below zero, where a rate of change
    has no meaning.
    """
    series = yearly_values(points)
    if any(value <= 0 for _, value in series):
        return None
    return fit_trend([(year, math.log(value)) for year, value in series])


def judge(
    points: list[tuple[int, float]],
    *,
    target_value: float,
    target_year: int,
    higher_is_better: bool,
    kind: TargetKind = TargetKind.LEVEL,
    as_of: int | None = None,
    level: float = 0.8,
) -> Judgement:
    """Judge a yearly series against its target; values after `as_of` are ignored, as if judged then."""
    series = yearly_values(points)
    if as_of is not None:
        series = [(year, value) for year, value in series if year <= as_of]
    goal = _Goal(target_value, target_year, higher_is_better)
    if kind == TargetKind.LEVEL:
        return _judge_level(series, goal, level)
    series = [(year, value) for year, value in series if year <= target_year]
    if kind == TargetKind.YEARLY_AMOUNT:
        return _judge_yearly_amount(series, goal, level)
    return _judge_yearly_rate(series, goal, level)


@dataclass(frozen=True)
class _Goal:
    value: float
    year: int
    higher_is_better: bool

    def is_met_by(self, value: float) -> bool:
        # A tolerance, so that a series sitting exactly on its target is not failed by rounding.
        tolerance = 1e-9 * max(1.0, abs(self.value))
        if self.higher_is_better:
            return value >= self.value - tolerance
        return value <= self.value + tolerance

    def judgement(
        self,
        verdict: Verdict,
        reason: str,
        projected: float | None = None,
        low: float | None = None,
        high: float | None = None,
        trend: Trend | None = None,
    ) -> Judgement:
        return Judgement(verdict, self.value, self.year, projected, low, high, trend, reason)

    def judge_band(self, projected: float, low: float, high: float, trend: Trend | None) -> Judgement:
        worst, best = (low, high) if self.higher_is_better else (high, low)
        if self.is_met_by(worst):
            return self.judgement(
                Verdict.ON_TRACK, "whole band meets the target", projected, low, high, trend
            )
        if not self.is_met_by(best):
            return self.judgement(
                Verdict.OFF_TRACK, "whole band misses the target", projected, low, high, trend
            )
        return self.judgement(Verdict.AT_RISK, "band straddles the target", projected, low, high, trend)


def _judge_level(series: list[tuple[int, float]], goal: _Goal, level: float) -> Judgement:
    if not series:
        return goal.judgement(Verdict.NOT_ENOUGH_DATA, "no values")
    last_year, last_value = series[-1]
    if last_year >= goal.year:
        if goal.is_met_by(last_value):
            return goal.judgement(Verdict.ON_TRACK, "target year reached and target met", last_value)
        return goal.judgement(Verdict.OFF_TRACK, "target year reached and target missed", last_value)
    recent = series[-RECENT_YEARS:]
    trend = fit_trend(recent)
    if trend is None:
        return goal.judgement(Verdict.NOT_ENOUGH_DATA, "one year is not a trend", last_value)
    projected = trend.at(goal.year)
    if trend.n == 2:
        moving_away = trend.slope < 0 if goal.higher_is_better else trend.slope > 0
        if goal.is_met_by(last_value) and not moving_away:
            return goal.judgement(
                Verdict.ON_TRACK, "target already met and trend holds", projected, trend=trend
            )
        return goal.judgement(
            Verdict.NOT_ENOUGH_DATA, "two years are too few for a band", projected, trend=trend
        )
    low, high = trend.interval(goal.year, level)
    return goal.judge_band(projected, low, high, trend)


def _judge_yearly_amount(series: list[tuple[int, float]], goal: _Goal, level: float) -> Judgement:
    amounts = [value for _, value in series[-AMOUNT_YEARS:]]
    if len(amounts) < 2:
        return goal.judgement(Verdict.NOT_ENOUGH_DATA, "one year is too few for a mean with a band")
    mean = statistics.fmean(amounts)
    half = t_quantile(len(amounts) - 1, level) * statistics.stdev(amounts) / math.sqrt(len(amounts))
    return goal.judge_band(mean, mean - half, mean + half, None)


def _judge_yearly_rate(series: list[tuple[int, float]], goal: _Goal, level: float) -> Judgement:
    recent = series[-RECENT_YEARS:]
    if any(value <= 0 for _, value in recent):
        return goal.judgement(Verdict.NOT_ENOUGH_DATA, "a rate needs values above zero")
    trend = fit_log_trend(recent)
    if trend is None or trend.n < 3:
        return goal.judgement(Verdict.NOT_ENOUGH_DATA, "too few years for a rate with a band", trend=trend)
    low_slope, high_slope = trend.slope_interval(level)
    rate = math.expm1(trend.slope)
    return goal.judge_band(rate, math.expm1(low_slope), math.expm1(high_slope), trend)
