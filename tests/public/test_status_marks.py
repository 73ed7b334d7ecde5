"""Every status is told apart without colour: its own pattern and its own symbol, with colours of AA contrast,
and the start page's bars and legend print (SVG fills, exact colours asked for in print)."""

import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template

from framsteg.steering import marks
from framsteg.steering.models import Status
from framsteg.steering.progress import Rollup, StatusCount


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def statuses(db):
    return list(Status.objects.filter(is_active=True))


def test_each_status_differs_from_every_other_in_pattern_and_symbol_not_only_in_colour(statuses):
    assert len(statuses) == 7
    for one, other in itertools.combinations(statuses, 2):
        assert one.pattern != other.pattern, (one.code, other.code)
        assert one.symbol != other.symbol, (one.code, other.code)
        assert one.colour.lower() != other.colour.lower(), (one.code, other.code)
    assert all(status.symbol != marks.NOT_REPORTED_SYMBOL for status in statuses)


def test_the_statuses_that_shared_a_colour_are_apart(statuses):
    by_code = {status.code: status for status in statuses}
    for one, other in [("in_progress", "partly_done"), ("not_started", "cannot_assess")]:
        assert by_code[one].colour != by_code[other].colour
        assert marks.swatch(by_code[one]) != marks.swatch(by_code[other])


def test_every_colour_has_aa_contrast_with_white(statuses):
    for status in statuses:
        assert contrast(status.colour, "#ffffff") >= 4.5, status.code
    assert contrast(marks.NOT_REPORTED_COLOUR, "#ffffff") >= 4.5


def test_every_pattern_is_drawn_with_marks_except_one_solid(statuses):
    drawn = [status for status in statuses if marks.MARKS[status.pattern]]
    assert len(drawn) >= len(statuses) - 1
    for status in drawn:
        definition = marks.pattern_def("p", status)
        assert f'id="p-{status.pk}"' in definition and status.colour in definition


def test_a_badge_shows_the_symbol_the_swatch_and_the_word(statuses):
    html = Template("{% load plan %}{% for s in statuses %}{% status_badge s %}{% endfor %}").render(
        Context({"statuses": statuses})
    )
    for status in statuses:
        assert status.symbol in html and status.label in html
    assert html.count('class="swatch"') == len(statuses)
    assert 'aria-hidden="true">' in html


def test_a_status_repeats_its_symbol_or_colour_and_pattern_only_when_told(statuses):
    done = next(status for status in statuses if status.code == "done")
    copy = Status(code="also-done", name="Klar", symbol=done.symbol, colour="#123456", pattern="dots")
    with pytest.raises(ValidationError) as error:
        copy.full_clean()
    assert "symbol" in error.value.message_dict
    twin = Status(code="twin", name="Tvilling", symbol="§", colour=done.colour, pattern=done.pattern)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "pattern" in error.value.message_dict


def test_the_distribution_fills_each_share_with_its_pattern_and_draws_legend_swatches(statuses):
    summary = Rollup(
        total=len(statuses) + 1,
        counts=[StatusCount(status, 1, 1 / (len(statuses) + 1)) for status in statuses]
        + [StatusCount(None, 1, 1 / (len(statuses) + 1))],
    )
    html = Template("{% load plan %}{% distribution summary %}").render(Context({"summary": summary}))
    fills = re.findall(r'<rect class="fill--[a-z]+"[^>]* fill="([^"]+)"', html)
    assert len(fills) == len(statuses) + 1
    assert len(set(fills)) == len(fills)
    patterned = sum(1 for status in statuses if marks.MARKS[status.pattern])
    assert html.count("<pattern ") == 2 * patterned  # the bar's and the legend's swatches
    assert html.count('class="swatch"') == len(statuses) + 1


def test_the_print_stylesheet_keeps_bars_and_legends():
    css = (Path(settings.BASE_DIR) / "framsteg/core/static/framsteg/site.css").read_text()
    printed = css[css.index("@media print") :]
    assert "print-color-adjust: exact" in printed
    assert ".legend li::before" not in css  # CSS backgrounds are not printed; the swatches are SVG


def test_the_start_page_draws_patterns_and_symbols(small_plan, client):
    from tests import factories

    preschool, reading, _ = small_plan["commitments"]
    factories.report(preschool, small_plan["period"], "in_progress", 40)
    factories.report(reading, small_plan["period"], "cannot_assess", None)
    html = client.get("/").content.decode()
    assert "<pattern " in html
    assert "◔" in html and "?" in html
    assert 'fill="#0b4f71"' not in html or "progress__fill" in html
