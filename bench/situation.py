"""Time the weekly situation picture, its map layer and its hot spots on 100,000 and 1,000,000 incidents.

    make bench-situation            # or: .venv/bin/python bench/situation.py
    BENCH_PAIRS=100 BENCH_SIZES=100000 .venv/bin/python bench/situation.py
    BENCH_KEEP=1 ...; BENCH_REUSE=1 BENCH_SIZES=1000000 BENCH_EXPLAIN=1 ...   # keep, then look again

Needs PostgreSQL (POSTGRES_URL, default postgres://postgres@127.0.0.1:5432); creates and drops the database
`framsteg_bench_situation`. Loads Botkyrka's districts, statistical areas (RegSO), event types and
organisations, adds named places (a third of them marked as hot spots), then generates synthetic incident
reports over five years with COPY: skewed towards some areas (Zipf-like weights over the RegSO areas), a few
hot spots that get a share of the events, the evening and the weekend, summer and autumn; a quarter at
semi-public places, some without a position (a district named only), most of them included in the picture.
It computes the picture's summaries (`framsteg.situation.summaries`) and runs VACUUM ANALYZE, sets the
loaded objects aside from the garbage collector as the server does (`framsteg.core.startup`), then times,
in-process (server time: the Python and the database, no network), for BENCH_PAIRS random (area, week)
pairs — the whole municipality, a district, a RegSO area or a named place, any week of the five years —
the weekly picture (`framsteg.situation.selectors.picture.weekly_picture`,
when it is there), the map layer (clusters and their GeoJSON) and the hot spots, and prints p50, p95 and the
maximum per size, then the query plans of the slowest calls with BENCH_EXPLAIN=1, and what computing the
summaries again adds to a change of one incident.

Every figure is from synthetic data; nothing here is a real event.
"""

from __future__ import annotations

import datetime
import io
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = "framsteg_bench_situation"
os.environ["DATABASE_URL"] = f"{POSTGRES}/{DATABASE}"
os.environ.setdefault("FRAMSTEG_VAR_DIR", tempfile.mkdtemp(prefix="framsteg-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "framsteg.settings")
os.environ.setdefault("FRAMSTEG_DEBUG", "0")

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "100000,1000000").split(",")]
PAIRS = int(os.environ.get("BENCH_PAIRS", "300"))
EXPLAIN = os.environ.get("BENCH_EXPLAIN") == "1"
KEEP = os.environ.get("BENCH_KEEP") == "1"  # keep the database afterwards, to look into it
REUSE = os.environ.get("BENCH_REUSE") == "1"  # use the kept database; a size it holds is not loaded again
SEED = 20261207
YEARS = 5
LAST_WEEK = datetime.date(2026, 11, 30)  # a Monday: the newest week with events
FIRST_WEEK = LAST_WEEK - datetime.timedelta(weeks=52 * YEARS - 1)
NAMED_PLACES = 40
HOT_SHARE = 0.12  # of the events at or near a named place marked as a hot spot
NO_POSITION_SHARE = 0.06
SEMI_PUBLIC_SHARE = 0.25
STATUS_WEIGHTS = {"included": 0.86, "reviewed": 0.04, "reported": 0.04, "rejected": 0.06}
HOUR_WEIGHTS = [3, 2, 2, 1, 1, 1, 1, 2, 3, 3, 3, 4, 4, 4, 5, 6, 7, 8, 9, 10, 11, 11, 9, 6]
WEEKDAY_WEIGHTS = [10, 10, 11, 12, 16, 18, 13]
MONTH_WEIGHTS = [7, 7, 8, 8, 9, 10, 10, 10, 9, 10, 8, 7]
COLUMNS = (
    "category_id",
    "organisation_id",
    "source",
    "external_id",
    "named_place_id",
    "place_text",
    "setting",
    "latitude",
    "longitude",
    "district_id",
    "area_id",
    "occurred_at",
    "time_known",
    "week",
    "weekday",
    "hour",
    "events",
    "description",
    "assessment",
    "police_reported",
    "status",
    "review_note",
    "created_at",
    "updated_at",
    "cell_metres",
    "cell_row",
    "cell_column",
    "join_row",
    "join_column",
)


