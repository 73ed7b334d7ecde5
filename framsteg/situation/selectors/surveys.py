"""Safety surveys' results per kommundel and year, beside the incident trend of the same kommundel and years.

A survey's results are an indicator marked with its survey (`Indicator.survey`: the police's
trygghetsmätning, Brå's NTU, the municipality's citizen survey), its values per kommundel (`district`, empty
for the whole municipality) and year in the indicator's current release, each with its source. Only the
municipality's own values (total, not split by gender) are shown.

The incident trend counts the events included in the joint picture (a bundled report counts each of its
events), crime and insecurity apart, per calendar year. Incident reports only exist since the picture has
been kept in framsteg, so each year says how far its count can be compared: a whole year, a year the picture
began in (counted from its first report), the current year (up to today), or a year before the first report
(no count at all: not zero, unknown). A partner limited to some kommundelar sees the trend of those only.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Min, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from framsteg.indicators.models import Indicator, Measurement
from framsteg.places.models import District
from framsteg.situation import rules
from framsteg.situation.models import Incident, IncidentCategory

SPAN = 10  # the page shows at most the latest ten years
CRIME = IncidentCategory.Nature.CRIME

# SCB's reading of its index scale (0–100), as the citizen survey reports it per kommundel.
INDEX_SCALE = (
    (0, 49, gettext_lazy("very low")),
    (50, 59, gettext_lazy("low")),
    (60, 69, gettext_lazy("acceptable")),
    (70, 79, gettext_lazy("high")),
    (80, 100, gettext_lazy("very high")),
)


@dataclass(frozen=True)
class ScaleStep:
    low: int
    high: int
    label: str

    @property
    def range_text(self) -> str:
        if self.low == 0:
            return _("under %(value)s") % {"value": self.high + 1}
        if self.high == 100:
            return _("%(value)s or more") % {"value": self.low}
        return f"{self.low}–{self.high}"


@dataclass
class SurveyResult:
    """One survey indicator's values: {district: {year: Measurement}}, "" being the whole municipality."""

    indicator: Indicator
    survey_label: str
    years: list[int]
    districts: list[str]
    values: dict[str, dict[int, Measurement]]
    sources: list[str]

    @property
    def scale(self) -> list[ScaleStep]:
        """The interpretation scale where the survey has one: SCB's index 0–100 of the citizen survey."""
        if self.indicator.survey == Indicator.Survey.CITIZEN and "index" in self.indicator.unit.lower():
            return [ScaleStep(low, high, str(label)) for low, high, label in INDEX_SCALE]
        return []

    def reading(self, value) -> str:
        for step in self.scale:
            if value is not None and step.low <= value < step.high + 1:
                return step.label
        return ""


def survey_results() -> list[SurveyResult]:
    """Every survey indicator with values in its current release, in the order of their names."""
    results = []
    indicators = Indicator.objects.exclude(survey="").order_by("name", "pk")
    for indicator in indicators:
        measurements = Measurement.objects.filter(
            release__indicator=indicator,
            release__is_current=True,
            municipality=settings.MUNICIPALITY_CODE,
            gender=Measurement.Gender.TOTAL,
            value__isnull=False,
        ).order_by("district", "period")
        values: dict[str, dict[int, Measurement]] = defaultdict(dict)
        sources: list[str] = []
        years: set[int] = set()
        for measurement in measurements:
            values[measurement.district][measurement.period] = measurement
            years.add(measurement.period)
            if measurement.source and measurement.source not in sources:
                sources.append(measurement.source)
        if not values:
            continue
        districts = sorted(values, key=lambda name: (name != "", name))
        results.append(
            SurveyResult(
                indicator=indicator,
                survey_label=str(indicator.get_survey_display()),
                years=sorted(years),
                districts=districts,
                values=dict(values),
                sources=sources,
            )
        )
    return results


# --- The incident trend beside them ------------------------------------------------------------------------


@dataclass(frozen=True)
class YearCounts:
    year: int
    crime: int | None  # None: no count (a year before the first report in the picture)
    insecurity: int | None
    comparability: str

    @property
    def total(self) -> int | None:
        return None if self.crime is None else self.crime + (self.insecurity or 0)


@dataclass
class SurveyCell:
    result: SurveyResult
    measurement: Measurement | None

    @property
    def reading(self) -> str:
        return self.result.reading(self.measurement.value) if self.measurement else ""


@dataclass
class YearRow:
    year: int
    surveys: list[SurveyCell]
    counts: YearCounts | None  # None: the trend is not shown for this panel


