"""Suggested links from news items and decisions to commitments, confirmed or rejected by staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framsteg.core.decorators import staff_page
from framsteg.steering import rules
from framsteg.steering.models import DocumentLink, Responsibility, SteeringDocument
from framsteg.steering.rules import can_decide_links
from framsteg.steering.services import links as link_services

DECISIONS = {"confirm": DocumentLink.State.CONFIRMED, "reject": DocumentLink.State.REJECTED}


def visible_links(user):
    links = DocumentLink.objects.filter(document__kind=SteeringDocument.Kind.OTHER).select_related(
        "document", "commitment__area", "commitment__document", "decided_by"
    )
    scope = rules.links_scope_ids(user)
    if scope is not None:
        owned = Responsibility.objects.filter(organisation__in=scope)
        links = links.filter(commitment__in=owned.values("commitment_id"))
    return links


@staff_page(rules.may_see_links)
def document_links(request: HttpRequest) -> HttpResponse:
    links = visible_links(request.user)
    suggested = links.filter(state=DocumentLink.State.SUGGESTED).order_by(
        "-document__adopted_on", "document__title", "document_id", "-score"
    )
    decided = links.exclude(state=DocumentLink.State.SUGGESTED).order_by("-decided_at")[:20]
    return render(
        request,
        "steering/staff/document_links.html",
        {"nav": "staff", "suggested": list(suggested), "decided": list(decided)},
    )


@require_POST
@staff_page(rules.may_see_links)
def decide_link(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(DocumentLink.objects.select_related("document", "commitment__area"), pk=pk)
    if not can_decide_links(request.user, link.commitment):
        raise PermissionDenied(_("Only those who answer for the commitment decide on its links."))
    state = DECISIONS.get(request.POST.get("decision", ""))
    if state is None:
        messages.error(request, _("Choose to confirm or reject the link."))
        return redirect("staff:links")
    link_services.decide_link(link, state, by=request.user)
    text = {
        DocumentLink.State.CONFIRMED: _("Confirmed: “%(document)s” concerns %(reference)s."),
        DocumentLink.State.REJECTED: _("Rejected: “%(document)s” does not concern %(reference)s."),
    }[state]
    messages.success(
        request, text % {"document": link.document.title, "reference": link.commitment.reference}
    )
    return redirect("staff:links")
