"""The Open311 resources as plain data: services, service definitions and service requests.

Categories are services and their questions are attributes, described in the request's language where a
translation exists and in Swedish otherwise. A case is a service request only when it is public (see
`publicity`) and has a category; what is shown of it is exactly what the public pages show: the text and
place once a case officer has reviewed them (until then `description` and `address` are null), approved
photos and reviewed public notes as `status_notes`. Answers to the resident, contact details and unpublished
safety reports never leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.dialogue.models import Case, CaseKind, Category, CategoryQuestion
from framsteg.dialogue.open311.params import CLOSED, OPEN, RequestQuery
from framsteg.dialogue.open311.render import MEDIA_TYPES
from framsteg.dialogue.selectors import geo, publicity
from framsteg.dialogue.services.intake import promise_for
from framsteg.dialogue.workdays import STOCKHOLM

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API's behaviour last changed; clients compare it to notice changes.
CHANGESET = "2026-12-02T00:00:00+01:00"
SERVICE_TYPE = "realtime"  # a service_request_id is returned at once; no tokens
OPEN_STATUSES = [Case.Status.RECEIVED, Case.Status.IN_PROGRESS]
# Feedback needs to say whether it is praise, a complaint or a suggestion; Open311 clients answer it as an
# attribute of every feedback service.
FEEDBACK_TYPE = "feedback_type"
LIST_DATATYPES = {CategoryQuestion.Datatype.SINGLE, CategoryQuestion.Datatype.MULTI}
_REFERENCE = re.compile(r"^(\d{4})-(\d{1,9})$")


def w3c(moment: datetime | None) -> str | None:
    """ISO 8601 in Stockholm time with the offset, as the spec wants it: 2026-12-02T10:15:00+01:00."""
    return timezone.localtime(moment, STOCKHOLM).isoformat(timespec="seconds") if moment else None


def discovery(endpoint_url: str) -> dict:
    municipality = settings.MUNICIPALITY_NAME
    return {
        "changeset": CHANGESET,
        "contact": f"{municipality}, {settings.SITE_URL}",
        "key_service": _("Reading needs no key. To post reports, ask %(municipality)s for an API key.")
        % {"municipality": municipality},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": MEDIA_TYPES,
            }
        ],
    }


# Services and their definitions


def active_services() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).prefetch_related("questions")


def service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.label,
        "description": category.description_label,
        "metadata": bool(service_attributes(category)),
        "type": SERVICE_TYPE,
        "keywords": category.keywords,
        "group": str(CaseKind(category.kind).label),
    }


def _datatype_description(datatype: str, code: str) -> str:
    descriptions = {
        CategoryQuestion.Datatype.STRING: _("Text on one line."),
        CategoryQuestion.Datatype.TEXT: _("Text; line breaks are allowed."),
        CategoryQuestion.Datatype.NUMBER: _("A number, e.g. 3 or 2.5."),
        CategoryQuestion.Datatype.DATETIME: _(
            "A date and time in ISO 8601 form, e.g. 2026-05-01T14:30:00+02:00."
        ),
        CategoryQuestion.Datatype.SINGLE: _("One key from the values, sent as attribute[%(code)s]=key."),
        CategoryQuestion.Datatype.MULTI: _(
            "One or more keys from the values, each sent as attribute[%(code)s][]=key."
        ),
    }
    return descriptions[datatype] % {"code": code}


def _attribute(
    order: int, code: str, datatype: str, required: bool, description: str, values: list[list[str]]
) -> dict:
    return {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": _datatype_description(datatype, code),
        "order": order,
        "description": description,
        "values": [{"key": key, "name": name} for key, name in values],
    }


def service_attributes(category: Category) -> list[dict]:
    """The attributes a client fills in: the category's questions, and for feedback its type."""
    attributes = []
    if category.kind == CaseKind.FEEDBACK:
        attributes.append(
            _attribute(
                1,
                FEEDBACK_TYPE,
                CategoryQuestion.Datatype.SINGLE,
                True,
                _("Is it praise, a complaint or a suggestion?"),
                [[str(choice.value), str(choice.label)] for choice in Case.FeedbackType],
            )
        )
    for question in category.questions.all():
        attributes.append(
            _attribute(
                len(attributes) + 1,
                question.code,
                question.datatype,
                question.required,
                question.current_label,
                question.choices_for(),
            )
        )
    return attributes


