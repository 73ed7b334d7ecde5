"""The review queue: owners' draft reports, approved (then public) or sent back with a note by a
coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framsteg.core.decorators import staff_page
from framsteg.steering import rules, selectors
from framsteg.steering.models import StatusReview, StatusUpdate
from framsteg.steering.services import reporting

DECISIONS = {"approve": StatusReview.Decision.APPROVED, "return": StatusReview.Decision.RETURNED}


def _queue(request: HttpRequest, *, failed: StatusUpdate | None = None, note: str = "", status: int = 200):
    drafts = list(selectors.awaiting_review())
    recent = StatusReview.objects.select_related(
        "update__status", "update__commitment__area", "update__period"
    ).order_by("-decided_at", "-pk")[:20]
    return render(
        request,
        "steering/staff/review.html",
        {"nav": "staff", "drafts": drafts, "recent": list(recent), "failed": failed, "note": note},
        status=status,
    )


@staff_page(rules.may_review)
def review_queue(request: HttpRequest) -> HttpResponse:
    return _queue(request)


@require_POST
@staff_page(rules.may_review)
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    update = get_object_or_404(StatusUpdate.objects.select_related("commitment__area", "status"), pk=pk)
    decision = DECISIONS.get(request.POST.get("decision", ""))
    note = request.POST.get("note", "")
    if decision is None:
        messages.error(request, _("Choose to approve the report or send it back."))
        return redirect("staff:review")
    if decision == StatusReview.Decision.RETURNED and not note.strip():
        update.review_error = _("Write a note saying what the owner should change before sending it back.")
        return _queue(request, failed=update, note=note, status=400)
    try:
        if decision == StatusReview.Decision.APPROVED:
            reporting.approve_report(update, by=request.user, note=note)
        else:
            reporting.return_report(update, by=request.user, note=note)
    except reporting.ReviewError:
        messages.warning(
            request,
            _("The report on %(reference)s needs no decision now: it has been decided on already.")
            % {"reference": update.commitment.reference},
        )
        return redirect("staff:review")
    text = {
        StatusReview.Decision.APPROVED: _("The report on %(reference)s is approved and now public."),
        StatusReview.Decision.RETURNED: _("The report on %(reference)s was sent back to its owner."),
    }[decision]
    messages.success(request, text % {"reference": update.commitment.reference})
    return redirect("staff:review")
