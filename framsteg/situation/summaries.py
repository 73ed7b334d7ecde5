"""The picture's summaries (`WeekCount`, `PlaceWeek`, `HotCell`): sums of the included incidents that the
weekly picture and the hot spots read instead of the incidents themselves.

They are derived data, never edited: whatever changes an incident (a report, a change, a review, an import,
a resident's report taken into the picture) tells `changed` what it touched — the incident's week and map
cell before and after — in the same transaction, and the summaries of those weeks (and, for the hot spots,
the four weeks after, whose window they fall in) are computed again from the incidents. A change of the
named places computes the place summaries again (`refresh_places`). Nothing is added or subtracted, so a
summary cannot drift from the incidents; `differences` compares them all the same, and `rebuild` computes
everything again (`framsteg refresh-situation-summaries`).

Many changes in one transaction (an import) are gathered with `batch()` and computed once at its end.
Refreshes are serialised by a transaction-level lock on PostgreSQL, so that two transactions never write
the same week's rows from different snapshots; SQLite serialises its writers anyway.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction

from framsteg.situation import grid

WINDOW_WEEKS = 5  # the hot spots' window: a week and the four before it (`selectors.hotspots`)
MIN_WEEKS = 3
MIN_EVENTS_THIS_WEEK = 5
FEW_CELLS = 200  # up to this many changed cells, only their hot-cell rows are computed again
LOCK_KEY = 727_011  # the advisory lock that serialises refreshes (PostgreSQL)
INCLUDED = "included"
FLOAT = "CAST(%s AS DOUBLE PRECISION)"

Cell = tuple[int, int, int]  # (metres, row, column)


@dataclass
class Footprint:
    """What an incident touches in the summaries: its week, and its map cell when it has one."""

    week: datetime.date
    cell: Cell | None


@dataclass
class _Pending:
    weeks: set[datetime.date] = field(default_factory=set)
    cells: set[Cell] = field(default_factory=set)

    def add(self, footprint: Footprint) -> None:
        self.weeks.add(footprint.week)
        if footprint.cell is not None:
            self.cells.add(footprint.cell)


_pending: contextvars.ContextVar[_Pending | None] = contextvars.ContextVar("summaries", default=None)


def footprint(incident) -> Footprint:
    cell = None
    if incident.cell_row is not None and incident.cell_column is not None and incident.cell_metres:
        cell = (int(incident.cell_metres), int(incident.cell_row), int(incident.cell_column))
    return Footprint(incident.week, cell)


def changed(*footprints: Footprint | None) -> None:
    """Incidents with these footprints (before and after a change) changed: compute their summaries again
    now, or at the end of the enclosing `batch()`. Call inside the transaction that changed them."""
    pending = _pending.get()
    gathered = pending if pending is not None else _Pending()
    for found in footprints:
        if found is not None:
            gathered.add(found)
    if pending is None:
        refresh(gathered.weeks, gathered.cells)


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Gather the changes made inside and compute the summaries once, at the end (in the same transaction
    as the changes when the caller's `transaction.atomic()` encloses this)."""
    if _pending.get() is not None:  # an enclosing batch computes them
        yield
        return
    pending = _Pending()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending.weeks:
        refresh(pending.weeks, pending.cells)


# The statements ---------------------------------------------------------------------------------------


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _tables():
    from framsteg.situation.models import HotCell, Incident, NamedPlace, PlaceWeek, WeekCount

    return {
        "incident": _table(Incident),
        "week_count": _table(WeekCount),
        "place_week": _table(PlaceWeek),
        "hot_cell": _table(HotCell),
        "place": _table(NamedPlace),
    }


