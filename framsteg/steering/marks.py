"""How a status is drawn: its colour, its pattern and its symbol, so that none is told apart by colour alone.

Each pattern is a tile of 8 × 8 units in the status's colour with white marks on it, drawn as SVG attributes
(never inline styles, which the site's Content-Security-Policy refuses). SVG fills print as they are shown,
unlike CSS backgrounds, which browsers leave out when printing; the print stylesheet asks for exact colours
too. "Not reported" is not a status: it is drawn white with a dashed grey outline and the symbol "–".
"""

from __future__ import annotations

import itertools

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

NOT_REPORTED_COLOUR = "#5b6676"
NOT_REPORTED_SYMBOL = "–"
WHITE = "#ffffff"

# The white marks of each pattern on its 8 × 8 tile.
MARKS = {
    "solid": "",
    "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-width="1.6"/>',
    "backdiagonal": '<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#ffffff" stroke-width="1.6"/>',
    "horizontal": '<path d="M0,4 h8" stroke="#ffffff" stroke-width="2.2"/>',
    "vertical": '<path d="M4,0 v8" stroke="#ffffff" stroke-width="2.2"/>',
    "dots": '<circle cx="4" cy="4" r="1.8" fill="#ffffff"/>',
    "cross": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" stroke-width="1.4"/>',
    "grid": '<path d="M0,4 h8 M4,0 v8" stroke="#ffffff" stroke-width="1.4"/>',
}

_ids = itertools.count(1)


def new_prefix() -> str:
    """A prefix for pattern ids unique within a page (each drawing defines the patterns it uses)."""
    return f"sp{next(_ids)}"


def colour(status) -> str:
    return status.colour if status is not None else NOT_REPORTED_COLOUR


def symbol(status) -> str:
    return status.symbol if status is not None else NOT_REPORTED_SYMBOL


def pattern_id(prefix: str, status) -> str:
    return f"{prefix}-{status.pk}" if status is not None else f"{prefix}-none"


def pattern_def(prefix: str, status) -> SafeString:
    """The <pattern> a drawing's shapes fill with; empty for a solid status and for "not reported"."""
    if status is None or not MARKS.get(status.pattern):
        return mark_safe("")
    return format_html(
        '<pattern id="{}" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="{}"/>{}</pattern>',
        pattern_id(prefix, status),
        status.colour,
        mark_safe(MARKS[status.pattern]),
    )


def fill(prefix: str, status) -> str:
    """What a shape of this status is filled with: its pattern, its colour, or white when not reported."""
    if status is None:
        return WHITE
    if MARKS.get(status.pattern):
        return f"url(#{pattern_id(prefix, status)})"
    return status.colour


def swatch(status) -> SafeString:
    """A small square in the status's colour and pattern (hidden from screen readers: the word is there)."""
    prefix = new_prefix()
    dashed = ' stroke-dasharray="2 1.5"' if status is None else ""
    return format_html(
        '<svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">'
        '<defs>{}</defs><rect x="0.75" y="0.75" width="14.5" height="14.5" rx="2" fill="{}" stroke="{}" '
        'stroke-width="1.5"{}/></svg>',
        pattern_def(prefix, status),
        fill(prefix, status),
        colour(status),
        mark_safe(dashed),
    )


def defs(prefix: str, statuses) -> SafeString:
    return format_html_join("", "{}", ((pattern_def(prefix, status),) for status in statuses))
