"""Querysets the public pages share, built so that a list costs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from framsteg.steering.models import Commitment, Responsibility, Status, SteeringDocument
from framsteg.steering.progress import with_latest


def listed_commitments(queryset: QuerySet[Commitment]) -> list[Commitment]:
    """Commitments with their latest update, area, document and owners loaded, ready for a list."""
    owners = Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.select_related("organisation").order_by("organisation__name"),
    )
    return with_latest(queryset.select_related("area__document", "document").prefetch_related(owners))


def active_statuses() -> list[Status]:
    return list(Status.objects.filter(is_active=True))


def current_platform() -> SteeringDocument | None:
    """The plan shown first: the newest political platform, else the newest document with commitments."""
    newest_first = ["-period_start", "-adopted_on", "-created_at"]
    documents = SteeringDocument.objects.exclude(kind=SteeringDocument.Kind.OTHER)
    return (
        documents.filter(kind=SteeringDocument.Kind.PLATFORM).order_by(*newest_first).first()
        or documents.order_by(*newest_first).first()
    )
