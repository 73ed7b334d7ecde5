"""Staff compare proposals with the adopted plan: they confirm or reject the suggested matches of points with
commitments, add matches the suggestions missed, and ask for suggestions again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framsteg.core.decorators import staff_page
from framsteg.steering import comparison, rules
from framsteg.steering.forms import AddMatchForm
from framsteg.steering.importer.similarity import SUGGEST_AT
from framsteg.steering.models import PointMatch, SteeringDocument
from framsteg.steering.services import comparison as services

DECISIONS = {"confirm": PointMatch.State.CONFIRMED, "reject": PointMatch.State.REJECTED}


@staff_page(rules.may_compare)
def proposals(request: HttpRequest) -> HttpResponse:
    return render(
        request, "steering/staff/comparison.html", {"nav": "staff", "proposals": comparison.overview()}
    )


def _review_page(request: HttpRequest, document: SteeringDocument, form: AddMatchForm) -> HttpResponse:
    return render(
        request,
        "steering/staff/comparison_review.html",
        {
            "nav": "staff",
            "document": document,
            "points": comparison.review(document),
            "form": form,
            "error_forms": [form],
            "threshold": SUGGEST_AT,
        },
    )


@staff_page(rules.may_compare)
def review(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(SteeringDocument.objects.proposals(), slug=slug)
    return _review_page(request, document, AddMatchForm(document=document))


@require_POST
@staff_page(rules.may_compare)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_object_or_404(PointMatch.objects.select_related("point__document", "commitment__area"), pk=pk)
    back = reverse("staff:comparison-review", args=[match.point.document.slug]) + f"#p-{match.point_id}"
    state = DECISIONS.get(request.POST.get("decision", ""))
    if state is None:
        messages.error(request, _("Choose to confirm or reject the match."))
        return redirect(back)
    services.decide_match(match, state, by=request.user)
    text = {
        PointMatch.State.CONFIRMED: _("Confirmed: commitment %(reference)s takes up the point."),
        PointMatch.State.REJECTED: _("Rejected: commitment %(reference)s does not take up the point."),
    }[state]
    messages.success(request, text % {"reference": match.commitment.reference})
    return redirect(back)


@require_POST
@staff_page(rules.may_compare)
def add(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(SteeringDocument.objects.proposals(), slug=slug)
    form = AddMatchForm(request.POST, document=document)
    if form.is_valid():
        try:
            match = services.add_match(
                form.cleaned_data["point"], form.cleaned_data["commitment"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Confirmed: commitment %(reference)s takes up the point.")
                % {"reference": match.commitment.reference},
            )
            return redirect(reverse("staff:comparison-review", args=[slug]) + f"#p-{match.point_id}")
    return _review_page(request, document, form)


@require_POST
@staff_page(rules.may_compare)
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(SteeringDocument.objects.proposals(), slug=slug)
    added = services.suggest_matches(document, by=request.user)
    messages.success(request, _("New suggestions: %(count)s.") % {"count": added})
    return redirect("staff:comparison-review", slug=slug)
