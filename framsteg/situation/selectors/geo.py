"""The map layer of the weekly picture: the week's included events of an area, clustered and generalised so
that no point on the map identifies a person or a home.

The generalisation (also stated in the map's caption, `GENERALISATION`):

- An event at a public place (street, square, park, centre) is counted in a cell of a fixed grid of about
  `PUBLIC_CELL_METRES` (100) metres and shown at the cell's centre.
- An event at a semi-public place (stairwell, cellar, garage, laundry room) is counted at block level only:
  in a cell of about `SEMI_PUBLIC_CELL_METRES` (250) metres, shown at that cell's centre.
- An event reported at a named place is shown at the named place's own point (semi-public places are named
  at block level, never by flat or door).
- An event with no position (only a district or area named) is not on the map; the layer says how many.
- A feature carries only its point (the cell's centre or the named place's point), the number of events, the
  event types with their counts and the counts of crime and of disorder or insecurity; never a description,
  a reporter, an organisation, a time or an exact position. A cell with a single event is a cluster of one
  at the cell's centre like any other, never the event's own position.

The grid is fixed (not a random offset): the same position always falls in the same cell, so repeated reads
reveal nothing more. A cell is `PUBLIC_CELL_METRES` of latitude high and as many metres wide at the
municipality's middle latitude, so its width in degrees of longitude is one constant for the whole map, and
each incident stores the cell its position falls in when it is saved (`framsteg.situation.grid`), and the
database groups the stored cells.

Which events: only INCLUDED ones, of those the user may see (`rules.picture_incidents`: a partner limited to
some districts sees those districts only), in the week (its Monday, `Incident.week`) and the area chosen.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from operator import attrgetter

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from framsteg.places.models import Area, District
from framsteg.situation import rules
from framsteg.situation.grid import (  # noqa: F401 (the grid's names, as the picture's selectors use them)
    METRES_PER_DEGREE_LATITUDE,
    PUBLIC_CELL_METRES,
    SEMI_PUBLIC_CELL_METRES,
    cell_metres,
    cell_of,
    reference_latitude,
    steps,
)
from framsteg.situation.models import Incident, IncidentCategory, NamedPlace

DECIMALS = 5  # about a metre: finer digits would only suggest a precision the points lack

GENERALISATION = _(
    "No point on the map is the position of an event. Events at public places are counted in squares of "
    "about 100 metres, events in stairwells, cellars, garages and other semi-public places in squares of "
    "about 250 metres (block level), and each count is shown at the middle of its square; events reported "
    "at a named place are shown at the place's point. A circle with 1 is one event somewhere in its square. "
    "Only reviewed events included in the picture are counted."
)

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


# The week and the area ----------------------------------------------------------------------------------


def parse_week(text: str | None) -> datetime.date | None:
    """The Monday of an ISO week written `2026-W48`, or None when it is not one."""
    match = WEEK_PATTERN.match((text or "").strip())
    if not match:
        return None
    try:
        return datetime.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return None


def format_week(monday: datetime.date) -> str:
    year, number, _weekday = monday.isocalendar()
    return f"{year}-W{number:02d}"


@dataclass(frozen=True)
class Scope:
    """The area a picture is for: the whole municipality, a district (kommundel), a statistical area (RegSO)
    or a named place (events linked to it or within its radius). The same shape as the picture page's
    `framsteg.situation.selectors.picture.Scope`, whose instances these functions take as well.

    Written in addresses as `omrade=` with `d-<slug>`, `a-<code>` or `p-<slug>`; empty (or absent) is the
    whole municipality."""

    kind: str = "all"  # all, district, area, place
    key: str = ""
    name: str = ""
    district: District | None = None
    area: Area | None = None
    place: NamedPlace | None = None

    def filter(self, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
        """The incidents of the queryset that are in the area."""
        if self.district is not None:
            return queryset.filter(district=self.district)
        if self.area is not None:
            return queryset.filter(area=self.area)
        if self.place is not None:
            return near_place(queryset, self.place)
        return queryset


def scope_name(scope) -> str:
    return str(scope.name or _("The whole municipality"))


def parse_scope(text: str | None) -> Scope | None:
    """The Scope an `omrade=` value names, or None when it names nothing known."""
    text = (text or "").strip()
    if not text:
        return Scope(name=str(_("The whole municipality")))
    kind, _dash, value = text.partition("-")
    if kind == "d":
        district = District.objects.filter(slug=value).first()
        return Scope("district", text, district.name, district=district) if district else None
    if kind == "a":
        area = Area.objects.filter(code=value).first()
        return Scope("area", text, area.name, area=area) if area else None
    if kind == "p":
        place = NamedPlace.objects.filter(slug=value).first()
        return Scope("place", text, place.name, place=place) if place else None
    return None


def week_url(name: str, week: datetime.date, scope=None) -> str:
    """The address of a picture's page or layer (URL name `name`) for a week and an area."""
    query = {"vecka": format_week(week)}
    if scope is not None and scope.key:
        query["omrade"] = scope.key
    return f"{reverse(name)}?{urlencode(query)}"


