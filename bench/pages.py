"""Time the main pages and API endpoints on the bundled Botkyrka plan.

Run with `make bench`. Uses a throw-away SQLite database (or DATABASE_URL) and Django's test client, so it
measures the application (views, queries, templates), not a network. Prints the median and 95th percentile
of repeated requests and the number of database queries per request.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FRAMSTEG_VAR_DIR", tempfile.mkdtemp(prefix="framsteg-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "framsteg.settings")
os.environ.setdefault("FRAMSTEG_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "50"))


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_botkyrka", verbosity=0)
    print(f"load-botkyrka (5 documents): {(time.perf_counter() - started) * 1000:.0f} ms")
    from framsteg.steering.models import Area, Commitment, SteeringDocument

    platform = SteeringDocument.objects.get(kind="platform")
    area = Area.objects.filter(document=platform).first()
    commitment = Commitment.objects.filter(document=platform).first()
    paths = [
        "/",
        area.get_absolute_url(),
        commitment.get_absolute_url(),
        platform.get_absolute_url(),
        "/sok/?q=skola",
        "/api/v1/commitments",
        f"/api/v1/commitments/{commitment.pk}",
    ]
    client = Client()
    print(f"{'path':<45} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for path in paths:
        timings = []
        for _ in range(REPEAT):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{path[:45]:<45} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(queries):>8}")


if __name__ == "__main__":
    main()
