"""The verbatim text of a document version as paragraphs, with commitments and quantities marked in place.

Offsets come from the importer and point into one version's text. A mark is drawn only when it belongs to
that version, lies inside the text and does not cross another mark of its kind; a quantity is drawn inside a
commitment only when it lies wholly within it. Anything else is left unmarked rather than drawn wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from framsteg.steering.models import CandidateTarget, Commitment, DocumentVersion

PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t\r]*\n)+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    item: Commitment | CandidateTarget


@dataclass
class MarkedText:
    paragraphs: list[SafeString]
    marked: list[Commitment]
    unmarked: list[Commitment]


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the paragraphs (blocks separated by a blank line).

    Leading spaces stay, so an indented first bullet lines up with the ones below it.
    """
    ranges, position = [], 0
    for separator in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[position:end]
        if chunk.strip():
            start = position + len(chunk) - len(chunk.lstrip("\r\n"))
            ranges.append((start, position + len(chunk.rstrip())))
        position = separator.end() if separator else end
    return ranges


def _without_overlaps(spans: Iterable[Span], length: int) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if not 0 <= span.start < span.end <= length:
            continue
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _render_targets(text: str, start: int, end: int, targets: list[Span]) -> str:
    parts, position = [], start
    for target in targets:
        if target.end <= start or target.start >= end:
            continue
        piece_start, piece_end = max(target.start, start), min(target.end, end)
        parts.append(escape(text[position:piece_start]))
        parts.append(format_html('<mark class="quantity-mark">{}</mark>', text[piece_start:piece_end]))
        position = piece_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def _render_paragraph(
    text: str, start: int, end: int, commitments: list[Span], targets: list[Span], anchored: set[int]
) -> SafeString:
    parts, position = [], start
    for span in commitments:
        if span.end <= start or span.start >= end:
            continue
        piece_start, piece_end = max(span.start, start), min(span.end, end)
        parts.append(_render_targets(text, position, piece_start, targets))
        commitment = span.item
        anchor = "" if commitment.pk in anchored else format_html(' id="c-{}"', commitment.pk)
        anchored.add(commitment.pk)
        inner = [t for t in targets if _within(t, span)]
        parts.append(
            format_html(
                '<mark class="commitment-mark"{}><a href="{}" title="{}">{}</a></mark>',
                anchor,
                commitment.get_absolute_url(),
                _("Commitment %(reference)s") % {"reference": commitment.reference},
                mark_safe(_render_targets(text, piece_start, piece_end, inner)),
            )
        )
        position = piece_end
    parts.append(_render_targets(text, position, end, targets))
    return mark_safe("".join(parts))


def mark_text(
    version: DocumentVersion, commitments: Iterable[Commitment], targets: Iterable[CandidateTarget] = ()
) -> MarkedText:
    """Split the version's text into paragraphs and wrap each commitment and quantity in a mark."""
    text = version.text
    commitments = list(commitments)
    commitment_spans = _without_overlaps(
        (Span(c.source_start, c.source_end, c) for c in commitments if c.source_version_id == version.pk),
        len(text),
    )
    target_spans = _without_overlaps(
        (
            span
            for span in (Span(t.source_start, t.source_end, t) for t in targets if t.version_id == version.pk)
            if all(_within(span, c) or span.end <= c.start or span.start >= c.end for c in commitment_spans)
        ),
        len(text),
    )
    anchored: set[int] = set()
    paragraphs = [
        _render_paragraph(text, start, end, commitment_spans, target_spans, anchored)
        for start, end in paragraph_ranges(text)
    ]
    marked_ids = {span.item.pk for span in commitment_spans}
    return MarkedText(
        paragraphs=paragraphs,
        marked=[c for c in commitments if c.pk in marked_ids],
        unmarked=[c for c in commitments if c.pk not in marked_ids],
    )
