"""Which current commitments have no report in the open period, per organisation, as a page and as CSV."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from framsteg.core.csv import spreadsheet_safe
from framsteg.core.decorators import staff_page
from framsteg.steering import rules
from framsteg.steering.models import FollowUpPeriod
from framsteg.steering.rules import overview_organisations, sees_all_organisations
from framsteg.steering.selectors import unreported_by_organisation


@staff_page(rules.may_follow_up)
def unreported(request: HttpRequest) -> HttpResponse:
    period = FollowUpPeriod.open_period()
    rows = unreported_by_organisation(overview_organisations(request.user), period) if period else []
    distinct_total = {c.pk for row in rows for c in row.unreported}
    return render(
        request,
        "steering/staff/unreported.html",
        {
            "nav": "staff",
            "period": period,
            "rows": rows,
            "sees_all": sees_all_organisations(request.user),
            "unreported_count": len(distinct_total),
            "may_edit_owners": rules.may_edit_commitments(request.user),
        },
    )


@staff_page(rules.may_follow_up)
def unreported_csv(request: HttpRequest) -> HttpResponse:
    """Semicolon-separated UTF-8 with a byte-order mark, so Excel with Swedish settings opens it directly."""
    period = FollowUpPeriod.open_period()
    filename = f"ej-rapporterade-{period.kind}-{period.year}.csv" if period else "ej-rapporterade.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Organisation"),
            _("Period"),
            _("Document"),
            _("Area"),
            _("Number"),
            _("Commitment"),
            _("Report page"),
        ]
    )
    if period is None:
        return response
    for row in unreported_by_organisation(overview_organisations(request.user), period):
        for commitment in row.unreported:
            writer.writerow(
                [
                    spreadsheet_safe(str(value))
                    for value in (
                        row.organisation.name,
                        period.short_label,
                        commitment.document.title,
                        commitment.area.title,
                        commitment.reference,
                        commitment.text,
                        request.build_absolute_uri(reverse("staff:report", args=[commitment.pk])),
                    )
                ]
            )
    return response
