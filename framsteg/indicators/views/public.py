"""Indicator pages: the dashboard, one indicator with its chart and data, its CSV, and the carbon budget."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from framsteg.core.marking import sv
from framsteg.indicators import carbon, judgement
from framsteg.indicators.assessment import (
    ROLLUP_RULE,
    Assessment,
    assess,
    assess_indicators,
    comparison_group,
    total_series,
    verdict_counts,
)
from framsteg.indicators.charts import Chart, Projection, Series, TargetMark, chart_rows, render_svg
from framsteg.indicators.models import CarbonBudget, Indicator, Measurement, Municipality, Release, Target
from framsteg.steering.models import Area, Commitment
from framsteg.steering.selectors import with_latest

RIKET = "0000"


def dashboard(request: HttpRequest) -> HttpResponse:
    indicators = Indicator.objects.prefetch_related(
        Prefetch("areas", queryset=Area.objects.select_related("document").order_by("position"))
    )
    areas = list(Area.objects.filter(indicators__isnull=False).select_related("document").distinct())
    chosen = next((area for area in areas if str(area.pk) == request.GET.get("omrade")), None)
    if chosen:
        indicators = indicators.filter(areas=chosen)
    assessments = list(assess_indicators(indicators).values())
    return render(
        request,
        "indicators/public/dashboard.html",
        {
            "nav": "indicators",
            "assessments": assessments,
            "counts": verdict_counts(assessments),
            "areas": areas,
            "chosen": chosen,
            "rollup_rule": ROLLUP_RULE,
            "budgets": CarbonBudget.objects.all(),
        },
    )


@dataclass
class Row:
    """One year of the data table: the municipality's total, women and men, Riket and the group."""

    period: int
    total: float | None = None
    women: float | None = None
    men: float | None = None
    riket: float | None = None
    group: float | None = None
    source: str = ""
    source_number: int | None = None


@dataclass
class IndicatorData:
    release: Release | None
    points: list[tuple[int, float]]
    rows: list[Row] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    has_gender: bool = False
    sources: list[str] = field(default_factory=list)

    @property
    def has_sources(self) -> bool:
        return bool(self.sources)


def indicator_data(indicator: Indicator, release: Release | None) -> IndicatorData:
    """The release's values for the municipality, Riket and the comparison group, as series and rows."""
    if release is None:
        return IndicatorData(None, [])
    group = comparison_group()
    members = [member.code for member in group.members.all()] if group else []
    codes = [settings.MUNICIPALITY_CODE, RIKET, *([group.code] if group else []), *members]
    measurements = list(
        release.measurements.filter(district="", municipality__in=codes, value__isnull=False).order_by(
            "period"
        )
    )
    names = dict(
        Municipality.objects.filter(code__in=[settings.MUNICIPALITY_CODE, RIKET]).values_list("code", "name")
    )
    rows: dict[int, Row] = {}
    by_member: dict[int, list[float]] = defaultdict(list)
    own_group: dict[int, float] = {}
    for m in measurements:
        row = rows.setdefault(m.period, Row(m.period))
        value = float(m.value)
        if m.municipality == settings.MUNICIPALITY_CODE:
            if m.gender == Measurement.Gender.TOTAL:
                row.total, row.source = value, m.source
            elif m.gender == Measurement.Gender.WOMEN:
                row.women = value
            else:
                row.men = value
        elif m.gender != Measurement.Gender.TOTAL:
            continue
        elif m.municipality == RIKET:
            row.riket = value
        elif group and m.municipality == group.code:
            own_group[m.period] = value
        else:
            by_member[m.period].append(value)
    group_points = sorted(own_group.items()) or sorted((year, fmean(v)) for year, v in by_member.items())
    for year, value in group_points:
        rows[year].group = value
    points = total_series(measurements)
    series = [
        Series("municipality", names.get(settings.MUNICIPALITY_CODE, settings.MUNICIPALITY_NAME), points),
        Series(
            "riket",
            names.get(RIKET, _("Sweden (Riket)")),
            sorted((r.period, r.riket) for r in rows.values() if r.riket is not None),
        ),
    ]
    if group and group_points:
        sentence = (
            _("%(group)s (the group's own value)")
            if own_group
            else _("%(group)s (mean of the member municipalities)")
        )
        label = sentence % {"group": group.name}
        # The group's name is Kolada's, in Swedish: marked as such where the label is shown in the page.
        shown = mark_safe(escape(sentence) % {"group": conditional_escape(sv(group.name))})
        series.append(Series("group", label, group_points, shown=shown))
    ordered = sorted(rows.values(), key=lambda row: row.period)
    sources: list[str] = []
    for row in ordered:
        if row.source:
            if row.source not in sources:
                sources.append(row.source)
            row.source_number = sources.index(row.source) + 1
    return IndicatorData(
        release=release,
        points=points,
        rows=ordered,
        series=[s for s in series if s.points],
        has_gender=any(row.women is not None or row.men is not None for row in ordered),
        sources=sources,
    )