def create_database(*, keep: bool = False) -> None:
    """A new, empty bench database; with `keep`, the kept one when it is there."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        if keep and connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            return
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def prepare() -> dict:
    """Botkyrka's places, event types and organisations; named places; a coordinator. Returns the world."""
    import json

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from framsteg.demo.management.commands.load_botkyrka import Command
    from framsteg.dialogue.services.loading import load_dialogue
    from framsteg.places.models import Area, District
    from framsteg.situation.models import IncidentCategory, NamedPlace
    from framsteg.situation.services.loading import load_situation
    from tests import factories

    call_command("migrate", verbosity=0)
    data_dir = settings.BASE_DIR / "data" / "botkyrka"
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    organisations = Command().load_organisations(manifest["organisations"])
    load_dialogue(data_dir)
    load_situation(data_dir)
    rng = random.Random(SEED)
    areas = list(Area.objects.select_related("district").order_by("code"))
    points = {area.pk: inside_points(area.geometry, rng, 400) for area in areas}
    places = []
    for index in range(NAMED_PLACES):
        area = areas[index % len(areas)]
        latitude, longitude = rng.choice(points[area.pk])
        place, _created = NamedPlace.objects.update_or_create(
            slug=f"plats-{index + 1}",
            defaults={
                "name": f"Plats {index + 1} ({area.name})",
                "setting": "semi_public" if index % 4 == 3 else "public",
                "latitude": latitude,
                "longitude": longitude,
                "radius_m": rng.choice([100, 150, 150, 200, 300]),
                "district": area.district,
                "area": area,
                "is_hot_spot": index % 3 == 0,
            },
        )
        places.append(place)
    leaves = [
        category
        for category in IncidentCategory.objects.filter(is_active=True)
        if not category.children.filter(is_active=True).exists()
    ]
    partners = [organisations[slug] for slug in ("polisen", "botkyrkabyggen") if slug in organisations]
    partners += [organisation for organisation in organisations.values() if organisation not in partners][:2]
    coordinator = get_user_model().objects.filter(username="bench-coordinator").first()
    coordinator = coordinator or factories.make_user(
        "bench-coordinator", organisations["kommunledningsforvaltningen"], ("coordinator",)
    )
    area_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(areas))]
    rng.shuffle(area_weights)
    return {
        "areas": areas,
        "area_weights": area_weights,
        "points": points,
        "places": places,
        "categories": leaves,
        "organisations": partners,
        "districts": list(District.objects.order_by("name")),
        "user": coordinator,
    }


def inside_points(geometry: dict, rng: random.Random, count: int) -> list[tuple[float, float]]:
    """`count` random points inside the polygon (rejection sampling in its bounding box)."""
    from framsteg.places.geo import _polygon_contains, _polygon_rings

    polygons = _polygon_rings(geometry)
    xs = [x for polygon in polygons for x, _y in polygon[0]]
    ys = [y for polygon in polygons for _x, y in polygon[0]]
    found: list[tuple[float, float]] = []
    for _attempt in range(count * 200):
        x, y = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if any(_polygon_contains(polygon, x, y) for polygon in polygons):
            found.append((round(y, 6), round(x, 6)))
            if len(found) == count:
                break
    return found or [(round(sum(ys) / len(ys), 6), round(sum(xs) / len(xs), 6))]


def days(count: int, rng: random.Random) -> list[datetime.date]:
    """`count` days of the five years, weighted by weekday and month, in order: reports arrive over time,
    so a week's rows lie together in the table as they would."""
    total = (LAST_WEEK + datetime.timedelta(days=6) - FIRST_WEEK).days + 1
    day_list = [FIRST_WEEK + datetime.timedelta(days=offset) for offset in range(total)]
    day_weights = [WEEKDAY_WEIGHTS[day.weekday()] * MONTH_WEIGHTS[day.month - 1] for day in day_list]
    return sorted(rng.choices(day_list, weights=day_weights, k=count))


