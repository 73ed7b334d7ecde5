"""Reporting: choose what to report, fill in the form for it, and be sent on to the confirmation.

A report that is shown as received is in the database. Anything that goes wrong while saving shows the form
again with everything the resident typed and a message that nothing was received, never the confirmation.

Each form shown carries a one-time token (`form_token`): the same form sent twice (a double click, a reload
of the answer, "Send again" after an outage in which the first one did arrive) leads to the confirmation of
the one case, never to a second case.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from framsteg.core import outage
from framsteg.dialogue import ratelimit
from framsteg.dialogue.forms.resident import FORMS, KIND_SLUGS, SLUG_FOR_KIND, ReportForm
from framsteg.dialogue.models import CaseKind
from framsteg.dialogue.selectors import geo
from framsteg.dialogue.services import idempotency as idempotency_keys
from framsteg.dialogue.services.intake import IntakeError, submit_case
from framsteg.places.geo import botkyrka_map, district_labels

logger = logging.getLogger(__name__)

# Fields that IntakeError may name which the form shows elsewhere.
INTAKE_FIELDS = {"latitude": "place", "longitude": "place", "happened_at": "happened_on"}
# How long a form sent a second time waits for the first one, still being saved, before saying so.
IN_FLIGHT_WAITS = (0.2, 0.3, 0.5, 1.0, 1.0, 2.0)
# District names on the map picker, in SVG units: the map is 600 units wide and about 320 pixels wide on a
# phone, where this is about 14 pixels.
MAP_LABEL_SIZE = 27


@dataclass(frozen=True)
class KindPage:
    """How one kind of report is presented: on the start page and as the heading of its form."""

    kind: str
    title: Promise
    summary: Promise

    @property
    def slug(self) -> str:
        return SLUG_FOR_KIND[self.kind]


PAGES = {
    CaseKind.FEEDBACK: KindPage(
        CaseKind.FEEDBACK,
        _("Give feedback"),
        _("Praise, a complaint, or an idea for how the municipality could do something better."),
    ),
    CaseKind.FAULT: KindPage(
        CaseKind.FAULT,
        _("Report a fault"),
        _(
            "Something broken, dirty or dangerous outdoors, such as a dark street lamp, a pothole or "
            "graffiti."
        ),
    ),
    CaseKind.SAFETY: KindPage(
        CaseKind.SAFETY,
        _("Report something that feels unsafe"),
        _(
            "A place that feels unsafe, or something that happened there, so that the municipality, the "
            "police and the housing company can see where to act."
        ),
    ),
}


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogue/resident/start.html", {"nav": "dialogue", "pages": list(PAGES.values())})


@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest, kind: str) -> HttpResponse:
    """One kind of report: GET shows the empty form, POST registers the case or shows what to correct."""
    case_kind = KIND_SLUGS.get(kind)
    if case_kind is None:
        raise Http404
    form_class = FORMS[case_kind]
    if request.method != "POST":
        return render_form(request, form_class())

    decision = ratelimit.check("report", ratelimit.client_address(request), settings.DIALOGUE_RATE_LIMIT)
    if not decision.allowed:
        response = render_form(
            request,
            form_class(request.POST),
            status=429,
            problem="rate_limited",
            retry_minutes=math.ceil(decision.retry_after / 60),
        )
        response["Retry-After"] = str(decision.retry_after)
        return response

    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return render_form(request, form, status=400)
    try:
        case = _submit(form, request)
    except idempotency_keys.KeyInFlight:
        return render_form(request, form, status=409, problem="in_flight")
    except IntakeError as error:
        field = INTAKE_FIELDS.get(error.field, error.field)
        if field.startswith("answer_") and form.cleaned_data.get("category") is not None:
            field = f"q-{form.cleaned_data['category'].code}-{field.removeprefix('answer_')}"
        form.add_error(field if field in form.fields else None, error.message)
        return render_form(request, form, status=400)
    except Exception as error:
        if outage.is_database_outage(error):
            raise  # answered by framsteg.core.outage, without the database
        logger.exception("A %s report could not be saved", case_kind)
        return render_form(request, form, status=503, problem="not_saved")
    return redirect("dialogue:thanks", token=case.follow_token)


def form_token(request: HttpRequest) -> str:
    """The form's one-time token: the one sent with the form when it is shown again, else a new one."""
    sent = request.POST.get("form_token", "") if request.method == "POST" else ""
    return sent if idempotency_keys.valid_key(sent) else idempotency_keys.new_token()


def _submit(form: ReportForm, request: HttpRequest):
    """Register the report once per form token; a form sent again waits for the first one if need be."""
    token = request.POST.get("form_token", "")
    # Whatever the second sending holds, it is the same form: it leads to the first case.
    idempotency = (
        idempotency_keys.Idempotency("web", token, "") if idempotency_keys.valid_key(token) else None
    )
    for wait in (*IN_FLIGHT_WAITS, None):
        try:
            return submit_case(form.submission(language=request.LANGUAGE_CODE), idempotency=idempotency)
        except idempotency_keys.KeyInFlight:
            if wait is None:
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")


def render_form(
    request: HttpRequest, form: ReportForm, status: int = 200, problem: str = "", retry_minutes: int = 0
) -> HttpResponse:
    """The report page; `problem` is "rate_limited" or "not_saved" when the report was not received.

    `retry_minutes` says, for "rate_limited", in about how many minutes the resident may send again.
    "in_flight" means the same form is still being saved from an earlier sending.
    """
    projection = botkyrka_map()
    north, west = projection.from_svg(0, 0)
    south, east = projection.from_svg(projection.width, projection.height)
    context = {
        "nav": "dialogue",
        "form": form,
        "form_token": form_token(request),
        "page": PAGES[form.kind],
        "is_fault": form.kind == CaseKind.FAULT,
        "is_feedback": form.kind == CaseKind.FEEDBACK,
        "is_safety": form.kind == CaseKind.SAFETY,
        "problem": problem,
        "retry_minutes": retry_minutes,
        "photos_lost": form.chose_photos or (problem and bool(request.FILES)),
        "map": projection,
        "map_bounds": {"north": north, "west": west, "south": south, "east": east},
        "map_labels": district_labels(projection, MAP_LABEL_SIZE),
        "map_label_size": MAP_LABEL_SIZE,
        "street_map": geo.street_map_context(),
        "retention_days": settings.DIALOGUE_RETENTION_DAYS,
    }
    return render(request, "dialogue/resident/report.html", context, status=status)
