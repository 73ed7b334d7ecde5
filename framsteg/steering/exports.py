"""The plan as plain data: one definition of each shape, used by `framsteg export` and by the JSON API.

Every function takes an optional queryset (filtered, ordered or sliced by the caller), adds the joins and
prefetches its shape needs, and returns JSON-ready dicts with a fixed key order. Timestamps are ISO 8601
in the site's time zone to the second, dates are ISO dates, decimal amounts are strings (so no precision
is lost), and labels follow the active language while codes never change. Latest statuses come from
`framsteg.steering.selectors` and roll-ups from `framsteg.steering.progress`, so the numbers are the ones
the site shows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from framsteg.organisations.models import Organisation
from framsteg.steering.models import (
    Area,
    CandidateTarget,
    Commitment,
    CommitmentRevision,
    DocumentVersion,
    Evidence,
    FollowUpPeriod,
    Responsibility,
    Status,
    StatusUpdate,
    SteeringDocument,
)
from framsteg.steering.progress import rollup
from framsteg.steering.selectors import NOT_REPORTED, with_latest

SOURCE_NOTE = (
    "Data from the municipality's steering documents; status reported by the organisations responsible. "
    "The documents and reports are public records (allmänna handlingar) of the municipality, which sets the "
    "terms of reuse; the framsteg software is licensed AGPL-3.0-or-later."
)
ROLLUP_RULE = (
    "Each current commitment counts once with its latest update (a correction is the latest update). "
    "mean_progress is the plain mean over all current commitments, where a commitment never reported "
    "counts as 0 % and one whose latest status asks for no percentage (progress null) is left out. counts "
    "gives how many commitments have each latest status; not_reported is its own group."
)

Data = dict[str, Any]


def iso_datetime(value: datetime | None) -> str | None:
    """Whole seconds: enough for people, and identical whether written here or by the API's encoder."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def decimal_string(value: Decimal | None) -> str | None:
    """A decimal as a plain string without trailing zeros: 500.0000 → "500", 2.5000 → "2.5"."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def source_information() -> Data:
    """Where the data comes from and how roll-ups are counted, for the head of an export."""
    return {"municipality": settings.MUNICIPALITY_NAME, "note": SOURCE_NOTE, "rollup_rule": ROLLUP_RULE}


# Organisations, periods and the status vocabulary


def organisation_ref(organisation: Organisation) -> Data:
    return {"id": organisation.pk, "slug": organisation.slug, "name": organisation.name}


def organisations(queryset: QuerySet[Organisation] | None = None) -> list[Data]:
    queryset = Organisation.objects.all() if queryset is None else queryset
    return [
        {
            "id": organisation.pk,
            "slug": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "parent": organisation.parent.slug if organisation.parent else None,
            "website": organisation.website,
        }
        for organisation in queryset.select_related("parent")
    ]


def period_ref(period: FollowUpPeriod) -> Data:
    return {"id": period.pk, "kind": period.kind, "year": period.year, "label": str(period.short_label)}


def periods(queryset: QuerySet[FollowUpPeriod] | None = None) -> list[Data]:
    queryset = FollowUpPeriod.objects.all() if queryset is None else queryset
    return [
        {
            **period_ref(period),
            "starts_on": iso_date(period.starts_on),
            "ends_on": iso_date(period.ends_on),
            "report_due": iso_date(period.report_due),
            "is_open": period.is_open,
        }
        for period in queryset
    ]


def statuses(queryset: QuerySet[Status] | None = None) -> list[Data]:
    queryset = Status.objects.all() if queryset is None else queryset
    return [
        {
            "code": status.code,
            "label": status.label,
            "name": status.name,
            "name_en": status.name_en,
            "name_fi": status.name_fi,
            "description": status.description,
            "default_progress": status.default_progress,
            "requires_reason": status.requires_reason,
            "is_done": status.is_done,
            "asks_progress": status.asks_progress,
            "tone": status.tone,
            "colour": status.colour,
            "pattern": status.pattern,
            "symbol": status.symbol,
            "position": status.position,
            "is_active": status.is_active,
        }
        for status in queryset
    ]


# Documents


def documents(queryset: QuerySet[SteeringDocument] | None = None) -> list[Data]:
    queryset = SteeringDocument.objects.all() if queryset is None else queryset
    versions = DocumentVersion.objects.defer("text").order_by("number")
    queryset = queryset.select_related("organisation", "adopted_by").prefetch_related(
        Prefetch("versions", queryset=versions, to_attr="version_list")
    )
    return [document_data(document) for document in queryset]


def document_data(document: SteeringDocument) -> Data:
    """One document with its versions; `version_list` is prefetched by `documents`."""
    versions = document.version_list
    return {
        "id": document.pk,
        "slug": document.slug,
        "kind": document.kind,
        "title": document.title,
        "period": {"start": document.period_start, "end": document.period_end},
        "adopted_on": iso_date(document.adopted_on),
        "author": document.author,
        "standing": document.standing,
        "adopted_by_body": document.adopted_by_body,
        "adopted_by": document.adopted_by.slug if document.adopted_by else None,
        "proposed_by": document.proposed_by,
        "organisation": document.organisation.slug if document.organisation else None,
        "source_url": document.source_url,
        "source_note": document.source_note,
        "current_version": versions[-1].number if versions else None,
        "versions": [
            {
                "number": version.number,
                "imported_at": iso_datetime(version.imported_at),
                "format": version.format,
                "filename": version.filename,
                "sha256": version.sha256,
                "changes": version.changes,
            }
            for version in versions
        ],
    }


# Areas


def areas(queryset: QuerySet[Area] | None = None) -> list[Data]:
    """Areas with their roll-up, computed from one pass over their current commitments."""
    queryset = Area.objects.all() if queryset is None else queryset
    rows = list(
        queryset.select_related("document").prefetch_related(
            Prefetch("responsible", queryset=Organisation.objects.order_by("name"))
        )
    )
    vocabulary = list(Status.objects.all())
    by_area: dict[int, list[Commitment]] = defaultdict(list)
    if rows:
        for commitment in with_latest(Commitment.objects.reportable().filter(area__in=rows).order_by()):
            by_area[commitment.area_id].append(commitment)
    return [area_data(area, rollup_data(by_area[area.pk], vocabulary)) for area in rows]


def area_data(area: Area, summary: Data) -> Data:
    return {
        "id": area.pk,
        "document": area.document.slug,
        "kind": area.kind,
        "title": area.title,
        "title_inferred": area.title_inferred,
        "slug": area.slug,
        "position": area.position,
        "parent": area.parent_id,
        "narrative": area.narrative,
        "lead_in": area.lead_in,
        "responsible": [organisation_ref(organisation) for organisation in area.responsible.all()],
        "removed": area.removed_in_id is not None,
        "rollup": summary,
    }


def rollup_data(commitments: list[Commitment], vocabulary: list[Status]) -> Data:
    """`rollup` as data: every status code in vocabulary order, then not_reported, zeros included."""
    summary = rollup(commitments, vocabulary)
    by_code = {item.status.code if item.status else NOT_REPORTED: item.count for item in summary.counts}
    return {
        "total": summary.total,
        "reported": summary.reported,
        "mean_progress": round(summary.mean_progress, 1),
        "last_updated": iso_datetime(summary.last_updated),
        "counts": {
            **{status.code: by_code.get(status.code, 0) for status in vocabulary},
            NOT_REPORTED: by_code.get(NOT_REPORTED, 0),
        },
    }


# Commitments


def commitments(queryset: QuerySet[Commitment] | None = None) -> list[Data]:
    """Commitments with latest status, full history and rewordings, in a fixed number of queries."""
    queryset = Commitment.objects.all() if queryset is None else queryset
    evidence = Evidence.objects.select_related("document").order_by("pk")
    history = (
        StatusUpdate.objects.published()
        .select_related("status", "period", "organisation")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .order_by("created_at", "pk")
    )
    queryset = queryset.select_related("document", "area").prefetch_related(
        "source_version",
        Prefetch("removed_in", queryset=DocumentVersion.objects.defer("text")),
        Prefetch(
            "responsibilities",
            queryset=Responsibility.objects.select_related("organisation").order_by("organisation__name"),
        ),
        Prefetch("status_updates", queryset=history, to_attr="history"),
        Prefetch(
            "revisions",
            queryset=CommitmentRevision.objects.select_related("version").defer("version__text"),
            to_attr="rewordings",
        ),
    )
    return [commitment_data(commitment) for commitment in with_latest(queryset)]


def commitment_data(commitment: Commitment) -> Data:
    """One commitment prepared by `commitments` (latest, history and rewordings attached)."""
    latest = commitment.latest
    return {
        "id": commitment.pk,
        "reference": commitment.reference,
        "text": commitment.text,
        "document": commitment.document.slug,
        "area": {"id": commitment.area.pk, "title": commitment.area.title},
        "responsible": [
            {**organisation_ref(item.organisation), "basis": item.basis}
            for item in commitment.responsibilities.all()
        ],
        "budget_sek": decimal_string(commitment.budget_sek),
        "source": {
            "version": commitment.source_version.number,
            "start": commitment.source_start,
            "end": commitment.source_end,
            "quote": commitment.source_quote,
        },
        "removed": commitment.removed_in_id is not None,
        "removed_in_version": commitment.removed_in.number if commitment.removed_in else None,
        "latest": latest_data(latest) if latest else None,
        "history": [update_data(update) for update in commitment.history],
        "rewordings": [
            {
                "version": revision.version.number,
                "previous_text": revision.previous_text,
                "new_text": revision.new_text,
                "reworded_at": iso_datetime(revision.created_at),
            }
            for revision in commitment.rewordings
        ],
    }


def points(queryset: QuerySet[Commitment]) -> list[Data]:
    """A proposal's points: text and place in the source, never a status (nobody reports on them)."""
    queryset = queryset.select_related("document", "area", "source_version").order_by(
        "document_id", "area__position", "position"
    )
    return [
        {
            "id": point.pk,
            "reference": point.reference,
            "text": point.text,
            "document": point.document.slug,
            "area": {"id": point.area.pk, "title": point.area.title},
            "source": {
                "version": point.source_version.number,
                "start": point.source_start,
                "end": point.source_end,
                "quote": point.source_quote,
            },
            "removed": point.removed_in_id is not None,
        }
        for point in queryset
    ]


