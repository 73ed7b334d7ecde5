"""Hot spots (brännpunkter): places with repeated events, for a chosen week and area.

The rule (the constants below):

- The window is the chosen week and the `WINDOW_WEEKS - 1` (4) weeks before it.
- A place is a hot spot when it had included events in at least `MIN_WEEKS` (3) of the window's weeks, or at
  least `MIN_EVENTS_THIS_WEEK` (5) events in the chosen week.
- Places are the named places (events reported at the place, and events with a position within its radius)
  and, for the other events with a position, the cells of the map's grid (about 100 metres at public places,
  250 metres — block level — at semi-public ones; `framsteg.situation.selectors.geo`). A cell whose centre is
  within a named place's radius is left out: its events are the place's.
- Named places marked as hot spots (`NamedPlace.is_hot_spot`) are always listed, quiet or not.
- Ranked by the events of the chosen week, then those of the four weeks before it, then the number of weeks
  with events; at most `MAX_HOT_SPOTS` are listed.

Each hot spot carries its point (a named place's point or a cell's centre, never an event's position), its
counts for the week and for the four weeks before it, the weeks with events, and the event types of the
window with their counts. Only INCLUDED events the user may see (`rules.picture_incidents`) are counted.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.utils.translation import gettext as _

from framsteg.places.models import Area
from framsteg.situation import grid, rules, summaries
from framsteg.situation.models import HotCell, Incident, NamedPlace, PlaceWeek
from framsteg.situation.selectors import geo

WINDOW_WEEKS = summaries.WINDOW_WEEKS  # the chosen week and the four before it (5)
MIN_WEEKS = summaries.MIN_WEEKS  # weeks of the window with events that make a place a hot spot (3)
MIN_EVENTS_THIS_WEEK = summaries.MIN_EVENTS_THIS_WEEK  # or this many events in the chosen week (5)
MAX_HOT_SPOTS = 20
JOIN_CELL_METRES = grid.JOIN_CELL_METRES  # the grid on which events are matched to the named places' radii


@dataclass
class HotSpot:
    kind: str  # "place" or "cell"
    name: str  # the named place's name, or where the cell is
    latitude: float
    longitude: float
    metres: int | None = None  # the cell's size; None for a named place
    place: NamedPlace | None = None
    this_week: int = 0
    previous_four_weeks: int = 0
    weeks_with_events: int = 0
    categories: list[tuple[str, str, int]] = field(default_factory=list)  # (label, nature, events), window
    is_marked: bool = False  # a named place marked as a hot spot
    is_repeated: bool = False  # meets the rule this week

    @property
    def rank_key(self) -> tuple:
        return (-self.this_week, -self.previous_four_weeks, -self.weeks_with_events, self.name)


def window(week: datetime.date) -> tuple[datetime.date, datetime.date]:
    return week - datetime.timedelta(weeks=WINDOW_WEEKS - 1), week


def meets_rule(weeks_with_events: int, this_week: int) -> bool:
    return weeks_with_events >= MIN_WEEKS or this_week >= MIN_EVENTS_THIS_WEEK


def window_incidents(user, week: datetime.date, scope: geo.Scope):
    first, last = window(week)
    queryset = rules.picture_incidents(user).filter(
        status=Incident.Status.INCLUDED, week__range=(first, last)
    )
    return scope.filter(queryset)


def candidate_places(user, scope: geo.Scope) -> list[NamedPlace]:
    """The named places that belong to the area (and to the user's districts)."""
    places = NamedPlace.objects.filter(is_active=True)
    if scope.place is not None:
        places = places.filter(pk=scope.place.pk)
    elif scope.district is not None:
        places = places.filter(district=scope.district)
    elif scope.area is not None:
        places = places.filter(area=scope.area)
    districts = rules.picture_district_ids(user)
    if districts is not None:
        places = places.filter(district_id__in=districts)
    return list(places.order_by("name"))


def _window_rows(
    queryset, places: list[NamedPlace], week: datetime.date, *, wide: bool = False
) -> list[tuple]:
    """One statement, one pass over the window's events: rows of (kind, place id, cell metres, cell row,
    cell column, week, category id, area id, events).

    - kind 0, the cells that meet the rule (at most `MAX_HOT_SPOTS` × 2, best first), by week, event type and
      statistical area: the database groups the cells each event stored and applies the rule.
    - kind 1, the named places, by week and event type: the events linked to each place, and those within
      its radius, matched through a hash join on a coarse grid (each place lists the cells of
      `JOIN_CELL_METRES` its circle touches; each event is joined to the places listing its cell, then the
      distance itself is checked)."""
    try:
        inner, inner_params = (
            queryset.values(
                "named_place_id",
                "latitude",
                "longitude",
                "cell_metres",
                "cell_row",
                "cell_column",
                "join_row",
                "join_column",
                "week",
                "category_id",
                "area_id",
                "events",
            )
            .order_by()
            .query.sql_with_params()
        )
    except EmptyResultSet:  # nothing the user may see
        return []
    params: list = []
    ctes = []
    if places:
        cte, cte_params = summaries.near_cell_cte(summaries.near_cells(places))
        ctes.append(cte)
        params += cte_params
    # Over the whole municipality the window holds tens of thousands of events: each use then reads the
    # covering index again rather than writing them all to a temporary store first. A smaller area's few
    # events are cheaper to keep.
    postgresql = connection.vendor == "postgresql"
    inline = "NOT MATERIALIZED " if postgresql and wide else ""
    ctes.append(f"scoped AS {inline}({inner})")
    params += inner_params
    # The cells each incident stored when it was saved (`framsteg.situation.grid`).
    ctes.append(
        f"""celled AS {inline}(
            SELECT week, category_id, area_id, events, cell_metres AS metres, cell_row, cell_column
            FROM scoped
            WHERE named_place_id IS NULL AND cell_row IS NOT NULL
        )"""
    )
    # One pass groups the window's events by cell: the weeks with events (one flag a week), this week's and
    # the earlier weeks' events; the rule and the ranking then pick the cells.
    window_weeks = [week - datetime.timedelta(weeks=back) for back in range(WINDOW_WEEKS)]
    flags = " + ".join(["MAX(CASE WHEN week = %s THEN 1 ELSE 0 END)"] * len(window_weeks))
    ctes.append(
        f"""hot AS (
            SELECT metres, cell_row, cell_column FROM (
                SELECT metres, cell_row, cell_column, {flags} AS weeks,
                    SUM(CASE WHEN week = %s THEN events ELSE 0 END) AS this_week,
                    SUM(CASE WHEN week < %s THEN events ELSE 0 END) AS earlier
                FROM celled
                GROUP BY metres, cell_row, cell_column
            ) AS per_cell
            WHERE weeks >= %s OR this_week >= %s
            ORDER BY this_week DESC, earlier DESC, weeks DESC, cell_row, cell_column
            LIMIT %s
        )"""
    )
    params += [*window_weeks, week, week, MIN_WEEKS, MIN_EVENTS_THIS_WEEK, MAX_HOT_SPOTS * 2]
    sql = f"""
        WITH {", ".join(ctes)}
        SELECT 0, NULL, celled.metres, celled.cell_row, celled.cell_column, celled.week, celled.category_id,
            celled.area_id, SUM(celled.events)
        FROM celled JOIN hot
          ON celled.metres = hot.metres AND celled.cell_row = hot.cell_row
         AND celled.cell_column = hot.cell_column
        GROUP BY celled.metres, celled.cell_row, celled.cell_column, celled.week, celled.category_id,
            celled.area_id
    """
    if places:
        sql += f"""
        UNION ALL
        SELECT 1, place_id, NULL, NULL, NULL, week, category_id, NULL, SUM(events) FROM (
            SELECT scoped.named_place_id AS place_id, scoped.week, scoped.category_id, scoped.events
            FROM scoped WHERE scoped.named_place_id IN ({", ".join(["%s"] * len(places))})
            UNION ALL
            SELECT near_cell.place_id, scoped.week, scoped.category_id, scoped.events
            FROM scoped JOIN near_cell
              ON scoped.join_row = near_cell.cell_row AND scoped.join_column = near_cell.cell_column
            WHERE (scoped.named_place_id IS NULL OR scoped.named_place_id <> near_cell.place_id)
              AND {summaries.near_distance_sql("scoped")}
        ) AS matched
        GROUP BY place_id, week, category_id
        """
        params += [place.pk for place in places]
        params += [summaries.distance_scale()]
    if not (postgresql and wide and places):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with transaction.atomic(), connection.cursor() as cursor:
        # The events near a place are found by hashing the few hundred cells the places touch; PostgreSQL
        # misjudges the unnested cells and would sort every event of the window to merge them instead.
        cursor.execute("SET LOCAL enable_mergejoin = off")
        cursor.execute(sql, params)
        return cursor.fetchall()


def _summary_scope(user, scope) -> tuple[int, int, frozenset[int] | None] | None:
    """The hot cells' (kind, scope id) for the area as the user sees it, with the districts the user is
    limited to; None when the summaries cannot answer: a named place, or a partner limited to some
    kommundelar looking at several of them or at a RegSO area (the events of those kommundelar in it have
    no summary of their own)."""
    districts = rules.picture_summary_districts(user)
    if districts is False or scope.place is not None:
        return None
    if scope.district is not None:
        key = (HotCell.Kind.DISTRICT, scope.district.pk)
        allowed = districts is None or scope.district.pk in districts
    elif scope.area is not None:
        # An area's events can lie in several kommundelar: a partner limited to some counts from them.
        key, allowed = (HotCell.Kind.AREA, scope.area.pk), districts is None
    elif districts is None:
        key, allowed = (HotCell.Kind.ALL, 0), True
    elif len(districts) == 1:
        key, allowed = (HotCell.Kind.DISTRICT, next(iter(districts))), True
    else:
        return None
    return (*key, districts) if allowed else None


def _cell_rows(queryset, cells: list[tuple[int, int, int]]) -> list[tuple]:
    """The queryset's events in these cells ((metres, row, column)), by cell, week, event type and area, as
    rows of `_window_rows`'s kind 0: each cell read off the incidents' cell index."""
    try:
        inner, inner_params = (
            queryset.values(
                "cell_metres", "cell_row", "cell_column", "week", "category_id", "area_id", "events"
            )
            .order_by()
            .query.sql_with_params()
        )
    except EmptyResultSet:
        return []
    typed = "(CAST(%s AS INTEGER), CAST(%s AS INTEGER), CAST(%s AS INTEGER))"
    values = ", ".join([typed] + ["(%s, %s, %s)"] * (len(cells) - 1))
    sql = f"""
        WITH wanted (metres, cell_row, cell_column) AS (VALUES {values})
        SELECT 0, NULL, scoped.cell_metres, scoped.cell_row, scoped.cell_column, scoped.week,
            scoped.category_id, scoped.area_id, SUM(scoped.events)
        FROM ({inner}) AS scoped JOIN wanted
          ON scoped.cell_row = wanted.cell_row AND scoped.cell_column = wanted.cell_column
         AND scoped.cell_metres = wanted.metres
        GROUP BY scoped.cell_metres, scoped.cell_row, scoped.cell_column, scoped.week, scoped.category_id,
            scoped.area_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for cell in cells for value in cell] + list(inner_params))
        return cursor.fetchall()


def _summary_rows(user, week: datetime.date, scope, places: list[NamedPlace]) -> list[tuple] | None:
    """What `_window_rows` computes from the window's events, read from the summaries instead: the best
    cells from `HotCell` and their events by week, event type and area from the incidents of those cells
    alone (kind 0 rows), and the places' events from `PlaceWeek`, by week (kind 2) and by event type
    (kind 3). None when the summaries cannot answer."""
    found = _summary_scope(user, scope)
    if found is None:
        return None
    kind, scope_id, districts = found
    first, last = window(week)
    best = list(
        HotCell.objects.filter(week=week, kind=kind, scope_id=scope_id)
        .order_by("-this_week", "-earlier", "-weeks", "cell_row", "cell_column")
        .values_list("cell_metres", "cell_row", "cell_column")[: MAX_HOT_SPOTS * 2]
    )
    rows: list[tuple] = []
    if best:
        events = scope.filter(
            Incident.objects.filter(
                status=Incident.Status.INCLUDED, week__range=(first, last), named_place__isnull=True
            )
        )
        if districts is not None:
            events = events.filter(district_id__in=districts)
        rows += _cell_rows(events, best)
    if places:
        counted = PlaceWeek.objects.filter(week__range=(first, last), place_id__in=[p.pk for p in places])
        if districts is not None:
            counted = counted.filter(district_id__in=districts)
        if scope.district is not None:
            counted = counted.filter(district_id=scope.district.pk)
        elif scope.area is not None:
            counted = counted.filter(area_id=scope.area.pk)
        inner, params = counted.values("place_id", "week", "category_id", "events").query.sql_with_params()
        # Each place's events by week, then by event type: all the hot spots need, in a few hundred rows.
        sql = f"""
            SELECT 2, place_id, week, NULL, SUM(events) FROM ({inner}) AS counted GROUP BY place_id, week
            UNION ALL
            SELECT 3, place_id, NULL, category_id, SUM(events) FROM ({inner}) AS counted
            GROUP BY place_id, category_id
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *params])
            for row_kind, place_id, row_week, category_id, total in cursor.fetchall():
                rows.append((row_kind, place_id, None, None, None, row_week, category_id, None, total))
    return rows


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


