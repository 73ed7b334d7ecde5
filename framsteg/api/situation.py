"""The situation picture's API for partners' systems, under /api/v1/situation/: report incidents (a batch,
all or none, with the file import's checks), read back the organisation's own reports with their review
status, and the event types. Every operation needs a partner's API key: `Authorization: Bearer fsp_…`.

The key decides the organisation: a key reports only in its organisation's name and sees only its reports.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate
from ninja.security import HttpBearer

from framsteg.api import schemas
from framsteg.api.pagination import ShapedPagination
from framsteg.dialogue import ratelimit
from framsteg.situation.models import Incident, IncidentCategory, PartnerApiKey
from framsteg.situation.services import partner_keys
from framsteg.situation.services.exchange import read_items, save

MAX_BATCH = 1000


class RateLimited(HttpError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(429, "Too many requests with this API key. Try again after Retry-After seconds.")
        self.retry_after = retry_after


class PartnerKey(HttpBearer):
    """A partner's API key in the Authorization header; no key, an unknown one or a revoked one: 401."""

    openapi_description = "A partner's API key, created by a coordinator: `Authorization: Bearer fsp_…`."

    def authenticate(self, request: HttpRequest, token: str) -> PartnerApiKey | None:
        key = partner_keys.verify_key(token)
        if key is None:
            return None
        decision = ratelimit.check("situation-api", key.prefix, settings.SITUATION_API_RATE_LIMIT)
        if not decision.allowed:
            raise RateLimited(decision.retry_after)
        return key


router = Router(tags=["situation"], auth=PartnerKey())

AUTH_ANSWERS = {401: schemas.Message, 429: schemas.Message}


class IncidentIn(Schema):
    """One report, with the columns of the file import (docs/incidents-format.md) as fields."""

    date: str = Field(description="The day it happened, 2026-03-02 (or a date and time, 2026-03-02T21:15).")
    time: str | None = Field(None, description="The time of day, 21:15; null when not known.")
    end_date: str | None = Field(None, description="For a span: the last day.")
    end_time: str | None = Field(None, description="For a span: the time it ended.")
    category: str = Field(description="The event type's code (see /situation/categories) or Swedish name.")
    place: str | None = Field(None, description="A named place, district or statistical area.")
    latitude: float | None = Field(None, description="WGS 84 decimal degrees.")
    longitude: float | None = Field(None, description="WGS 84 decimal degrees.")
    setting: str | None = Field(None, description="public or semi_public (stairwell, cellar, garage).")
    events: int | None = Field(
        None, description="Events of the kind at the place bundled, 1–1000; default 1."
    )
    description: str | None = Field(None, description="What happened: places and situations, never persons.")
    assessment: str | None = Field(None, description="The reporter's own assessment.")
    police_report: bool | None = Field(None, description="Whether a police report was made; null: not known.")
    organisation: str | None = Field(
        None, description="The key's own organisation (slug or name), or null; another one is refused."
    )
    external_id: str | None = Field(
        None,
        max_length=100,
        description="The partner's own reference: sending it again updates that report (idempotent).",
    )


class IncidentBatchIn(Schema):
    incidents: list[IncidentIn] = Field(
        min_length=1, max_length=MAX_BATCH, description=f"1 to {MAX_BATCH} reports, saved all or none."
    )


class IncidentOut(Schema):
    id: int
    reference: str = Field(description="framsteg's reference, e.g. H-42.")
    external_id: str = Field(description="The partner's own reference, or empty.")
    category: str = Field(description="The event type's code.")
    occurred_at: datetime.datetime
    ended_at: datetime.datetime | None
    time_known: bool = Field(description="False when only the day is known.")
    events: int
    place: str
    latitude: float | None
    longitude: float | None
    district: str | None = Field(description="The district (kommundel) the place resolved to.")
    area: str | None = Field(description="The statistical area (RegSO) the place resolved to.")
    police_reported: bool | None
    status: str = Field(description="reported, reviewed, included (in the picture) or rejected.")
    source: str = Field(description="form, import or api: how the report came in.")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class BatchOut(Schema):
    created: int = Field(description="New reports.")
    updated: int = Field(description="Earlier reports updated through their external_id.")
    incidents: list[IncidentOut] = Field(description="The reports, in the order sent.")


