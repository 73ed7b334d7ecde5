"""Staff pages around the cases: statistics for reporting to the politicians, and the Open311 API keys."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from framsteg.dialogue.models import ApiKey, Case
from framsteg.dialogue.selectors.statistics import (
    GRANULARITIES,
    Period,
    Report,
    case_report,
    follow_up_period,
    year_periods,
)
from framsteg.dialogue.services.apikeys import create_key, revoke_key
from framsteg.dialogue.workdays import STOCKHOLM
from framsteg.steering.models import FollowUpPeriod
from framsteg.steering.rules import sees_all_organisations
from framsteg.steering.views.staff.unreported import spreadsheet_safe

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


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Any staff member may see the aggregate: it holds counts only, never a case."""
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


@login_required
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


# Open311 API keys


def _require_key_manager(user) -> None:
    """Keys let a system post in the municipality's name, so only coordinators and superusers manage them."""
    if not sees_all_organisations(user):
        raise PermissionDenied(_("Only coordinators and administrators manage API keys."))


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the client"),
        max_length=200,
        help_text=gettext_lazy("Who or what uses the key, e.g. “FixaMinGata” or “The city app”."),
        error_messages={"required": gettext_lazy("Write a name, so that you know later who uses the key.")},
    )


def _api_keys_page(request: HttpRequest, form: ApiKeyForm, status: int = 200) -> HttpResponse:
    keys = ApiKey.objects.select_related("created_by").order_by(
        F("revoked_at").desc(nulls_first=True), "name", "pk"
    )
    return render(
        request,
        "dialogue/staff/api_keys.html",
        {"nav": "staff", "form": form, "forms": [form], "keys": keys},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_keys(request: HttpRequest) -> HttpResponse:
    """The list of keys and the form that creates one. A new key is shown once, in the answer to the POST:
    it is not stored anywhere but in that response, which no cache may keep."""
    _require_key_manager(request.user)
    if request.method != "POST":
        return _api_keys_page(request, ApiKeyForm())
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _api_keys_page(request, form, status=400)
    key, plaintext = create_key(form.cleaned_data["name"], user=request.user)
    response = render(
        request,
        "dialogue/staff/api_key_created.html",
        {"nav": "staff", "key": key, "plaintext": plaintext},
    )
    add_never_cache_headers(response)  # no-store: no cache, proxy or back button keeps the key
    return response


@login_required
@require_http_methods(["GET", "POST"])
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first; revoking stops the client at once and cannot be undone."""
    _require_key_manager(request.user)
    key = get_object_or_404(ApiKey.objects.select_related("created_by"), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        revoke_key(key, user=request.user)
        messages.success(request, _("The key “%(name)s” is revoked.") % {"name": key.name})
        return redirect("cases:api-keys")
    return render(request, "dialogue/staff/api_key_revoke.html", {"nav": "staff", "key": key})
