"""Reporting: choose what to report, fill in the form for it, and be sent on to the confirmation.

A report that is shown as received is in the database. Anything that goes wrong while saving shows the form
again with everything the resident typed and a message that nothing was received, never the confirmation.
"""

from __future__ import annotations

import logging
import math
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
from framsteg.dialogue.services.intake import IntakeError, submit_case
from framsteg.places.geo import botkyrka_map, district_labels

logger = logging.getLogger(__name__)

# Fields that IntakeError may name which the form shows elsewhere.
INTAKE_FIELDS = {"latitude": "place", "longitude": "place", "happened_at": "happened_on"}
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
        case = submit_case(form.submission(language=request.LANGUAGE_CODE))
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


def render_form(
    request: HttpRequest, form: ReportForm, status: int = 200, problem: str = "", retry_minutes: int = 0
) -> HttpResponse:
    """The report page; `problem` is "rate_limited" or "not_saved" when the report was not received.

    `retry_minutes` says, for "rate_limited", in about how many minutes the resident may send again.
    """
    projection = botkyrka_map()
    north, west = projection.from_svg(0, 0)
    south, east = projection.from_svg(projection.width, projection.height)
    context = {
        "nav": "dialogue",
        "form": form,
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
        "retention_days": settings.DIALOGUE_RETENTION_DAYS,
    }
    return render(request, "dialogue/resident/report.html", context, status=status)