def _in(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def _lock(cursor) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def near_cells(places) -> list[tuple]:
    """For each place, the cells of `grid.JOIN_CELL_METRES` its circle touches, each with the place's id,
    point and radius² (in degrees of latitude): the events of those cells are then checked by distance."""
    scale = math.cos(math.radians(grid.reference_latitude()))
    near = []
    for place in places:
        radius = place.radius_m / grid.METRES_PER_DEGREE_LATITUDE
        reach = radius / scale
        low_row, low_col = grid.cell_of(
            place.latitude - radius, place.longitude - reach, grid.JOIN_CELL_METRES
        )
        high_row, high_col = grid.cell_of(
            place.latitude + radius, place.longitude + reach, grid.JOIN_CELL_METRES
        )
        for row in range(low_row, high_row + 1):
            for column in range(low_col, high_col + 1):
                near.append((place.pk, row, column, place.latitude, place.longitude, radius * radius))
    return near


def near_cell_cte(near: list[tuple]) -> tuple[str, list]:
    """A `near_cell (place_id, cell_row, cell_column, place_latitude, place_longitude, radius2)` common
    table expression of `near_cells`'s rows, and its parameters."""
    head = "near_cell (place_id, cell_row, cell_column, place_latitude, place_longitude, radius2) AS "
    if connection.vendor == "postgresql":
        # Six arrays as literals rather than six parameters a row: psycopg would dump each number alone.
        arrays = ", ".join(["CAST(%s AS INTEGER[])"] * 3 + ["CAST(%s AS DOUBLE PRECISION[])"] * 3)
        params = ["{" + ",".join(map(repr, (row[column] for row in near))) + "}" for column in range(6)]
        return f"{head}(SELECT * FROM unnest({arrays}))", params
    # The first row gives the columns their types.
    first = "(" + ", ".join(["CAST(%s AS INTEGER)"] * 3 + ["CAST(%s AS DOUBLE PRECISION)"] * 3) + ")"
    rest = ", (%s, %s, %s, %s, %s, %s)" * (len(near) - 1)
    return f"{head}(VALUES {first}{rest})", [value for row in near for value in row]


def near_distance_sql(incident: str = "incident") -> str:
    """The condition that an event of the join cell is within the place's radius (one parameter: the
    squared cosine of the reference latitude)."""
    return (
        f"({incident}.latitude - near_cell.place_latitude) * ({incident}.latitude - near_cell.place_latitude)"
        f" + ({incident}.longitude - near_cell.place_longitude)"
        f" * ({incident}.longitude - near_cell.place_longitude) * {FLOAT} <= near_cell.radius2"
    )


def distance_scale() -> float:
    scale = math.cos(math.radians(grid.reference_latitude()))
    return scale * scale


def _clear(cursor, table: str, weeks: list[datetime.date] | None, column: str = "week") -> tuple[str, list]:
    """Delete the table's rows of the weeks (all of them for None); returns the condition and parameters
    that select the incidents of those weeks (by `column`)."""
    if weeks is None:
        cursor.execute(f"DELETE FROM {table}")
        return "", []
    cursor.execute(f"DELETE FROM {table} WHERE week IN ({_in(weeks)})", weeks)
    return f" AND {column} IN ({_in(weeks)})", list(weeks)


def _week_counts(cursor, weeks: list[datetime.date] | None) -> None:
    t = _tables()
    where, params = _clear(cursor, t["week_count"], weeks)
    cursor.execute(
        f"""INSERT INTO {t["week_count"]} (week, category_id, district_id, area_id, events)
        SELECT week, category_id, district_id, area_id, SUM(events) FROM {t["incident"]}
        WHERE status = %s{where}
        GROUP BY week, category_id, district_id, area_id""",
        [INCLUDED, *params],
    )


def _active_places() -> list:
    from framsteg.situation.models import NamedPlace

    return list(NamedPlace.objects.filter(is_active=True).only("pk", "latitude", "longitude", "radius_m"))


def _place_weeks(cursor, weeks: list[datetime.date] | None, places: list | None = None) -> None:
    t = _tables()
    where, params = _clear(cursor, t["place_week"], weeks, "incident.week")
    places = _active_places() if places is None else places
    if not places:
        return
    cte, cte_params = near_cell_cte(near_cells(places))
    ids = [place.pk for place in places]
    columns = "incident.week, incident.category_id, incident.district_id, incident.area_id, incident.events"
    cursor.execute(
        f"""WITH {cte}
        INSERT INTO {t["place_week"]} (week, place_id, category_id, district_id, area_id, events)
        SELECT week, place_id, category_id, district_id, area_id, SUM(events) FROM (
            SELECT incident.named_place_id AS place_id, {columns}
            FROM {t["incident"]} AS incident
            WHERE incident.status = %s AND incident.named_place_id IN ({_in(ids)}){where}
            UNION ALL
            SELECT near_cell.place_id, {columns}
            FROM {t["incident"]} AS incident JOIN near_cell
              ON incident.join_row = near_cell.cell_row AND incident.join_column = near_cell.cell_column
            WHERE incident.status = %s{where}
              AND (incident.named_place_id IS NULL OR incident.named_place_id <> near_cell.place_id)
              AND {near_distance_sql()}
        ) AS matched
        GROUP BY week, place_id, category_id, district_id, area_id""",
        [*cte_params, INCLUDED, *ids, *params, INCLUDED, *params, distance_scale()],
    )


def _hot_cells(cursor, weeks: list[datetime.date] | None, cells: list[Cell] | None) -> None:
    """The cells that meet the rule in the windows ending with `weeks` (every week with an included event,
    and the four after it, when None), only `cells` when given, in the municipality, each kommundel and
    each RegSO area."""
    t = _tables()
    if weeks is None:
        cursor.execute(f"DELETE FROM {t['hot_cell']}")
        cursor.execute(f"SELECT DISTINCT week FROM {t['incident']} WHERE status = %s", [INCLUDED])
        found = {_as_date(row[0]) for row in cursor.fetchall()}
        weeks = sorted({week + datetime.timedelta(weeks=k) for week in found for k in range(WINDOW_WEEKS)})
        if not weeks:
            return
    cell_sql, cell_params = "", []
    if cells is not None:
        if not cells:
            return
        cell_sql = (
            " AND ("
            + " OR ".join(["(cell_row = %s AND cell_column = %s AND cell_metres = %s)"] * len(cells))
            + ")"
        )
        cell_params = [value for metres, row, column in cells for value in (row, column, metres)]
    # Delete what is there, a chunk of weeks at a time, then compute each chunk's windows in one statement:
    # the target weeks joined to the events of their windows.
    for start in range(0, len(weeks), 100):
        chunk = weeks[start : start + 100]
        cursor.execute(
            f"DELETE FROM {t['hot_cell']} WHERE week IN ({_in(chunk)}){cell_sql}", [*chunk, *cell_params]
        )
        first = [week - datetime.timedelta(weeks=WINDOW_WEEKS - 1) for week in chunk]
        values = ", ".join(["(%s, %s)"] * len(chunk))
        if connection.vendor == "postgresql":
            values = "(CAST(%s AS DATE), CAST(%s AS DATE))" + ", (%s, %s)" * (len(chunk) - 1)
        target_params = [value for pair in zip(chunk, first, strict=True) for value in pair]
        branches = []
        for kind, scope in ((0, "0"), (1, "incident.district_id"), (2, "incident.area_id")):
            not_null = "" if kind == 0 else f" AND {scope} IS NOT NULL"
            branches.append(
                f"""SELECT target.week, {kind} AS kind, {scope} AS scope_id,
                    cell_metres, cell_row, cell_column,
                    COUNT(DISTINCT incident.week) AS weeks,
                    SUM(CASE WHEN incident.week = target.week THEN events ELSE 0 END) AS this_week,
                    SUM(CASE WHEN incident.week < target.week THEN events ELSE 0 END) AS earlier
                FROM target JOIN {t["incident"]} AS incident
                  ON incident.week >= target.first AND incident.week <= target.week
                WHERE incident.status = %s AND incident.named_place_id IS NULL
                  AND incident.cell_row IS NOT NULL{not_null}{cell_sql}
                GROUP BY target.week, {"" if kind == 0 else scope + ", "}cell_metres, cell_row, cell_column"""
            )
        cursor.execute(
            f"""WITH target (week, first) AS (VALUES {values})
            INSERT INTO {t["hot_cell"]}
                (week, kind, scope_id, cell_metres, cell_row, cell_column, weeks, this_week, earlier)
            SELECT week, kind, scope_id, cell_metres, cell_row, cell_column, weeks, this_week, earlier FROM (
                {" UNION ALL ".join(branches)}
            ) AS per_cell
            WHERE weeks >= %s OR this_week >= %s""",
            [
                *target_params,
                *[value for _kind in range(3) for value in (INCLUDED, *cell_params)],
                MIN_WEEKS,
                MIN_EVENTS_THIS_WEEK,
            ],
        )


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def refresh(weeks: Iterable[datetime.date], cells: Iterable[Cell] = ()) -> None:
    """Compute the summaries of these weeks again: their counts and place counts, and the hot cells of the
    windows they fall in (only `cells`'s rows when few cells changed; a change without a cell changes no
    hot cell)."""
    weeks = sorted(set(weeks))
    if not weeks:
        return
    cells = sorted(set(cells))
    windows = sorted({week + datetime.timedelta(weeks=k) for week in weeks for k in range(WINDOW_WEEKS)})
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        _week_counts(cursor, weeks)
        _place_weeks(cursor, weeks)
        if cells:
            _hot_cells(cursor, windows, cells if len(cells) <= FEW_CELLS else None)


def refresh_places() -> None:
    """The named places changed (added, moved, resized, switched on or off): compute their counts again."""
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        _place_weeks(cursor, None)


def rebuild(places: list | None = None) -> None:
    """Compute every summary again from the incidents (`places`: the active named places, when the caller
    has them, as a migration does)."""
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        _week_counts(cursor, None)
        _place_weeks(cursor, None, places)
        _hot_cells(cursor, None, None)


# The check --------------------------------------------------------------------------------------------


def _rows(model, fields: list[str]) -> dict[tuple, int]:
    """The events of each key (every field but the last, `events`)."""
    found: dict[tuple, int] = {}
    for *key, events in model.objects.values_list(*fields):
        key = tuple(_as_date(value) if index == 0 else value for index, value in enumerate(key))
        found[key] = found.get(key, 0) + events
    return found


def _snapshot() -> dict[str, dict]:
    from framsteg.situation.models import HotCell, PlaceWeek, WeekCount

    hot: dict[tuple, tuple] = {}
    for row in HotCell.objects.values_list(
        "week", "kind", "scope_id", "cell_metres", "cell_row", "cell_column", "weeks", "this_week", "earlier"
    ):
        key = (_as_date(row[0]), *row[1:6])
        if key in hot:
            hot[key] = ("duplicate",)
        else:
            hot[key] = tuple(row[6:])
    return {
        "week counts": _rows(WeekCount, ["week", "category_id", "district_id", "area_id", "events"]),
        "place counts": _rows(
            PlaceWeek, ["week", "place_id", "category_id", "district_id", "area_id", "events"]
        ),
        "hot cells": hot,
    }


def differences(limit: int = 20) -> list[str]:
    """What the stored summaries hold that computing them again from the incidents would not (at most
    `limit` lines; empty when they agree). Computes them again inside a transaction it rolls back."""
    stored = _snapshot()
    found: list[str] = []
    try:
        with transaction.atomic():
            rebuild()
            computed = _snapshot()
            raise _RollBack
    except _RollBack:
        pass
    for name, rows in stored.items():
        expected = computed[name]
        for key in sorted(set(rows) | set(expected), key=repr):
            if rows.get(key) != expected.get(key):
                found.append(f"{name} {key}: stored {rows.get(key)}, computed {expected.get(key)}")
                if len(found) >= limit:
                    return found
    return found


class _RollBack(Exception):
    pass