class _Tally:
    """A place's or a cell's events in the window, added up row by row."""

    __slots__ = ("categories", "earlier", "this_week", "weeks")

    def __init__(self) -> None:
        self.this_week = 0
        self.earlier = 0
        self.weeks: set[datetime.date] = set()
        self.categories: dict[int, int] = {}

    def add(self, row_week: datetime.date, category_id: int, events: int, week: datetime.date) -> None:
        self.add_week(row_week, events, week)
        self.add_category(category_id, events)

    def add_week(self, row_week: datetime.date, events: int, week: datetime.date) -> None:
        if row_week == week:
            self.this_week += events
        elif row_week < week:
            self.earlier += events
        self.weeks.add(row_week)

    def add_category(self, category_id: int, events: int) -> None:
        self.categories[category_id] = self.categories.get(category_id, 0) + events


def _fill(spot: HotSpot, tally: _Tally | None) -> None:
    """The spot's counts and event types from its tally."""
    if tally is not None:
        spot.this_week = tally.this_week
        spot.previous_four_weeks = tally.earlier
        spot.weeks_with_events = len(tally.weeks)
        spot.categories = list(tally.categories.items())
    spot.is_repeated = meets_rule(spot.weeks_with_events, spot.this_week)


def _circles(places: list[NamedPlace]) -> list[tuple[float, float, float, float]]:
    """Each place's point, the squared cosine of its latitude and its squared radius in degrees of latitude:
    what `_within_any` compares."""
    found = []
    for place in places:
        scale = math.cos(math.radians(place.latitude))
        radius = place.radius_m / geo.METRES_PER_DEGREE_LATITUDE
        found.append((place.latitude, place.longitude, scale * scale, radius * radius))
    return found


