"""Charts are SVG with a text alternative, series told apart without colour, and data that matches the CSV."""

import re

import pytest
from django.utils import translation

from framsteg.indicators.charts import (
    Chart,
    Projection,
    Series,
    TargetMark,
    chart_rows,
    nice_step,
    render_svg,
)
from framsteg.indicators.judgement import fit_trend

BOTKYRKA = [(2019, 78.9), (2020, 80.2), (2021, 81.1), (2022, 83.8), (2023, 84.0), (2024, 81.6)]
RIKET = [(2022, 85.0), (2023, 85.5), (2024, 84.9)]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def chart(**extra) -> Chart:
    return Chart(
        "Behöriga till yrkesprogram",
        "%",
        [Series("municipality", "Botkyrka", BOTKYRKA), Series("riket", "Riket", RIKET)],
        **extra,
    )


def test_the_svg_is_an_image_labelled_by_its_title_and_description():
    svg = render_svg(chart(), "c1")

    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Behöriga till yrkesprogram</title>' in svg
    description = re.search(r'<desc id="c1-desc">(.*?)</desc>', svg).group(1)
    assert "Botkyrka" in description and "2024" in description and "Riket" in description


def test_it_scales_with_its_container_and_needs_no_script():
    svg = render_svg(chart(), "c1")

    assert 'viewBox="0 0 ' in svg
    assert "width=" not in svg.split(">", 1)[0]
    assert "<script" not in svg


def test_series_differ_by_dash_pattern_and_point_shape_not_colour_alone():
    svg = render_svg(chart(), "c1")

    municipality = re.search(r'chart__series--municipality">(.*?)</g>', svg).group(1)
    riket = re.search(r'chart__series--riket">(.*?)</g>', svg).group(1)
    assert "stroke-dasharray" not in municipality and "<circle" in municipality
    assert "stroke-dasharray" in riket and "<rect" in riket


def test_a_target_and_the_trend_band_to_its_year_are_drawn():
    trend = fit_trend(BOTKYRKA)
    svg = render_svg(
        chart(targets=[TargetMark(2030, 95, "Mål 2030")], projection=Projection(trend, 2030)), "c1"
    )

    assert 'class="chart__target"' in svg
    assert 'class="chart__trend"' in svg
    assert 'class="chart__band"' in svg
    assert ">2030</text>" in svg
    assert "Target: 95.0 by 2030." in svg


def test_the_downloadable_rows_are_the_drawn_data():
    trend = fit_trend(BOTKYRKA)
    header, rows = chart_rows(
        chart(targets=[TargetMark(2030, 95, "Mål")], projection=Projection(trend, 2030))
    )

    assert header[:3] == ["Year", "Botkyrka", "Riket"]
    assert header[-1] == "Target"
    by_year = {row[0]: row for row in rows}
    assert by_year["2024"][1:3] == ["81.6", "84.9"]
    assert by_year["2019"][2] == ""
    assert by_year["2030"][-1] == "95.0"
    assert float(by_year["2030"][4]) < float(by_year["2030"][3]) < float(by_year["2030"][5])


def test_ticks_fall_on_round_numbers():
    assert nice_step(23) == 5
    assert nice_step(270_000) == 100_000
    assert nice_step(0.9) == 0.2
