"""Report one commitment: a new status update, with evidence, possibly correcting an earlier one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from framsteg.core.decorators import staff_page
from framsteg.steering import rules, selectors
from framsteg.steering.forms import EvidenceLinkFormSet, ReportForm, given_links
from framsteg.steering.models import Commitment, FollowUpPeriod, Status, StatusUpdate
from framsteg.steering.rules import can_report, reporting_organisation
from framsteg.steering.services import reporting


@staff_page(rules.may_report)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.reportable().select_related("area", "document").prefetch_related("responsible"),
        pk=pk,
    )
    if not can_report(request.user, commitment):
        raise PermissionDenied(_("Only the organisations responsible for this commitment report on it."))
    period = FollowUpPeriod.open_period()
    history = selectors.history(
        commitment,
        StatusUpdate.objects.select_related(
            "status", "period", "corrects__status", "review"
        ).prefetch_related("evidence"),
        drafts=True,
    )
    context = {"nav": "staff", "commitment": commitment, "period": period, "history": history}
    if period is None:
        return render(
            request, "steering/staff/report.html", context, status=409 if request.method == "POST" else 200
        )

    statuses = list(Status.objects.filter(is_active=True))
    form_kwargs = {"statuses": statuses, "commitment": commitment, "period": period, "history": history}
    file_lost = False
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, **form_kwargs)
        links = EvidenceLinkFormSet(request.POST, prefix="links")
        if form.is_valid() and links.is_valid():
            reporting.report_status(
                form.report(reporting_organisation(request.user, commitment)),
                by=request.user,
                links=given_links(links),
                upload=form.cleaned_data.get("file"),
            )
            messages.success(
                request,
                _("Your report on %(reference)s was saved for %(period)s.")
                % {"reference": commitment.reference, "period": period.short_label},
            )
            return redirect("staff:home")
        file_lost = bool(request.FILES.get("file")) and "file" not in form.errors
    else:
        previous = commitment.latest
        initial = {}
        if previous is not None:
            initial["progress"] = previous.progress
            if previous.status_id in {status.pk for status in statuses}:
                initial["status"] = previous.status_id
        form = ReportForm(initial=initial, **form_kwargs)
        links = EvidenceLinkFormSet(prefix="links")
    context.update(
        {
            "form": form,
            "links": links,
            "error_forms": [form, *links.forms],
            "file_lost": file_lost,
            "statuses": statuses,
        }
    )
    return render(request, "steering/staff/report.html", context)
