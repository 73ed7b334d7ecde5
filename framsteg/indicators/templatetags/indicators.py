"""Figures and verdicts drawn the same way on every page that shows indicators."""

from __future__ import annotations

from django import template

from framsteg.indicators.assessment import verdict_label, verdict_tone
from framsteg.indicators.charts import legend_swatch, number
from framsteg.indicators.judgement import Verdict

register = template.Library()


@register.filter
def figure(value: float | None) -> str:
    """A measured value with the local decimal mark and as many decimals as its size warrants."""
    return "–" if value is None else number(float(value))


@register.filter
def percent_rate(value: float | None) -> str:
    """A yearly rate as a fraction (-0.14) written as a signed percentage (−14,0 %)."""
    return "–" if value is None else f"{number(value * 100, 1)} %"


@register.inclusion_tag("indicators/public/includes/verdict.html")
def verdict_badge(verdict: Verdict | None) -> dict:
    """A verdict always shows its word; the colour only repeats it."""
    return {"label": verdict_label(verdict), "tone": verdict_tone(verdict)}


@register.filter
def swatch(key: str) -> str:
    """The legend's drawing of a chart series (municipality, riket, group, target or trend)."""
    return legend_swatch(key)
