"""The goal tree's writes: links across documents, names and owners of goals, and judgements per period.

Every function records an audit entry with what was before and after. A judgement is written once (a new
judgement replaces it for the period); an owner's judgement is a draft until a coordinator approves it
(`approve_judgement`) or sends it back with a note (`return_judgement`), and the history keeps both. A
judgement that becomes public is announced through `publication` (followers of the goal are told).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.organisations.models import Organisation
from framsteg.organisations.names import display_name
from framsteg.steering import publication, rules
from framsteg.steering.models import (
    GOAL_KINDS,
    Area,
    Commitment,
    FollowUpPeriod,
    GoalContribution,
    GoalJudgement,
    Judgement,
    JudgementReview,
    StatusReview,
)
from framsteg.steering.services.reporting import ReviewError

CONTRIBUTING_KINDS = (Area.Kind.TERM_AREA, Area.Kind.COMMITTEE_GOAL)


def _contribution_state(contribution: GoalContribution | None) -> dict | None:
    if contribution is None:
        return None
    source = contribution.source
    return {
        "goal": contribution.goal.title,
        "from": str(source),
        "from_kind": "commitment" if contribution.from_commitment_id else source.kind,
        "contribution": contribution.contribution,
    }


def _would_loop(goal: Area, source: Area) -> bool:
    """True when `goal` already contributes (through any path, or its parents) to `source`."""
    seen: set[int] = set()
    frontier = [goal.pk]
    while frontier:
        current = frontier.pop()
        if current == source.pk:
            return True
        if current in seen:
            continue
        seen.add(current)
        frontier += GoalContribution.objects.filter(from_area_id=current).values_list("goal_id", flat=True)
        frontier += Area.objects.filter(pk=current, parent__isnull=False).values_list("parent_id", flat=True)
    return False


@audited("steering.set_contribution")
@transaction.atomic
def set_contribution(goal: Area, source: Area | Commitment, contribution: str, *, by) -> GoalContribution:
    """Say how `source` (a term area, a committee goal or a commitment) contributes to `goal`, a goal of
    another adopted document; a link that exists gets the new words."""
    text = contribution.strip()
    if not text:
        raise ValidationError(_("Say in words how it contributes to the goal."))
    if goal.kind not in GOAL_KINDS or goal.document.is_proposal or goal.removed_in_id:
        raise ValidationError(_("Only current goals of adopted documents are contributed to."))
    if source.document_id == goal.document_id:
        raise ValidationError(_("Link goals of other documents; within a document the parent goal says it."))
    if source.document.is_proposal or source.removed_in_id:
        raise ValidationError(_("A proposal's points and removed items contribute to no goal."))
    if isinstance(source, Area):
        if source.kind not in CONTRIBUTING_KINDS:
            raise ValidationError(_("Only term areas, committee goals and commitments contribute to a goal."))
        if _would_loop(goal, source):
            raise ValidationError(_("This link would close a loop: the goal already contributes to it."))
        lookup = {"goal": goal, "from_area": source}
    else:
        lookup = {"goal": goal, "from_commitment": source}
    existing = GoalContribution.objects.filter(**lookup).select_related("goal").first()
    before = _contribution_state(existing)
    if existing is not None and existing.contribution == text:
        nothing_changed()
        return existing
    row = existing or GoalContribution(**lookup)
    row.contribution = text
    row.set_by = by
    row.set_by_name = display_name(by, None)
    row.save()
    record("steering.set_contribution", target=goal, actor=by, before=before, after=_contribution_state(row))
    return row


@audited("steering.remove_contribution")
@transaction.atomic
def remove_contribution(contribution: GoalContribution, *, by) -> None:
    before = _contribution_state(contribution)
    goal = contribution.goal
    contribution.delete()
    record("steering.remove_contribution", target=goal, actor=by, before=before, after=None)


def _goal_state(goal: Area) -> dict:
    return {
        "title": goal.title,
        "narrative": goal.narrative,
        "naming_source": goal.naming_source,
        "awaiting_name": goal.awaiting_name,
        "owners": sorted(organisation.name for organisation in goal.responsible.all()),
    }


@audited("steering.edit_goal")
@transaction.atomic
def edit_goal(
    goal: Area,
    *,
    by,
    owners: Iterable[Organisation],
    title: str | None = None,
    narrative: str | None = None,
    naming_source: str | None = None,
) -> Area:
    """Set a goal's owners and, for a long-term goal, its name, description and where they come from.

    Naming a goal that was not yet named needs the source: the name is taken from the adopted document,
    never made up."""
    before = _goal_state(goal)
    if title is not None:
        if goal.kind != Area.Kind.LONG_TERM_GOAL:
            raise ValidationError(
                _("Only long-term goals are named here; other goals take their document's.")
            )
        if not title.strip():
            raise ValidationError({"title": _("Give the goal's name as the adopted document writes it.")})
        if not (naming_source or "").strip():
            raise ValidationError(
                {"naming_source": _("Say which adopted document (and page or section) the name comes from.")}
            )
        goal.title = title.strip()[:300]
        goal.narrative = (narrative or "").strip()
        goal.naming_source = naming_source.strip()[:300]
        goal.awaiting_name = False
        goal.title_inferred = False
        goal.save(update_fields=["title", "narrative", "naming_source", "awaiting_name", "title_inferred"])
    goal.responsible.set(list(owners))
    after = _goal_state(goal)
    if after == before:
        nothing_changed()
    else:
        record("steering.edit_goal", target=goal, actor=by, before=before, after=after)
    return goal


def _judgement_state(judgement: GoalJudgement | None) -> dict | None:
    if judgement is None:
        return None
    return {
        "judgement": judgement.pk,
        "value": judgement.judgement,
        "forecast": judgement.is_forecast,
        "period": judgement.period.short_label,
        "organisation": judgement.organisation.name if judgement.organisation else None,
        "state": "draft" if judgement.needs_review else "published",
    }


@audited("steering.judge_goal")
@transaction.atomic
def judge_goal(
    goal: Area,
    period: FollowUpPeriod,
    judgement: str,
    analysis: str,
    *,
    by,
    organisation: Organisation | None = None,
) -> GoalJudgement:
    """Judge a goal for a period, with the analysis behind it; at the interim period it is a forecast for
    the year's end. An owner's judgement is a draft until a coordinator approves it."""
    if goal.kind not in GOAL_KINDS or goal.document.is_proposal:
        raise ValidationError(_("Only goals of adopted documents are judged."))
    if judgement not in Judgement.values:
        raise ValidationError({"judgement": _("Choose a judgement.")})
    if not analysis.strip():
        raise ValidationError({"analysis": _("Write the analysis the judgement rests on.")})
    before = (
        GoalJudgement.objects.filter(goal=goal, period=period)
        .exclude(review__decision=StatusReview.Decision.RETURNED)
        .select_related("period", "organisation")
        .order_by("-created_at", "-pk")
        .first()
    )
    row = GoalJudgement.objects.create(
        goal=goal,
        period=period,
        judgement=judgement,
        is_forecast=period.kind == FollowUpPeriod.Kind.INTERIM,
        analysis=analysis.strip(),
        author=by,
        author_name=display_name(by, organisation),
        organisation=organisation,
        needs_review=rules.needs_review(by),
    )
    record(
        "steering.judge_goal",
        target=goal,
        actor=by,
        before=_judgement_state(before),
        after=_judgement_state(row),
    )
    if not row.needs_review:
        _published(row)
    return row


def _published(judgement: GoalJudgement) -> None:
    """Tell the apps above (following) in this transaction that a judgement became public."""
    publication.published(publication.Publication(publication.JUDGEMENT, judgement, area=judgement.goal))


def _review(judgement: GoalJudgement, decision: str, note: str, by) -> JudgementReview:
    judgement = (
        GoalJudgement.objects.select_for_update(of=("self",))
        .select_related("period", "organisation", "goal")
        .get(pk=judgement.pk)
    )
    if not judgement.needs_review:
        raise ReviewError("This judgement needed no review.")
    if JudgementReview.objects.filter(judgement=judgement).exists():
        raise ReviewError("This judgement has been decided on already.")
    review = JudgementReview.objects.create(
        judgement=judgement,
        decision=decision,
        note=note.strip(),
        decided_by=by,
        decided_by_name=display_name(by, None),
    )
    record(
        f"steering.{decision}_judgement",
        target=judgement.goal,
        actor=by,
        before={**_judgement_state(judgement), "review": None},
        after={**_judgement_state(judgement), "review": decision, "note": review.note},
    )
    if decision == StatusReview.Decision.APPROVED:
        _published(judgement)
    return review


@audited("steering.approved_judgement")
@transaction.atomic
def approve_judgement(judgement: GoalJudgement, *, by, note: str = "") -> JudgementReview:
    """Publish a draft judgement."""
    return _review(judgement, StatusReview.Decision.APPROVED, note, by)


@audited("steering.returned_judgement")
@transaction.atomic
def return_judgement(judgement: GoalJudgement, *, by, note: str) -> JudgementReview:
    """Send a draft judgement back to its owner with a note; it is never published."""
    if not note.strip():
        raise ReviewError("Say what the owner should change.")
    return _review(judgement, StatusReview.Decision.RETURNED, note, by)
