"""Where in the municipality a report is: inside the outline or not, which district, and a simple SVG map.

Botkyrka has no published boundaries for its six kommundelar, so a district is not a polygon here. Each
district has one representative point (a station or a locality), and a position inside the municipality
belongs to the district whose point is nearest. Place names typed by residents are matched against the
district names and then against the names of SCB's statistical areas (RegSO); a RegSO area belongs to the
district whose point is nearest to the area's centre. Both are derivations for routing and display, not
official boundaries. See data/botkyrka/geo/README.md for the sources.

Everything is pure Python: the outline has a few hundred vertices and ray casting over it is fast.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings

from framsteg.places.models import District

Point = tuple[float, float]  # (longitude, latitude), GeoJSON order
Ring = list[Point]


def geo_dir() -> Path:
    """The directory with the municipality's outline and statistical areas."""
    return Path(getattr(settings, "DIALOGUE_GEO_DIR", settings.BASE_DIR / "data" / "botkyrka" / "geo"))


def _polygon_rings(geometry: dict) -> list[list[Ring]]:
    """Return a geometry as a list of polygons, each a list of rings (exterior first, then holes)."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"Unsupported geometry type {geometry['type']}")
    return [[[(float(x), float(y)) for x, y, *_rest in ring] for ring in polygon] for polygon in polygons]


@cache
def municipality_outline() -> tuple[list[Ring], ...]:
    """The municipality's polygons (rings in longitude/latitude) from botkyrka-outline.geojson."""
    data = json.loads((geo_dir() / "botkyrka-outline.geojson").read_text(encoding="utf-8"))
    features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    polygons: list[list[Ring]] = []
    for feature in features:
        polygons.extend(_polygon_rings(feature["geometry"]))
    return tuple(polygons)


def _ring_contains(ring: Ring, x: float, y: float) -> bool:
    """Ray casting: count the edges a ray from (x, y) towards +x crosses."""
    inside = False
    count = len(ring)
    j = count - 1
    for i in range(count):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _polygon_contains(polygon: list[Ring], x: float, y: float) -> bool:
    exterior, *holes = polygon
    return _ring_contains(exterior, x, y) and not any(_ring_contains(hole, x, y) for hole in holes)


def inside_municipality(latitude: float, longitude: float) -> bool:
    """Return True if the point lies inside the municipality's outline (lakes within it included)."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return False
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return False
    return any(_polygon_contains(polygon, longitude, latitude) for polygon in municipality_outline())


def _distance_squared(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Squared equirectangular distance in degrees of latitude; exact enough within a municipality."""
    scale = math.cos(math.radians((lat1 + lat2) / 2))
    return (lat1 - lat2) ** 2 + ((lon1 - lon2) * scale) ** 2


def nearest_district(latitude: float, longitude: float, districts=None) -> District | None:
    """The district whose representative point is nearest, whether or not the point is inside."""
    districts = list(District.objects.all()) if districts is None else list(districts)
    if not districts:
        return None
    return min(
        districts, key=lambda d: (_distance_squared(latitude, longitude, d.latitude, d.longitude), d.name)
    )


def district_for_point(latitude: float, longitude: float) -> District | None:
    """The district of a position: the nearest representative point, for points inside the municipality."""
    if not inside_municipality(latitude, longitude):
        return None
    return nearest_district(float(latitude), float(longitude))


def area_for_point(latitude: float, longitude: float):
    """The statistical area (`framsteg.places.models.Area`, e.g. a RegSO) whose polygon holds the point, or
    None. The polygons are read once per process and again when the areas change."""
    from framsteg.places.models import Area as AreaModel

    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    for pk, polygons in _area_polygons(AreaModel.objects.count(), _areas_changed()):
        if any(_polygon_contains(polygon, longitude, latitude) for polygon in polygons):
            return AreaModel.objects.filter(pk=pk).first()
    return None


def _areas_changed() -> int:
    from framsteg.places.models import Area as AreaModel

    return AreaModel.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@lru_cache(maxsize=2)
