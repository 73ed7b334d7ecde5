"""Reads for the comparison of proposals with the adopted plan: point by point, per platform area, and an
overview. Only confirmed matches count; suggestions are for staff, never shown to the public as matches.
How the linked commitments are going is their latest status, read as everywhere else (`selectors`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from framsteg.steering.models import Area, Commitment, PointMatch, SteeringDocument
from framsteg.steering.progress import Rollup, rollup
from framsteg.steering.selectors import active_statuses, with_latest


@dataclass
class ComparedPoint:
    point: Commitment
    taken_up_by: list[Commitment] = field(default_factory=list)
    pending: int = 0  # suggestions no one has decided on yet

    @property
    def is_taken_up(self) -> bool:
        return bool(self.taken_up_by)


@dataclass
class ComparedProposal:
    document: SteeringDocument
    points: list[ComparedPoint]
    linked: Rollup

    @property
    def total(self) -> int:
        return len(self.points)

    @property
    def taken_up(self) -> int:
        return sum(1 for item in self.points if item.is_taken_up)

    @property
    def not_found(self) -> int:
        """Points with no confirmed commitment and no suggestion waiting for a decision."""
        return sum(1 for item in self.points if not item.is_taken_up and not item.pending)

    @property
    def awaiting_review(self) -> int:
        return sum(1 for item in self.points if not item.is_taken_up and item.pending)

    def areas(self) -> list[tuple[Area, list[ComparedPoint]]]:
        grouped: dict[int, list[ComparedPoint]] = defaultdict(list)
        areas: dict[int, Area] = {}
        for item in self.points:
            grouped[item.point.area_id].append(item)
            areas[item.point.area_id] = item.point.area
        return [(areas[pk], grouped[pk]) for pk in grouped]


def compare(document: SteeringDocument) -> ComparedProposal:
    """One proposal point by point, with the adopted commitments confirmed to take each point up."""
    points = list(
        Commitment.objects.current()
        .filter(document=document)
        .select_related("area")
        .order_by("area__position", "position")
    )
    matches = list(
        PointMatch.objects.filter(point__in=points)
        .exclude(state=PointMatch.State.REJECTED)
        .values_list("point_id", "commitment_id", "state")
    )
    confirmed_ids = {cid for _p, cid, state in matches if state == PointMatch.State.CONFIRMED}
    linked = {
        c.pk: c
        for c in with_latest(
            Commitment.objects.reportable()
            .filter(pk__in=confirmed_ids)
            .select_related("area", "document")
            .order_by("document_id", "area__position", "position")
        )
    }
    by_point = {point.pk: ComparedPoint(point) for point in points}
    for point_id, commitment_id, state in matches:
        if state == PointMatch.State.CONFIRMED and commitment_id in linked:
            by_point[point_id].taken_up_by.append(linked[commitment_id])
        elif state == PointMatch.State.SUGGESTED:
            by_point[point_id].pending += 1
    order = {pk: index for index, pk in enumerate(linked)}
    for item in by_point.values():
        item.taken_up_by.sort(key=lambda c: order[c.pk])
    return ComparedProposal(document, list(by_point.values()), rollup(linked.values(), active_statuses()))


def overview() -> list[ComparedProposal]:
    """Every proposal with points, compared."""
    proposals = SteeringDocument.objects.proposals().exclude(kind=SteeringDocument.Kind.OTHER)
    compared = [compare(document) for document in proposals.order_by("title")]
    return [item for item in compared if item.points]


@dataclass
class AreaCommitment:
    commitment: Commitment
    points: list[Commitment]


def compare_area(area: Area) -> list[AreaCommitment]:
    """An adopted area's commitments, each with the proposals' points it is confirmed to take up."""
    commitments = with_latest(
        Commitment.objects.reportable().filter(area=area).select_related("area", "document")
    )
    confirmed = (
        PointMatch.objects.filter(
            state=PointMatch.State.CONFIRMED,
            commitment__in=commitments,
            point__removed_in__isnull=True,
            point__document__standing=SteeringDocument.Standing.PROPOSAL,
        )
        .select_related("point__document", "point__area")
        .order_by("point__document__title", "point__area__position", "point__position")
    )
    points: dict[int, list[Commitment]] = defaultdict(list)
    for match in confirmed:
        points[match.commitment_id].append(match.point)
    return [AreaCommitment(commitment, points[commitment.pk]) for commitment in commitments]


def review(document: SteeringDocument) -> list[tuple[Commitment, list[PointMatch]]]:
    """For staff: each point of a proposal with every match (suggested, confirmed, rejected), best first."""
    points = list(
        Commitment.objects.current()
        .filter(document=document)
        .select_related("area")
        .prefetch_related(
            Prefetch(
                "adopted_matches",
                queryset=PointMatch.objects.select_related(
                    "commitment__area", "commitment__document", "decided_by"
                )
                .filter(commitment__removed_in__isnull=True)
                .order_by("-score", "pk"),
                to_attr="matches",
            )
        )
        .order_by("area__position", "position")
    )
    return [(point, point.matches) for point in points]
