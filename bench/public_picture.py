"""Time the public summary of the situation picture (/lagesbild/) over many incident reports.

Creates the PostgreSQL database `framsteg_bench_picture` (dropped afterwards), loads Botkyrka's districts and
event types, writes BENCH_INCIDENTS synthetic incident reports (default 1,000,000) spread over five years,
districts, event types and statuses with one INSERT … SELECT, then asks the page, the CSV and the selector
BENCH_ROUNDS times each (default 30) and prints p50 and p95 server time and the number of queries.

    .venv/bin/python bench/public_picture.py
    BENCH_INCIDENTS=100000 .venv/bin/python bench/public_picture.py

Needs PostgreSQL (POSTGRES_URL, default postgres://postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
NAME = "framsteg_bench_picture"
INCIDENTS = int(os.environ.get("BENCH_INCIDENTS", "1000000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def psql(command: str) -> None:
    subprocess.run(["psql", POSTGRES + "/postgres", "-q", "-c", command], check=True)


def main() -> None:
    psql(f"DROP DATABASE IF EXISTS {NAME}")
    psql(f"CREATE DATABASE {NAME}")
    os.environ["DATABASE_URL"] = f"{POSTGRES}/{NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "framsteg.settings")
    sys.path.insert(0, str(ROOT))
    try:
        run()
    finally:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {NAME}")


def run() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from framsteg.organisations.models import Organisation
    from framsteg.places.models import District
    from framsteg.situation.models import IncidentCategory
    from framsteg.situation.selectors.public import public_actions, public_picture
    from framsteg.situation.services.loading import load_situation

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    for name in ("Alby", "Fittja", "Hallunda-Norsborg", "Tullinge", "Tumba", "Vårsta-Grödinge"):
        District.objects.get_or_create(
            name=name, defaults={"slug": name.lower(), "latitude": 59.2, "longitude": 17.8}
        )
    load_situation(ROOT / "data" / "botkyrka")
    police = Organisation.objects.create(name="Polisen", slug="polisen", kind="partner")
    housing = Organisation.objects.create(name="Botkyrkabyggen", slug="botkyrkabyggen", kind="company")
    leaves = list(IncidentCategory.objects.filter(children__isnull=True).values_list("pk", flat=True))
    districts = list(District.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO situation_incident (
                category_id, organisation_id, source, external_id, place_text, setting, district_id,
                occurred_at, time_known, week, weekday, hour, events, description, assessment, status,
                review_note, created_at, updated_at
            )
            SELECT
                (%(leaves)s::int[])[1 + n %% cardinality(%(leaves)s::int[])],
                CASE WHEN n %% 2 = 0 THEN %(police)s ELSE %(housing)s END,
                'form', '', '', 'public',
                (%(districts)s::int[])[1 + (n / 7) %% cardinality(%(districts)s::int[])],
                at, true,
                date_trunc('week', at)::date, extract(isodow FROM at)::int - 1, extract(hour FROM at)::int,
                1 + n %% 3, '', '',
                CASE WHEN n %% 10 = 0 THEN 'reported' WHEN n %% 10 = 1 THEN 'rejected' ELSE 'included' END,
                '', at, at
            FROM (
                SELECT n, now() - (n::double precision / %(count)s) * interval '1826 days' AS at
                FROM generate_series(1, %(count)s) AS n
            ) AS spread
            """,
            {
                "leaves": leaves,
                "districts": districts,
                "police": police.pk,
                "housing": housing.pk,
                "count": INCIDENTS,
            },
        )
        cursor.execute("ANALYZE situation_incident")
    print(f"{INCIDENTS:,} incidents written in {time.perf_counter() - started:.1f} s")

    def measure(label: str, function) -> None:
        function()  # warm up
        timings = []
        with CaptureQueriesContext(connection) as queries:
            function()
        for _round in range(ROUNDS):
            started = time.perf_counter()
            function()
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
        print(
            f"{label:<28} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
            f"{len(queries.captured_queries)} queries"
        )

    client = Client()
    for path in ("/lagesbild/", "/lagesbild/veckor.csv"):
        status = client.get(path).status_code
        assert status == 200, (path, status)
    picture = public_picture()
    print("events in the weeks shown:", sum(count.value for row in picture.groups for count in row.counts))
    with connection.cursor() as cursor:
        weeks = picture.weeks
        cursor.execute(
            "EXPLAIN ANALYZE SELECT district_id, week, category_id, organisation_id, source, SUM(events) "
            "FROM situation_incident "
            "WHERE status = 'included' AND week BETWEEN %s AND %s GROUP BY 1, 2, 3, 4, 5",
            [weeks[0], weeks[-1]],
        )
        print("\n".join(row[0] for row in cursor.fetchall()))
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(public_picture)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    measure("public_picture()", public_picture)
    measure("public_actions()", public_actions)
    measure("GET /lagesbild/", lambda: client.get("/lagesbild/"))
    measure("GET /lagesbild/veckor.csv", lambda: client.get("/lagesbild/veckor.csv"))


if __name__ == "__main__":
    main()