def generate(world: dict, day_choices: list[datetime.date], rng: random.Random) -> io.StringIO:
    """A row for each day given, for COPY, tab-separated, as PostgreSQL's text format reads them."""
    from zoneinfo import ZoneInfo

    from framsteg.situation import grid
    from framsteg.situation.models import CELL_FIELDS

    zone = ZoneInfo("Europe/Stockholm")
    count = len(day_choices)
    areas = world["areas"]
    area_weights = world["area_weights"]
    hot_places = [place for place in world["places"] if place.is_hot_spot]
    categories = world["categories"]
    category_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(categories))]
    statuses, status_weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    organisations = world["organisations"]
    now = "2026-12-06 12:00:00+00"
    out = io.StringIO()
    write = out.write
    area_choices = rng.choices(areas, weights=area_weights, k=count)
    hour_choices = rng.choices(range(24), weights=HOUR_WEIGHTS, k=count)
    category_choices = rng.choices(categories, weights=category_weights, k=count)
    status_choices = rng.choices(statuses, weights=status_weights, k=count)
    for index in range(count):
        area = area_choices[index]
        named_place = None
        setting = "semi_public" if rng.random() < SEMI_PUBLIC_SHARE else "public"
        roll = rng.random()
        if roll < HOT_SHARE and hot_places:
            place = rng.choice(hot_places)
            area = place.area
            if rng.random() < 0.5:
                named_place, setting = place, place.setting
                latitude, longitude = place.latitude, place.longitude
            else:  # near it, not linked: within about 120 m
                latitude = place.latitude + rng.uniform(-0.001, 0.001)
                longitude = place.longitude + rng.uniform(-0.002, 0.002)
        elif roll < HOT_SHARE + NO_POSITION_SHARE:
            latitude = longitude = None
        else:
            latitude, longitude = rng.choice(world["points"][area.pk])
            latitude += rng.gauss(0, 0.0004)
            longitude += rng.gauss(0, 0.0008)
        day = day_choices[index]
        time_known = rng.random() > 0.1
        hour = hour_choices[index]
        local = datetime.datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=zone)
        week = day - datetime.timedelta(days=day.weekday())
        category = category_choices[index]
        organisation = organisations[index % len(organisations)]
        events = 1 if rng.random() < 0.9 else rng.randint(2, 6)
        if latitude is not None:  # as stored, so the cells are those Incident.save would derive
            latitude, longitude = round(latitude, 6), round(longitude, 6)
        cells = grid.cells(latitude, longitude, setting)
        write(
            "\t".join(
                (
                    str(category.pk),
                    str(organisation.pk),
                    "form",
                    "",
                    str(named_place.pk) if named_place else r"\N",
                    area.name if latitude is None else "",
                    setting,
                    r"\N" if latitude is None else f"{latitude:.6f}",
                    r"\N" if longitude is None else f"{longitude:.6f}",
                    str(area.district_id) if area.district_id else r"\N",
                    str(area.pk),
                    local.isoformat(),
                    "t" if time_known else "f",
                    week.isoformat(),
                    str(day.weekday()),
                    str(hour) if time_known else r"\N",
                    str(events),
                    "Syntetisk händelse för mätning.",
                    "",
                    r"\N",
                    status_choices[index],
                    "",
                    now,
                    now,
                    *(r"\N" if cells[name] is None else str(cells[name]) for name in CELL_FIELDS),
                )
            )
        )
        write("\n")
    out.seek(0)
    return out


