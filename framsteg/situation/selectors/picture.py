"""The weekly joint situation picture: for an ISO week and an area, the included events by event type (and
its groups in the category tree), by nature (crime, disorder or insecurity) and in total, each compared with
three baselines by the method of `framsteg.situation.change`; the weekday × hour grid; the reports awaiting
review (coordinators); and the week's events for review.

The queries (whatever the number of event types):

- the first week of the picture (the earliest week with an included event: baseline weeks before it are
  not counted),
- one grouped query over the weeks needed — the week, the 12 weeks before it, and the same ISO week a year
  earlier with the week before and after it — summing the events by week and event type: of the
  summaries (`framsteg.situation.summaries`, a few hundred rows a week),
- one over the week's reports, by status, weekday and hour: the grid (the included events with a time of
  day) and the counts of the week's reports and of those awaiting review,
- the event types (once),
- with a user: the newest of the week's reports, and the names they show (by id, a few each).

Only INCLUDED events are counted, of those the user may see (`rules.picture_incidents`: a partner limited to
some districts sees those only); without a user (the command line) the whole municipality's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Min, Q, QuerySet, Sum, Value
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from framsteg.places.models import Area, District
from framsteg.situation import change, rules
from framsteg.situation.models import (
    Incident,
    IncidentCategory,
    NamedPlace,
    PlaceWeek,
    WeekCount,
    week_start,
)
from framsteg.situation.selectors.geo import Scope, format_week, parse_scope, parse_week, scope_name

__all__ = [
    "Scope",
    "WeeklyPicture",
    "find_scope",
    "format_week",
    "parse_scope",
    "parse_week",
    "weekly_picture",
]

EVENTS_LIMIT = 50
EVENT_FIELDS = (  # what the list of the week's events shows
    "id",
    "events",
    "occurred_at",
    "time_known",
    "status",
    "place_text",
    "category__name",
    "category__translations",
    "organisation__name",
    "named_place__name",
    "district__name",
    "area__name",
)
WAITING = (Incident.Status.REPORTED, Incident.Status.REVIEWED)
SHADES = 5  # the grid's shading levels (1–5; 0 for an empty cell)


@dataclass(frozen=True)
class Baseline:
    key: str
    label: object  # lazy text
    weeks: tuple[datetime.date, ...]  # the weeks it averages, before the picture's beginning left out
    wanted: int  # the weeks it would average with a long enough history
    against: object = ""  # "against the previous 4 weeks" (lazy text)


BASELINE_LABELS = {
    "previous_4": gettext_lazy("Previous 4 weeks"),
    "previous_12": gettext_lazy("Previous 12 weeks"),
    "last_year": gettext_lazy("Same weeks a year earlier"),
}
BASELINE_AGAINST = {
    "previous_4": gettext_lazy("against the previous 4 weeks"),
    "previous_12": gettext_lazy("against the previous 12 weeks"),
    "last_year": gettext_lazy("against the same weeks a year earlier"),
}


def same_week_a_year_earlier(week: datetime.date) -> datetime.date:
    """The Monday of the same ISO week number a year earlier (week 52 when that year has no week 53)."""
    year, number, _weekday = week.isocalendar()
    try:
        return datetime.date.fromisocalendar(year - 1, number, 1)
    except ValueError:
        return datetime.date.fromisocalendar(year - 1, 52, 1)


def baseline_weeks(week: datetime.date) -> dict[str, list[datetime.date]]:
    """The weeks each baseline averages: the previous 4, the previous 12, and the same week a year earlier
    with the week before and after it."""
    earlier = same_week_a_year_earlier(week)
    return {
        "previous_4": [week - datetime.timedelta(weeks=offset) for offset in range(1, 5)],
        "previous_12": [week - datetime.timedelta(weeks=offset) for offset in range(1, 13)],
        "last_year": [earlier + datetime.timedelta(weeks=offset) for offset in (-1, 0, 1)],
    }


def baselines(week: datetime.date, first_week: datetime.date | None) -> list[Baseline]:
    found = []
    for key, weeks in baseline_weeks(week).items():
        counted = tuple(w for w in weeks if first_week is not None and first_week <= w)
        found.append(Baseline(key, BASELINE_LABELS[key], counted, len(weeks), BASELINE_AGAINST[key]))
    return found


# The figures -------------------------------------------------------------------------------------------


@dataclass
class PictureRow:
    """A row of the table: an event type (or a group of them), a nature, or the total."""

    key: str
    label: str
    observed: int
    changes: list[change.Change]  # in the order of the picture's baselines
    kind: str = "category"  # "category", "nature" or "total"
    nature: str = ""
    depth: int = 0
    is_group: bool = False
    category: IncidentCategory | None = None

    @property
    def is_change(self) -> bool:
        return any(found.is_change for found in self.changes)

    def comparisons(self, picture_baselines: list[Baseline]) -> list[tuple[Baseline, change.Change]]:
        return list(zip(picture_baselines, self.changes, strict=True))


@dataclass
class GridRow:
    weekday: int
    label: str
    cells: list[tuple[int, int]]  # (events, shade 0–5) for hours 0–23
    total: int


@dataclass
class WeeklyPicture:
    week: datetime.date
    scope: Scope
    baselines: list[Baseline]
    rows: list[PictureRow]  # event types in the tree's order, groups before their types
    natures: list[PictureRow]
    total: PictureRow
    grid: list[GridRow]
    hour_totals: list[int]
    grid_total: int
    without_time: int  # events of the week with only a date
    first_week: datetime.date | None
    computed_at: datetime.datetime
    awaiting_review: int | None = None  # coordinators: the week's reports awaiting review in the area
    events: list[WeekEvent] = field(default_factory=list)
    events_total: int = 0

    @property
    def week_label(self) -> str:
        return format_week(self.week)

    @property
    def area_name(self) -> str:
        return scope_name(self.scope)

    @property
    def events_more(self) -> int:
        return max(0, self.events_total - len(self.events))

    @property
    def previous_week(self) -> datetime.date:
        return self.week - datetime.timedelta(weeks=1)

    @property
    def next_week(self) -> datetime.date:
        return self.week + datetime.timedelta(weeks=1)

    @property
    def is_partial(self) -> bool:
        """The week is not over yet: its counts are not complete."""
        return self.week + datetime.timedelta(weeks=1) > timezone.localdate()

    @property
    def changes(self) -> list[PictureRow]:
        return [row for row in [self.total, *self.natures, *self.rows] if row.is_change]


def first_picture_week() -> datetime.date | None:
    """The earliest week with an included event anywhere: the picture began then."""
    return Incident.objects.filter(status=Incident.Status.INCLUDED).aggregate(first=Min("week"))["first"]


def visible(user) -> QuerySet[Incident]:
    return Incident.objects.all() if user is None else rules.picture_incidents(user)


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _tree(categories: dict[int, IncidentCategory]) -> list[tuple[IncidentCategory, int]]:
    """Every category in the tree's order (position, name), each with its depth."""
    children: dict[int | None, list[IncidentCategory]] = {}
    for category in categories.values():
        parent = category.parent_id if category.parent_id in categories else None
        children.setdefault(parent, []).append(category)
    for siblings in children.values():
        siblings.sort(key=lambda category: (category.position, category.name))
    ordered: list[tuple[IncidentCategory, int]] = []

    def visit(parent, depth):
        for category in children.get(parent, []):
            ordered.append((category, depth))
            if depth < 10:
                visit(category.pk, depth + 1)

    visit(None, 0)
    return ordered


