"""Time the whole-plan report to the council for a plan of 300 goals and 3,000 commitments with five years of
history, as HTML, Word and PDF.

    make bench-reports            # or: .venv/bin/python bench/reports.py
    BENCH_GOALS=300 BENCH_COMMITMENTS=3000 BENCH_YEARS=5 .venv/bin/python bench/reports.py
    POSTGRES_URL=postgres://postgres@127.0.0.1:5432 BENCH_POSTGRES=1 ...   # on PostgreSQL

Builds a database (SQLite in a temporary directory, or the PostgreSQL database `framsteg_bench_reports`,
created and dropped), with one adopted platform of BENCH_GOALS goals and BENCH_COMMITMENTS commitments,
30 organisations, three follow-up periods a year over BENCH_YEARS years, and for every commitment and period
one or two reports (a tenth of them drafts an owner sent for review, most of those approved, some sent back),
100 indicators with ten years of values and a target, and 5,000 residents' cases of which a third are linked
to a commitment. It then times, in-process (the Python and the database, no network), for the newest period:

- reading the data and building the report's description
  (`framsteg.reports.services.snapshots.build_document`) and rendering it as HTML (the target: 2 s);
- rendering the same description as Word (python-docx) and as a tagged PDF (Typst, at this length)
  (the target: 10 s each, the building included);

and prints the figures, the queries the read took and the size of each output. Every figure is from
synthetic data; nothing here is a real report.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = "framsteg_bench_reports"
ON_POSTGRES = os.environ.get("BENCH_POSTGRES") == "1"
VAR = tempfile.mkdtemp(prefix="framsteg-bench-reports-")
os.environ.setdefault("FRAMSTEG_VAR_DIR", VAR)
if ON_POSTGRES:
    os.environ["DATABASE_URL"] = f"{POSTGRES}/{DATABASE}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{VAR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "framsteg.settings")
os.environ.setdefault("FRAMSTEG_DEBUG", "0")

GOALS = int(os.environ.get("BENCH_GOALS", "300"))
COMMITMENTS = int(os.environ.get("BENCH_COMMITMENTS", "3000"))
YEARS = int(os.environ.get("BENCH_YEARS", "5"))
SEED = 20261207
LAST_YEAR = 2026


def create_database() -> None:
    if not ON_POSTGRES:
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    if not ON_POSTGRES:
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def load() -> None:
    import hashlib

    from django.contrib.auth import get_user_model
    from django.db import models, transaction
    from django.utils import timezone

    from framsteg.dialogue.models import Case
    from framsteg.indicators.models import Indicator, Measurement, Release, Target
    from framsteg.organisations.models import Organisation
    from framsteg.steering.models import (
        Area,
        Commitment,
        DocumentVersion,
        FollowUpPeriod,
        Responsibility,
        Status,
        StatusReview,
        StatusUpdate,
        SteeringDocument,
    )

    generator = random.Random(SEED)
    with transaction.atomic():
        council = Organisation.objects.create(name="Kommunfullmäktige", slug="kf", kind="council")
        organisations = [
            Organisation.objects.create(
                name=f"Förvaltning {n}", slug=f"f{n}", kind="administration", parent=council
            )
            for n in range(30)
        ]
        coordinator = get_user_model().objects.create_user(
            "bench", first_name="Bench", last_name="Samordnare"
        )
        text = "Syntetisk plattform för mätning.\n"
        document = SteeringDocument.objects.create(
            title="Syntetisk plattform", slug="syntetisk", kind="platform", period_start=2023, period_end=2026
        )
        version = DocumentVersion.objects.create(
            document=document,
            number=1,
            text=text,
            format="text",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
        areas = Area.objects.bulk_create(
            Area(
                document=document,
                kind=Area.Kind.TERM_AREA,
                title=f"Mål {n + 1}: syntetiskt mål för mätningen",
                slug=f"mal-{n + 1}",
                position=n + 1,
                created_in=version,
            )
            for n in range(GOALS)
        )
        commitments = Commitment.objects.bulk_create(
            Commitment(
                document=document,
                area=areas[n % GOALS],
                text=f"Syntetiskt åtagande {n + 1}: kommunen ska arbeta vidare med en sak som mäts.",
                position=n // GOALS + 1,
                source_version=version,
                source_start=0,
                source_end=10,
                created_in=version,
                budget_sek=(generator.choice([None] * 9 + [5_000_000])),
            )
            for n in range(COMMITMENTS)
        )
        Responsibility.objects.bulk_create(
            Responsibility(commitment=commitment, organisation=generator.choice(organisations))
            for commitment in commitments
        )
        periods = []
        for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
            for kind, end in (("tertial", (4, 30)), ("interim", (8, 31)), ("annual", (12, 31))):
                periods.append(
                    FollowUpPeriod.objects.create(
                        kind=kind,
                        year=year,
                        starts_on=datetime.date(year, 1, 1),
                        ends_on=datetime.date(year, *end),
                    )
                )
        statuses = list(Status.objects.all())
        updates = []
        moments = []
        for period in periods:
            for commitment in commitments:
                for _ in range(generator.choice((1, 1, 2))):
                    status = generator.choice(statuses)
                    updates.append(
                        StatusUpdate(
                            commitment=commitment,
                            period=period,
                            status=status,
                            progress=generator.randint(0, 100) if status.asks_progress else None,
                            comment=generator.choice(
                                ["", "", "Syntetisk analys: arbetet går vidare enligt plan."]
                            ),
                            reason="Syntetiskt skäl." if status.requires_reason else "",
                            author_name="Syntetisk rapportör",
                            organisation=organisations[0],
                            needs_review=generator.random() < 0.1,
                        )
                    )
                    day = period.ends_on - datetime.timedelta(days=generator.randint(1, 40))
                    moments.append(timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))))
        created = StatusUpdate.objects.bulk_create(updates, batch_size=5000)
        when = {}
        for update, moment in zip(created, moments, strict=True):
            when.setdefault(moment, []).append(update.pk)
        for moment, ids in when.items():
            models.QuerySet.update(StatusUpdate.objects.filter(pk__in=ids), created_at=moment)
        StatusReview.objects.bulk_create(
            StatusReview(
                update=update,
                decision="approved" if generator.random() < 0.8 else "returned",
                decided_by=coordinator,
                decided_by_name="Bench Samordnare",
            )
            for update in created
            if update.needs_review and generator.random() < 0.9
        )
        for n in range(100):
            indicator = Indicator.objects.create(
                name=f"Syntetisk indikator {n + 1}",
                slug=f"ind-{n + 1}",
                unit="%",
                direction="higher",
                source_kind="own",
            )
            indicator.areas.add(areas[n % GOALS])
            indicator.commitments.add(commitments[(n * 7) % COMMITMENTS])
            release = Release.objects.create(
                indicator=indicator,
                label="Syntetisk",
                retrieved_at=timezone.now(),
                is_current=True,
                is_complete=True,
            )
            Measurement.objects.bulk_create(
                Measurement(
                    release=release,
                    indicator=indicator,
                    municipality="0127",
                    gender="T",
                    period=year,
                    value=50 + generator.uniform(-5, 5) + (year - 2016),
                )
                for year in range(2016, 2026)
            )
            Target.objects.create(indicator=indicator, value=70, year=2030)
        cases = Case.objects.bulk_create(
            Case(
                year=LAST_YEAR,
                number=n + 1,
                kind=generator.choice(["feedback", "fault", "safety"]),
                description="Syntetiskt ärende.",
                created_at=timezone.make_aware(
                    datetime.datetime(LAST_YEAR, 1, 1) + datetime.timedelta(days=generator.randint(0, 360))
                ),
            )
            for n in range(5000)
        )
        links = [
            Case.commitments.through(case_id=case.pk, commitment_id=generator.choice(commitments).pk)
            for case in cases[::3]
        ]
        Case.commitments.through.objects.bulk_create(links)
    print(
        f"Loaded {GOALS} goals, {COMMITMENTS} commitments, {len(periods)} periods, "
        f"{len(created)} status updates, 100 indicators, {len(cases)} cases ({len(links)} linked).",
        flush=True,
    )


def main() -> None:
    create_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load()
    print(f"Loading took {time.perf_counter() - started:.1f} s.")
    from framsteg.core import documents
    from framsteg.reports.selectors.council import Scope, find_period
    from framsteg.reports.services.snapshots import build_document

    period = find_period("latest")
    results = []

    def timed(function):
        """Wall-clock and CPU seconds of this process (the machine may be shared: CPU time is what the
        work itself took, the database's included on SQLite)."""
        wall, cpu = time.perf_counter(), time.process_time()
        value = function()
        return value, time.perf_counter() - wall, time.process_time() - cpu

    try:
        with CaptureQueriesContext(connection) as queries:
            document, wall, cpu = timed(lambda: build_document(period, Scope("plan"), built_by="bench"))
        print(
            f"Read and built the description in {wall:.2f} s ({cpu:.2f} s CPU) with {len(queries)} queries "
            f"({documents.count_rows(document)} table rows).",
            flush=True,
        )
        html, wall, cpu = timed(
            lambda: documents.render_html(build_document(period, Scope("plan"), built_by="bench"))
        )
        results.append(("HTML", wall, cpu, len(html.encode())))
        print(f"HTML {wall:.2f} s ({cpu:.2f} s CPU)", flush=True)
        word, wall, cpu = timed(
            lambda: documents.render_docx(build_document(period, Scope("plan"), built_by="bench"))
        )
        results.append(("Word", wall, cpu, len(word)))
        print(f"Word {wall:.2f} s ({cpu:.2f} s CPU)", flush=True)

        def pdf():
            document = build_document(period, Scope("plan"), built_by="bench")
            return documents.render_document_pdf(document, base_url="http://127.0.0.1:8000")

        content, wall, cpu = timed(pdf)
        results.append(("PDF", wall, cpu, len(content)))
    finally:
        drop_database()
    targets = {"HTML": 2.0, "Word": 10.0, "PDF": 10.0}
    print(
        f"\nWhole-plan report, {GOALS} goals, {COMMITMENTS} commitments, {YEARS} years of history, {period}:"
    )
    for name, wall, cpu, size in results:
        verdict = "within" if wall <= targets[name] else "OVER"
        print(
            f"  {name:5} {wall:6.2f} s ({cpu:6.2f} s CPU)  {size / 1024:,.0f} KiB; "
            f"target {targets[name]:.0f} s: {verdict}"
        )


if __name__ == "__main__":
    main()
