"""Report many commitments at once: one row each; untouched rows are skipped; one bad row saves nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.core.decorators import staff_page
from framsteg.steering import rules
from framsteg.steering.forms import bulk_formset_class
from framsteg.steering.models import FollowUpPeriod, Status
from framsteg.steering.rules import reportable_commitments, reporting_organisation
from framsteg.steering.selectors import with_latest
from framsteg.steering.services import reporting
from framsteg.steering.views.staff.home import mark_reported


@staff_page(rules.may_report)
def report_many(request: HttpRequest) -> HttpResponse:
    period = FollowUpPeriod.open_period()
    context = {"nav": "staff", "period": period}
    if period is None:
        return render(
            request,
            "steering/staff/report_many.html",
            context,
            status=409 if request.method == "POST" else 200,
        )

    commitments = with_latest(reportable_commitments(request.user))
    mark_reported(commitments, period)
    formset_class = bulk_formset_class(len(commitments))
    kwargs = {
        "commitments": {c.pk: c for c in commitments},
        "period": period,
        "form_kwargs": {"statuses": list(Status.objects.filter(is_active=True))},
    }
    if request.method == "POST":
        formset = formset_class(request.POST, **kwargs)
        if formset.is_valid():
            touched = formset.touched_forms
            if not touched:
                messages.warning(request, _("Nothing was saved: no row was changed."))
                return redirect("staff:report-many")
            reporting.report_many(
                [form.report(reporting_organisation(request.user, form.commitment)) for form in touched],
                by=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d report was saved for %(period)s.",
                    "%(count)d reports were saved for %(period)s.",
                    len(touched),
                )
                % {"count": len(touched), "period": period.short_label},
            )
            return redirect("staff:home")
    else:
        initial = [
            {"commitment_id": c.pk, "progress": c.latest.progress if c.latest else None} for c in commitments
        ]
        formset = formset_class(initial=initial, **kwargs)
    invalid_rows = sum(1 for form in formset.forms if form.errors) if formset.is_bound else 0
    context.update({"formset": formset, "invalid_rows": invalid_rows, "total": len(commitments)})
    return render(request, "steering/staff/report_many.html", context)
