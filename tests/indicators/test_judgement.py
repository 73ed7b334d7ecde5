import math

import pytest

from framsteg.indicators.judgement import TargetKind, Verdict, fit_log_trend, fit_trend, judge, t_quantile


def line(first_year: int, values: list[float]) -> list[tuple[int, float]]:
    return [(first_year + i, value) for i, value in enumerate(values)]


def test_least_squares_matches_a_hand_worked_fit():
    # Years 2020..2022, values 1, 3, 2: mean year 2021, mean value 2, Sxx = 2, Sxy = (-1)(-1) + (1)(0) = 1,
    # so slope 1/2 and intercept 2 - 0.5 * 2021 = -1008.5. Fitted 1.5, 2, 2.5; residuals -0.5, 1, -0.5;
    # SSE 1.5 over n - 2 = 1 degree of freedom gives sd sqrt(1.5).
    trend = fit_trend([(2020, 1), (2021, 3), (2022, 2)])
    assert trend.slope == pytest.approx(0.5)
    assert trend.intercept == pytest.approx(-1008.5)
    assert trend.residual_sd == pytest.approx(math.sqrt(1.5))
    assert trend.at(2023) == pytest.approx(3.0)


def test_prediction_interval_matches_a_hand_worked_band():
    # At 2023: sd * sqrt(1 + 1/3 + (2023 - 2021)^2 / 2) = 1.2247 * 1.8257 = 2.2361,
    # times t(df=1, 80 %) = 3.0777 gives a half-width of 6.8819.
    trend = fit_trend([(2020, 1), (2021, 3), (2022, 2)])
    low, high = trend.interval(2023)
    assert low == pytest.approx(3.0 - 6.8819, abs=1e-3)
    assert high == pytest.approx(3.0 + 6.8819, abs=1e-3)


def test_fit_sorts_years_and_averages_duplicates():
    trend = fit_trend([(2022, 2), (2021, 2), (2020, 1), (2021, 4)])
    assert (trend.slope, trend.n, trend.first_year, trend.last_year) == (0.5, 3, 2020, 2022)


def test_fit_needs_two_distinct_years():
    assert fit_trend([(2020, 1), (2020, 3)]) is None
    assert fit_trend([]) is None


def test_log_fit_refuses_values_at_or_below_zero():
    assert fit_log_trend([(2020, 10), (2021, 0), (2022, 5)]) is None


def test_a_band_needs_three_years():
    with pytest.raises(ValueError):
        fit_trend([(2020, 1), (2021, 2)]).interval(2030)


@pytest.mark.parametrize(
    ("df", "level", "expected"),
    [(1, 0.8, 3.078), (2, 0.8, 1.886), (5, 0.8, 1.476), (10, 0.8, 1.372), (30, 0.8, 1.310), (2, 0.95, 4.303)],
)
def test_t_quantile_matches_the_printed_table(df, level, expected):
    assert t_quantile(df, level) == pytest.approx(expected, abs=5e-4)


def test_t_quantile_becomes_normal_for_many_degrees_of_freedom():
    assert t_quantile(10**6, 0.8) == pytest.approx(1.2816, abs=1e-4)


def test_clean_line_reaching_the_target_early_is_on_track():
    # 5 a year from 70 in 2023 reaches 90 in 2027 and 105 by 2030; no noise, so the band has no width.
    judgement = judge(
        line(2019, [50, 55, 60, 65, 70]), target_value=90, target_year=2030, higher_is_better=True
    )
    assert judgement.verdict == Verdict.ON_TRACK
    assert judgement.projected == pytest.approx(105)
    assert judgement.low == pytest.approx(judgement.high)


def test_clean_line_falling_short_is_off_track():
    judgement = judge(
        line(2019, [50, 51, 52, 53, 54]), target_value=90, target_year=2030, higher_is_better=True
    )
    assert judgement.verdict == Verdict.OFF_TRACK
    assert judgement.projected == pytest.approx(61)


def test_noisy_series_whose_band_straddles_the_target_is_at_risk():
    # Slope 53/28 = 1.893 a year from a mean of 68.6 in 2019.5 projects 88.5 for 2030, but the values
    # wobble by about 7.6, so the 80 % band runs from about 67 to 110, across the target of 80.
    points = line(2016, [60, 70, 58, 75, 62, 80, 66, 78])
    judgement = judge(points, target_value=80, target_year=2030, higher_is_better=True)
    assert judgement.verdict == Verdict.AT_RISK
    assert judgement.projected == pytest.approx(88.5)
    assert judgement.low < 80 < judgement.high


