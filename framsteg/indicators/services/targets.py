"""Turn a quantity the document importer found (a CandidateTarget) into a target for an indicator.

The kind follows the words around the number: "500 bostäder per år" or "om året" is an amount each year,
"3 procent per år" a yearly rate, anything else a level to reach. A yearly amount or rate that the
sentence calls a reduction ("minska … med 10 procent per år") is stored as negative, as targets expect.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from framsteg.audit.services import audited
from framsteg.indicators.models import Indicator, Target
from framsteg.steering.models import CandidateTarget

_PER_YEAR = re.compile(r"(?:\b(?:per|om|i|varje)\s+år(?:et)?|\bårligen)(?!\w)", re.IGNORECASE)
_AFTER_NUMBER = re.compile(r"\s*(?:\b(?:per|om|i|varje)\s+år(?:et)?|\bårligen)(?!\w)", re.IGNORECASE)
_PERCENT = re.compile(r"^(?:procent|%)(?!\w)", re.IGNORECASE)
_REDUCTION = re.compile(r"\b(?:minska|sänka|sänks|reducera|halvera)", re.IGNORECASE)


@audited("indicators.target_from_candidate")
def target_from_candidate(
    candidate: CandidateTarget, indicator: Indicator, *, year: int | None = None
) -> Target:
    """Save and return the indicator's target for the candidate; `year` overrides the candidate's year."""
    target_year = year or candidate.year
    if target_year is None:
        raise ValueError(_("The quantity names no year; give the target year."))
    kind = _kind(candidate)
    value = candidate.value
    if kind != Target.Kind.LEVEL and _is_reduction(candidate):
        value = -abs(value)
    note = _("“%(context)s” (%(document)s)") % {
        "context": candidate.context,
        "document": candidate.document.title,
    }
    return Target.objects.create(
        indicator=indicator, kind=kind, value=value, year=target_year, note=note, candidate=candidate
    )


def _kind(candidate: CandidateTarget) -> str:
    per_year = bool(
        _PER_YEAR.search(candidate.unit) or _PER_YEAR.search(candidate.text)
    ) or _followed_by_per_year(candidate)
    if not per_year:
        return Target.Kind.LEVEL
    if _PERCENT.match(candidate.unit.strip()):
        return Target.Kind.YEARLY_RATE
    return Target.Kind.YEARLY_AMOUNT


def _followed_by_per_year(candidate: CandidateTarget) -> bool:
    """The importer keeps "per år" in the unit of amounts, but not after "procent": look in the sentence."""
    context, text = _squeezed(candidate.context), _squeezed(candidate.text)
    position = context.find(text)
    return position >= 0 and bool(_AFTER_NUMBER.match(context, position + len(text)))


def _is_reduction(candidate: CandidateTarget) -> bool:
    context, text = _squeezed(candidate.context), _squeezed(candidate.text)
    position = context.find(text)
    return bool(_REDUCTION.search(context[: position if position >= 0 else len(context)]))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