def map_url(week: datetime.date, scope=None) -> str:
    """The address of the map layer (GeoJSON) for a week and an area, for the picture page's `map_url`."""
    return week_url("situation:picture-map", week, scope)


# The grid -----------------------------------------------------------------------------------------------


def cell_centre(row: int, column: int, metres: int) -> tuple[float, float]:
    """The middle of a cell as (latitude, longitude): the only point a cell is ever shown at."""
    latitude_step, longitude_step = steps(metres)
    return (
        round((row + 0.5) * latitude_step, DECIMALS),
        round((column + 0.5) * longitude_step, DECIMALS),
    )


def near_place(queryset: QuerySet[Incident], place: NamedPlace) -> QuerySet[Incident]:
    """The incidents of the queryset linked to the place or with a position within its radius (a box on the
    position first, then the distance itself, measured as the place summaries measure it: a degree of
    longitude scaled at the grid's middle latitude, `framsteg.situation.summaries`)."""
    latitude_radius = place.radius_m / METRES_PER_DEGREE_LATITUDE
    scale = math.cos(math.radians(reference_latitude()))
    longitude_radius = latitude_radius / scale
    near = Q(
        latitude__range=(place.latitude - latitude_radius, place.latitude + latitude_radius),
        longitude__range=(place.longitude - longitude_radius, place.longitude + longitude_radius),
        place_distance2__lte=latitude_radius * latitude_radius,
    )
    return queryset.alias(
        place_distance2=(F("latitude") - place.latitude) * (F("latitude") - place.latitude)
        + (F("longitude") - place.longitude) * (F("longitude") - place.longitude) * (scale * scale)
    ).filter(Q(named_place=place) | near)


# The layer ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Cluster:
    """One feature of the map: a cell's centre or a named place's point with its counts."""

    latitude: float
    longitude: float
    kind: str  # "cell" or "place"
    metres: int | None = None  # the cell's size; None for a named place
    place: str = ""  # the named place's name
    events: int = 0
    crime: int = 0
    insecurity: int = 0
    categories: dict[int, int] = field(default_factory=dict)  # category id → events
    category_rows: list[tuple[str, str, int]] = field(default_factory=list)  # (label, nature, events)

    def feature(self) -> dict:
        """The cluster as a GeoJSON feature (`MapLayer.geojson` builds the same dicts in one loop)."""
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [self.longitude, self.latitude]},
            "properties": {
                "kind": self.kind,
                "cell_metres": self.metres,
                "place": self.place,
                "events": self.events,
                "crime": self.crime,
                "insecurity": self.insecurity,
                "categories": [
                    {"name": label, "nature": nature, "events": count}
                    for label, nature, count in self.category_rows
                ],
            },
        }