@dataclass
class DistrictPanel:
    name: str  # "" for the whole municipality
    rows: list[YearRow]
    results: list[SurveyResult]  # the surveys with values for this kommundel
    shows_trend: bool

    @property
    def label(self) -> str:
        return self.name or _("The whole municipality")

    @property
    def slug(self) -> str:
        return (
            "hela-kommunen"
            if not self.name
            else "kommundel-" + "".join(char if char.isalnum() else "-" for char in self.name.lower())
        )

    @property
    def sources(self) -> list[tuple[SurveyResult, list[str]]]:
        found = []
        for result in self.results:
            texts = []
            for measurement in result.values.get(self.name, {}).values():
                if measurement.source and measurement.source not in texts:
                    texts.append(measurement.source)
            found.append((result, texts or [result.indicator.source_name]))
        return found


@dataclass
class SurveyPage:
    results: list[SurveyResult]
    panels: list[DistrictPanel]
    years: list[int]
    first_report: datetime.date | None
    limited: bool  # a partner who sees some kommundelar only
    today: datetime.date
    scales: list[SurveyResult] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.results


def trend_incidents(user) -> QuerySet[Incident]:
    """The included events the user may count: the joint picture's (a limited partner: their kommundelar);
    readers and politicians, who never see the picture, the reports' aggregated counts."""
    picture = rules.may_see_picture(user)
    incidents = rules.picture_incidents(user) if picture else rules.report_incidents(user)
    return incidents.filter(status=Incident.Status.INCLUDED)


def comparability(year: int, first: datetime.date | None, today: datetime.date) -> str:
    if first is None or year < first.year:
        return _("No reports in the picture yet: no count")
    if year > today.year:
        return _("Not begun")
    began = year == first.year and first > datetime.date(year, 1, 1)
    if year == today.year:
        if began:
            return _("Incomplete: from %(first)s up to %(today)s") % {
                "first": date_format(first, "j F"),
                "today": date_format(today, "j F"),
            }
        return _("Incomplete year: up to %(today)s") % {"today": date_format(today, "j F")}
    if began:
        return _("Part of the year: from %(first)s, when the picture began") % {
            "first": date_format(first, "j F")
        }
    return _("Whole year")


def survey_page(user, today: datetime.date | None = None) -> SurveyPage:
    """Per kommundel the user sees: each survey's values by year beside the year's included events."""
    today = today or timezone.localdate()
    results = survey_results()
    incidents = trend_incidents(user)
    limits = rules.picture_district_ids(user) if rules.may_see_picture(user) else None
    districts = District.objects.order_by("name")
    if limits is not None:
        districts = districts.filter(pk__in=limits)
    names = list(districts.values_list("name", flat=True))
    if limits is None:
        extra = {name for result in results for name in result.districts if name and name not in names}
        names += sorted(extra)
    first_at = incidents.aggregate(first=Min("occurred_at"))["first"]
    first = timezone.localtime(first_at).date() if first_at else None
    survey_years = {year for result in results for year in result.years if year <= today.year}
    report_years = set(range(first.year, today.year + 1)) if first else set()
    years = sorted(survey_years | report_years)[-SPAN:]
    counts = _counts(incidents, years)
    panels = []
    for name in ["", *names]:
        shows_trend = not (name == "" and limits is not None)
        present = [result for result in results if name in result.values]
        rows = []
        for year in years:
            cells = [SurveyCell(result, result.values.get(name, {}).get(year)) for result in present]
            year_counts = None
            if shows_trend:
                known = first is not None and first.year <= year <= today.year
                by_nature = counts.get((name, year), {}) if name else _municipality(counts, year)
                year_counts = YearCounts(
                    year,
                    by_nature.get("crime", 0) if known else None,
                    by_nature.get("insecurity", 0) if known else None,
                    comparability(year, first, today),
                )
            rows.append(YearRow(year, cells, year_counts))
        panels.append(DistrictPanel(name, rows, present, shows_trend))
    return SurveyPage(
        results=results,
        panels=panels,
        years=years,
        first_report=first,
        limited=limits is not None,
        today=today,
        scales=[result for result in results if result.scale],
    )


def _counts(incidents: QuerySet[Incident], years: list[int]) -> dict[tuple[str, int], dict[str, int]]:
    """Included events per (kommundel name, year) and nature; events without a kommundel under None."""
    if not years:
        return {}
    found: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        incidents.filter(occurred_at__year__gte=years[0], occurred_at__year__lte=years[-1])
        .annotate(year=ExtractYear("occurred_at"))
        .values("district__name", "year", "category__nature")
        .annotate(events=Sum("events"))
        .order_by()
    )
    for row in rows:
        nature = "crime" if row["category__nature"] == CRIME else "insecurity"
        found[(row["district__name"], row["year"])][nature] += row["events"] or 0
    return found


def _municipality(counts: dict[tuple[str, int], dict[str, int]], year: int) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for (_name, each_year), by_nature in counts.items():
        if each_year == year:
            for nature, events in by_nature.items():
                total[nature] += events
    return total
