"""Reads of the plan, built so that one commitment or a list costs a fixed number of queries.

The latest status of a commitment is defined here and nowhere else: its newest update by time of reporting
(then by id), a correction included, since a correction is reported after what it corrects.
"""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, Responsibility, Status, StatusUpdate, SteeringDocument

NOT_REPORTED = "not_reported"
NEWEST_FIRST = ("-created_at", "-pk")


def newest_first(updates: QuerySet[StatusUpdate] | None = None) -> QuerySet[StatusUpdate]:
    """Status updates, the latest first."""
    return (StatusUpdate.objects.all() if updates is None else updates).order_by(*NEWEST_FIRST)


def latest_update_field(field: str = "pk") -> Subquery:
    """An annotation for a commitment queryset: `field` of each commitment's latest update (None if none)."""
    return Subquery(newest_first().filter(commitment=OuterRef("pk")).values(field)[:1])


def with_latest(commitments: QuerySet[Commitment], *related: str) -> list[Commitment]:
    """Evaluate the queryset with each commitment's latest update on `.latest` (None when unreported).

    Two queries however many commitments: the commitments with their latest update's id, then those updates
    with their status, period and any `related` fields.
    """
    rows = list(commitments.annotate(latest_update_id=latest_update_field("pk")))
    ids = [row.latest_update_id for row in rows if row.latest_update_id]
    updates = StatusUpdate.objects.select_related("status", "period", *related).in_bulk(ids)
    for row in rows:
        row.latest = updates.get(row.latest_update_id)
    return rows


def latest_update(commitment: Commitment) -> StatusUpdate | None:
    """One commitment's latest update, with its status, period and organisation (one query)."""
    updates = newest_first().select_related("status", "period", "organisation")
    return updates.filter(commitment=commitment).first()


def history(commitment: Commitment, updates: QuerySet[StatusUpdate] | None = None) -> list[StatusUpdate]:
    """All of one commitment's updates, the latest first, in one query; sets `commitment.latest` from them.

    `updates` may add the joins and prefetches the caller shows.
    """
    found = list(newest_first(updates).filter(commitment=commitment))
    commitment.latest = found[0] if found else None
    return found


def with_latest_status(commitments: QuerySet[Commitment], code: str) -> QuerySet[Commitment]:
    """Only the commitments whose latest status has `code`; `NOT_REPORTED` for those never reported."""
    commitments = commitments.annotate(latest_status_code=latest_update_field("status__code"))
    if code == NOT_REPORTED:
        return commitments.filter(latest_status_code__isnull=True)
    return commitments.filter(latest_status_code=code)


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
    """The plan shown first: the newest adopted political platform, else the newest adopted document with
    commitments. Proposals never are."""
    order = ["-period_start", "-adopted_on", "-created_at"]
    documents = SteeringDocument.objects.adopted().exclude(kind=SteeringDocument.Kind.OTHER)
    return (
        documents.filter(kind=SteeringDocument.Kind.PLATFORM).order_by(*order).first()
        or documents.order_by(*order).first()
    )


def promise_parties(document: SteeringDocument) -> list[Organisation]:
    """A citizen promise's parties: the organisations owning its current commitments (else none)."""
    if document.kind != SteeringDocument.Kind.CITIZEN_PROMISE:
        return []
    return list(
        Organisation.objects.filter(
            responsibilities__commitment__document=document,
            responsibilities__commitment__removed_in__isnull=True,
        )
        .distinct()
        .order_by("kind", "name")
    )