@dataclass
class MapLayer:
    week: datetime.date
    scope: Scope  # or the picture page's Scope: the same shape
    clusters: list[Cluster]
    without_position: int  # events of the week in the area that give no position (not on the map)

    @property
    def events(self) -> int:
        return sum(cluster.events for cluster in self.clusters)

    def geojson(self) -> dict:
        # A whole municipality's week has thousands of clusters: each feature is built here, as
        # `Cluster.feature` builds it, without a call per cluster.
        features = []
        append = features.append
        for cluster in self.clusters:
            rows = cluster.category_rows
            if len(rows) == 1:
                label, nature, count = rows[0]
                categories = [{"name": label, "nature": nature, "events": count}]
            else:
                categories = [
                    {"name": label, "nature": nature, "events": count} for label, nature, count in rows
                ]
            append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [cluster.longitude, cluster.latitude]},
                    "properties": {
                        "kind": cluster.kind,
                        "cell_metres": cluster.metres,
                        "place": cluster.place,
                        "events": cluster.events,
                        "crime": cluster.crime,
                        "insecurity": cluster.insecurity,
                        "categories": categories,
                    },
                }
            )
        return {
            "type": "FeatureCollection",
            "week": format_week(self.week),
            "area": scope_name(self.scope),
            "events_on_map": self.events,
            "events_without_position": self.without_position,
            "generalisation": str(GENERALISATION),
            "features": features,
        }


def week_incidents(user, week: datetime.date, scope) -> QuerySet[Incident]:
    """The included incidents of the week in the area that the user may see."""
    queryset = rules.picture_incidents(user).filter(status=Incident.Status.INCLUDED, week=week)
    return scope.filter(queryset)


def categories_by_id(ids) -> dict[int, IncidentCategory]:
    return {category.pk: category for category in IncidentCategory.objects.filter(pk__in=set(ids))}


def category_labels(ids) -> dict[int, tuple[str, str]]:
    """(label in the current language, nature) of each event type, by id."""
    return {pk: (category.label(), category.nature) for pk, category in categories_by_id(ids).items()}


CRIME = str(IncidentCategory.Nature.CRIME)


def cluster_order(cluster: Cluster) -> tuple:
    """The layer's order: most events first, named places before cells, then by name and point."""
    return -cluster.events, cluster.kind != "place", cluster.place, cluster.latitude, cluster.longitude


EVENTS, LATITUDE, LONGITUDE = attrgetter("events"), attrgetter("latitude"), attrgetter("longitude")


def category_row_order(row: tuple[str, str, int]) -> tuple[int, str]:
    """A cluster's event types: largest first, then by label."""
    return -row[2], row[0]


def describe_categories(cluster: Cluster, labels: dict[int, tuple[str, str]]) -> None:
    """Fill the cluster's crime/insecurity counts and its labelled categories, largest first."""
    rows = []
    for category_id, count in cluster.categories.items():
        found = labels.get(category_id)
        if found is None:
            continue
        if found[1] == CRIME:
            cluster.crime += count
        else:
            cluster.insecurity += count
        rows.append((found[0], found[1], count))
    if len(rows) > 1:
        rows.sort(key=category_row_order)
    cluster.category_rows = rows


def database_rows(queryset: QuerySet) -> list[tuple]:
    """A `values_list` queryset's rows as the database gives them, without the ORM's per-row conversions:
    for integer columns and integer sums these are the same values, read in a fraction of the time."""
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# A cell's centre, rounded, is the same on every call: each row's rounded middle latitude and each column's
# rounded middle longitude are kept per step (a cell size's height or width in degrees), as `cell_centre`
# computes them. A municipality has a few hundred rows and columns per cell size; the numbers only (no
# objects that the garbage collector has to follow).
_MIDDLES: dict[float, dict[int, float]] = {}
_MIDDLES_KEPT = 100_000  # per step; more only with positions far outside any municipality


def middles(step: float) -> dict[int, float]:
    """{row or column: the rounded middle of its cell} for a cell height or width of `step` degrees."""
    found = _MIDDLES.get(step)
    if found is None or len(found) > _MIDDLES_KEPT:
        found = _MIDDLES[step] = {}
    return found


