"""Steering documents on the staff side: which are adopted (by which body, when), which are proposals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from framsteg.core.decorators import staff_page
from framsteg.steering import rules
from framsteg.steering.forms import StandingForm
from framsteg.steering.models import SteeringDocument
from framsteg.steering.services.documents import set_standing


@staff_page(rules.can_import)
def documents(request: HttpRequest) -> HttpResponse:
    listed = (
        SteeringDocument.objects.select_related("adopted_by")
        .annotate(item_count=Count("commitments", filter=Q(commitments__removed_in__isnull=True)))
        .order_by("standing", "kind", "title")
    )
    return render(request, "steering/staff/documents.html", {"nav": "staff", "documents": listed})


@staff_page(rules.can_import)
def document(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(SteeringDocument.objects.select_related("adopted_by"), slug=slug)
    initial = {
        "standing": document.standing,
        "adopted_by_body": document.adopted_by_body,
        "adopted_by": document.adopted_by,
        "adopted_on": document.adopted_on,
        "proposed_by": document.proposed_by,
    }
    form = StandingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            set_standing(document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved: “%(title)s”.") % {"title": document.title})
            return redirect("staff:documents")
    return render(
        request,
        "steering/staff/document.html",
        {"nav": "staff", "document": document, "form": form, "error_forms": [form]},
    )