def build_chart(indicator: Indicator, data: IndicatorData, assessment: Assessment) -> Chart:
    levels = [
        TargetMark(target.year, float(target.value), _("Target %(year)s") % {"year": target.year})
        for target in indicator.targets.all()
        if target.kind != Target.Kind.YEARLY_RATE
    ]
    trend = judgement.fit_trend(data.points[-judgement.RECENT_YEARS :])
    projection = None
    if trend is not None:
        until = max([trend.last_year, *[target.year for target in levels]])
        projection = Projection(trend, until)
    return Chart(
        title=indicator.name, unit=indicator.unit, series=data.series, targets=levels, projection=projection
    )


def chosen_release(request: HttpRequest, indicator: Indicator, releases: list[Release]) -> Release | None:
    wanted = request.GET.get("release")
    if wanted is None:
        return next((release for release in releases if release.is_current), None)
    found = next((release for release in releases if str(release.pk) == wanted), None)
    if found is None:
        raise Http404(_("This indicator has no release with that number."))
    return found


def indicator(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.select_related("candidate__document").order_by("year", "pk"),
            ),
            Prefetch("areas", queryset=Area.objects.select_related("document")),
        ),
        slug=slug,
    )
    releases = list(indicator.releases.filter(is_complete=True))
    release = chosen_release(request, indicator, releases)
    data = indicator_data(indicator, release)
    assessment = assess(indicator, data.points, release)
    chart = build_chart(indicator, data, assessment)
    commitments = with_latest(
        Commitment.objects.filter(indicators=indicator).select_related("area__document", "document")
    )
    return render(
        request,
        "indicators/public/indicator.html",
        {
            "nav": "indicators",
            "indicator": indicator,
            "release": release,
            "releases": releases,
            "data": data,
            "assessment": assessment,
            "chart": chart,
            "svg": None if chart.is_empty else render_svg(chart, "chart"),
            "commitments": commitments,
        },
    )


def indicator_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Exactly the chart's data, UTF-8 with a byte order mark so that spreadsheet programs read å, ä, ö."""
    indicator = get_object_or_404(Indicator.objects.prefetch_related("targets"), slug=slug)
    release = chosen_release(request, indicator, list(indicator.releases.filter(is_complete=True)))
    data = indicator_data(indicator, release)
    chart = build_chart(indicator, data, assess(indicator, data.points, release))
    header, rows = chart_rows(chart)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    suffix = f"-{release.pk}" if release and not release.is_current else ""
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}{suffix}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def carbon_budget(request: HttpRequest, pk: int) -> HttpResponse:
    budget = get_object_or_404(CarbonBudget.objects.select_related("emissions"), pk=pk)
    release = budget.emissions.current_release()
    emissions = dict(total_series(release.measurements.all())) if release else {}
    status, problem = None, None
    if emissions:
        try:
            status = carbon.budget_status(float(budget.budget_tonnes), budget.start_year, emissions)
        except ValueError as error:
            problem = str(error)
    return render(
        request,
        "indicators/public/carbon_budget.html",
        {
            "nav": "indicators",
            "budget": budget,
            "release": release,
            "emissions": sorted(emissions.items()),
            "status": status,
            "problem": problem,
        },
    )
