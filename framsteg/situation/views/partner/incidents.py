"""Incident reports: the reporter's form, their own reports, one report's page with its photos, the
coordinators' review queue, and categorising a resident's safety report into the picture.

Who may see or do what is asked of `framsteg.situation.rules`; a report a user may not see answers 404.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from framsteg.core.decorators import staff_page
from framsteg.dialogue import rules as case_rules
from framsteg.dialogue.selectors import geo
from framsteg.dialogue.views.staff import case_url
from framsteg.places.geo import botkyrka_map, district_labels
from framsteg.situation import rules
from framsteg.situation.forms.incidents import (
    BulkReviewForm,
    IncidentForm,
    ReviewFilterForm,
    ReviewForm,
    initial_for,
)
from framsteg.situation.forms.residents import CaseIncidentForm
from framsteg.situation.models import Incident, IncidentPhoto
from framsteg.situation.services import incidents as service
from framsteg.situation.services import residents

PAGE_SIZE = 50
# District names on the map picker, in SVG units (as on the residents' form: about 14 pixels on a phone).
MAP_LABEL_SIZE = 27
# Fields the service may name that the form shows elsewhere.
SERVICE_FIELDS = {
    "place": "place_text",
    "occurred_at": "occurred_on",
    "ended_at": "ended_on",
    "setting": "setting",
    "photos": "photos",
    "events": "events",
    "category": "category",
}


def incident_url(incident: Incident, name: str = "situation:incident") -> str:
    return reverse(name, args=[incident.pk])


def add_service_errors(form, error: ValidationError, fields=SERVICE_FIELDS) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(fields.get(field) if fields.get(field) in form.fields else None, message)


def map_context() -> dict:
    """What the map picker needs: the outline map, and the street map where Leaflet is served."""
    projection = botkyrka_map()
    north, west = projection.from_svg(0, 0)
    south, east = projection.from_svg(projection.width, projection.height)
    return {
        "map": projection,
        "map_bounds": {"north": north, "west": west, "south": south, "east": east},
        "map_labels": district_labels(projection, MAP_LABEL_SIZE),
        "map_label_size": MAP_LABEL_SIZE,
        "street_map": geo.street_map_context(),
    }


def render_form(request, form: IncidentForm, incident: Incident | None = None, status: int = 200):
    context = {
        "nav": "staff",
        "form": form,
        "incident": incident,
        "photos_lost": form.chose_photos and bool(form.errors),
        **map_context(),
    }
    return render(request, "situation/partner/intake_form.html", context, status=status)


@staff_page(rules.may_report_incidents)
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    organisations = list(rules.reporting_organisations(request.user))
    if request.method == "POST":
        form = IncidentForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            try:
                incident = service.record_incident(
                    form.incident_data(), organisation=form.cleaned_data["organisation"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your report %(reference)s was received. A coordinator reviews it into the picture.")
                    % {"reference": incident.reference},
                )
                return redirect(incident_url(incident))
        return render_form(request, form, status=400)
    now = timezone.localtime()
    form = IncidentForm(
        organisations=organisations,
        initial={"occurred_on": now.date(), "occurred_time": now.time().replace(second=0, microsecond=0)},
    )
    return render_form(request, form)


@staff_page(rules.may_report_incidents)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = rules.get_incident_or_404(request.user, pk)
    if not rules.may_edit_incident(request.user, incident):
        raise PermissionDenied
    # The reporting organisation stays what it was: a report is moved to another by reporting it there.
    organisations = [incident.organisation]
    room = max(0, settings.DIALOGUE_PHOTOS_PER_CASE - incident.photos.count())
    if request.method == "POST":
        form = IncidentForm(request.POST, request.FILES, organisations=organisations, photo_room=room)
        if form.is_valid():
            try:
                incident = service.update_incident(incident, form.incident_data(), by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The report was saved."))
                return redirect(incident_url(incident))
        return render_form(request, form, incident, status=400)
    form = IncidentForm(organisations=organisations, photo_room=room, initial=initial_for(incident))
    return render_form(request, form, incident)


@staff_page(rules.may_report_incidents)
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    incidents = (
        rules.own_incidents(request.user)
        .select_related("category", "organisation", "named_place", "district", "area")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("page"))
    for incident in page:
        incident.may_edit = rules.may_edit_incident(request.user, incident)
    return render(request, "situation/partner/intake_mine.html", {"nav": "staff", "page": page})


@staff_page(rules.may_see_picture)
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, rules.get_incident_or_404(request.user, pk))


def render_detail(request, incident: Incident, review_form: ReviewForm | None = None, status: int = 200):
    user = request.user
    own_or_coordinator = incident.reporter_id == user.pk or rules.is_coordinator(user)
    context = {
        "nav": "staff",
        "incident": incident,
        "photos": list(incident.photos.all()),
        "may_edit": rules.may_edit_incident(user, incident),
        "may_review": rules.may_review_incidents(user),
        "review_form": review_form or ReviewForm(initial={"decision": Incident.Status.INCLUDED}),
        "error_forms": [review_form] if review_form is not None else [],
        "shows_position": own_or_coordinator and incident.latitude is not None,
        "shows_reporter": own_or_coordinator,
        "case_link": case_url(incident.case) if rules.may_see_case_of(user, incident) else "",
    }
    return render(request, "situation/partner/intake_detail.html", context, status=status)


@staff_page(rules.may_see_picture)
@require_safe
def photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    """A report's photo, for those who may see the report; never cached by shared caches."""
    incident = rules.get_incident_or_404(request.user, pk)
    found = get_object_or_404(IncidentPhoto, pk=photo, incident=incident)
    if not found.image:
        raise Http404("No such photo")
    try:
        handle = found.image.open("rb")
    except FileNotFoundError:
        raise Http404("No such photo") from None
    content_type = mimetypes.guess_type(found.image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_page(rules.may_review_incidents)
@require_POST
def review_one(request: HttpRequest, pk: int) -> HttpResponse:
    incident = rules.get_incident_or_404(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render_detail(request, incident, form, status=400)
    service.set_status(
        incident, form.cleaned_data["decision"], by=request.user, note=form.cleaned_data["note"]
    )
    messages.success(
        request,
        _("%(reference)s: %(status)s.")
        % {"reference": incident.reference, "status": Incident.Status(form.cleaned_data["decision"]).label},
    )
    return redirect(reverse("situation:incident-review"))


def filter_queue(incidents, filters: dict):
    status = filters.get("status") or ""
    if status == "all":
        pass
    elif status:
        incidents = incidents.filter(status=status)
    else:
        incidents = incidents.filter(status__in=[Incident.Status.REPORTED, Incident.Status.REVIEWED])
    for name in ("organisation", "category", "district"):
        if filters.get(name):
            incidents = incidents.filter(**{f"{name}_id": filters[name]})
    if filters.get("week"):
        incidents = incidents.filter(week=filters["week"])
    return incidents


@staff_page(rules.may_review_incidents)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    """The queue of reports to review, filtered by a GET form; several can be decided at once."""
    user = request.user
    filters_form = ReviewFilterForm(request.GET or None)
    filters: dict = {}
    if filters_form.is_bound:
        filters_form.is_valid()
        filters = filters_form.cleaned_data
    queue = filter_queue(rules.picture_incidents(user), filters).select_related(
        "category", "organisation", "named_place", "district", "area"
    )
    bulk = BulkReviewForm(request.POST or None, initial={"decision": Incident.Status.INCLUDED})
    status = 200
    if request.method == "POST":
        if bulk.is_valid():
            chosen = list(rules.picture_incidents(user).filter(pk__in=bulk.cleaned_data["incidents"]))
            if not chosen:
                bulk.add_error("incidents", _("Choose at least one report in the list."))
            else:
                decision = bulk.cleaned_data["decision"]
                for incident in chosen:
                    service.set_status(incident, decision, by=user, note=bulk.cleaned_data["note"])
                messages.success(
                    request,
                    ngettext("%(count)d report: %(status)s.", "%(count)d reports: %(status)s.", len(chosen))
                    % {"count": len(chosen), "status": Incident.Status(decision).label},
                )
                return redirect(request.get_full_path())
        status = 400
    page = Paginator(queue.order_by("created_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    chosen_ids = (
        set(bulk.cleaned_data.get("incidents", []))
        if bulk.is_bound and hasattr(bulk, "cleaned_data")
        else set()
    )
    return render(
        request,
        "situation/partner/intake_review.html",
        {
            "nav": "staff",
            "filters_form": filters_form,
            "bulk": bulk,
            "error_forms": [bulk],
            "page": page,
            "chosen_ids": chosen_ids,
            "is_filtered": bool(request.GET.dict().keys() - {"page"}),
        },
        status=status,
    )


@staff_page(case_rules.may_handle_cases)
@require_http_methods(["GET", "POST"])
def include_case(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """Categorise a resident's safety report into the picture (see `services.residents`)."""
    case = case_rules.get_case_or_404(request.user, year, number)
    if not rules.may_include_case(request.user, case):
        raise Http404("Not a safety report")
    existing = Incident.objects.filter(case=case).first()
    if request.method == "POST" and existing is None:
        form = CaseIncidentForm(request.POST, case=case)
        if form.is_valid():
            try:
                incident = residents.include_case(case, form.incident_data(), by=request.user)
            except ValidationError as error:
                add_service_errors(form, error, {**SERVICE_FIELDS, "description": "description"})
            else:
                messages.success(
                    request,
                    _(
                        "The safety report is in the picture as %(reference)s, without the resident's "
                        "personal data."
                    )
                    % {"reference": incident.reference},
                )
                return redirect(case_url(case))
        status = 400
    else:
        form = CaseIncidentForm(case=case)
        status = 200
    return render(
        request,
        "situation/partner/intake_case.html",
        {
            "nav": "staff",
            "case": case,
            "case_url": case_url(case),
            "form": form,
            "existing": existing,
            "existing_visible": existing is not None
            and rules.visible_incidents(request.user).filter(pk=existing.pk).exists(),
        },
        status=status,
    )
