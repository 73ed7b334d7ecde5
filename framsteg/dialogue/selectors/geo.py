"""Where a report is, as the public may see it: never the resident's exact position.

A position a resident chose on the map or sent from a phone can point at a front door. Staff need it to find
the fault and see it on their pages unchanged; everything public (the list and its map, the map data, the
case page, `/anmalningar.csv`, Open311) gets it snapped to a grid of about `GRID_METRES` metres instead.

The grid is a fixed one, not a random offset: the same position always gives the same public point (so a
report does not wander on the map, and averaging many reads reveals nothing), and every position within a
cell gives the same point. A cell is `GRID_METRES` of latitude high; its width in degrees of longitude grows
with the latitude so that it is as many metres wide (0.00088° at Botkyrka's 59.2°N). The point is the grid
point nearest the position, so it is at most about 35 m from the exact position: close enough to see which
street lamp or crossing a report is about, too coarse to tell which house.
"""

from __future__ import annotations

import json
import math

from django.db import DatabaseError

from framsteg.core import maps
from framsteg.dialogue.models import Case
from framsteg.places.geo import municipality_outline
from framsteg.places.models import District

GRID_METRES = 50
METRES_PER_DEGREE_LATITUDE = 111_320  # the mean length of a degree of latitude, close enough for 50 m
LATITUDE_STEP = 0.00045  # 50.1 m, GRID_METRES in whole digits of the fifth decimal
DECIMALS = 5  # 0.00001° is about a metre: finer digits would only suggest a precision the point lacks


def rounded_position(latitude: float, longitude: float) -> tuple[float, float]:
    """The grid point nearest (latitude, longitude), on a grid of about `GRID_METRES` metres."""
    latitude_cells = round(latitude / LATITUDE_STEP)
    public_latitude = latitude_cells * LATITUDE_STEP
    # The cell's width depends only on its row, so every position in the row snaps to the same columns.
    longitude_step = LATITUDE_STEP / max(math.cos(math.radians(public_latitude)), 0.01)
    public_longitude = round(longitude / longitude_step) * longitude_step
    return round(public_latitude, DECIMALS), round(public_longitude, DECIMALS)


def public_position(case: Case) -> tuple[float, float] | None:
    """The position of a case as the public may see it (about 50 m from the exact one), or None if it has
    none. Staff pages read `case.latitude` and `case.longitude` directly."""
    if case.latitude is None or case.longitude is None:
        return None
    try:
        latitude, longitude = float(case.latitude), float(case.longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    return rounded_position(latitude, longitude)


def street_map_context() -> dict:
    """What the street-map templates need: tiles and Leaflet (`framsteg.core.maps`), plus the outline and the
    districts' points as JSON for data- attributes. All of it is public; `enabled` is False without Leaflet.
    """
    context = maps.street_map_context()
    outline = [
        [[round(latitude, 5), round(longitude, 5)] for longitude, latitude in ring]
        for polygon in municipality_outline()
        for ring in polygon[:1]
    ]
    try:
        districts = [
            {"name": district.name, "lat": district.latitude, "lon": district.longitude}
            for district in District.objects.order_by("name")
        ]
    except DatabaseError:  # the form is still shown (and kept) while the database is unreachable
        districts = []
    context["outline_json"] = json.dumps(outline, separators=(",", ":"))
    context["districts_json"] = json.dumps(districts, ensure_ascii=False, separators=(",", ":"))
    return context
