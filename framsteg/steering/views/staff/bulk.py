"""Report many commitments at once: one row each; untouched rows are skipped.

The valid changed rows are saved; the invalid ones are shown again, alone, with their errors and what the user
typed, and the page says how many were saved and how many were not. Only a table that no longer matches the
user's commitments (reloaded elsewhere, tampered with) saves nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
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

    commitments = with_latest(reportable_commitments(request.user), drafts=True)
    mark_reported(commitments, period)
    formset_class = bulk_formset_class(len(commitments))
    kwargs = {
        "commitments": {c.pk: c for c in commitments},
        "period": period,
        "form_kwargs": {"statuses": list(Status.objects.filter(is_active=True))},
    }
    if request.method == "POST":
        formset = formset_class(request.POST, **kwargs)
        formset.is_valid()  # checks every row; a stale table (non-form errors) saves nothing
        if not formset.non_form_errors():
            touched = formset.touched_forms
            if not touched:
                messages.warning(request, _("Nothing was saved: no row was changed."))
                return redirect("staff:report-many")
            valid = [form for form in touched if not form.errors]
            invalid = [form for form in touched if form.errors]
            if valid:
                reporting.report_many(
                    [form.report(reporting_organisation(request.user, form.commitment)) for form in valid],
                    by=request.user,
                )
                messages.success(
                    request,
                    ngettext(
                        "%(count)d report was saved for %(period)s.",
                        "%(count)d reports were saved for %(period)s.",
                        len(valid),
                    )
                    % {"count": len(valid), "period": period.short_label},
                )
            if not invalid:
                return redirect("staff:home")
            # Show the rows that were not saved, alone and as typed, so that saving again saves only them.
            formset = formset_class(only_rows(request.POST, formset, invalid), **kwargs)
            formset.is_valid()
            context.update({"saved_count": len(valid), "not_saved_count": len(invalid)})
    else:
        initial = [
            {"commitment_id": c.pk, "progress": c.latest.progress if c.latest else None} for c in commitments
        ]
        formset = formset_class(initial=initial, **kwargs)
    invalid_rows = sum(1 for form in formset.forms if form.errors) if formset.is_bound else 0
    context.update({"formset": formset, "invalid_rows": invalid_rows, "total": len(commitments)})
    return render(request, "steering/staff/report_many.html", context)


def only_rows(data: QueryDict, formset, forms: list) -> QueryDict:
    """The posted data of `forms` alone, renumbered from 0, with a management form that counts them."""
    rows = QueryDict(mutable=True)
    prefix = formset.prefix
    for index, form in enumerate(forms):
        for key in data:
            for start in (f"{form.prefix}-", f"initial-{form.prefix}-"):
                if key.startswith(start):
                    renamed = start.replace(form.prefix, f"{prefix}-{index}", 1) + key[len(start) :]
                    rows.setlist(renamed, data.getlist(key))
    rows.update(
        {
            f"{prefix}-TOTAL_FORMS": str(len(forms)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": data.get(f"{prefix}-MAX_NUM_FORMS", "1000"),
        }
    )
    if "csrfmiddlewaretoken" in data:
        rows["csrfmiddlewaretoken"] = data["csrfmiddlewaretoken"]
    return rows
