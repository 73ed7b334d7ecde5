"""Line charts drawn on the server as SVG: readable without JavaScript, on a phone and by a screen reader.

Series differ by dash pattern and point shape as well as colour, so no information rests on colour alone.
The SVG carries its own text alternative (`<title>`, `<desc>`); the page shows the same data as a table
and offers it as CSV (`chart_rows`), so what is drawn, what is read out and what is downloaded agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from framsteg.indicators.judgement import Trend

WIDTH, HEIGHT = 560, 340
MARGIN_END, MARGIN_TOP, MARGIN_BOTTOM = 20, 18, 40
# Room for the value labels: phones draw chart text at 21px in the 560-unit view box, about 13 units a digit.
LABEL_UNITS_PER_CHARACTER = 13
MAX_X_TICKS = 6


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str
    marker: str  # circle, square or triangle


STYLES = {
    "municipality": SeriesStyle("#0b5cad", "", "circle"),
    "riket": SeriesStyle("#3d4654", "9 5", "square"),
    "group": SeriesStyle("#8a4b00", "3 4", "triangle"),
}
TARGET_COLOUR = "#1d6b36"
TREND_COLOUR = "#0b5cad"


@dataclass
class Series:
    key: str  # a key of STYLES
    label: str
    points: list[tuple[int, float]]
    # The label as shown in a page, with parts in another language marked (HTML); the label when empty.
    shown: str = ""

    @property
    def html_label(self) -> str:
        return self.shown or self.label

    @property
    def style(self) -> SeriesStyle:
        return STYLES[self.key]


@dataclass
class Projection:
    """The trend followed to the target year, with its band (None where a band cannot be drawn)."""

    trend: Trend
    until: int
    level: float = 0.8

    def at(self, year: int) -> tuple[float, float | None, float | None]:
        value = self.trend.at(year)
        if self.trend.n < 3:
            return value, None, None
        low, high = self.trend.interval(year, self.level)
        return value, low, high

    def years(self) -> list[int]:
        return list(range(self.trend.first_year, self.until + 1))


@dataclass
class TargetMark:
    year: int
    value: float
    label: str


@dataclass
class Chart:
    title: str
    unit: str
    series: list[Series]
    targets: list[TargetMark] = field(default_factory=list)
    projection: Projection | None = None

    @property
    def is_empty(self) -> bool:
        return not any(series.points for series in self.series)


def number(value: float, places: int | None = None) -> str:
    if places is None:
        places = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return formats.number_format(round(value, places), places, use_l10n=True, force_grouping=True)


def chart_rows(chart: Chart) -> tuple[list[str], list[list[str]]]:
    """The chart's data as one row per year: every series, the trend and its band, and the targets."""
    header = [_("Year"), *[series.label for series in chart.series]]
    columns: list[dict[int, float | None]] = [dict(series.points) for series in chart.series]
    if chart.projection:
        trend, low, high = {}, {}, {}
        for year in chart.projection.years():
            trend[year], low[year], high[year] = chart.projection.at(year)
        header += [_("Trend"), _("Band, low"), _("Band, high")]
        columns += [trend, low, high]
    if chart.targets:
        header.append(_("Target"))
        columns.append({target.year: target.value for target in chart.targets})
    years = sorted({year for column in columns for year in column})
    rows = [
        [str(year), *["" if column.get(year) is None else repr(float(column[year])) for column in columns]]
        for year in years
    ]
    return header, rows


