"""A municipality's carbon budget: what is left, the cut it needs, and when it runs out at today's pace.

A carbon budget B is the number of tonnes of CO2 the municipality may still emit from a start year on
(the Uppsala University / CEMUS method). Emissions that fall by a constant share r a year follow

    E(t) = E0 · (1 − r)^t = E0 · e^(−k·t),  with k = −ln(1 − r),

where E0 is the latest yearly emissions and t counts years from the end of the latest year. Summed
over time (the continuous form), the emissions up to year t and for ever after are

    E0 · (1 − e^(−k·t)) / k    and    E0 / k.

**Required yearly cut.** The budget holds for ever when E0 / k ≤ B, so the smallest constant cut is
r = 1 − e^(−E0 / B).

**When the budget runs out.** Setting the sum up to t equal to the remaining budget B gives
t = −ln(1 − B·k / E0) / k. When B·k / E0 ≥ 1 the sum never reaches B: the budget holds at that pace.
With r = 0 (emissions stay as they are) it is simply t = B / E0. A year such as 2034.0 means the budget
lasts exactly to the end of 2034; 2033.4 means it runs out during 2034.

**Observed pace.** The yearly cut actually achieved is read from a straight line through the logarithm
of the last five years of emissions: a slope s means r = 1 − e^s.

All rates here are cuts: r = 0.14 means emissions fall 14 % a year; a negative r means they grow.
"""

import math
from dataclasses import dataclass

from framsteg.indicators.judgement import fit_log_trend

PACE_YEARS = 5


@dataclass(frozen=True)
class CarbonBudgetStatus:
    """Where a budget stands after the latest year with emissions data.

    `remaining` is negative once the budget is overspent; `depletion_year` is then the year it ran out.
    """

    budget_tonnes: float
    start_year: int
    emitted_since_start: float
    remaining: float
    last_year: int
    last_emissions: float
    depletion_year: float | None
    required_rate: float | None
    observed_rate: float | None


def emitted_since(emissions: dict[int, float], start_year: int) -> float:
    """Tonnes emitted from the start year up to the latest year with data.

    A gap would understate what was emitted, so missing years are an error rather than skipped.
    """
    last_year = max((year for year in emissions if year >= start_year), default=None)
    if last_year is None:
        raise ValueError(f"No emissions are reported for {start_year} or later.")
    missing = [year for year in range(start_year, last_year + 1) if year not in emissions]
    if missing:
        raise ValueError(
            f"Emissions are missing for {', '.join(map(str, missing))}; add them before counting."
        )
    return math.fsum(emissions[year] for year in range(start_year, last_year + 1))


def required_reduction_rate(remaining: float, current_emissions: float) -> float | None:
    """The constant yearly cut r = 1 − e^(−E0 / B) that keeps all future emissions within B.

    None when nothing remains, since no cut can then keep within the budget. Zero or negative current
    emissions need no cut.
    """
    if remaining <= 0:
        return None
    return -math.expm1(-max(current_emissions, 0.0) / remaining)


def depletion_year(
    remaining: float, current_emissions: float, last_year: int, yearly_rate: float
) -> float | None:
    """When the remaining budget runs out if emissions change at `yearly_rate` from `last_year` on.

    None means never at this pace. An overspent budget (remaining ≤ 0) ran out during `last_year` or
    before: the overspend is taken back at last year's pace, last_year + remaining / E0, which is exact
    when the budget ran out during `last_year` (how `budget_status` uses it).
    """
    if remaining <= 0:
        if current_emissions <= 0:
            return float(last_year)
        return last_year + remaining / current_emissions
    if current_emissions <= 0 or yearly_rate >= 1:
        return None
    if yearly_rate == 0:
        return last_year + remaining / current_emissions
    k = -math.log1p(-yearly_rate)
    share_of_all_future = remaining * k / current_emissions
    if share_of_all_future >= 1:
        return None
    return last_year - math.log1p(-share_of_all_future) / k


def budget_status(budget_tonnes: float, start_year: int, emissions: dict[int, float]) -> CarbonBudgetStatus:
    """The budget after the latest year with data, with the observed pace of the last five years.

    With too little history for a pace (or emissions at or below zero) the observed rate is None and the
    depletion year assumes emissions stay at the latest level.
    """
    emitted = emitted_since(emissions, start_year)
    remaining = budget_tonnes - emitted
    last_year = max(emissions)
    last_emissions = emissions[last_year]
    recent = sorted(emissions.items())[-PACE_YEARS:]
    trend = fit_log_trend(recent)
    observed_rate = -math.expm1(trend.slope) if trend is not None else None
    if remaining > 0:
        depleted = depletion_year(remaining, last_emissions, last_year, observed_rate or 0.0)
    else:
        depleted = _year_overspent(budget_tonnes, start_year, emissions)
    return CarbonBudgetStatus(
        budget_tonnes=budget_tonnes,
        start_year=start_year,
        emitted_since_start=emitted,
        remaining=remaining,
        last_year=last_year,
        last_emissions=last_emissions,
        depletion_year=depleted,
        required_rate=required_reduction_rate(remaining, last_emissions),
        observed_rate=observed_rate,
    )


def _year_overspent(budget_tonnes: float, start_year: int, emissions: dict[int, float]) -> float | None:
    """The moment the running total first reached the budget, spreading each year's emissions evenly."""
    for year in range(start_year, max(emissions) + 1):
        # Summed like emitted_since, so the year that made `remaining` negative is always found.
        total = math.fsum(emissions[earlier] for earlier in range(start_year, year + 1))
        if total >= budget_tonnes:
            return depletion_year(budget_tonnes - total, emissions[year], year, 0.0)
    return None
