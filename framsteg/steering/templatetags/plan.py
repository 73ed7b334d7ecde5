"""Status badges, progress bars and status distributions, drawn the same way on every page."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats

from framsteg.steering.models import Status
from framsteg.steering.progress import Rollup

register = template.Library()


@register.inclusion_tag("steering/public/includes/status.html")
def status_badge(status: Status | None) -> dict:
    """A status always shows its word; the colour only repeats it."""
    return {"status": status}


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
    segments = []
    start = 0.0
    for item in summary.counts:
        width = item.share * 100
        segments.append({"tone": tone(item.status), "x": f"{start:.3f}", "width": f"{width:.3f}"})
        start += width
    return {"summary": summary, "segments": segments}


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
