"""Reads of the plan, built so that one commitment or a list costs a fixed number of queries.

The latest status of a commitment is defined here and nowhere else: its newest update by time of reporting
(then by id), a correction included, since a correction is reported after what it corrects.

Every read sees only published updates (those needing no review and those a coordinator approved) unless
it asks for `drafts=True`, which the staff reporting pages and the services do: a draft never reaches the
public pages, the API, the feeds or the counts by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from framsteg.organisations.models import Organisation
from framsteg.steering.models import (
    Commitment,
    FollowUpPeriod,
    Responsibility,
    Status,
    StatusReview,
    StatusUpdate,
    SteeringDocument,
)

NOT_REPORTED = "not_reported"
NEWEST_FIRST = ("-created_at", "-pk")


def newest_first(
    updates: QuerySet[StatusUpdate] | None = None, *, drafts: bool = False
) -> QuerySet[StatusUpdate]:
    """Status updates, the latest first: the published ones, or with `drafts` every one."""
    updates = StatusUpdate.objects.all() if updates is None else updates
    if not drafts:
        updates = updates.published()
    return updates.order_by(*NEWEST_FIRST)


def latest_update_field(field: str = "pk", *, drafts: bool = False) -> Subquery:
    """An annotation for a commitment queryset: `field` of each commitment's latest update (None if none)."""
    return Subquery(newest_first(drafts=drafts).filter(commitment=OuterRef("pk")).values(field)[:1])


def with_latest(commitments: QuerySet[Commitment], *related: str, drafts: bool = False) -> list[Commitment]:
    """Evaluate the queryset with each commitment's latest update on `.latest` (None when unreported).

    Two queries however many commitments: the commitments with their latest update's id, then those updates
    with their status, period and any `related` fields.
    """
    rows = list(commitments.annotate(latest_update_id=latest_update_field("pk", drafts=drafts)))
    ids = [row.latest_update_id for row in rows if row.latest_update_id]
    updates = StatusUpdate.objects.select_related("status", "period", "review", *related).in_bulk(ids)
    for row in rows:
        row.latest = updates.get(row.latest_update_id)
    return rows


def latest_update(commitment: Commitment, *, drafts: bool = True) -> StatusUpdate | None:
    """One commitment's latest update, drafts included unless asked, with its status, period and organisation
    (one query)."""
    updates = newest_first(drafts=drafts).select_related("status", "period", "organisation")
    return updates.filter(commitment=commitment).first()


def history(
    commitment: Commitment, updates: QuerySet[StatusUpdate] | None = None, *, drafts: bool = False
) -> list[StatusUpdate]:
    """All of one commitment's updates, the latest first, in one query; sets `commitment.latest` from them.

    `updates` may add the joins and prefetches the caller shows.
    """
    found = list(newest_first(updates, drafts=drafts).filter(commitment=commitment))
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


def awaiting_review() -> QuerySet[StatusUpdate]:
    """Drafts no coordinator has decided on, oldest first, ready for the review queue."""
    return (
        StatusUpdate.objects.awaiting_review()
        .select_related("status", "period", "organisation", "commitment__area", "commitment__document")
        .prefetch_related("evidence")
        .order_by("created_at", "pk")
    )


def reports_in(period) -> QuerySet[StatusUpdate]:
    """The reports that count as made for a period: drafts and approved ones, not those sent back."""
    return StatusUpdate.objects.filter(period=period).exclude(review__decision=StatusReview.Decision.RETURNED)


@dataclass
class OrganisationReporting:
    organisation: Organisation
    total: int = 0
    unreported: list[Commitment] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return self.total - len(self.unreported)


def unreported_by_organisation(
    organisations: list[Organisation], period: FollowUpPeriod
) -> list[OrganisationReporting]:
    """Organisations that answer for at least one current commitment of an adopted document, each with what it
    has not reported. A proposal's points are never reported on, so never listed here."""
    responsibilities = (
        Responsibility.objects.filter(
            organisation__in=organisations,
            commitment__removed_in__isnull=True,
            commitment__document__standing=SteeringDocument.Standing.ADOPTED,
        )
        .select_related("organisation", "commitment__area", "commitment__document")
        .order_by(
            "organisation__name",
            "commitment__document__title",
            "commitment__document_id",
            "commitment__area__position",
            "commitment__position",
        )
    )
    reported = set(reports_in(period).values_list("commitment_id", flat=True))
    rows: dict[int, OrganisationReporting] = {}
    for responsibility in responsibilities:
        row = rows.setdefault(
            responsibility.organisation_id, OrganisationReporting(responsibility.organisation)
        )
        row.total += 1
        if responsibility.commitment_id not in reported:
            row.unreported.append(responsibility.commitment)
    return list(rows.values())
