"""Submit many residents' reports at once to a real server and check that none was lost.

Starts gunicorn on a fresh PostgreSQL database loaded with the Botkyrka data, then sends BENCH_CASES
reports (default 10,000) from BENCH_CLIENTS concurrent clients (default 40), half through the residents'
web form (fetching the form first for its CSRF token, as a browser does) and half through Open311 POST
with an API key. Prints throughput and p50/p99 latency per channel, then compares every reference the
server acknowledged with what is in the database.

    make bench-cases                 # or: .venv/bin/python bench/cases.py
    BENCH_CASES=2000 BENCH_CLIENTS=20 .venv/bin/python bench/cases.py

Needs PostgreSQL (POSTGRES_URL, default postgres://postgres@127.0.0.1:5432) and creates and drops the
database `framsteg_bench`. The rate limits are switched off for the run: every client comes from 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE_URL = f"{POSTGRES}/framsteg_bench"
CASES = int(os.environ.get("BENCH_CASES", "10000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "40"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PROCESSES = min(4, CLIENTS)

SERVER_ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "FRAMSTEG_DEBUG": "0",
    "FRAMSTEG_ALLOWED_HOSTS": "127.0.0.1",
    "FRAMSTEG_DIALOGUE_RATE_LIMIT": "0",
    "FRAMSTEG_DIALOGUE_API_RATE_LIMIT": "0",
    "FRAMSTEG_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "FRAMSTEG_DB_CONN_MAX_AGE": "600",
    "DJANGO_SETTINGS_MODULE": "framsteg.settings",
}
SERVER_ENV.setdefault("FRAMSTEG_VAR_DIR", tempfile.mkdtemp(prefix="framsteg-bench-"))

DESCRIPTIONS = [
    "Gatlampan utanför porten är släckt sedan i söndags.",
    "Stort hål i asfalten på gång- och cykelbanan, lätt att snubbla.",
    "Nedskräpat vid busshållplatsen, soporna har inte tömts.",
    "Klotter på elskåpet vid lekplatsen.",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def framsteg(*args: str) -> str:
    result = subprocess.run(
        [str(BIN / "framsteg"), *args], env=SERVER_ENV, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return result.stdout


def prepare_database() -> tuple[str, int]:
    """A fresh database with the Botkyrka data and an API key; returns the key and the category's id."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS framsteg_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE framsteg_bench")
    framsteg("migrate", "--noinput", "-v0")
    framsteg("load_botkyrka", "-v0")
    output = framsteg("create_api_key", "bench")
    with psycopg.connect(DATABASE_URL) as connection:
        [(category,)] = connection.execute(
            "SELECT id FROM dialogue_category WHERE code = 'gatubelysning'"
        ).fetchall()
    return re.search(r"\bfs_\S+", output).group(0), category


def start_server() -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "framsteg.wsgi",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={WORKERS}",
            "--worker-class=gthread",
            f"--threads={THREADS}",
            "--backlog=2048",
            "--log-level=warning",
        ],
        env=SERVER_ENV,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/open311/v2/services.json")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer")


class Client(threading.local):
    """One keep-alive connection and one cookie jar per thread, like one browser."""

    def connection(self) -> http.client.HTTPConnection:
        if getattr(self, "_connection", None) is None:
            self._connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            self.cookies = {}
        return self._connection

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.connection() and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self._connection.request(method, path, body=body, headers=headers)
            response = self._connection.getresponse()
            content = response.read()
        except (http.client.HTTPException, OSError):
            self._connection.close()
            self._connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, content


CLIENT = Client()


def submit_form(index: int, category: int) -> tuple[str, float, str | None]:
    started = time.perf_counter()
    response, content = CLIENT.request("GET", "/anmal/felanmalan/")
    token = CSRF.search(content.decode()).group(1)
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "category": str(category),
            "q-gatubelysning-lyser": "nej",
            "description": f"{DESCRIPTIONS[index % len(DESCRIPTIONS)]} (nr {index})",
            "place": "Tumba torg",
            "latitude": "59.1995",
            "longitude": "17.8384",
        }
    ).encode()
    response, content = CLIENT.request(
        "POST",
        "/anmal/felanmalan/",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{PORT}/anmal/felanmalan/",
        },
    )
    elapsed = time.perf_counter() - started
    if response.status != 302:
        return "form", elapsed, None
    thanks = response.headers["Location"]
    response, content = CLIENT.request("GET", thanks)
    match = re.search(r"\b(20\d\d-\d{5,})\b", content.decode())
    return "form", elapsed, match.group(1) if match and response.status == 200 else None


def submit_open311(index: int, key: str) -> tuple[str, float, str | None]:
    started = time.perf_counter()
    body = urllib.parse.urlencode(
        {
            "api_key": key,
            "service_code": "gatubelysning",
            "lat": "59.2394",
            "long": "17.8454",
            "description": f"{DESCRIPTIONS[index % len(DESCRIPTIONS)]} (nr {index})",
            "email": f"boende{index}@example.se",
        }
    ).encode()
    response, content = CLIENT.request(
        "POST", "/open311/v2/requests.json", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    elapsed = time.perf_counter() - started
    if response.status != 201:
        return "open311", elapsed, None
    return "open311", elapsed, json.loads(content)[0]["service_request_id"]


def one(args: tuple[int, str, int]) -> tuple[str, float, str | None]:
    index, key, category = args
    try:
        return submit_form(index, category) if index % 2 else submit_open311(index, key)
    except Exception as error:  # counted as a failure, never as an acknowledgement
        return ("form" if index % 2 else "open311"), 0.0, f"error:{error.__class__.__name__}"


def client_process(arguments: tuple[list[int], str, int, int]) -> list[tuple[str, float, str | None]]:
    indexes, key, category, threads = arguments
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, [(index, key, category) for index in indexes]))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def stored_references() -> set[str]:
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        rows = connection.execute("SELECT year, number FROM dialogue_case").fetchall()
    return {f"{year}-{number:05d}" for year, number in rows}


def main() -> None:
    key, category = prepare_database()
    server = start_server()
    try:
        chunks = [list(range(CASES))[process::PROCESSES] for process in range(PROCESSES)]
        threads = CLIENTS // PROCESSES
        started = time.perf_counter()
        with Pool(PROCESSES) as pool:
            results = [
                row
                for chunk in pool.map(client_process, [(c, key, category, threads) for c in chunks])
                for row in chunk
            ]
        wall = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    acknowledged = [ref for _, _, ref in results if ref and not ref.startswith("error:")]
    failures = len(results) - len(acknowledged)
    print(f"{CASES} reports from {CLIENTS} clients, gunicorn {WORKERS}×{THREADS} threads, PostgreSQL")
    print(f"wall time {wall:.1f} s, throughput {len(acknowledged) / wall:.0f} reports/s, failures {failures}")
    for channel in ("form", "open311"):
        timings = [t * 1000 for c, t, ref in results if c == channel and ref and not ref.startswith("error:")]
        if timings:
            print(
                f"  {channel:<8} {len(timings):>6} acknowledged  p50 {statistics.median(timings):6.1f} ms"
                f"  p99 {percentile(timings, 0.99):6.1f} ms  max {max(timings):6.1f} ms"
            )
    stored = stored_references()
    missing = set(acknowledged) - stored
    print(
        f"acknowledged {len(acknowledged)}, distinct {len(set(acknowledged))}, in the database {len(stored)}"
    )
    print(f"acknowledged but missing from the database: {len(missing)}")
    if missing or len(set(acknowledged)) != len(acknowledged):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