def _within_any(circles, latitude: float, longitude: float) -> bool:
    for place_latitude, place_longitude, scale2, radius2 in circles:
        north = latitude - place_latitude
        east = longitude - place_longitude
        if north * north + east * east * scale2 <= radius2:
            return True
    return False


def _cell_name(metres: int, area: Area | None) -> str:
    if area is None:
        return _("Square of about %(metres)s m") % {"metres": metres}
    return _("Square of about %(metres)s m in %(area)s") % {"metres": metres, "area": area.name}


def hot_spots(user, week: datetime.date, scope=None) -> list[HotSpot]:
    """The hot spots of the week in the area (see the module's docstring), ranked, best first; quiet named
    places marked as hot spots last. `scope` is a `geo.Scope` or the picture page's (the same shape)."""
    scope = scope or geo.parse_scope("")
    queryset = window_incidents(user, week, scope)
    places = candidate_places(user, scope)
    by_place: dict[int, _Tally] = {}
    by_cell: dict[tuple, _Tally] = {}
    cell_areas: dict[tuple, dict[int, int]] = {}
    rows = _summary_rows(user, week, scope, places)
    if rows is None:
        rows = _window_rows(queryset, places, week, wide=scope.kind == "all")
    for kind, place_id, metres, row, column, row_week, category_id, area_id, events in rows:
        events = int(events)
        if kind:
            tally = by_place.get(place_id)
            if tally is None:
                tally = by_place[place_id] = _Tally()
            if kind == 2:  # the place's events of a week (the summaries)
                tally.add_week(_as_date(row_week), events, week)
                continue
            if kind == 3:  # the place's events of an event type in the window (the summaries)
                tally.add_category(category_id, events)
                continue
        else:
            key = (int(metres), int(row), int(column))
            tally = by_cell.get(key)
            if tally is None:
                tally = by_cell[key] = _Tally()
            if area_id is not None:
                areas = cell_areas.setdefault(key, {})
                areas[area_id] = areas.get(area_id, 0) + events
        tally.add(_as_date(row_week), category_id, events, week)
    spots = []
    for place in places:
        spot = HotSpot(
            "place",
            place.name,
            round(place.latitude, geo.DECIMALS),
            round(place.longitude, geo.DECIMALS),
            place=place,
            is_marked=place.is_hot_spot,
        )
        _fill(spot, by_place.get(place.pk))
        if spot.is_repeated or spot.is_marked:
            spots.append(spot)
    circles = _circles(places)
    area_names = Area.objects.only("name").in_bulk({max(a, key=a.get) for a in cell_areas.values() if a})
    for key, tally in by_cell.items():
        metres, row, column = key
        latitude, longitude = geo.cell_centre(row, column, metres)
        if _within_any(circles, latitude, longitude):
            continue  # its events are the place's
        areas = cell_areas.get(key)
        area = area_names.get(max(areas, key=areas.get)) if areas else None
        spot = HotSpot("cell", _cell_name(metres, area), latitude, longitude, metres=metres)
        _fill(spot, tally)
        spots.append(spot)
    categories = geo.categories_by_id(category_id for spot in spots for category_id, _e in spot.categories)
    labels = {pk: (category.label(), category.nature) for pk, category in categories.items()}
    for spot in spots:
        rows = []
        for category_id, events in spot.categories:
            found = labels.get(category_id)
            if found is not None:
                rows.append((*found, events))
        spot.categories = sorted(rows, key=lambda row: (-row[2], row[0]))
    active = sorted((spot for spot in spots if spot.is_repeated), key=lambda spot: spot.rank_key)
    quiet = sorted((spot for spot in spots if not spot.is_repeated), key=lambda spot: spot.rank_key)
    return active[:MAX_HOT_SPOTS] + quiet


def rule_text() -> str:
    """The rule in words, for the page."""
    return _(
        "A hot spot is a named place or a square of the map's grid with events in at least %(weeks)s of the "
        "last %(window)s weeks (this week included), or at least %(events)s events this week. Named places "
        "marked as hot spots are always listed."
    ) % {"weeks": MIN_WEEKS, "window": WINDOW_WEEKS, "events": MIN_EVENTS_THIS_WEEK}


def hot_spots_context(user, week: datetime.date, scope: geo.Scope | None = None) -> dict:
    """What `situation/partner/_picture_hot_spots.html` needs."""
    return {
        "hot_spots": hot_spots(user, week, scope),
        "hot_spot_rule": rule_text(),
        "hot_spot_window": WINDOW_WEEKS,
        "hot_spot_previous": WINDOW_WEEKS - 1,
    }
