"""Read-only endpoints. Each returns the shapes of `framsteg.steering.exports`, so API and export agree."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from framsteg.api import schemas
from framsteg.api.pagination import ShapedPagination
from framsteg.api.parameters import ID, SLUG, SLUG_PATTERN, TEXT_PATTERN
from framsteg.organisations.models import Organisation
from framsteg.steering import exports, selectors
from framsteg.steering.models import (
    Area,
    CandidateTarget,
    Commitment,
    FollowUpPeriod,
    Status,
    SteeringDocument,
)

router = Router()

DOCUMENT_FILTER = Query(None, description="Only this document's (its slug).", **SLUG)

NOT_FOUND = {404: schemas.Message}


def the_one(items: list[dict[str, Any]], missing: str) -> dict[str, Any]:
    if not items:
        raise HttpError(404, missing)
    return items[0]


@router.get("documents", response=list[schemas.DocumentOut], tags=["documents"])
@paginate(ShapedPagination, shape=exports.documents)
def documents(request: HttpRequest) -> QuerySet[SteeringDocument]:
    return SteeringDocument.objects.order_by("kind", "title", "pk")


@router.get("documents/{slug}", response={200: schemas.DocumentOut, **NOT_FOUND}, tags=["documents"])
def document(request: HttpRequest, slug: str = Path(..., **SLUG)) -> dict[str, Any]:
    return the_one(
        exports.documents(SteeringDocument.objects.filter(slug=slug)), f"No document with the slug “{slug}”."
    )


@router.get("areas", response=list[schemas.AreaOut], tags=["areas"])
@paginate(ShapedPagination, shape=exports.areas)
def areas(request: HttpRequest, document: str | None = DOCUMENT_FILTER) -> QuerySet[Area]:
    """Areas (priority problems, goals) with the roll-up of their current commitments."""
    found = Area.objects.order_by("document__kind", "document__title", "document_id", "position", "pk")
    return found.filter(document__slug=document) if document else found


@router.get("areas/{area_id}", response={200: schemas.AreaOut, **NOT_FOUND}, tags=["areas"])
def area(request: HttpRequest, area_id: int = Path(..., **ID)) -> dict[str, Any]:
    return the_one(exports.areas(Area.objects.filter(pk=area_id)), f"No area with the id {area_id}.")


@router.get("commitments", response=list[schemas.CommitmentOut], tags=["commitments"])
@paginate(ShapedPagination, shape=exports.commitments)
def commitments(
    request: HttpRequest,
    document: str | None = DOCUMENT_FILTER,
    area: int | None = Query(None, description="Only this area's (its id).", **ID),
    organisation: str | None = Query(
        None, description="Only those this organisation answers for (slug).", **SLUG
    ),
    status: str | None = Query(
        None,
        description=(
            "Only those whose latest status has this code (see /statuses); not_reported for never reported. "
            "A code no status has matches nothing."
        ),
        pattern=SLUG_PATTERN,
        max_length=40,
    ),
    q: str | None = Query(
        None, description="Words in the commitment's text or its area's title.", pattern=TEXT_PATTERN
    ),
) -> QuerySet[Commitment]:
    """Commitments, current and removed, each with its latest status and full history."""
    found = Commitment.objects.adopted().order_by(
        "document__kind", "document__title", "document_id", "area__position", "position", "pk"
    )
    if document:
        found = found.filter(document__slug=document)
    if area is not None:
        found = found.filter(area_id=area)
    if organisation:
        found = found.filter(responsibilities__organisation__slug=organisation)
    if q:
        found = found.filter(Q(text__icontains=q.strip()) | Q(area__title__icontains=q.strip()))
    if status:
        found = selectors.with_latest_status(found, status)
    return found


@router.get(
    "commitments/{commitment_id}", response={200: schemas.CommitmentOut, **NOT_FOUND}, tags=["commitments"]
)
def commitment(request: HttpRequest, commitment_id: int = Path(..., **ID)) -> dict[str, Any]:
    """One commitment with its full status history, oldest first, corrections included."""
    found = exports.commitments(Commitment.objects.adopted().filter(pk=commitment_id))
    return the_one(found, f"No commitment with the id {commitment_id}.")


@router.get("candidate-targets", response=list[schemas.CandidateTargetOut], tags=["commitments"])
@paginate(ShapedPagination, shape=exports.candidate_targets)
def candidate_targets(
    request: HttpRequest, document: str | None = DOCUMENT_FILTER
) -> QuerySet[CandidateTarget]:
    """Quantities found in the documents (a number with a unit, or a year) that could become targets."""
    found = CandidateTarget.objects.order_by("document_id", "source_start", "pk")
    return found.filter(document__slug=document) if document else found


@router.get("organisations", response=list[schemas.OrganisationOut], tags=["vocabularies"])
@paginate(ShapedPagination, shape=exports.organisations)
def organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name", "pk")


@router.get("periods", response=list[schemas.PeriodOut], tags=["vocabularies"])
@paginate(ShapedPagination, shape=exports.periods)
def periods(request: HttpRequest) -> QuerySet[FollowUpPeriod]:
    return FollowUpPeriod.objects.order_by("-year", "-ends_on", "pk")


@router.get("statuses", response=list[schemas.StatusOut], tags=["vocabularies"])
@paginate(ShapedPagination, shape=exports.statuses)
def statuses(request: HttpRequest) -> QuerySet[Status]:
    return Status.objects.order_by("position", "pk")
