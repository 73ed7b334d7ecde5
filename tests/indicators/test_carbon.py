import math

import pytest

from framsteg.indicators.carbon import budget_status, depletion_year, emitted_since, required_reduction_rate

BUDGET = 1_000_000
EMISSIONS_NOW = 100_000


def cumulative_emissions(current: float, rate: float, years: float, steps: int = 100_000) -> float:
    """The integral of current * (1 - rate)^t from 0 to `years`, by the midpoint rule."""
    width = years / steps
    return sum(current * (1 - rate) ** ((i + 0.5) * width) for i in range(steps)) * width


def test_emitted_since_sums_from_the_start_year_to_the_latest_year():
    assert emitted_since({2019: 5, 2020: 10, 2021: 20, 2022: 30}, 2020) == 60


def test_emitted_since_refuses_missing_years_and_names_them():
    with pytest.raises(ValueError, match="2021, 2022"):
        emitted_since({2020: 10, 2023: 30}, 2020)


def test_emitted_since_refuses_a_start_year_before_the_data():
    with pytest.raises(ValueError, match="2019"):
        emitted_since({2020: 10, 2021: 30}, 2019)


def test_emitted_since_refuses_a_start_year_after_the_data():
    with pytest.raises(ValueError, match="2024 or later"):
        emitted_since({2020: 10, 2021: 30}, 2024)


def test_required_rate_keeps_all_future_emissions_within_the_budget():
    # r = 1 - e^(-E0 / B) = 1 - e^(-0.1) = 0.09516; then E0 / -ln(1 - r) = E0 / 0.1 = B exactly.
    rate = required_reduction_rate(BUDGET, EMISSIONS_NOW)
    assert rate == pytest.approx(0.0951626, abs=1e-7)
    assert EMISSIONS_NOW / -math.log(1 - rate) == pytest.approx(BUDGET)


def test_no_rate_can_save_a_spent_budget():
    assert required_reduction_rate(0, EMISSIONS_NOW) is None
    assert required_reduction_rate(-5, EMISSIONS_NOW) is None


def test_at_an_unchanged_pace_the_budget_lasts_budget_over_emissions_years():
    assert depletion_year(BUDGET, EMISSIONS_NOW, 2024, 0.0) == pytest.approx(2034.0)


def test_a_cut_too_small_runs_out_when_the_closed_form_says():
    # r = 5 %: k = -ln(0.95) = 0.051293, B*k/E0 = 0.51293 < 1, so t = -ln(1 - 0.51293) / k
    # = 0.71935 / 0.051293 = 14.024 years; the integral up to then is the budget.
    year = depletion_year(BUDGET, EMISSIONS_NOW, 2024, 0.05)
    assert year == pytest.approx(2038.024, abs=1e-3)
    assert cumulative_emissions(EMISSIONS_NOW, 0.05, year - 2024) == pytest.approx(BUDGET, rel=1e-6)


def test_a_cut_larger_than_required_never_runs_out():
    # r = 10 % > 9.516 %: k = 0.10536, B*k/E0 = 1.0536 >= 1, so E0/k = 949,122 t stays below the budget.
    assert depletion_year(BUDGET, EMISSIONS_NOW, 2024, 0.10) is None


def test_growing_emissions_run_out_sooner():
    # r = -5 %: k = -ln(1.05) = -0.048790, t = -ln(1 + 0.48790) / k = 0.39735 / 0.048790 = 8.144 years.
    assert depletion_year(BUDGET, EMISSIONS_NOW, 2024, -0.05) == pytest.approx(2032.144, abs=1e-3)


def test_an_overspent_budget_ran_out_within_the_last_year():
    # 50,000 t over with 100,000 t emitted in 2024: it ran out halfway through 2024.
    assert depletion_year(-50_000, EMISSIONS_NOW, 2024, 0.05) == pytest.approx(2023.5)


def test_strangnas_budget_and_rate_agree_in_the_continuous_form():
    # 737,173 t left in 2024 and -14 %/year: k = -ln(0.86) = 0.150823, so the budget holds for current
    # emissions up to B * k = 111,183 t a year (E0 / k <= B).
    remaining, rate = 737_173, 0.14
    largest_emissions = remaining * -math.log(1 - rate)
    assert largest_emissions == pytest.approx(111_183, abs=1)
    assert required_reduction_rate(remaining, largest_emissions) == pytest.approx(rate)
    assert depletion_year(remaining, 100_000, 2024, rate) is None
    assert depletion_year(remaining, 120_000, 2024, rate) is not None


def emissions_falling_ten_percent() -> dict[int, float]:
    # 2019: 100,000; 2020: 90,000; 2021: 81,000; 2022: 72,900; 2023: 65,610.
    return {2019 + i: 100_000 * 0.9**i for i in range(5)}


def test_budget_status_with_a_pace_that_keeps_within_the_budget():
    # Since 2020: 90,000 + 81,000 + 72,900 + 65,610 = 309,510 t, leaving 690,490 t.
    # Observed cut 10 %: B*k/E0 = 690,490 * 0.10536 / 65,610 = 1.109 >= 1, so never.
    status = budget_status(BUDGET, 2020, emissions_falling_ten_percent())
    assert status.emitted_since_start == pytest.approx(309_510)
    assert status.remaining == pytest.approx(690_490)
    assert (status.last_year, status.last_emissions) == (2023, pytest.approx(65_610))
    assert status.observed_rate == pytest.approx(0.10)
    assert status.required_rate == pytest.approx(1 - math.exp(-65_610 / 690_490))
    assert status.depletion_year is None


def test_budget_status_with_a_pace_that_runs_out():
    # 400,000 - 309,510 = 90,490 t left: B*k/E0 = 0.14531, t = -ln(0.85469) / 0.10536 = 1.4903 years.
    status = budget_status(400_000, 2020, emissions_falling_ten_percent())
    assert status.depletion_year == pytest.approx(2024.490, abs=1e-3)


def test_budget_status_of_an_overspent_budget_finds_the_year_it_ran_out():
    # Running totals from 2020: 90,000; 171,000; 243,900; 309,510. The 250,000 t budget is crossed in
    # 2023, 6,100 t into that year's 65,610 t: 2022 + 6,100 / 65,610 = 2022.093.
    status = budget_status(250_000, 2020, emissions_falling_ten_percent())
    assert status.remaining == pytest.approx(-59_510)
    assert status.required_rate is None
    assert status.depletion_year == pytest.approx(2022.093, abs=1e-3)


def test_budget_status_with_one_year_assumes_emissions_stay_level():
    status = budget_status(BUDGET, 2024, {2024: EMISSIONS_NOW})
    assert status.observed_rate is None
    assert status.depletion_year == pytest.approx(2033.0)


def test_budget_status_refuses_missing_years():
    with pytest.raises(ValueError, match="2021"):
        budget_status(BUDGET, 2020, {2020: 10, 2022: 30})