def map_layer(user, week: datetime.date, scope=None) -> MapLayer:
    """The week's included events in the area as generalised clusters (see the module's docstring), largest
    first. One grouped query: the database sums the events per stored cell (or named place) and event type.

    A whole municipality's week has thousands of cells, so the work per row and per cell is kept small: the
    rows are read without the ORM's conversions, a cell's centre is looked up (`middles`), its event types
    are labelled as its rows come (the database gives each cell's event type once) and sorted only when
    there are several; a named place's event types are summed first (one place can have rows from several
    cells) and labelled by `describe_categories`."""
    scope = scope or parse_scope("")
    rows = database_rows(
        week_incidents(user, week, scope)
        .values_list("named_place_id", "cell_metres", "cell_row", "cell_column", "category_id")
        .annotate(total=Sum("events"))
        .order_by()
    )
    labels = category_labels({row[4] for row in rows})
    # Each event type once: (label, nature, whether it is a crime).
    described = {pk: (label, nature, nature == CRIME) for pk, (label, nature) in labels.items()}
    cells: dict[tuple[int, int, int], Cluster] = {}
    places: dict[int, Cluster] = {}
    # A cell size → its height and width in degrees and its rows' and columns' middles (`middles`).
    sizes: dict[int, tuple[float, float, dict[int, float], dict[int, float]]] = {}
    several: list[Cluster] = []  # the cells with more than one event type
    without_position = 0
    for place_id, metres, cell_row, cell_column, category_id, total in rows:
        if place_id is not None:
            cluster = places.get(place_id)
            if cluster is None:
                cluster = places[place_id] = Cluster(0.0, 0.0, "place")
            categories = cluster.categories
            categories[category_id] = categories.get(category_id, 0) + total
            cluster.events += total
            continue
        if cell_row is None or cell_column is None:
            without_position += total
            continue
        key = (metres, cell_row, cell_column)
        cluster = cells.get(key)
        if cluster is None:
            size = sizes.get(metres)
            if size is None:
                latitude_step, longitude_step = steps(int(metres))
                size = sizes[metres] = (
                    latitude_step,
                    longitude_step,
                    middles(latitude_step),
                    middles(longitude_step),
                )
            latitude_step, longitude_step, latitudes, longitudes = size
            latitude = latitudes.get(cell_row)
            if latitude is None:  # as `cell_centre` computes it
                latitude = latitudes[cell_row] = round((cell_row + 0.5) * latitude_step, DECIMALS)
            longitude = longitudes.get(cell_column)
            if longitude is None:
                longitude = longitudes[cell_column] = round((cell_column + 0.5) * longitude_step, DECIMALS)
            cluster = cells[key] = Cluster(
                latitude, longitude, "cell", int(metres), "", total, 0, 0, {category_id: total}, []
            )
        else:
            cluster.events += total
            categories = cluster.categories
            categories[category_id] = total
            if len(categories) == 2:
                several.append(cluster)
        found = described.get(category_id)
        if found is not None:
            if found[2]:
                cluster.crime += total
            else:
                cluster.insecurity += total
            cluster.category_rows.append((found[0], found[1], total))
    for cluster in several:
        cluster.category_rows.sort(key=category_row_order)
    for place in NamedPlace.objects.filter(pk__in=places).only("name", "latitude", "longitude"):
        cluster = places[place.pk]
        cluster.latitude = round(place.latitude, DECIMALS)
        cluster.longitude = round(place.longitude, DECIMALS)
        cluster.place = place.name
    for cluster in places.values():
        describe_categories(cluster, labels)
    # In the order of `cluster_order`, without a tuple per cluster to compare (each sort keeps the order of
    # equal keys): the cells by longitude, then by latitude; the few places by `cluster_order`; then all by
    # their events, largest first, the places before the cells where the counts are equal.
    ordered_cells = sorted(cells.values(), key=LONGITUDE)
    ordered_cells.sort(key=LATITUDE)
    clusters = [*sorted(places.values(), key=cluster_order), *ordered_cells]
    clusters.sort(key=EVENTS, reverse=True)
    return MapLayer(week=week, scope=scope, clusters=clusters, without_position=without_position)


def map_context(user, week: datetime.date, scope=None) -> dict:
    """What `situation/partner/_picture_map.html` needs: `map_layer` (the clusters, also shown as a table
    without JavaScript), `map_url` (the same layer as GeoJSON) and `street_map` (Leaflet and the tiles)."""
    from framsteg.dialogue.selectors.geo import street_map_context

    scope = scope or parse_scope("")
    return {
        "map_layer": map_layer(user, week, scope),
        "map_url": map_url(week, scope),
        "street_map": street_map_context(),
        "map_generalisation": GENERALISATION,
        "map_area": scope_name(scope),
    }
