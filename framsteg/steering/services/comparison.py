"""Proposals compared with the adopted plan: suggested matches of points with commitments, and staff's
decisions on them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.steering.importer.similarity import Corpus
from framsteg.steering.models import Commitment, PointMatch, SteeringDocument

# Suggestions per point, at most.
SUGGESTIONS_PER_POINT = 5


@audited("steering.suggest_matches")
@transaction.atomic
def suggest_matches(document: SteeringDocument, *, by=None) -> int:
    """Suggest, for each current point of a proposal, the adopted commitments whose text is most alike.

    Pairs already suggested, confirmed or rejected are left as they are; returns how many were added."""
    if not document.is_proposal:
        raise ValidationError(_("Only a proposal's points are compared with the adopted plan."))
    points = list(
        Commitment.objects.current().filter(document=document).order_by("area__position", "position")
    )
    commitments = list(Commitment.objects.reportable().values_list("pk", "text"))
    if not points or not commitments:
        return 0
    corpus = Corpus([text for _pk, text in commitments] + [point.text for point in points])
    existing = set(PointMatch.objects.filter(point__in=points).values_list("point_id", "commitment_id"))
    new = []
    for point in points:
        for commitment_id, score in corpus.rank(point.text, commitments, limit=SUGGESTIONS_PER_POINT):
            if (point.pk, commitment_id) not in existing:
                new.append(PointMatch(point=point, commitment_id=commitment_id, score=score))
    PointMatch.objects.bulk_create(new)
    record(
        "steering.suggest_matches",
        target=document,
        actor=by,
        after={"suggested": len(new)},
        details={"points": len(points), "commitments": len(commitments)},
    )
    return len(new)


@audited("steering.decide_match")
def decide_match(match: PointMatch, state: str, *, by) -> PointMatch:
    """Confirm that an adopted commitment takes up a point, or reject it; who decided and when are kept."""
    if state not in (PointMatch.State.CONFIRMED, PointMatch.State.REJECTED):
        raise ValueError(f"A match is confirmed or rejected, not {state!r}.")
    before = match.state
    match.state = state
    match.decided_by = by
    match.decided_at = timezone.now()
    match.save(update_fields=["state", "decided_by", "decided_at"])
    record(
        "steering.decide_match",
        target=match.point,
        actor=by,
        before={"state": before},
        after={"state": state, "point": match.point_id, "commitment": match.commitment_id},
    )
    return match


@audited("steering.add_match")
@transaction.atomic
def add_match(point: Commitment, commitment: Commitment, *, by) -> PointMatch:
    """Confirm a match staff found themselves: an adopted commitment that takes up the point."""
    if not point.document.is_proposal:
        raise ValidationError(_("Only a proposal's points are compared with the adopted plan."))
    if not commitment.document.carries_commitments or commitment.removed_in_id is not None:
        raise ValidationError(_("Choose a current commitment of an adopted document."))
    match, _created = PointMatch.objects.get_or_create(point=point, commitment=commitment)
    return decide_match(match, PointMatch.State.CONFIRMED, by=by)
