"""Goal owners' edits of what measures their goal: which indicators follow it, and the indicators' targets.

Every change records an audit entry with the state before and after.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.indicators.models import Indicator, Target
from framsteg.steering.models import Area


def _linked(goal: Area) -> list[str]:
    return sorted(goal.indicators.values_list("slug", flat=True))


@audited("indicators.link_goal")
@transaction.atomic
def link_indicator(goal: Area, indicator: Indicator, *, by) -> None:
    """Let `indicator` follow `goal`: it is then shown beside the goal's judgement."""
    before = _linked(goal)
    if indicator.slug in before:
        nothing_changed()
        return
    indicator.areas.add(goal)
    record(
        "indicators.link_goal",
        target=goal,
        actor=by,
        before={"indicators": before},
        after={"indicators": _linked(goal)},
    )


@audited("indicators.unlink_goal")
@transaction.atomic
def unlink_indicator(goal: Area, indicator: Indicator, *, by) -> None:
    before = _linked(goal)
    if indicator.slug not in before:
        nothing_changed()
        return
    indicator.areas.remove(goal)
    record(
        "indicators.unlink_goal",
        target=goal,
        actor=by,
        before={"indicators": before},
        after={"indicators": _linked(goal)},
    )


def _target_state(target: Target | None) -> dict | None:
    if target is None:
        return None
    return {
        "indicator": target.indicator.slug,
        "kind": target.kind,
        "value": str(target.value),
        "year": target.year,
        "note": target.note,
    }


@audited("indicators.save_target")
@transaction.atomic
def save_target(
    indicator: Indicator,
    *,
    by,
    kind: str,
    value: Decimal,
    year: int,
    note: str,
    target: Target | None = None,
) -> Target:
    """Add a target to the indicator, or change `target`; the note says where the target comes from."""
    if kind not in Target.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of target.")})
    if not note.strip():
        raise ValidationError({"note": _("Say where the target comes from (a decision, a document).")})
    if target is not None and target.indicator_id != indicator.pk:
        raise ValidationError(_("The target belongs to another indicator."))
    before = _target_state(target)
    row = target or Target(indicator=indicator)
    row.kind, row.value, row.year, row.note = kind, value, year, note.strip()
    row.full_clean(exclude=["candidate"])
    if before == _target_state(row) and target is not None:
        nothing_changed()
        return row
    row.save()
    record("indicators.save_target", target=indicator, actor=by, before=before, after=_target_state(row))
    return row


@audited("indicators.remove_target")
@transaction.atomic
def remove_target(target: Target, *, by) -> None:
    before = _target_state(target)
    indicator = target.indicator
    target.delete()
    record("indicators.remove_target", target=indicator, actor=by, before=before, after=None)