def latest_data(update: StatusUpdate) -> Data:
    return {
        "id": update.pk,
        "status": update.status.code,
        "label": update.status.label,
        "progress": update.progress,
        "period": period_ref(update.period),
        "reported_at": iso_datetime(update.created_at),
        "comment": update.comment,
    }


def update_data(update: StatusUpdate) -> Data:
    """One entry of a commitment's history. The reporter's own name is left out; the organisation answers."""
    return {
        **latest_data(update),
        "reason": update.reason,
        "organisation": organisation_ref(update.organisation) if update.organisation else None,
        "evidence": [
            {
                "title": str(item),
                "url": item.url or (item.file.url if item.file else ""),
                "document": item.document.slug if item.document else None,
            }
            for item in update.evidence.all()
        ],
        "corrects": update.corrects_id,
        "correction_note": update.correction_note,
    }


# Candidate targets


def candidate_targets(queryset: QuerySet[CandidateTarget] | None = None) -> list[Data]:
    queryset = CandidateTarget.objects.all() if queryset is None else queryset
    queryset = queryset.select_related("document").prefetch_related(
        Prefetch("version", queryset=DocumentVersion.objects.defer("text"))
    )
    return [
        {
            "id": target.pk,
            "document": target.document.slug,
            "area": target.area_id,
            "commitment": target.commitment_id,
            "text": target.text,
            "value": decimal_string(target.value),
            "unit": target.unit,
            "qualifier": target.qualifier,
            "year": target.year,
            "context": target.context,
            "source": {
                "version": target.version.number,
                "start": target.source_start,
                "end": target.source_end,
            },
        }
        for target in queryset
    ]


# The whole plan


def export_plan(document: SteeringDocument | None = None) -> Data:
    """Everything, or one document's plan with the shared vocabularies, as one JSON-ready object."""

    def only(queryset: QuerySet, field: str = "document") -> QuerySet:
        return queryset.filter(**{field: document.pk}) if document else queryset

    return {
        "exported_at": iso_datetime(timezone.now()),
        "source": source_information(),
        "documents": documents(only(SteeringDocument.objects.all(), "pk")),
        "areas": areas(only(Area.objects.all())),
        "commitments": commitments(only(Commitment.objects.adopted())),
        "points": points(only(Commitment.objects.points())),
        "candidate_targets": candidate_targets(only(CandidateTarget.objects.all())),
        "statuses": statuses(),
        "periods": periods(),
        "organisations": organisations(),
    }
