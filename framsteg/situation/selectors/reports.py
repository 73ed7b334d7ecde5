"""The figures of the tertial analysis and the yearly lägesbild, from the incident reports included in the
picture (never from reports not yet reviewed).

A tertial is four months: T1 January–April, T2 May–August, T3 September–December. Areas are ranked by level
(events per week in the tertial; per 1,000 residents only where framsteg holds a population figure for the
kommundel from a cited source) and by trend: the tertial against the previous tertial and against the same
tertial a year earlier.

The comparison of two periods (`compare`): the rate ratio is events per week now divided by events per week
then. Whether the difference is more than chance is judged with the exact conditional test for two Poisson
counts: if the rate had not changed, the count now, given both counts' sum, would follow a binomial
distribution with the share of the time that is now's; a difference that would arise by chance less than
once in 20 (two-sided p < 0.05) is marked as a clear increase or decrease. With many areas compared, about
one in 20 unchanged areas is still marked by chance: the marks point where to look, they prove nothing.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Min, QuerySet, Sum
from django.utils import timezone

from framsteg.places.models import Area, District
from framsteg.situation.models import Incident, IncidentCategory

SIGNIFICANCE = 0.05
MONTHS = {1: (1, 5), 2: (5, 9), 3: (9, 13)}  # a tertial's first month and the month after its last
CRIME = IncidentCategory.Nature.CRIME
INSECURITY = IncidentCategory.Nature.INSECURITY


# --- Periods ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # exclusive

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        zone = timezone.get_default_timezone()
        return (
            datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(self.end, datetime.time.min, tzinfo=zone),
        )

    def weeks(self, today: datetime.date | None = None) -> float:
        """The length in weeks, up to today for a period not yet over (at least one day)."""
        end = self.end if today is None else min(self.end, today + datetime.timedelta(days=1))
        return max((end - self.start).days, 1) / 7

    def is_complete(self, today: datetime.date) -> bool:
        return today >= self.end

    def has_begun(self, today: datetime.date) -> bool:
        return today >= self.start


@dataclass(frozen=True)
class Tertial(Period):
    year: int = 0
    number: int = 1

    @classmethod
    def of(cls, year: int, number: int) -> Tertial:
        if number not in MONTHS:
            raise ValueError("A tertial is 1, 2 or 3")
        first, after = MONTHS[number]
        end = datetime.date(year + 1, 1, 1) if after == 13 else datetime.date(year, after, 1)
        return cls(datetime.date(year, first, 1), end, year, number)

    @classmethod
    def containing(cls, day: datetime.date) -> Tertial:
        return cls.of(day.year, (day.month - 1) // 4 + 1)

    @property
    def slug(self) -> str:
        return f"{self.year}-T{self.number}"

    def previous(self) -> Tertial:
        return Tertial.of(self.year, self.number - 1) if self.number > 1 else Tertial.of(self.year - 1, 3)

    def next(self) -> Tertial:
        return Tertial.of(self.year, self.number + 1) if self.number < 3 else Tertial.of(self.year + 1, 1)

    def a_year_earlier(self) -> Tertial:
        return Tertial.of(self.year - 1, self.number)


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))


def local_today() -> datetime.date:
    return timezone.localdate()


def within(incidents: QuerySet[Incident], period: Period) -> QuerySet[Incident]:
    start, end = period.bounds()
    return incidents.filter(occurred_at__gte=start, occurred_at__lt=end)


# --- The comparison -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    now: int
    then: int
    weeks_now: float
    weeks_then: float
    ratio: float | None  # events per week now / then; None when there were none then
    p_value: float | None  # None when there is nothing to compare (no events in either period)
    # False when the earlier period ended before the first report in the picture: its zero is no count.
    covered: bool = True

    @property
    def direction(self) -> str:
        """ "increase", "decrease", "unchanged" (no clear change), "none" (nothing to compare) or "uncovered"
        (the picture did not exist yet in the earlier period, so there is nothing to compare with)."""
        if not self.covered:
            return "uncovered"
        if self.p_value is None:
            return "none"
        if self.p_value >= SIGNIFICANCE:
            return "unchanged"
        return "increase" if self.now / self.weeks_now > self.then / self.weeks_then else "decrease"

    @property
    def percent(self) -> float | None:
        return None if self.ratio is None else (self.ratio - 1) * 100


def _log_binomial(n: int, k: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + (k * math.log(p) if k else 0.0)
        + ((n - k) * math.log1p(-p) if n - k else 0.0)
    )


def poisson_p_value(now: int, then: int, weeks_now: float, weeks_then: float) -> float | None:
    """Two-sided p-value of the exact conditional test that two Poisson counts have the same rate."""
    total = now + then
    if total == 0:
        return None
    share = weeks_now / (weeks_now + weeks_then)
    probabilities = [math.exp(_log_binomial(total, k, share)) for k in range(total + 1)]
    lower = sum(probabilities[: now + 1])
    upper = sum(probabilities[now:])
    return min(1.0, 2 * min(lower, upper))


def compare(now: int, then: int, weeks_now: float, weeks_then: float, *, covered: bool = True) -> Comparison:
    """`covered` is False when the earlier period ended before the picture's first report: then no ratio and
    no test, since nothing was counted (see `covers`)."""
    if not covered:
        return Comparison(now, then, weeks_now, weeks_then, None, None, covered=False)
    ratio = (now / weeks_now) / (then / weeks_then) if then else None
    return Comparison(
        now, then, weeks_now, weeks_then, ratio, poisson_p_value(now, then, weeks_now, weeks_then)
    )


def picture_start(incidents: QuerySet[Incident]) -> datetime.date | None:
    """The day of the first report in the picture: before it nothing was counted."""
    first = incidents.aggregate(first=Min("occurred_at"))["first"]
    return timezone.localtime(first).date() if first else None


def covers(start: datetime.date | None, period: Period) -> bool:
    """Whether the picture existed during the period (its first report came before the period's end)."""
    return start is not None and start < period.end


# --- Counting -------------------------------------------------------------------------------------------


@dataclass
class Counts:
    crime: int = 0
    insecurity: int = 0

    @property
    def total(self) -> int:
        return self.crime + self.insecurity

    def add(self, nature: str, events: int) -> None:
        if nature == CRIME:
            self.crime += events
        else:
            self.insecurity += events


def counts_by(incidents: QuerySet[Incident], period: Period, key: str) -> dict[object, Counts]:
    """Events (bundled reports count each of their events) per value of `key`, split by nature."""
    result: dict[object, Counts] = defaultdict(Counts)
    rows = within(incidents, period).values(key, "category__nature").annotate(events=Sum("events"))
    for row in rows:
        result[row[key]].add(row["category__nature"], row["events"] or 0)
    return result


def total_counts(incidents: QuerySet[Incident], period: Period) -> Counts:
    counts = Counts()
    for row in within(incidents, period).values("category__nature").annotate(events=Sum("events")):
        counts.add(row["category__nature"], row["events"] or 0)
    return counts


# --- Population (only from a cited source) --------------------------------------------------------------


@dataclass(frozen=True)
class Population:
    value: int
    period: int
    source: str


def district_populations(year: int) -> dict[str, Population]:
    """Residents per kommundel (by name) from the indicator "invanare", where its current release holds
    values per district: the latest year not after `year`. Empty when there are none."""
    from framsteg.indicators.models import Measurement

    rows = (
        Measurement.objects.filter(
            indicator__slug="invanare",
            release__is_current=True,
            municipality=settings.MUNICIPALITY_CODE,
            gender="T",
            period__lte=year,
            value__isnull=False,
        )
        .exclude(district="")
        .select_related("release", "indicator")
        .order_by("district", "-period")
    )
    found: dict[str, Population] = {}
    for row in rows:
        if row.district not in found:
            source = row.source or row.release.source or row.indicator.source_name
            found[row.district] = Population(int(row.value), row.period, source)
    return found


# --- Sources --------------------------------------------------------------------------------------------


@dataclass
class SourceRow:
    organisation: str
    reports: int
    events: int


@dataclass
class Sources:
    rows: list[SourceRow]
    computed_at: datetime.datetime
    last_reviewed_at: datetime.datetime | None

    @property
    def reports(self) -> int:
        return sum(row.reports for row in self.rows)

    @property
    def events(self) -> int:
        return sum(row.events for row in self.rows)


def sources(incidents: QuerySet[Incident], period: Period) -> Sources:
    """Which reports the figures come from: per reporting organisation, and when they were computed."""
    chosen = within(incidents, period)
    rows = [
        SourceRow(row["organisation__name"], row["reports"], row["events"] or 0)
        for row in chosen.values("organisation__name")
        .annotate(reports=Count("pk"), events=Sum("events"))
        .order_by("-events", "organisation__name")
    ]
    last = chosen.aggregate(last=Max("reviewed_at"))["last"]
    return Sources(rows, timezone.now(), last)


# --- The tertial analysis -------------------------------------------------------------------------------


@dataclass
class AreaRow:
    name: str
    counts: Counts
    per_week: float
    per_thousand: float | None
    population: Population | None
    previous: Comparison
    a_year_earlier: Comparison
    pk: int | None = None


@dataclass
class TertialAnalysis:
    tertial: Tertial
    complete: bool
    weeks: float
    districts: list[AreaRow]
    areas: list[AreaRow]
    total: AreaRow
    populations_used: bool
    sources: Sources
    previous_sources: Sources
    a_year_earlier_sources: Sources


def ranked_by_trend(rows: list[AreaRow]) -> list[AreaRow]:
    """The areas with events now or before: a clear increase on either comparison first, then by the change
    against a year earlier (else the previous tertial), largest first; events without an area last."""

    def key(row: AreaRow):
        clear = row.previous.direction == "increase" or row.a_year_earlier.direction == "increase"
        ratio = row.a_year_earlier.ratio if row.a_year_earlier.ratio is not None else row.previous.ratio
        if ratio is None:
            ratio = math.inf if row.counts.total else 0.0
        return (row.pk is None, not clear, -ratio, row.name)

    return sorted(
        (row for row in rows if row.counts.total or row.previous.then or row.a_year_earlier.then), key=key
    )


def _area_rows(
    names, now, previous, earlier, weeks, weeks_previous, weeks_earlier, populations, unnamed, coverage
):
    rows = []
    keys = [pk for pk in names] + ([None] if None in now or None in previous or None in earlier else [])
    for pk in keys:
        counts = now.get(pk, Counts())
        population = populations.get(names.get(pk, "")) if pk is not None else None
        per_thousand = (
            counts.total / weeks / population.value * 1000 if population and population.value else None
        )
        rows.append(
            AreaRow(
                name=names.get(pk, unnamed),
                counts=counts,
                per_week=counts.total / weeks,
                per_thousand=per_thousand,
                population=population,
                previous=compare(
                    counts.total,
                    previous.get(pk, Counts()).total,
                    weeks,
                    weeks_previous,
                    covered=coverage[0],
                ),
                a_year_earlier=compare(
                    counts.total,
                    earlier.get(pk, Counts()).total,
                    weeks,
                    weeks_earlier,
                    covered=coverage[1],
                ),
                pk=pk,
            )
        )
    rows.sort(key=lambda row: (row.pk is None, -row.per_week, row.name))
    return rows


def tertial_analysis(
    incidents: QuerySet[Incident], tertial: Tertial, *, today: datetime.date | None = None, unnamed: str = ""
) -> TertialAnalysis:
    today = today or local_today()
    previous, earlier = tertial.previous(), tertial.a_year_earlier()
    weeks = tertial.weeks(today)
    weeks_previous, weeks_earlier = previous.weeks(), earlier.weeks()
    populations = district_populations(tertial.year)
    district_names = {district.pk: district.name for district in District.objects.order_by("name")}
    area_names = {area.pk: area.name for area in Area.objects.order_by("name")}
    args = (weeks, weeks_previous, weeks_earlier)
    start = picture_start(incidents)
    coverage = (covers(start, previous), covers(start, earlier))
    districts = _area_rows(
        district_names,
        counts_by(incidents, tertial, "district"),
        counts_by(incidents, previous, "district"),
        counts_by(incidents, earlier, "district"),
        *args,
        populations,
        unnamed,
        coverage,
    )
    areas = _area_rows(
        area_names,
        counts_by(incidents, tertial, "area"),
        counts_by(incidents, previous, "area"),
        counts_by(incidents, earlier, "area"),
        *args,
        {},
        unnamed,
        coverage,
    )
    now_total = total_counts(incidents, tertial)
    total = AreaRow(
        name="",
        counts=now_total,
        per_week=now_total.total / weeks,
        per_thousand=None,
        population=None,
        previous=compare(
            now_total.total, total_counts(incidents, previous).total, *args[:2], covered=coverage[0]
        ),
        a_year_earlier=compare(
            now_total.total,
            total_counts(incidents, earlier).total,
            weeks,
            weeks_earlier,
            covered=coverage[1],
        ),
    )
    return TertialAnalysis(
        tertial=tertial,
        complete=tertial.is_complete(today),
        weeks=weeks,
        districts=districts,
        areas=areas,
        total=total,
        populations_used=any(row.population for row in districts),
        sources=sources(incidents, tertial),
        previous_sources=sources(incidents, previous),
        a_year_earlier_sources=sources(incidents, earlier),
    )


# --- The yearly lägesbild -------------------------------------------------------------------------------


@dataclass
class CategoryRow:
    category: IncidentCategory
    events: int
    previous: int
    comparison: Comparison


@dataclass
class YearRow:
    year: int
    counts: Counts
    complete: bool


@dataclass
class Mapping:
    """The mapping of crime and disorder for a year (its figures; the texts are the coordinator's)."""

    year: int
    complete: bool
    weeks: float
    total: Counts
    previous_total: Counts
    categories: list[CategoryRow]
    districts: list[tuple[str, Counts]]
    areas: list[tuple[str, Counts]]
    years: list[YearRow]
    grid: list[list[int]]  # 24 hours × 7 weekdays
    unknown_time: list[int]  # per weekday, reports whose time of day is not known
    sources: Sources
    first_year: int | None = None
    extra: dict = field(default_factory=dict)


def first_year(incidents: QuerySet[Incident]) -> int | None:
    first = incidents.aggregate(first=Min("occurred_at"))["first"]
    return timezone.localtime(first).year if first else None


def yearly_mapping(
    incidents: QuerySet[Incident],
    year: int,
    *,
    today: datetime.date | None = None,
    unnamed: str = "",
    span: int = 5,
) -> Mapping:
    today = today or local_today()
    period, last_year = year_period(year), year_period(year - 1)
    weeks, weeks_last_year = period.weeks(today), last_year.weeks()
    covered = covers(picture_start(incidents), last_year)
    now_by_category = counts_by(incidents, period, "category")
    before_by_category = counts_by(incidents, last_year, "category")
    categories = []
    for category in IncidentCategory.objects.filter(pk__in={*now_by_category, *before_by_category}):
        now, before = (
            now_by_category.get(category.pk, Counts()),
            before_by_category.get(category.pk, Counts()),
        )
        categories.append(
            CategoryRow(
                category,
                now.total,
                before.total,
                compare(now.total, before.total, weeks, weeks_last_year, covered=covered),
            )
        )
    categories.sort(key=lambda row: (-row.events, -row.previous, row.category.label()))

    def named(model, key):
        names = dict(model.objects.values_list("pk", "name"))
        counts = counts_by(incidents, period, key)
        rows = [(names.get(pk, unnamed), value) for pk, value in counts.items() if pk is not None]
        rows.sort(key=lambda row: (-row[1].total, row[0]))
        if None in counts:
            rows.append((unnamed, counts[None]))
        return rows

    start = first_year(incidents)
    years = []
    for each in range(max(year - span + 1, start or year), year + 1):
        years.append(
            YearRow(each, total_counts(incidents, year_period(each)), year_period(each).is_complete(today))
        )

    grid = [[0] * 7 for _hour in range(24)]
    unknown = [0] * 7
    for row in within(incidents, period).values("weekday", "hour").annotate(events=Sum("events")):
        if row["hour"] is None:
            unknown[row["weekday"]] += row["events"] or 0
        else:
            grid[row["hour"]][row["weekday"]] += row["events"] or 0

    return Mapping(
        year=year,
        complete=period.is_complete(today),
        weeks=weeks,
        total=total_counts(incidents, period),
        previous_total=total_counts(incidents, last_year),
        categories=categories,
        districts=named(District, "district"),
        areas=named(Area, "area"),
        years=years,
        grid=grid,
        unknown_time=unknown,
        sources=sources(incidents, period),
        first_year=start,
    )
