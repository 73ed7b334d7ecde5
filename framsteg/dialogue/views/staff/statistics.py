"""Statistics of residents' cases for reporting to the politicians: the page and its CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from framsteg.core.csv import spreadsheet_safe
from framsteg.core.decorators import staff_page
from framsteg.dialogue import rules
from framsteg.dialogue.models import Case
from framsteg.dialogue.selectors.statistics import (
    GRANULARITIES,
    Period,
    Report,
    case_report,
    follow_up_period,
    year_periods,
)
from framsteg.dialogue.workdays import STOCKHOLM
from framsteg.steering.models import FollowUpPeriod

# Statistics


class PeriodForm(forms.Form):
    """The period the statistics cover: a year, split by quarter or month or not at all, or a follow-up
    period."""

    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    by = forms.ChoiceField(label=gettext_lazy("Split by"), choices=list(GRANULARITIES.items()))
    period = forms.ModelChoiceField(
        label=gettext_lazy("Or a follow-up period"),
        queryset=FollowUpPeriod.objects.all(),
        required=False,
        empty_label=gettext_lazy("– none –"),
        help_text=gettext_lazy("A follow-up period replaces the year and shows its dates as one period."),
    )

    def __init__(self, *args, this_year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        first_year = Case.objects.order_by("year").values_list("year", flat=True).first() or this_year
        years = range(max(this_year, first_year), min(this_year, first_year) - 1, -1)
        self.fields["year"].choices = [(year, str(year)) for year in years]


@dataclass
class Selection:
    form: PeriodForm
    periods: list[Period]
    title: str


def _selection(request: HttpRequest) -> Selection:
    """The periods asked for; an invalid choice falls back to this year by quarter, with the errors shown."""
    this_year = timezone.localdate(timezone=STOCKHOLM).year
    data = request.GET if request.GET else None
    form = PeriodForm(data, this_year=this_year, initial={"year": this_year, "by": "quarter"})
    year, by, follow_up = this_year, "quarter", None
    if form.is_bound and form.is_valid():
        year, by, follow_up = form.cleaned_data["year"], form.cleaned_data["by"], form.cleaned_data["period"]
    if follow_up is not None:
        period = follow_up_period(follow_up)
        return Selection(form, [period], period.label)
    periods = year_periods(year, by)
    if len(periods) > 1:
        whole = Period(
            _("The whole year %(year)d") % {"year": year}, date(year, 1, 1), date(year, 12, 31), str(year)
        )
        periods.append(whole)
    return Selection(form, periods, str(year))


def source_line(report: Report) -> str:
    """Where the figures come from and as of when: printed under the tables and at the end of the CSV."""
    generated = timezone.localtime(report.generated_at, STOCKHOLM)
    return _(
        "Source: %(site)s, %(municipality)s. Cases received %(first)s–%(last)s, counted per committee "
        "responsible; outcomes as of %(generated)s."
    ) % {
        "site": _("framsteg"),
        "municipality": settings.MUNICIPALITY_NAME,
        "first": report.first.isoformat(),
        "last": report.last.isoformat(),
        "generated": generated.strftime("%Y-%m-%d %H:%M"),
    }


@staff_page(rules.may_see_statistics)
def statistics(request: HttpRequest) -> HttpResponse:
    """The aggregate holds counts only, never a case; `rules.may_see_statistics` says who sees it."""
    selection = _selection(request)
    report = case_report(selection.periods)
    return render(
        request,
        "dialogue/staff/statistics.html",
        {
            "nav": "staff",
            "form": selection.form,
            "forms": [selection.form],
            "title": selection.title,
            "report": report,
            "source": source_line(report),
            "csv_query": request.GET.urlencode(),
        },
    )


def csv_header() -> list[str]:
    return [
        _("Period"),
        _("From"),
        _("To"),
        _("Committee"),
        _("Received"),
        _("Praise"),
        _("Complaints"),
        _("Suggestions"),
        _("Other feedback"),
        _("Fault reports"),
        _("Safety reports"),
        _("Answered in time"),
        _("Answered late"),
        _("Closed without an answer"),
        _("Still open"),
        _("Of which overdue"),
        _("Median working days to answer"),
        _("Linked to commitments"),
    ]


@staff_page(rules.may_see_statistics)
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The page's figures, semicolon-separated UTF-8 with a byte-order mark so Excel opens it directly."""
    selection = _selection(request)
    report = case_report(selection.periods)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="arenden-statistik-{selection.periods[-1].key}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(csv_header())
    for table in report.periods:
        named_rows = [(row.label, row.figures) for row in table.rows]
        for label, figures in [*named_rows, (_("All committees"), table.total)]:
            writer.writerow(
                [
                    spreadsheet_safe(str(value))
                    for value in (
                        table.period.label,
                        table.period.first.isoformat(),
                        table.period.last.isoformat(),
                        label,
                        figures.received,
                        figures.praise,
                        figures.complaint,
                        figures.suggestion,
                        figures.feedback_other,
                        figures.fault,
                        figures.safety,
                        figures.answered_in_time,
                        figures.answered_late,
                        figures.closed_without_answer,
                        figures.open,
                        figures.overdue,
                        figures.median_text,
                        figures.linked,
                    )
                ]
            )
    if report.commitments:
        writer.writerow([])
        writer.writerow([_("Commitment"), _("Text"), _("Cases")])
        for item in report.commitments:
            writer.writerow(
                [
                    spreadsheet_safe(str(v))
                    for v in (item.commitment.reference, item.commitment.text, item.cases)
                ]
            )
    writer.writerow([])
    writer.writerow([source_line(report)])
    return response