def service_definition(category: Category) -> dict:
    return {"service_code": category.code, "attributes": service_attributes(category)}


# Service requests


def answer_notice(kind: str, category: Category | None) -> str:
    """What the resident may expect, from the response-time promise."""
    _confirm, days = promise_for(kind, category)
    return ngettext(
        "We answer within %(days)d working day.", "We answer within %(days)d working days.", days
    ) % {"days": days}


def public_requests() -> QuerySet[Case]:
    return (
        publicity.public_cases()
        .filter(category__isnull=False)
        .select_related("category", "organisation")
        .prefetch_related("photos", "events")
    )


def reference_filter(references: Iterable[str]) -> Q:
    """Cases by their references (2026-00042); a malformed reference matches nothing.

    One flat condition however many references there are (a chain of one OR per reference grows past what
    SQLite parses): the cases whose year and number are both among those asked, kept when the pair is.
    """
    wanted = set()
    for reference in references:
        match = _REFERENCE.match(reference)
        if match:
            wanted.add((int(match.group(1)), int(match.group(2))))
    if not wanted:
        return Q(pk__in=[])
    candidates = Case.objects.filter(
        year__in={year for year, _number in wanted}, number__in={number for _year, number in wanted}
    ).values_list("pk", "year", "number")
    return Q(pk__in=[pk for pk, year, number in candidates if (year, number) in wanted])


def find_requests(query: RequestQuery) -> list[Case]:
    cases = public_requests()
    if query.ids:
        cases = cases.filter(reference_filter(query.ids))
    else:
        if query.service_codes:
            cases = cases.filter(category__code__in=query.service_codes)
        if query.statuses == [OPEN]:
            cases = cases.filter(status__in=OPEN_STATUSES)
        elif query.statuses == [CLOSED]:
            cases = cases.exclude(status__in=OPEN_STATUSES)
        for field, (start, end) in (("created_at", query.requested), ("updated_at", query.updated)):
            if start is not None:
                cases = cases.filter(**{f"{field}__gte": start})
            if end is not None:
                cases = cases.filter(**{f"{field}__lte": end})
    first = (query.page - 1) * query.page_size
    return list(cases.order_by("-created_at", "-pk")[first : first + query.page_size])


def _status_notes(case: Case) -> str:
    """The latest reviewed public note, as the public case page shows it; else the status in words, and
    that the text is being reviewed or not published when it is not shown."""
    notes = publicity.public_notes(case)
    if notes:
        return notes[-1].text
    label = publicity.public_status_label(case)
    if publicity.text_is_shown(case):
        return label
    return f"{label}. {publicity.text_notice(case)}"


def _media_url(case: Case, request: HttpRequest) -> str | None:
    photos = publicity.public_photos(case)
    if not photos:
        return None
    try:
        return request.build_absolute_uri(reverse("dialogue:photo", kwargs={"pk": photos[0].pk}))
    except NoReverseMatch:
        return None


def _expected(case: Case) -> str | None:
    if case.answer_due is None:
        return None
    return w3c(datetime.combine(case.answer_due, time(23, 59, 59), tzinfo=STOCKHOLM))


def service_request(case: Case, request: HttpRequest, notices: dict) -> dict:
    """One case as a service request; `notices` caches the promise text per kind and category."""
    category = case.category
    notice_key = (case.kind, category.pk)
    if notice_key not in notices:
        notices[notice_key] = answer_notice(case.kind, category)
    position = geo.public_position(case)  # about 50 m from the resident's exact position
    return {
        "service_request_id": case.reference,
        "status": OPEN if case.status in OPEN_STATUSES else CLOSED,
        "status_notes": _status_notes(case),
        "service_name": category.label,
        "service_code": category.code,
        "description": publicity.public_text(case) or None,
        "agency_responsible": case.organisation.name if case.organisation else None,
        "service_notice": notices[notice_key],
        "requested_datetime": w3c(case.created_at),
        "updated_datetime": w3c(case.updated_at),
        "expected_datetime": _expected(case),
        "address": publicity.public_place(case) or None,
        "address_id": None,
        "zipcode": None,
        "lat": position[0] if position else None,
        "long": position[1] if position else None,
        "media_url": _media_url(case, request),
    }


def service_requests(cases: Iterable[Case], request: HttpRequest) -> list[dict]:
    notices: dict = {}
    return [service_request(case, request, notices) for case in cases]
