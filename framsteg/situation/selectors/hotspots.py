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

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from framsteg.places import geo as places_geo
from framsteg.situation import rules
from framsteg.situation.models import Incident, NamedPlace
from framsteg.situation.selectors import geo

WINDOW_WEEKS = 5  # the chosen week and the four before it
MIN_WEEKS = 3  # weeks of the window with events that make a place a hot spot
MIN_EVENTS_THIS_WEEK = 5  # or this many events in the chosen week
MAX_HOT_SPOTS = 20
JOIN_CELL_METRES = 200  # the grid on which events are matched to the named places' radii


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


def _place_rows(queryset, places: list[NamedPlace]) -> list[tuple[int, datetime.date, int, int]]:
    """(place id, week, category id, events) for the events linked to each place or within its radius.

    The radius is matched in the database through a hash join on a coarse grid: each place lists the cells
    of `JOIN_CELL_METRES` its circle touches, each event is joined to the places listing its cell, and the
    distance itself is checked after."""
    if not places:
        return []
    latitude_step, longitude_step = geo.steps(JOIN_CELL_METRES)
    scale = math.cos(math.radians(geo.reference_latitude()))
    near = []
    for place in places:
        radius = place.radius_m / geo.METRES_PER_DEGREE_LATITUDE
        reach = radius / scale
        low_row, low_col = geo.cell_of(place.latitude - radius, place.longitude - reach, JOIN_CELL_METRES)
        high_row, high_col = geo.cell_of(place.latitude + radius, place.longitude + reach, JOIN_CELL_METRES)
        for row in range(low_row, high_row + 1):
            for column in range(low_col, high_col + 1):
                near.append((place.pk, row, column, place.latitude, place.longitude, radius * radius))
    inner, inner_params = (
        queryset.values("named_place_id", "latitude", "longitude", "week", "category_id", "events")
        .order_by()
        .query.sql_with_params()
    )
    # The first row gives the columns their types (PostgreSQL would read 59.24 as numeric).
    first = "(CAST(%s AS INTEGER), " + ", ".join(["CAST(%s AS DOUBLE PRECISION)"] * 5) + ")"
    rest = ", (%s, %s, %s, %s, %s, %s)" * (len(near) - 1)
    place_ids = [place.pk for place in places]
    sql = f"""
        WITH near_cell (place_id, cell_row, cell_column, place_latitude, place_longitude, radius2) AS (
            VALUES {first}{rest}
        ),
        scoped AS ({inner})
        SELECT place_id, week, category_id, SUM(events) FROM (
            SELECT scoped.named_place_id AS place_id, scoped.week, scoped.category_id, scoped.events
            FROM scoped WHERE scoped.named_place_id IN ({", ".join(["%s"] * len(place_ids))})
            UNION ALL
            SELECT near_cell.place_id, scoped.week, scoped.category_id, scoped.events
            FROM scoped JOIN near_cell
              ON FLOOR(scoped.latitude / %s) = near_cell.cell_row
             AND FLOOR(scoped.longitude / %s) = near_cell.cell_column
            WHERE (scoped.named_place_id IS NULL OR scoped.named_place_id <> near_cell.place_id)
              AND (scoped.latitude - near_cell.place_latitude)
                  * (scoped.latitude - near_cell.place_latitude)
                + (scoped.longitude - near_cell.place_longitude)
                  * (scoped.longitude - near_cell.place_longitude) * %s <= near_cell.radius2
        ) AS matched
        GROUP BY place_id, week, category_id
    """
    params = [value for row in near for value in row]
    params += [*inner_params, *place_ids, latitude_step, longitude_step, scale * scale]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], _as_date(row[1]), row[2], int(row[3])) for row in cursor.fetchall()]


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def _place_hot_spots(queryset, places, week) -> list[HotSpot]:
    rows = _place_rows(queryset, places)
    found = []
    by_place: dict[int, list] = {}
    for place_id, row_week, category_id, events in rows:
        by_place.setdefault(place_id, []).append((row_week, category_id, events))
    for place in places:
        place_rows = by_place.get(place.pk, [])
        spot = HotSpot(
            "place",
            place.name,
            round(place.latitude, geo.DECIMALS),
            round(place.longitude, geo.DECIMALS),
            place=place,
            is_marked=place.is_hot_spot,
        )
        spot.this_week = sum(events for row_week, _c, events in place_rows if row_week == week)
        spot.previous_four_weeks = sum(events for row_week, _c, events in place_rows if row_week < week)
        spot.weeks_with_events = len({row_week for row_week, _c, _e in place_rows})
        spot.is_repeated = meets_rule(spot.weeks_with_events, spot.this_week)
        per_category: dict[int, int] = {}
        for _w, category_id, events in place_rows:
            per_category[category_id] = per_category.get(category_id, 0) + events
        spot.categories = [(category_id, events) for category_id, events in per_category.items()]
        if spot.is_repeated or spot.is_marked:
            found.append(spot)
    return found