def test_a_narrower_level_can_turn_at_risk_into_on_track():
    points = line(2016, [60, 70, 58, 75, 62, 80, 66, 78])
    judgement = judge(points, target_value=70, target_year=2030, higher_is_better=True, level=0.5)
    assert judgement.verdict == Verdict.ON_TRACK


def test_flat_series_exactly_at_the_target_is_on_track():
    # Meeting a target means reaching it, and a constant series has a band of zero width at the target.
    judgement = judge(line(2020, [80, 80, 80]), target_value=80, target_year=2030, higher_is_better=True)
    assert judgement.verdict == Verdict.ON_TRACK
    assert judgement.low == judgement.high == pytest.approx(80)


def test_flat_series_below_the_target_is_off_track():
    judgement = judge(line(2020, [0.7, 0.7, 0.7]), target_value=0.8, target_year=2030, higher_is_better=True)
    assert judgement.verdict == Verdict.OFF_TRACK


@pytest.mark.parametrize("points", [[], [(2023, 50)], [(2022, 50), (2023, 60)], [(2023, 95), (2023, 97)]])
def test_short_series_are_not_enough_data(points):
    judgement = judge(points, target_value=90, target_year=2030, higher_is_better=True)
    assert judgement.verdict == Verdict.NOT_ENOUGH_DATA


def test_two_years_suffice_when_the_target_is_met_and_the_trend_holds():
    judgement = judge([(2022, 92), (2023, 93)], target_value=90, target_year=2030, higher_is_better=True)
    assert judgement.verdict == Verdict.ON_TRACK
    assert judgement.reason == "target already met and trend holds"


def test_two_years_do_not_suffice_when_a_met_target_is_slipping():
    judgement = judge([(2022, 95), (2023, 93)], target_value=90, target_year=2030, higher_is_better=True)
    assert judgement.verdict == Verdict.NOT_ENOUGH_DATA


def test_series_that_already_meets_the_target_is_on_track():
    judgement = judge(line(2020, [92, 93, 94]), target_value=90, target_year=2030, higher_is_better=True)
    assert judgement.verdict == Verdict.ON_TRACK


def test_falling_emissions_reaching_a_lower_target_are_on_track():
    # -10 a year from 160 in 2023 gives 90 in 2030, below the target of 100.
    points = line(2019, [200, 190, 180, 170, 160])
    judgement = judge(points, target_value=100, target_year=2030, higher_is_better=False)
    assert judgement.verdict == Verdict.ON_TRACK
    assert judgement.projected == pytest.approx(90)


def test_falling_emissions_too_slow_for_a_lower_target_are_off_track():
    # The same line gives 130 in 2026, above the target of 120.
    points = line(2019, [200, 190, 180, 170, 160])
    judgement = judge(points, target_value=120, target_year=2026, higher_is_better=False)
    assert judgement.verdict == Verdict.OFF_TRACK


def test_only_the_ten_latest_years_make_the_trend():
    # A collapse long ago must not drag today's steady rise down.
    points = [(2000, 500), (2001, 400), *line(2014, [50 + i for i in range(10)])]
    judgement = judge(points, target_value=60, target_year=2030, higher_is_better=True)
    assert judgement.trend.first_year == 2014
    assert judgement.verdict == Verdict.ON_TRACK


def test_after_the_target_year_the_latest_value_is_compared_directly():
    points = [(2020, 70), (2022, 85), (2024, 88)]
    missed = judge(points, target_value=90, target_year=2023, higher_is_better=True)
    met = judge(points, target_value=85, target_year=2023, higher_is_better=True)
    assert (missed.verdict, missed.projected) == (Verdict.OFF_TRACK, 88)
    assert (met.verdict, met.reason) == (Verdict.ON_TRACK, "target year reached and target met")


def test_a_target_year_without_a_value_yet_is_still_forecast():
    # Statistics lag: in 2025 the 2024 value may not be published, so the 2024 target is projected.
    judgement = judge(line(2020, [50, 55, 60, 65]), target_value=80, target_year=2024, higher_is_better=True)
    assert judgement.verdict == Verdict.OFF_TRACK
    assert judgement.projected == pytest.approx(70)