class CategoryOut(Schema):
    code: str
    name: str = Field(description="The Swedish name (also accepted as the category).")
    label: str = Field(description="The name in the request's language.")
    nature: str = Field(description="crime or insecurity.")
    group: str | None = Field(description="The code of the group it belongs to.")
    is_group: bool = Field(description="A group cannot be reported; report one of its types.")


def incident_shapes(incidents) -> list[dict[str, Any]]:
    return [
        {
            "id": incident.pk,
            "reference": incident.reference,
            "external_id": incident.external_id,
            "category": incident.category.code,
            "occurred_at": incident.occurred_at,
            "ended_at": incident.ended_at,
            "time_known": incident.time_known,
            "events": incident.events,
            "place": incident.named_place.name if incident.named_place else incident.place_text,
            "latitude": incident.latitude,
            "longitude": incident.longitude,
            "district": incident.district.name if incident.district else None,
            "area": incident.area.name if incident.area else None,
            "police_reported": incident.police_reported,
            "status": incident.status,
            "source": incident.source,
            "created_at": incident.created_at,
            "updated_at": incident.updated_at,
        }
        for incident in incidents
    ]


def _key(request: HttpRequest) -> PartnerApiKey:
    return request.auth  # type: ignore[attr-defined]


@router.post(
    "situation/incidents",
    response={201: BatchOut, **AUTH_ANSWERS},
    summary="Report incidents",
)
def post_incidents(request: HttpRequest, batch: IncidentBatchIn):
    """Save a batch of reports in the key's organisation's name: all of them, or none with 422 and every
    problem (its place in the batch and the field). A report whose external_id the organisation sent before
    updates that report, so a retry never adds a second one. One report is a batch of one."""
    key = _key(request)
    partner_keys.record_use(key, "post_incidents")
    items = [item.model_dump(exclude_none=True) for item in batch.incidents]
    found = read_items(
        items, allowed_organisations=frozenset({key.organisation_id}), organisation=key.organisation
    )
    if found.ok:
        found = save(found, source=Incident.Source.API)
    if not found.ok:
        problems = [
            {
                "type": "value_error",
                "loc": ["body", "incidents", problem.row - 1, *([problem.column] if problem.column else [])],
                "msg": problem.message,
            }
            for problem in found.problems
            if problem.row is not None
        ]
        raise ValidationError(problems)
    related = ("category", "named_place", "district", "area")
    by_pk = Incident.objects.select_related(*related).in_bulk([incident.pk for incident in found.saved])
    shapes = incident_shapes(by_pk[incident.pk] for incident in found.saved)
    return Status(201, {"created": len(found.created), "updated": len(found.updated), "incidents": shapes})


@router.get("situation/incidents", response={200: list[IncidentOut], **AUTH_ANSWERS}, summary="Own reports")
@paginate(ShapedPagination, shape=incident_shapes)
def incidents(request: HttpRequest) -> QuerySet[Incident]:
    """The reports of the key's organisation (not residents' reports), newest first, with their review
    status: whether a coordinator included them in the picture."""
    key = _key(request)
    partner_keys.record_use(key, "get_incidents")
    return (
        Incident.objects.filter(organisation_id=key.organisation_id)
        .exclude(source=Incident.Source.RESIDENT)
        .select_related("category", "named_place", "district", "area")
        .order_by("-created_at", "-pk")
    )


@router.get("situation/categories", response={200: list[CategoryOut], **AUTH_ANSWERS}, summary="Event types")
def categories(request: HttpRequest) -> list[dict[str, Any]]:
    """The event types in use, groups first in their order; only types that are not groups can be reported."""
    key = _key(request)
    partner_keys.record_use(key, "get_categories")
    found = list(IncidentCategory.objects.filter(is_active=True).select_related("parent"))
    groups = {category.parent_id for category in found if category.parent_id}
    return [
        {
            "code": category.code,
            "name": category.name,
            "label": category.label(),
            "nature": category.nature,
            "group": category.parent.code if category.parent else None,
            "is_group": category.pk in groups,
        }
        for category in found
    ]