def _cell_hot_spots(queryset, week, places) -> list[HotSpot]:
    """The cells that meet the rule, best first, with their event types; two grouped queries."""
    previous = Q(week__lt=week)
    cells = (
        queryset.filter(named_place__isnull=True, latitude__isnull=False, longitude__isnull=False)
        .annotate(**geo.cell_expressions())
        .values("setting", "cell_row", "cell_column")
        .annotate(
            this_week=Coalesce(Sum("events", filter=Q(week=week)), 0),
            previous_four_weeks=Coalesce(Sum("events", filter=previous), 0),
            weeks_with_events=Count("week", distinct=True),
        )
        .filter(Q(weeks_with_events__gte=MIN_WEEKS) | Q(this_week__gte=MIN_EVENTS_THIS_WEEK))
        .order_by("-this_week", "-previous_four_weeks", "-weeks_with_events", "cell_row", "cell_column")
    )
    found: dict[tuple, HotSpot] = {}
    # Read a few more than can be shown: cells inside a named place's radius are dropped.
    for row in cells[: MAX_HOT_SPOTS * 2]:
        metres = geo.cell_metres(row["setting"])
        latitude, longitude = geo.cell_centre(int(row["cell_row"]), int(row["cell_column"]), metres)
        if any(_within(place, latitude, longitude) for place in places):
            continue
        spot = HotSpot("cell", _cell_name(latitude, longitude, metres), latitude, longitude, metres=metres)
        spot.this_week = row["this_week"]
        spot.previous_four_weeks = row["previous_four_weeks"]
        spot.weeks_with_events = row["weeks_with_events"]
        spot.is_repeated = True
        found[(row["setting"], row["cell_row"], row["cell_column"])] = spot
        if len(found) == MAX_HOT_SPOTS:
            break
    if not found:
        return []
    chosen = Q()
    for setting, row_number, column in found:
        chosen |= Q(setting=setting, cell_row=row_number, cell_column=column)
    per_category = (
        queryset.filter(named_place__isnull=True, latitude__isnull=False, longitude__isnull=False)
        .annotate(**geo.cell_expressions())
        .filter(chosen)
        .values("setting", "cell_row", "cell_column", "category_id")
        .annotate(total=Sum("events"))
        .order_by()
    )
    for row in per_category:
        spot = found.get((row["setting"], row["cell_row"], row["cell_column"]))
        if spot is not None:
            spot.categories.append((row["category_id"], row["total"]))
    return list(found.values())


def _within(place: NamedPlace, latitude: float, longitude: float) -> bool:
    scale = math.cos(math.radians(place.latitude))
    distance = math.hypot(latitude - place.latitude, (longitude - place.longitude) * scale)
    return distance * geo.METRES_PER_DEGREE_LATITUDE <= place.radius_m


def _cell_name(latitude: float, longitude: float, metres: int) -> str:
    area = places_geo.area_for_point(latitude, longitude)
    where = area.name if area is not None else ""
    if not where:
        district = places_geo.district_for_point(latitude, longitude)
        where = district.name if district is not None else ""
    if not where:
        return _("Square of about %(metres)s m") % {"metres": metres}
    return _("Square of about %(metres)s m in %(area)s") % {"metres": metres, "area": where}


def hot_spots(user, week: datetime.date, scope: geo.Scope | None = None) -> list[HotSpot]:
    """The hot spots of the week in the area (see the module's docstring), ranked, best first; quiet named
    places marked as hot spots last."""
    scope = scope or geo.parse_scope("")
    queryset = window_incidents(user, week, scope)
    places = candidate_places(user, scope)
    spots = _place_hot_spots(queryset, places, week) + _cell_hot_spots(queryset, week, places)
    categories = geo.categories_by_id(category_id for spot in spots for category_id, _e in spot.categories)
    for spot in spots:
        rows = []
        for category_id, events in spot.categories:
            category = categories.get(category_id)
            if category is not None:
                rows.append((category.label(), category.nature, events))
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
