"""The grid the picture counts positions on, and each incident's cells in it.

A cell is `metres` of latitude high and as many metres wide at the municipality's middle latitude, so its
width in degrees of longitude is one constant for the whole map: the cell a position falls in is
(floor(latitude / height), floor(longitude / width)). An incident stores its cells when it is saved
(`Incident.derive_cells`), so that the map, the hot spots and their benchmark group stored integers instead
of computing each event's cell in every query:

- its map cell: about `PUBLIC_CELL_METRES` (100) at a public place, `SEMI_PUBLIC_CELL_METRES` (250, block
  level) at a semi-public one (stairwell, cellar, garage);
- its join cell: about `JOIN_CELL_METRES` (200), on which events are matched to the named places' radii.

The middle latitude comes from the municipality's outline; `framsteg recompute-incident-cells` stores the
cells again should the outline change.
"""

from __future__ import annotations

import math
from functools import cache

PUBLIC_CELL_METRES = 100
SEMI_PUBLIC_CELL_METRES = 250
JOIN_CELL_METRES = 200
METRES_PER_DEGREE_LATITUDE = 111_320
FALLBACK_LATITUDE = 59.2  # Botkyrka's middle, when the outline cannot be read
SEMI_PUBLIC = "semi_public"  # NamedPlace.Setting.SEMI_PUBLIC


@cache
def reference_latitude() -> float:
    """The municipality's middle latitude, at which a cell is as wide as it is high."""
    from framsteg.places.geo import municipality_outline

    try:
        latitudes = [point[1] for polygon in municipality_outline() for point in polygon[0]]
    except (OSError, ValueError, KeyError):
        latitudes = []
    return (min(latitudes) + max(latitudes)) / 2 if latitudes else FALLBACK_LATITUDE


@cache
def steps(metres: int) -> tuple[float, float]:
    """A cell's height and width in degrees (latitude, longitude) for a cell of about `metres` metres."""
    latitude_step = metres / METRES_PER_DEGREE_LATITUDE
    return latitude_step, latitude_step / math.cos(math.radians(reference_latitude()))


def cell_of(latitude: float, longitude: float, metres: int) -> tuple[int, int]:
    """The (row, column) of the cell a position falls in."""
    latitude_step, longitude_step = steps(metres)
    return math.floor(latitude / latitude_step), math.floor(longitude / longitude_step)


def cell_metres(setting: str) -> int:
    """The map cell's size for an event at a place of this kind."""
    return SEMI_PUBLIC_CELL_METRES if setting == SEMI_PUBLIC else PUBLIC_CELL_METRES


def cells(latitude: float | None, longitude: float | None, setting: str) -> dict[str, int | None]:
    """An incident's stored cells: its map cell (size, row, column) and its join cell (row, column); all
    None without a position."""
    if latitude is None or longitude is None:
        return dict.fromkeys(("cell_metres", "cell_row", "cell_column", "join_row", "join_column"))
    metres = cell_metres(setting)
    row, column = cell_of(latitude, longitude, metres)
    join_row, join_column = cell_of(latitude, longitude, JOIN_CELL_METRES)
    return {
        "cell_metres": metres,
        "cell_row": row,
        "cell_column": column,
        "join_row": join_row,
        "join_column": join_column,
    }