def test_as_of_ignores_later_values():
    points = line(2018, [50, 55, 60, 65, 70, 20])
    judgement = judge(points, target_value=90, target_year=2030, higher_is_better=True, as_of=2022)
    assert judgement.verdict == Verdict.ON_TRACK
    assert judgement.trend.last_year == 2022


def test_unsorted_input_with_duplicate_years_gives_the_same_judgement():
    ordered = judge(
        line(2019, [50, 55, 60, 65, 70]), target_value=90, target_year=2030, higher_is_better=True
    )
    shuffled = judge(
        [(2022, 64), (2019, 50), (2023, 70), (2021, 60), (2022, 66), (2020, 55)],
        target_value=90,
        target_year=2030,
        higher_is_better=True,
    )
    assert shuffled == ordered


def test_yearly_amount_near_the_target_is_at_risk():
    # Mean 503.3, sd 20.82, so the mean's band is 503.3 ± t(df=2) 1.886 * 20.82 / sqrt(3) = 503.3 ± 22.7,
    # i.e. 480.7 to 526.0: it straddles 500.
    points = [(2021, 100), (2022, 480), (2023, 520), (2024, 510)]
    judgement = judge(
        points, target_value=500, target_year=2030, higher_is_better=True, kind=TargetKind.YEARLY_AMOUNT
    )
    assert judgement.verdict == Verdict.AT_RISK
    assert judgement.projected == pytest.approx(503.333, abs=1e-3)
    assert judgement.low == pytest.approx(480.67, abs=0.01)
    assert judgement.high == pytest.approx(526.00, abs=0.01)


def test_yearly_amount_far_below_the_target_is_off_track():
    # Mean 310, sd 10: band 310 ± 1.886 * 10 / sqrt(3) = 299.1 to 320.9, all below 500.
    points = line(2022, [300, 320, 310])
    judgement = judge(
        points, target_value=500, target_year=2030, higher_is_better=True, kind=TargetKind.YEARLY_AMOUNT
    )
    assert judgement.verdict == Verdict.OFF_TRACK
    assert judgement.high == pytest.approx(320.89, abs=0.01)


def test_yearly_amount_counts_only_years_up_to_the_target_year():
    points = [(2022, 520), (2023, 530), (2024, 0)]
    judgement = judge(
        points, target_value=500, target_year=2023, higher_is_better=True, kind=TargetKind.YEARLY_AMOUNT
    )
    assert judgement.projected == pytest.approx(525)


def test_yearly_amount_needs_two_years():
    judgement = judge(
        [(2024, 600)],
        target_value=500,
        target_year=2030,
        higher_is_better=True,
        kind=TargetKind.YEARLY_AMOUNT,
    )
    assert judgement.verdict == Verdict.NOT_ENOUGH_DATA


def test_emissions_falling_14_percent_a_year_meet_a_required_10_percent():
    points = [(2019 + i, 100_000 * 0.86**i) for i in range(6)]
    judgement = judge(
        points, target_value=-0.10, target_year=2030, higher_is_better=False, kind=TargetKind.YEARLY_RATE
    )
    assert judgement.verdict == Verdict.ON_TRACK
    assert judgement.projected == pytest.approx(-0.14)


def test_emissions_falling_2_percent_a_year_miss_a_required_14_percent():
    points = [(2019 + i, 100_000 * 0.98**i) for i in range(6)]
    judgement = judge(
        points, target_value=-0.14, target_year=2030, higher_is_better=False, kind=TargetKind.YEARLY_RATE
    )
    assert judgement.verdict == Verdict.OFF_TRACK
    assert judgement.projected == pytest.approx(-0.02)


def test_a_rate_exactly_at_the_required_rate_is_on_track():
    points = [(2019 + i, 100_000 * 0.86**i) for i in range(6)]
    judgement = judge(
        points, target_value=-0.14, target_year=2030, higher_is_better=False, kind=TargetKind.YEARLY_RATE
    )
    assert judgement.verdict == Verdict.ON_TRACK


@pytest.mark.parametrize("bad_value", [0, -5])
def test_a_rate_needs_values_above_zero(bad_value):
    points = [(2020, 100), (2021, bad_value), (2022, 80), (2023, 70)]
    judgement = judge(
        points, target_value=-0.10, target_year=2030, higher_is_better=False, kind=TargetKind.YEARLY_RATE
    )
    assert judgement.verdict == Verdict.NOT_ENOUGH_DATA
