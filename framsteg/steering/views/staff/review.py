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
from framsteg.steering.models import GoalJudgement, StatusReview, StatusUpdate
from framsteg.steering.selectors import goals as goal_selectors
from framsteg.steering.services import goals as goal_services
from framsteg.steering.services import reporting

DECISIONS = {"approve": StatusReview.Decision.APPROVED, "return": StatusReview.Decision.RETURNED}


def _queue(
    request: HttpRequest,
    *,
    failed: StatusUpdate | None = None,
    failed_judgement: GoalJudgement | None = None,
    note: str = "",
    status: int = 200,
):
    drafts = list(selectors.awaiting_review())
    judgements = list(goal_selectors.awaiting_review())
    recent = StatusReview.objects.select_related(
        "update__status", "update__commitment__area", "update__period"
    ).order_by("-decided_at", "-pk")[:20]
    return render(
        request,
        "steering/staff/review.html",
        {
            "nav": "staff",
            "drafts": drafts,
            "judgements": judgements,
            "recent": list(recent),
            "failed": failed,
            "failed_judgement": failed_judgement,
            "note": note,
        },
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


@require_POST
@staff_page(rules.may_review)
def review_judgement(request: HttpRequest, pk: int) -> HttpResponse:
    judgement = get_object_or_404(GoalJudgement.objects.select_related("goal", "period"), pk=pk)
    decision = DECISIONS.get(request.POST.get("decision", ""))
    note = request.POST.get("note", "")
    if decision is None:
        messages.error(request, _("Choose to approve the judgement or send it back."))
        return redirect("staff:review")
    if decision == StatusReview.Decision.RETURNED and not note.strip():
        judgement.review_error = _("Write a note saying what the owner should change before sending it back.")
        return _queue(request, failed_judgement=judgement, note=note, status=400)
    try:
        if decision == StatusReview.Decision.APPROVED:
            goal_services.approve_judgement(judgement, by=request.user, note=note)
        else:
            goal_services.return_judgement(judgement, by=request.user, note=note)
    except reporting.ReviewError:
        messages.warning(
            request, _("The judgement of “%(goal)s” has been decided on already.") % {"goal": judgement.goal}
        )
        return redirect("staff:review")
    text = {
        StatusReview.Decision.APPROVED: _("The judgement of “%(goal)s” is approved and now public."),
        StatusReview.Decision.RETURNED: _("The judgement of “%(goal)s” was sent back to its owner."),
    }[decision]
    messages.success(request, text % {"goal": judgement.goal})
    return redirect("staff:review")