def _ancestors(category: IncidentCategory, categories: dict[int, IncidentCategory]) -> list[int]:
    found, seen, current = [], set(), category
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        found.append(current.pk)
        current = categories.get(current.parent_id) if current.parent_id else None
    return found


def _shade(events: int, largest: int) -> int:
    if events <= 0 or largest <= 0:
        return 0
    return max(1, min(SHADES, -(-events * SHADES // largest)))


@dataclass
class _WeekTally:
    """The week's reports in the area as the user sees them, from one grouped query: the included events
    by weekday and hour (the grid), and the reports in all and those awaiting review."""

    grid: dict[tuple[int, int], int]
    reports: int
    waiting: int


def _week_tally(queryset: QuerySet[Incident]) -> _WeekTally:
    grid: dict[tuple[int, int], int] = {}
    reports = waiting = 0
    for status, time_known, weekday, hour, events, count in (
        queryset.values_list("status", "time_known", "weekday", "hour")
        .annotate(events=Sum("events"), count=Count("pk"))
        .order_by()
    ):
        reports += count
        if status in WAITING:
            waiting += count
        if status == Incident.Status.INCLUDED and time_known and hour is not None:
            grid[(weekday, hour)] = grid.get((weekday, hour), 0) + int(events)
    return _WeekTally(grid, reports, waiting)


def _grid(counts: dict[tuple[int, int], int]) -> tuple[list[GridRow], list[int], int]:
    largest = max(counts.values(), default=0)
    rows = []
    for weekday in range(7):
        cells = [counts.get((weekday, hour), 0) for hour in range(24)]
        rows.append(
            GridRow(
                weekday,
                str(WEEKDAYS[weekday]),
                [(events, _shade(events, largest)) for events in cells],
                sum(cells),
            )
        )
    hour_totals = [sum(counts.get((weekday, hour), 0) for weekday in range(7)) for hour in range(24)]
    return rows, hour_totals, sum(counts.values())


@dataclass
class Named:
    name: str


@dataclass
class WeekEvent:
    """A report in the list of the week's events: what the list shows of it."""

    pk: int
    events: int
    occurred_at: datetime.datetime
    time_known: bool
    status: str
    category: IncidentCategory | None
    organisation: Named | None
    place_parts: list[str]
    url: str = ""

    @property
    def reference(self) -> str:
        return f"H-{self.pk}"

    def get_status_display(self) -> str:
        return str(Incident.Status(self.status).label)


def _week_events(queryset: QuerySet[Incident], limit: int, categories: dict) -> list[WeekEvent]:
    """The newest of the week's reports with the names the list shows (event type, organisation, place,
    kommundel, area): the names looked up by id in one query (a handful of each) rather than joined, which
    costs PostgreSQL more to plan than to run."""
    from framsteg.organisations.models import Organisation

    related = {"organisation": Organisation, "named_place": NamedPlace, "district": District, "area": Area}
    fields = ["id", "events", "occurred_at", "time_known", "status", "place_text", "category_id"]
    rows = list(
        queryset.values_list(*fields, *(f"{name}_id" for name in related)).order_by("-occurred_at", "-pk")[
            :limit
        ]
    )
    ids = {name: {row[len(fields) + index] for row in rows} - {None} for index, name in enumerate(related)}
    lookups = [
        model.objects.filter(pk__in=ids[name])
        .values_list(Value(name, output_field=CharField()), "pk", "name")
        .order_by()
        for name, model in related.items()
    ]
    names: dict[str, dict[int, str]] = {name: {} for name in related}
    for name, pk, label in lookups[0].union(*lookups[1:], all=True):
        names[name][pk] = label
    found = []
    for pk, events, occurred_at, time_known, status, place_text, category_id, *keys in rows:
        organisation, place, district, area = (
            names[name].get(key) if key is not None else None for name, key in zip(related, keys, strict=True)
        )
        found.append(
            WeekEvent(
                pk=pk,
                events=events,
                occurred_at=occurred_at,
                time_known=time_known,
                status=status,
                category=categories.get(category_id),
                organisation=Named(organisation) if organisation is not None else None,
                place_parts=Incident.place_names(
                    place if keys[1] is not None else place_text, district, area
                ),
            )
        )
    return found


def _summary_counts(user, scope: Scope, weeks: list[datetime.date]) -> QuerySet | None:
    """The summaries' counts of the weeks in the area, as the user may see them
    (`rules.picture_summary_districts`): `WeekCount` for the whole municipality, a kommundel or a RegSO
    area, `PlaceWeek` for an active named place; None for a place no longer in use (counted from the
    incidents)."""
    if scope.place is not None and not scope.place.is_active:
        return None
    districts = rules.picture_summary_districts(user)
    if districts is False:
        return WeekCount.objects.none()
    if scope.place is not None:
        rows = PlaceWeek.objects.filter(week__in=weeks, place_id=scope.place.pk)
        return rows if districts is None else rows.filter(district_id__in=districts)
    rows = WeekCount.objects.filter(week__in=weeks)
    if districts is not None:
        rows = rows.filter(district_id__in=districts)
    if scope.district is not None:
        rows = rows.filter(district_id=scope.district.pk)
    elif scope.area is not None:
        rows = rows.filter(area_id=scope.area.pk)
    return rows


def weekly_picture(
    week: datetime.date, scope: Scope | None = None, user=None, *, events_limit: int = EVENTS_LIMIT
) -> WeeklyPicture:
    """The picture of the week (its Monday) in the area, as the user may see it (see the module's
    docstring). `scope` is a `Scope` (`parse_scope`, `find_scope`); None is the whole municipality."""
    scope = scope or parse_scope("")
    week = week_start(week)
    first_week = first_picture_week()
    picture_baselines = baselines(week, first_week)
    needed = sorted({week, *(w for baseline in picture_baselines for w in baseline.weeks)})
    included = scope.filter(visible(user).filter(status=Incident.Status.INCLUDED))
    counted = _summary_counts(user, scope, needed)
    if counted is None:  # a place no longer in use: the events at and near it
        counted = included.filter(week__in=needed)
    per_week: dict[tuple[datetime.date, int], int] = {}
    for row_week, category_id, events in (
        counted.values_list("week", "category_id").annotate(events=Sum("events")).order_by()
    ):
        per_week[(_as_date(row_week), category_id)] = int(events)

    categories = {category.pk: category for category in IncidentCategory.objects.all()}
    # Events per row key and week: each event type adds to itself and its groups, to its nature and the total.
    series: dict[str, dict[datetime.date, int]] = {}
    keys_of: dict[int, list[str]] = {}
    for (row_week, category_id), events in per_week.items():
        keys = keys_of.get(category_id)
        if keys is None:
            category = categories.get(category_id)
            if category is None:
                continue
            keys = [f"category-{pk}" for pk in _ancestors(category, categories)]
            keys += [f"nature-{category.nature}", "total"]
            keys_of[category_id] = keys
        for key in keys:
            weekly = series.setdefault(key, {})
            weekly[row_week] = weekly.get(row_week, 0) + events

    def row(key: str, label: str, **extra) -> PictureRow:
        weekly = series.get(key, {})
        observed = weekly.get(week, 0)
        changes = [
            change.detect(observed, [weekly.get(w, 0) for w in baseline.weeks])
            for baseline in picture_baselines
        ]
        return PictureRow(key, label, observed, changes, **extra)

    rows = []
    parents = {category.parent_id for category in categories.values()}
    for category, depth in _tree(categories):
        key = f"category-{category.pk}"
        if key not in series:
            continue
        is_group = category.pk in parents
        rows.append(
            row(
                key,
                category.label(),
                nature=category.nature,
                depth=depth,
                is_group=is_group,
                category=category,
            )
        )
    natures = [
        row(f"nature-{value}", str(label), kind="nature", nature=value)
        for value, label in IncidentCategory.Nature.choices
    ]
    total = row("total", _("All events"), kind="total")
    week_reports = scope.filter(visible(user).filter(week=week))
    tally = _week_tally(week_reports)
    grid, hour_totals, grid_total = _grid(tally.grid)
    picture = WeeklyPicture(
        week=week,
        scope=scope,
        baselines=picture_baselines,
        rows=rows,
        natures=natures,
        total=total,
        grid=grid,
        hour_totals=hour_totals,
        grid_total=grid_total,
        without_time=max(0, total.observed - grid_total),
        first_week=first_week,
        computed_at=timezone.now(),
    )
    if user is not None:
        picture.events_total = tally.reports
        if rules.may_review_incidents(user):
            picture.awaiting_review = tally.waiting
        if events_limit and picture.events_total:
            picture.events = _week_events(week_reports, events_limit, categories)
    return picture


# The areas, by name (the command line) ------------------------------------------------------------------


def find_scope(text: str) -> Scope | None:
    """The area a name names: an `omrade=` value (`d-…`, `a-…`, `p-…`), or a kommundel's name or slug, a
    RegSO area's code or name, a named place's name or slug (in that order); None when nothing matches.
    Empty is the whole municipality."""
    text = (text or "").strip()
    if not text:
        return parse_scope("")
    if text[:2] in ("d-", "a-", "p-"):
        found = parse_scope(text)
        if found is not None:
            return found
    district = District.objects.filter(Q(slug=text) | Q(name__iexact=text)).first()
    if district is not None:
        return Scope("district", f"d-{district.slug}", district.name, district=district)
    area = Area.objects.filter(Q(code=text) | Q(name__iexact=text)).first()
    if area is not None:
        return Scope("area", f"a-{area.code}", area.name, area=area)
    place = NamedPlace.objects.filter(Q(slug=text) | Q(name__iexact=text)).first()
    if place is not None:
        return Scope("place", f"p-{place.slug}", place.name, place=place)
    return None


@dataclass
class ScopeChoices:
    districts: list[District]
    areas: list[Area]
    places: list[NamedPlace]


def scope_choices(user=None) -> ScopeChoices:
    """The areas the page offers: the kommundelar, the RegSO areas and the named places in use (for a
    partner limited to some districts, those within them)."""
    districts = District.objects.order_by("name")
    areas = Area.objects.order_by("name")
    places = NamedPlace.objects.filter(is_active=True).order_by("name")
    allowed = rules.picture_district_ids(user) if user is not None else None
    if allowed is not None:
        districts = districts.filter(pk__in=allowed)
        areas = areas.filter(district_id__in=allowed)
        places = places.filter(district_id__in=allowed)
    return ScopeChoices(list(districts), list(areas.only("code", "name")), list(places.only("slug", "name")))


def scope_allowed(user, scope: Scope) -> bool:
    """Whether a partner limited to some districts may choose the area (others: any)."""
    allowed = rules.picture_district_ids(user)
    if allowed is None or scope.kind == "all":
        return True
    if scope.district is not None:
        return scope.district.pk in allowed
    if scope.area is not None:
        return scope.area.district_id in allowed
    if scope.place is not None:
        return scope.place.district_id in allowed
    return False