def load(world: dict, count: int, rng: random.Random) -> float:
    """A table of `count` incidents (emptied first), in the order they happened."""
    from django.db import connection

    started = time.perf_counter()
    batch = 100_000
    done = 0
    ordered = days(count, rng)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE situation_incident RESTART IDENTITY CASCADE")
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        while done < count:
            size = min(batch, count - done)
            data = generate(world, ordered[done : done + size], rng)
            with raw.copy(f"COPY situation_incident ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                copy.write(data.getvalue())
            done += size
    vacuum()
    return time.perf_counter() - started


def summarise(reused: bool) -> float | None:
    """Compute the picture's summaries from the loaded incidents (kept ones when reused); the seconds
    taken, or None when they were kept."""
    from framsteg.situation.models import WeekCount

    try:
        from framsteg.situation import summaries
    except ImportError:  # before the summaries existed
        return None
    if reused and WeekCount.objects.exists():
        return None
    started = time.perf_counter()
    summaries.rebuild()
    vacuum()
    return time.perf_counter() - started


def write_cost(rng: random.Random, count: int = 60) -> tuple[float, float, float]:
    """p50, p95 and the maximum of `summaries.changed` for random incidents, each in a transaction that
    is rolled back."""
    from django.db import transaction

    from framsteg.situation import summaries
    from framsteg.situation.models import Incident

    last = Incident.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    times = []
    while len(times) < count and last:
        incident = Incident.objects.filter(pk__gte=rng.randrange(1, last + 1)).order_by("pk").first()
        started = time.perf_counter()
        try:
            with transaction.atomic():
                summaries.changed(summaries.footprint(incident))
                raise _RolledBack
        except _RolledBack:
            pass
        times.append((time.perf_counter() - started) * 1000)
    vacuum()  # the rolled-back changes left the summaries' pages to be cleaned
    if not times:
        return 0.0, 0.0, 0.0
    return statistics.median(times), percentile(times, 0.95), max(times)


class _RolledBack(Exception):
    pass


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE situation_incident")
        for table in ("situation_weekcount", "situation_placeweek", "situation_hotcell"):
            cursor.execute("SELECT to_regclass(%s)", [table])
            if cursor.fetchone()[0] is not None:
                cursor.execute(f"VACUUM ANALYZE {table}")


def pairs(world: dict, rng: random.Random, count: int):
    """(scope, week) pairs: a tenth the whole municipality, the rest districts, RegSO areas and places."""
    from framsteg.situation.selectors import geo

    try:  # the picture page's own areas, when it is there (the same shape)
        from framsteg.situation.selectors.picture import Scope
    except ImportError:
        Scope = geo.Scope

    weeks = (LAST_WEEK - FIRST_WEEK).days // 7 + 1
    found = []
    for index in range(count):
        week = FIRST_WEEK + datetime.timedelta(weeks=rng.randrange(weeks))
        kind = index % 10
        if kind == 0:
            scope = Scope("all", "", "Botkyrka")
        elif kind <= 3:
            district = rng.choice(world["districts"])
            scope = Scope("district", f"d-{district.slug}", district.name, district=district)
        elif kind <= 7:
            area = rng.choice(world["areas"])
            scope = Scope("area", f"a-{area.code}", area.name, area=area)
        else:
            place = rng.choice(world["places"])
            scope = Scope("place", f"p-{place.slug}", place.name, place=place)
        found.append((scope, week))
    return found


def weekly_picture_call():
    """The picture's own computation, called as it is named, or None while it is not there."""
    try:
        from framsteg.situation.selectors.picture import weekly_picture
    except ImportError:
        return None

    def call(user, week, scope):
        return weekly_picture(week, scope, user=user)

    return call


def measure(world: dict, rng: random.Random) -> dict[str, list[tuple[float, float, str]]]:
    import json

    from django.db import connection, reset_queries

    from framsteg.situation.selectors import geo, hotspots

    user = world["user"]
    picture = weekly_picture_call()

    def map_layer(week, scope):
        layer = geo.map_layer(user, week, scope)
        return json.dumps(layer.geojson(), ensure_ascii=False, separators=(",", ":"))

    jobs = {
        "map layer (GeoJSON)": map_layer,
        "hot spots": lambda week, scope: hotspots.hot_spots(user, week, scope),
    }
    if picture is not None:
        jobs = {"weekly picture": lambda week, scope: picture(user, week, scope), **jobs}
    selected = pairs(world, rng, PAIRS)
    backend = backend_pid(connection)
    # Warm up: the categories, the outline and the statistical areas are read once per process.
    for scope, week in selected[:5]:
        for job in jobs.values():
            job(week, scope)
    timings: dict[str, list[tuple[float, float, str]]] = {name: [] for name in jobs}
    slowest: dict[str, tuple[float, object, object]] = {}
    for scope, week in selected:
        for name, job in jobs.items():
            reset_queries()
            cpu = time.process_time_ns() + backend_cpu_ns(backend)
            started = time.perf_counter()
            job(week, scope)
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (time.process_time_ns() + backend_cpu_ns(backend) - cpu) / 1e6
            timings[name].append((elapsed, cpu, scope.kind))
            if elapsed > slowest.get(name, (0,))[0]:
                slowest[name] = (elapsed, scope, week)
    if "weekly picture" in timings:
        timings["picture + hot spots"] = [
            (a[0] + b[0], a[1] + b[1], a[2])
            for a, b in zip(timings["weekly picture"], timings["hot spots"], strict=True)
        ]
    if EXPLAIN:
        for name, (elapsed, scope, week) in slowest.items():
            print(f"\nslowest {name}: {elapsed:.1f} ms for {scope.name}, {geo.format_week(week)}")
            explain(name, jobs[name], week, scope, connection)
    return timings


def backend_pid(connection) -> int | None:
    """The PostgreSQL server process serving this connection, when it runs on this machine."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return pid if Path(f"/proc/{pid}/schedstat").exists() else None


def backend_cpu_ns(pid: int | None) -> int:
    """Processor time the server process has used, in nanoseconds (Linux's schedstat); 0 when unknown."""
    if pid is None:
        return 0
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def explain(name, job, week, scope, connection) -> None:
    """The plans of the queries the call makes."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        job(week, scope)
    for query in queries.captured_queries:
        if not query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print(f"  [{query['time']} s] {query['sql'][:160]}")
            for (line,) in cursor.fetchall():
                print("    " + line)


def machine_speed() -> float:
    """Milliseconds this machine takes for a fixed piece of pure Python (the best of five): to compare the
    figures of one machine with another's."""
    best = math.inf
    for _attempt in range(5):
        started = time.process_time()
        sum(number * number for number in range(1_000_000))
        best = min(best, time.process_time() - started)
    return best * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    create_database(keep=REUSE)
    import django

    django.setup()
    from django.db import connection

    try:
        world = prepare()
        rng = random.Random(SEED)
        results = []
        writes = []
        for size in sorted(SIZES):
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM situation_incident")
                (held,) = cursor.fetchone()
            reused = REUSE and held == size
            seconds = 0.0 if reused else load(world, size, rng)
            summarised = summarise(reused)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*), count(*) FILTER (WHERE status = 'included') FROM situation_incident"
                )
                total, included = cursor.fetchone()
            print(
                f"{total:,} incidents ({included:,} included) over {YEARS} years, loaded in {seconds:.0f} s"
            )
            if summarised is not None:
                print(f"summaries (week counts, place counts, hot cells) computed in {summarised:.1f} s")
            print(f"load average before timing: {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")
            print(f"machine speed: {machine_speed():.0f} ms for a fixed piece of pure Python (less: faster)")
            with connection.cursor() as cursor:
                cursor.execute("SET max_parallel_workers_per_gather = 0")
            from framsteg.core.startup import settle_long_lived_objects

            settle_long_lived_objects()  # as a server process does once loaded (framsteg/wsgi.py)
            timings = measure(world, random.Random(SEED + size))
            for name, values in timings.items():
                results.append((size, name, values))
            writes.append((size, *write_cost(random.Random(SEED - size))))
        print()
        print(
            f"Synthetic data. Over {PAIRS} random (area, week) pairs, milliseconds, in-process (no network):"
        )
        print(
            "wall = elapsed time; cpu = processor time of this process and of its PostgreSQL server process"
        )
        print("(parallel query off, so the server's work is in that one process), which a busy machine does")
        print("not inflate as it does the elapsed time.")
        print(
            f"{'incidents':>10}  {'computation':<22} {'wall p50':>8} {'p95':>7} {'max':>7}"
            f" {'cpu p50':>8} {'p95':>7} {'max':>7}"
        )
        for size, name, values in results:
            wall = [value[0] for value in values]
            cpu = [value[1] for value in values]
            print(
                f"{size:>10,}  {name:<22} {statistics.median(wall):>8.1f} {percentile(wall, 0.95):>7.1f}"
                f" {max(wall):>7.1f} {statistics.median(cpu):>8.1f} {percentile(cpu, 0.95):>7.1f}"
                f" {max(cpu):>7.1f}"
            )
        print()
        print("Processor time by kind of area (p50 / p95, milliseconds):")
        kinds = ("all", "district", "area", "place")
        print(f"{'incidents':>10}  {'computation':<22} " + " ".join(f"{kind:>15}" for kind in kinds))
        for size, name, values in results:
            cells = []
            for kind in kinds:
                cpu = [value[1] for value in values if value[2] == kind]
                cells.append(f"{statistics.median(cpu):>6.1f} / {percentile(cpu, 0.95):>6.1f}" if cpu else "")
            print(f"{size:>10,}  {name:<22} " + " ".join(f"{cell:>15}" for cell in cells))
        print()
        print("What a change of one incident adds to its transaction: computing the summaries of its week")
        print("(and the hot cells of its cell in the five windows it falls in) again, milliseconds:")
        for size, p50, p95, top in writes:
            print(f"{size:>10,}  {'one incident changed':<22} {p50:>8.1f} {p95:>7.1f} {top:>7.1f}")
        if weekly_picture_call() is None:
            print("(framsteg.situation.selectors.picture.weekly_picture is not there yet: not timed)")
    finally:
        if not KEEP:
            drop_database()


if __name__ == "__main__":
    main()
