"""Status badges, progress bars and status distributions, drawn the same way on every page."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats

from framsteg.steering import marks
from framsteg.steering.models import Judgement, Status
from framsteg.steering.progress import Rollup

register = template.Library()
# The distribution bar's drawing units: about the proportions it is shown in, so that its patterns keep
# their shape when the bar is stretched to the page's width.
BAR_WIDTH = 400


@register.inclusion_tag("steering/public/includes/status.html")
def status_badge(status: Status | None) -> dict:
    """A status always shows its word; its symbol, colour and pattern only repeat it."""
    status = status or None
    return {"status": status, "swatch": marks.swatch(status), "symbol": marks.symbol(status)}


@register.inclusion_tag("steering/public/includes/progress.html")
def progress_bar(value: float | str | None) -> dict:
    """Progress in per cent; an empty value (nothing reported) shows a dash, never a made-up 0."""
    if value is None or value == "":
        return {"value": None, "width": 0}
    return {"value": value, "width": max(0, min(100, round(float(value))))}


@register.inclusion_tag("steering/public/includes/distribution.html")
def distribution(summary: Rollup) -> dict:
    """The statuses' shares as one bar: each a rectangle placed after the previous one, in per cent of the
    bar's width (attributes of an SVG drawing, never inline styles, which the site's policy refuses)."""
    prefix = marks.new_prefix()
    segments = []
    start = 0.0
    for item in summary.counts:
        width = item.share * BAR_WIDTH
        segments.append(
            {
                "tone": tone(item.status),
                "x": f"{start:.3f}",
                "width": f"{width:.3f}",
                "fill": marks.fill(prefix, item.status),
                "stroke": marks.colour(item.status),
            }
        )
        start += width
    legend = [
        {"item": item, "swatch": marks.swatch(item.status), "symbol": marks.symbol(item.status)}
        for item in summary.counts
    ]
    return {
        "summary": summary,
        "segments": segments,
        "defs": marks.defs(prefix, [item.status for item in summary.counts]),
        "legend": legend,
        "bar_width": BAR_WIDTH,
    }


@register.filter
def tone(status: Status | None) -> str:
    return status.tone if status else "none"


@register.filter
def percent(share: float) -> float:
    return share * 100


@register.filter
def quantity(value: Decimal) -> str:
    """A number as written in the document: no trailing zeros, local decimal mark and grouping."""
    places = max(0, -value.normalize().as_tuple().exponent)
    return formats.number_format(value, places, force_grouping=True)


# Each judgement's tone and symbol: the word is always shown, the symbol and colour only repeat it.
JUDGEMENT_MARKS = {
    Judgement.MET: ("good", "✓"),
    Judgement.PARTLY_MET: ("warning", "◐"),
    Judgement.NOT_MET: ("bad", "✗"),
    Judgement.CANNOT_JUDGE: ("neutral", "?"),
}


@register.inclusion_tag("steering/public/includes/judgement.html")
def judgement_badge(code: str | None, forecast: bool = False) -> dict:
    """A goal's judgement (or roll-up) as symbol and word; "Not judged" with a dash when there is none."""
    if not code:
        return {"label": None, "tone": "none", "symbol": "–", "forecast": False}
    tone_name, symbol = JUDGEMENT_MARKS[Judgement(code)]
    return {"label": Judgement(code).label, "tone": tone_name, "symbol": symbol, "forecast": forecast}
