"""Reports sent while a worker is killed and the database is cut off: no 500, none lost, none doubled.

The same run as `bench/reliability.py` (which sends 1,000 reports from 20 clients against the Botkyrka data),
at a small scale: 50 reports from 5 clients to gunicorn with two workers, one worker killed, the database cut
off for 3 s through a TCP proxy the test controls. Needs PostgreSQL (run the suite with DATABASE_URL pointing
at it, as `make test-postgres` and CI do); on SQLite it is skipped. Nothing here is timed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection

from framsteg.dialogue.services.apikeys import create_key
from tests.dialogue import factories

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]

BENCH = Path(__file__).resolve().parents[2] / "bench" / "reliability.py"
REPORTS = 50


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_reliability", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the reliability run needs PostgreSQL: set DATABASE_URL to a PostgreSQL database")
    if not (Path(sys.executable).parent / "gunicorn").exists():
        pytest.fail("gunicorn is a dependency and must be installed next to Python")


def test_reports_survive_a_killed_worker_and_a_database_outage(postgresql, tmp_path):
    reliability = load_bench()
    factories.make_districts()
    category = factories.make_category()
    factories.make_question(category, code="antal", required=True)
    _key, api_key = create_key("Tillförlitlighetsprovet")

    database = connection.settings_dict
    proxy = reliability.Proxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))).start()
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    url = f"postgres://{credentials}@127.0.0.1:{proxy.port}/{database['NAME']}"
    port = reliability.free_port()
    server = reliability.start_server(reliability.server_environment(url, str(tmp_path)), port, 2, 2)
    chaos = reliability.Chaos(kills=(0.3,), outage_at=0.5, outage_seconds=3)
    try:
        stats, wall = reliability.run_load(
            port=port,
            master=server.pid,
            proxy=proxy,
            total=REPORTS,
            clients=5,
            api_key=api_key,
            category=category.pk,
            chaos=chaos,
            form_extra={"q-gatubelysning-antal": "2"},
            open311_extra={"attribute[antal]": "2"},
        )
    finally:
        reliability.stop_server(server)
        proxy.stop()
    with connection.cursor() as cursor:
        cursor.execute(reliability.STORED_SQL)
        rows = cursor.fetchall()
    verdict = reliability.verify(stats, REPORTS, rows)
    lines: list[str] = []
    reliability.report(stats, verdict, wall, chaos, clients=5, print_=lines.append)
    summary = "\n".join(lines)

    events = " | ".join(chaos.events)
    assert "killed (SIGKILL)" in events, summary
    assert "database cut off" in events, summary
    assert "database reachable again" in events, summary
    assert "skipped" not in events, summary
    # The outage was met: some answers were 503, and each was clean (Retry-After, the right format).
    assert stats.statuses["open311 503"] + stats.statuses["form 503"] + stats.statuses["form-page 503"] > 0, (
        summary
    )
    # no 500, no unclean 503, no unexpected status
    assert verdict.failed_answers == [], summary
    # every report got through in the end
    assert verdict.acknowledged == REPORTS, summary
    # acknowledged = stored
    assert verdict.lost == [], summary
    # retries with the idempotency key (or the form token) made no second case
    assert verdict.duplicates == 0, summary
    # nothing half-written
    assert verdict.partial == 0, summary
    assert verdict.stored == REPORTS, summary