def _area_polygons(count: int, last_pk: int) -> tuple[tuple[int, list[list[Ring]]], ...]:
    from framsteg.places.models import Area as AreaModel

    found = []
    for pk, geometry in AreaModel.objects.values_list("pk", "geometry"):
        try:
            found.append((pk, _polygon_rings(geometry)))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(found)


# Place names


def normalise(text: str) -> str:
    """Lower case, no diacritics, words joined by single spaces: "Vårsta-Grödinge" -> "varsta grodinge"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"\w+", stripped))


def _centroid(ring: Ring) -> Point:
    """Area centroid of a ring (shoelace formula), in longitude/latitude."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return cx / (3 * area), cy / (3 * area)


def _representative_point(polygon: list[Ring]) -> Point:
    """A point inside the polygon: its centroid if inside, else the middle of the widest crossing there."""
    x, y = _centroid(polygon[0])
    if _polygon_contains(polygon, x, y):
        return x, y
    crossings = []
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y):
                crossings.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    pairs = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not pairs:
        return x, y
    start, end = max(pairs, key=lambda pair: pair[1] - pair[0])
    return (start + end) / 2, y


@dataclass(frozen=True)
class Area:
    """A named statistical area (RegSO) with a point inside it."""

    name: str
    code: str
    latitude: float
    longitude: float

    @property
    def place_names(self) -> list[str]:
        """The names a resident may type: the whole name and each hyphen-separated part."""
        return [self.name, *self.name.split("-")]


@cache
def statistical_areas() -> tuple[Area, ...]:
    """SCB's RegSO areas in the municipality from botkyrka-regso-2025.geojson (none if it is absent)."""
    path = geo_dir() / "botkyrka-regso-2025.geojson"
    if not path.exists():
        return ()
    areas = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        latitude, longitude = representative_point(feature["geometry"])
        properties = feature["properties"]
        areas.append(
            Area(
                name=properties.get("regsonamn") or properties.get("name", ""),
                code=properties.get("regsokod") or properties.get("code", ""),
                latitude=round(latitude, 6),
                longitude=round(longitude, 6),
            )
        )
    return tuple(areas)


def representative_point(geometry: dict) -> tuple[float, float]:
    """(latitude, longitude) of a point inside a GeoJSON polygon (inside its largest part, if several)."""
    polygons = _polygon_rings(geometry)
    largest = max(polygons, key=lambda polygon: abs(_shoelace(polygon[0])))
    longitude, latitude = _representative_point(largest)
    return latitude, longitude