def describe(chart: Chart) -> str:
    """A text alternative: each series from first to last value, the targets and the projection."""
    sentences = []
    for series in chart.series:
        if not series.points:
            continue
        (first_year, first), (last_year, last) = series.points[0], series.points[-1]
        sentences.append(
            _("%(series)s: %(first)s in %(first_year)s, %(last)s in %(last_year)s (%(count)s values).")
            % {
                "series": series.label,
                "first": number(first),
                "first_year": first_year,
                "last": number(last),
                "last_year": last_year,
                "count": len(series.points),
            }
        )
    for target in chart.targets:
        sentences.append(
            _("Target: %(value)s by %(year)s.") % {"value": number(target.value), "year": target.year}
        )
    if chart.projection:
        value, low, high = chart.projection.at(chart.projection.until)
        if low is None:
            sentences.append(
                _("The trend reaches %(value)s in %(year)s.")
                % {"value": number(value), "year": chart.projection.until}
            )
        else:
            sentences.append(
                _("The trend reaches %(value)s in %(year)s (80 %% band %(low)s to %(high)s).")
                % {
                    "value": number(value),
                    "year": chart.projection.until,
                    "low": number(low),
                    "high": number(high),
                }
            )
    return " ".join(sentences)


def nice_step(span: float, count: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`."""
    if span <= 0:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def render_svg(chart: Chart, chart_id: str) -> SafeString:
    """The chart as inline SVG; `chart_id` makes the ids of its title and description unique on a page."""
    values = [value for series in chart.series for _, value in series.points]
    values += [target.value for target in chart.targets]
    years = [year for series in chart.series for year, _ in series.points]
    years += [target.year for target in chart.targets]
    band: list[tuple[int, float, float]] = []
    trend_line: list[tuple[int, float]] = []
    if chart.projection:
        for year in (
            chart.projection.trend.first_year,
            *range(chart.projection.trend.last_year, chart.projection.until + 1),
        ):
            value, low, high = chart.projection.at(year)
            trend_line.append((year, value))
            if low is not None and year >= chart.projection.trend.last_year:
                band.append((year, low, high))
        values += [value for _, value in trend_line] + [v for _, low, high in band for v in (low, high)]
        years.append(chart.projection.until)
    first_year, last_year = min(years), max(years)
    if first_year == last_year:
        first_year, last_year = first_year - 1, last_year + 1
    low_value, high_value = min(values), max(values)
    if low_value == high_value:
        low_value, high_value = low_value - 1, high_value + 1
    step = nice_step(high_value - low_value)
    low_value = math.floor(low_value / step) * step
    high_value = math.ceil(high_value / step) * step
    ticks = []
    tick = low_value
    while tick <= high_value + step / 2:
        ticks.append((tick, number(tick, _places(step))))
        tick += step
    margin_start = 16 + LABEL_UNITS_PER_CHARACTER * max(len(label) for _tick, label in ticks)
    plot_width = WIDTH - margin_start - MARGIN_END
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(year: float) -> float:
        return round(margin_start + (year - first_year) / (last_year - first_year) * plot_width, 1)

    def y(value: float) -> float:
        return round(MARGIN_TOP + (high_value - value) / (high_value - low_value) * plot_height, 1)

    right, bottom = WIDTH - MARGIN_END, HEIGHT - MARGIN_BOTTOM
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg" focusable="false">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(describe(chart))}</desc>',
    ]
    # Axes, ticks and grid
    parts.append('<g class="chart__axis">')
    for tick, label in ticks:
        parts.append(
            f'<line class="chart__grid" x1="{margin_start}" x2="{right}" y1="{y(tick)}" y2="{y(tick)}"/>'
            f'<text x="{margin_start - 8}" y="{y(tick)}" text-anchor="end" dominant-baseline="middle">'
            f"{escape(label)}</text>"
        )
    year_step = next(
        step for step in (1, 2, 5, 10, 20, 50, 100) if (last_year - first_year) / step < MAX_X_TICKS
    )
    for year in range(-(-first_year // year_step) * year_step, last_year + 1, year_step):
        parts.append(
            f'<line x1="{x(year)}" x2="{x(year)}" y1="{bottom}" y2="{bottom + 5}"/>'
            f'<text x="{x(year)}" y="{bottom + 22}" text-anchor="middle">{year}</text>'
        )
    parts.append(
        f'<line x1="{margin_start}" x2="{right}" y1="{bottom}" y2="{bottom}"/>'
        f'<line x1="{margin_start}" x2="{margin_start}" y1="{MARGIN_TOP}" y2="{bottom}"/>'
    )
    parts.append("</g>")
    if band:
        outline = [(x(year), y(high)) for year, _, high in band] + [
            (x(year), y(low)) for year, low, _ in reversed(band)
        ]
        parts.append(f'<polygon class="chart__band" points="{_points(outline)}"/>')
    if trend_line:
        parts.append(
            f'<polyline class="chart__trend" fill="none" stroke="{TREND_COLOUR}" stroke-dasharray="2 5" '
            f'stroke-width="2" points="{_points([(x(a), y(b)) for a, b in trend_line])}"/>'
        )
    for target in chart.targets:
        parts.append(
            f'<line class="chart__target" x1="{margin_start}" x2="{x(target.year)}" y1="{y(target.value)}" '
            f'y2="{y(target.value)}" stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="12 4 2 4"/>'
            f"{_marker('diamond', x(target.year), y(target.value), TARGET_COLOUR)}"
        )
    for series in chart.series:
        if not series.points:
            continue
        style = series.style
        coordinates = [(x(year), y(value)) for year, value in series.points]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        parts.append(
            f'<g class="chart__series chart__series--{series.key}">'
            f'<polyline fill="none" stroke="{style.colour}" stroke-width="2.5"{dash} '
            f'points="{_points(coordinates)}"/>'
            + "".join(_marker(style.marker, cx, cy, style.colour) for cx, cy in coordinates)
            + "</g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def legend_swatch(key: str) -> SafeString:
    """A small drawing of a series' line and point, for the legend beside the chart."""
    if key == "target":
        line = (
            f'<line x1="2" x2="34" y1="8" y2="8" stroke="{TARGET_COLOUR}" stroke-width="2" '
            'stroke-dasharray="12 4 2 4"/>'
        )
        mark = _marker("diamond", 18, 8, TARGET_COLOUR)
    elif key == "trend":
        line = (
            '<rect x="2" y="3" width="32" height="10" class="chart__band"/>'
            f'<line x1="2" x2="34" y1="8" y2="8" stroke="{TREND_COLOUR}" stroke-width="2" '
            'stroke-dasharray="2 5"/>'
        )
        mark = ""
    else:
        style = STYLES[key]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        line = f'<line x1="2" x2="34" y1="8" y2="8" stroke="{style.colour}" stroke-width="2.5"{dash}/>'
        mark = _marker(style.marker, 18, 8, style.colour)
    return mark_safe(
        '<svg class="legend-swatch" viewBox="0 0 36 16" width="36" height="16" aria-hidden="true" '
        f'focusable="false">{line}{mark}</svg>'
    )


def _marker(shape: str, cx: float, cy: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{cx - 4.5}" y="{cy - 4.5}" width="9" height="9" fill="{colour}"/>'
    if shape == "triangle":
        corners = [(cx, cy - 6), (cx + 5.5, cy + 4), (cx - 5.5, cy + 4)]
        return f'<polygon points="{_points(corners)}" fill="{colour}"/>'
    if shape == "diamond":
        corners = [(cx, cy - 7), (cx + 7, cy), (cx, cy + 7), (cx - 7, cy)]
        return f'<polygon points="{_points(corners)}" fill="#fff" stroke="{colour}" stroke-width="2"/>'
    return f'<circle cx="{cx}" cy="{cy}" r="4.5" fill="#fff" stroke="{colour}" stroke-width="2.5"/>'


def _points(coordinates: list[tuple[float, float]]) -> str:
    return " ".join(f"{round(a, 1)},{round(b, 1)}" for a, b in coordinates)


def _places(step: float) -> int:
    return max(0, -math.floor(math.log10(step))) if step < 1 else 0