def _shoelace(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def _find(name: str, text: str) -> int | None:
    """Position of a normalised name as whole words in normalised text (a genitive "s" allowed), or None."""
    name = normalise(name)
    if len(name) < 3:
        return None
    match = re.search(rf"(?<!\w){re.escape(name)}s?(?!\w)", text)
    return match.start() if match else None


def _best(candidates: list[tuple[str, object]], text: str):
    """The candidate whose name occurs in the text, longest name first, then earliest occurrence."""
    found = []
    for name, value in candidates:
        position = _find(name, text)
        if position is not None:
            found.append((-len(normalise(name)), position, value))
    if not found:
        return None
    return min(found, key=lambda item: item[:2])[2]


def resolve_place(text: str) -> tuple[District | None, tuple[float, float] | None]:
    """Find a known place in free text and return its district and a representative (latitude, longitude).

    District names are tried first ("Gatlampan vid Tumba torg" -> Tumba, with the district's point), also by
    their parts ("Norsborg" -> Hallunda-Norsborg). Then the names of the statistical areas ("Storvreten"),
    whose district is the one with the nearest point to the area's centre, with a point inside the area.
    Matching ignores case and diacritics and works on whole words. Returns (None, None) when nothing matches.
    """
    normalised = normalise(text or "")
    if not normalised:
        return None, None
    districts = list(District.objects.all())
    district_names = [
        (name, district) for district in districts for name in [district.name, *district.name.split("-")]
    ]
    district = _best(district_names, normalised)
    if district is not None:
        return district, (district.latitude, district.longitude)
    area_names = [(name, area) for area in statistical_areas() for name in area.place_names]
    area = _best(area_names, normalised)
    if area is not None:
        return nearest_district(area.latitude, area.longitude, districts), (area.latitude, area.longitude)
    return None, None


# Map


class MapProjection:
    """An equirectangular projection of the municipality onto an SVG canvas.

    Longitudes are scaled by the cosine of the middle latitude so that the map is not stretched. North is up.
    `to_svg` and `from_svg` convert between (latitude, longitude) and SVG (x, y) in the view box.
    """

    def __init__(self, polygons: tuple[list[Ring], ...], width: int = 600, padding: int = 12) -> None:
        points = [point for polygon in polygons for point in polygon[0]]
        self.min_lon = min(x for x, _ in points)
        self.max_lon = max(x for x, _ in points)
        self.min_lat = min(y for _, y in points)
        self.max_lat = max(y for _, y in points)
        self.lon_scale = math.cos(math.radians((self.min_lat + self.max_lat) / 2))
        self.padding = padding
        self.width = width
        self.scale = (width - 2 * padding) / ((self.max_lon - self.min_lon) * self.lon_scale)
        self.height = round((self.max_lat - self.min_lat) * self.scale + 2 * padding)
        self.polygons = polygons

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    def to_svg(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = self.padding + (longitude - self.min_lon) * self.lon_scale * self.scale
        y = self.padding + (self.max_lat - latitude) * self.scale
        return round(x, 1), round(y, 1)

    def from_svg(self, x: float, y: float) -> tuple[float, float]:
        longitude = self.min_lon + (x - self.padding) / (self.lon_scale * self.scale)
        latitude = self.max_lat - (y - self.padding) / self.scale
        return round(latitude, 6), round(longitude, 6)

    @property
    def outline_path(self) -> str:
        """The outline as an SVG path "d" attribute, one closed subpath per ring."""
        parts = []
        for polygon in self.polygons:
            for ring in polygon:
                coordinates = [self.to_svg(lat, lon) for lon, lat in ring]
                if len(coordinates) > 1 and coordinates[0] == coordinates[-1]:
                    coordinates.pop()
                head, *tail = coordinates
                parts.append(f"M{head[0]:g},{head[1]:g}" + "".join(f"L{x:g},{y:g}" for x, y in tail) + "Z")
        return "".join(parts)

    @property
    def district_points(self) -> list[tuple[District, float, float]]:
        """Each district with its representative point on the map (read from the database every time)."""
        return [
            (district, *self.to_svg(district.latitude, district.longitude))
            for district in District.objects.all()
        ]


@cache
def botkyrka_map() -> MapProjection:
    """The projection of the municipality's outline (computed once per process)."""
    return MapProjection(municipality_outline())


# District names on a map

Box = tuple[float, float, float, float]  # start x, top y, end x, bottom y
Place = tuple[tuple[float, float, str], Box]  # (text x, text y, text-anchor) and the box the name takes

LABEL_GAP = 6  # SVG units between a district's point and its name
POINT_CLEARANCE = 5  # SVG units around every district's point that no other district's name may cover
EDGE_MARGIN = 4  # SVG units between a name and the edge of the map
ARRANGE_LIMIT = 20_000  # places tried in search of an arrangement without overlaps before settling for less
CHARACTER_WIDTH = 0.62  # a generous average width of a character in a bold sans-serif, in ems


@dataclass(frozen=True)
class DistrictLabel:
    """A district's point on the map and where its name is written (SVG text x, y and text-anchor)."""

    name: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


def _label_box(x: float, y: float, anchor: str, width: float, size: float) -> Box:
    """The box a name takes up, from its text position: ascenders above the baseline, descenders below."""
    start = {"middle": x - width / 2, "start": x, "end": x - width}[anchor]
    return start, y - size, start + width, y + size / 4


def _overlap(box: Box, other: Box) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def _inside(box: Box, projection: MapProjection) -> bool:
    start, top, end, bottom = box
    width, height = projection.width - EDGE_MARGIN, projection.height - EDGE_MARGIN
    return start >= EDGE_MARGIN and top >= EDGE_MARGIN and end <= width and bottom <= height


def _label_places(x: float, y: float, size: float) -> list[tuple[float, float, str]]:
    """Where a name may go, best first: above, below, after and before its point, then the four corners."""
    gap, corner = LABEL_GAP, round(LABEL_GAP * 0.7, 1)
    return [
        (x, y - gap, "middle"),
        (x, y + gap + size, "middle"),
        (x + gap, y + size / 3, "start"),
        (x - gap, y + size / 3, "end"),
        (x + corner, y - corner, "start"),
        (x - corner, y - corner, "end"),
        (x + corner, y + corner + size, "start"),
        (x - corner, y + corner + size, "end"),
    ]


def _arrange(options: list[list[Place]]) -> list[Place] | None:
    """The first choice of places, in order of preference, where no two names overlap; None if there is none.

    A depth-first search; it gives up after `ARRANGE_LIMIT` tries, which a handful of districts never reach.
    """
    tries = 0

    def arrange_from(index: int, taken: list[Box]) -> list[Place] | None:
        nonlocal tries
        if index == len(options):
            return []
        for place in options[index]:
            tries += 1
            if tries > ARRANGE_LIMIT:
                return None
            if not any(_overlap(place[1], box) for box in taken):
                rest = arrange_from(index + 1, [*taken, place[1]])
                if rest is not None:
                    return [place, *rest]
        return None

    return arrange_from(0, [])


def _arrange_greedily(options: list[list[Place]]) -> list[Place]:
    """Each name in the first place free of the names before it, else in its best place."""
    taken: list[Box] = []
    arranged = []
    for places in options:
        place = next((p for p in places if not any(_overlap(p[1], box) for box in taken)), places[0])
        taken.append(place[1])
        arranged.append(place)
    return arranged


def district_labels(projection: MapProjection, font_size: float) -> list[DistrictLabel]:
    """Each district's point with its name beside it, placed so that names neither overlap nor cover points.

    Several districts' points lie close together in the north (Alby, Fittja and Hallunda-Norsborg), so each
    name may go above, below, after or before its point or at a corner, and the names are arranged together:
    the first arrangement, in order of preference from the northernmost name, where every name lies inside
    the map, no two names overlap and no name covers another district's point. `font_size` is the size the
    names are drawn in, in SVG units; the names' widths are estimated from it. Should no such arrangement
    exist, names may cover other points (as they must for points at one spot); should none exist even then,
    each name takes the first place free of the names before it.
    """
    points = sorted(projection.district_points, key=lambda point: (point[2], point[1]))
    clearance = [
        (x - POINT_CLEARANCE, y - POINT_CLEARANCE, x + POINT_CLEARANCE, y + POINT_CLEARANCE)
        for _d, x, y in points
    ]
    clear_options: list[list[Place]] = []
    inside_options: list[list[Place]] = []
    for index, (district, x, y) in enumerate(points):
        width = len(district.name) * font_size * CHARACTER_WIDTH
        places = [(place, _label_box(*place, width, font_size)) for place in _label_places(x, y, font_size)]
        others = clearance[:index] + clearance[index + 1 :]
        inside = [(place, box) for place, box in places if _inside(box, projection)] or places[:1]
        clear = [(place, box) for place, box in inside if not any(_overlap(box, point) for point in others)]
        inside_options.append(inside)
        clear_options.append(clear or inside)
    arranged = _arrange(clear_options) or _arrange(inside_options) or _arrange_greedily(inside_options)
    return [
        DistrictLabel(district.name, x, y, round(place[0], 1), round(place[1], 1), place[2])
        for (district, x, y), (place, _box) in zip(points, arranged, strict=True)
    ]
