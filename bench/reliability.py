"""Send residents' reports while workers die and the database goes away; check none is lost or doubled.

Starts gunicorn (BENCH_WORKERS workers, default 3) on a fresh PostgreSQL database loaded with the Botkyrka
data, reached through a TCP proxy that this script runs and controls. Then BENCH_CLIENTS client threads
(default 20) send BENCH_REPORTS reports (default 1,000), half through Open311 POST with an API key and an
`Idempotency-Key`, half through the residents' web form (fetching the form first for its CSRF token and its
one-time form token, as a browser does). Meanwhile:

- a worker is killed with SIGKILL when 10 % of the reports are done, and another at 70 % (gunicorn starts new
  ones; whatever the killed worker was handling gets no answer);
- at 25 % the database is cut off for BENCH_OUTAGE_SECONDS (default 10): the proxy closes every open
  connection and refuses new ones, then lets them through again. The shared PostgreSQL server itself is never
  stopped or touched.

Clients behave as the product asks them to: an Open311 client sends the same request with the same
Idempotency-Key again after a 503, a 409 or a lost connection; a resident sends the form again, on a 503 from
the page that kept what was typed (its "Send again" form, whose fields are parsed and posted). Clients retry
after at most a second rather than the 30 s of Retry-After, to keep the run short.

At the end the script checks, and exits non-zero unless all hold: every answer was a 2xx (or the form's 302
to its confirmation), a clean 503 (Retry-After, and the Open311 error document or the kept form) or a 409;
no 500; every acknowledged report is stored; no report is stored twice; no case was written partially (each
has its "received" event, each Open311 case its client note); every report was acknowledged in the end.
It prints requests, answers by status, retries, p50/p95 latency, duplicates and lost reports.

    make bench-reliability        # or: .venv/bin/python bench/reliability.py
    BENCH_REPORTS=200 BENCH_CLIENTS=10 .venv/bin/python bench/reliability.py

Needs PostgreSQL (POSTGRES_URL, default postgres://postgres@127.0.0.1:5432) and creates and drops the
database `framsteg_reliability`. The rate limits are switched off for the run: every client is 127.0.0.1.
`tests/dialogue/test_reliability.py` runs the same at a small scale in the test suite.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = os.environ.get("BENCH_DATABASE", "framsteg_reliability")
REPORTS = int(os.environ.get("BENCH_REPORTS", "1000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
OUTAGE_SECONDS = float(os.environ.get("BENCH_OUTAGE_SECONDS", "10"))
# Attempts per report before a client gives up (each at most a second apart): far beyond the outage.
MAX_ATTEMPTS = 120

DESCRIPTIONS = [
    "Gatlampan utanför porten är släckt sedan i söndags.",
    "Stort hål i asfalten på gång- och cykelbanan, lätt att snubbla.",
    "Nedskräpat vid busshållplatsen, soporna har inte tömts.",
    "Klotter på elskåpet vid lekplatsen.",
]
MARKER = re.compile(r"\(nr (\d+)\)")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
FIELD = re.compile(r"<(input|textarea)\b([^>]*)>(?:([^<]*)</textarea>)?")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The database's plug: a TCP proxy this process controls


class Proxy:
    """Forwards TCP connections to `upstream`; `cut()` closes them and refuses new ones until `restore()`."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = free_port()
        self.lock = threading.Lock()
        self.pairs: set[tuple[socket.socket, socket.socket]] = set()
        self.listener: socket.socket | None = None
        self.cuts = 0

    def start(self) -> Proxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(256)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # cut: the listener was shut down
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            pair = (client, server)
            with self.lock:
                self.pairs.add(pair)
            threading.Thread(target=self._pump, args=(client, server, pair), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, pair), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, pair) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            self._close(pair)

    def _close(self, pair) -> None:
        with self.lock:
            self.pairs.discard(pair)
        for sock in pair:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def cut(self) -> int:
        """Refuse new connections and close the open ones (both ways); return how many were open."""
        self.cuts += 1
        if self.listener is not None:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            pairs = list(self.pairs)
        for pair in pairs:
            self._close(pair)
        return len(pairs)

    def restore(self) -> None:
        self.start()

    def stop(self) -> None:
        self.cut()


# The server


def server_environment(database_url: str, var_dir: str | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "FRAMSTEG_DEBUG": "0",
        "FRAMSTEG_ALLOWED_HOSTS": "127.0.0.1",
        "FRAMSTEG_DIALOGUE_RATE_LIMIT": "0",
        "FRAMSTEG_DIALOGUE_API_RATE_LIMIT": "0",
        "FRAMSTEG_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Connections are kept between requests, so a cut leaves stale ones that must be noticed.
        "FRAMSTEG_DB_CONN_MAX_AGE": "600",
        "FRAMSTEG_VAR_DIR": var_dir or tempfile.mkdtemp(prefix="framsteg-reliability-"),
        "DJANGO_SETTINGS_MODULE": "framsteg.settings",
    }


def start_server(environment: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "framsteg.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={threads}",
            "--backlog=2048",
            "--graceful-timeout=5",
            "--log-level=critical",
        ],
        env=environment,
        cwd=ROOT,
    )
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/open311/v2/services.json")
            if connection.getresponse().status == 200 and len(worker_pids(server.pid)) >= workers:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def worker_pids(master: int) -> list[int]:
    """gunicorn's worker processes: the master's children."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def kill_a_worker(master: int) -> int | None:
    pids = worker_pids(master)
    if not pids:
        return None
    victim = pids[len(pids) // 2]
    os.kill(victim, signal.SIGKILL)
    return victim


# The clients


class Browser(threading.local):
    """One keep-alive connection and one cookie jar per thread."""

    port = 0

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        if getattr(self, "connection", None) is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.cookies = getattr(self, "cookies", {})
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response, content


@dataclass
class Stats:
    """Everything the clients saw. Lists and counters are only appended to under `lock`."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)  # "open311 201", "form 503", "form error", ...
    unclean: list[str] = field(default_factory=list)  # answers that break the rules, with why
    latencies: list[float] = field(default_factory=list)  # each POST, in seconds
    report_latencies: list[float] = field(default_factory=list)  # each report, first try to acknowledgement
    retries: int = 0
    acknowledged: dict[int, tuple[str, str]] = field(default_factory=dict)  # index -> ("open311", reference)
    given_up: list[int] = field(default_factory=list)
    done: int = 0

    def answer(
        self, channel: str, status: int | str, elapsed: float | None = None, problem: str = ""
    ) -> None:
        with self.lock:
            self.statuses[f"{channel} {status}"] += 1
            if elapsed is not None:
                self.latencies.append(elapsed)
            if problem:
                self.unclean.append(f"{channel} {status}: {problem}")


def pause(attempt: int) -> None:
    time.sleep(min(1.0, 0.1 * 2**attempt))


def description(index: int) -> str:
    return f"{DESCRIPTIONS[index % len(DESCRIPTIONS)]} (nr {index})"


def open311_report(
    browser: Browser, stats: Stats, index: int, api_key: str, extra: dict[str, str]
) -> tuple[str, str] | None:
    key = str(uuid.uuid4())
    body = urllib.parse.urlencode(
        {
            "api_key": api_key,
            "service_code": "gatubelysning",
            "lat": "59.2394",
            "long": "17.8454",
            "description": description(index),
            "email": f"boende{index}@example.se",
            **extra,
        }
    ).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": key}
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            with stats.lock:
                stats.retries += 1
        started = time.perf_counter()
        try:
            response, content = browser.request("POST", "/open311/v2/requests.json", body, headers)
        except (http.client.HTTPException, OSError) as error:
            stats.answer("open311", f"error:{error.__class__.__name__}")
            pause(attempt)
            continue
        elapsed = time.perf_counter() - started
        if response.status == 201:
            stats.answer("open311", 201, elapsed)
            return "open311", json.loads(content)[0]["service_request_id"]
        if response.status in (503, 409):
            problem = ""
            try:
                [error] = json.loads(content)
                if error["code"] != response.status:
                    problem = "the error document's code differs"
            except (ValueError, KeyError, TypeError):
                problem = "not an Open311 error document"
            if not response.getheader("Retry-After"):
                problem = problem or "no Retry-After"
            stats.answer("open311", response.status, elapsed, problem)
            pause(attempt)
            continue
        stats.answer("open311", response.status, elapsed, content[:200].decode(errors="replace"))
        return None
    return None


def kept_fields(content: bytes) -> dict[str, str]:
    """The fields of the "Send again" form on the page that kept what was typed (no files)."""
    fields = {}
    for tag, attributes, text in FIELD.findall(content.decode()):
        attrs = dict(ATTRIBUTE.findall(attributes))
        if "name" not in attrs or attrs.get("type") == "file":
            continue
        fields[attrs["name"]] = html.unescape(text if tag == "textarea" else attrs.get("value", ""))
    return fields


def form_report(
    browser: Browser, stats: Stats, index: int, category: int, extra: dict[str, str]
) -> tuple[str, str] | None:
    fields = None
    for attempt in range(MAX_ATTEMPTS):
        try:
            response, content = browser.request("GET", "/anmal/felanmalan/")
        except (http.client.HTTPException, OSError) as error:
            stats.answer("form-page", f"error:{error.__class__.__name__}")
            pause(attempt)
            continue
        stats.answer("form-page", response.status)
        if response.status == 200:
            page = content.decode()
            fields = {
                "csrfmiddlewaretoken": CSRF.search(page).group(1),
                "form_token": FORM_TOKEN.search(page).group(1),
                "category": str(category),
                "description": description(index),
                "place": "Tumba torg",
                "latitude": "59.1995",
                "longitude": "17.8384",
                **extra,
            }
            break
        if response.status != 503:
            stats.answer("form-page", response.status, problem="the form page failed")
            return None
        pause(attempt)
    if fields is None:
        return None
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://127.0.0.1:{browser.port}/anmal/felanmalan/",
    }
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            with stats.lock:
                stats.retries += 1
        started = time.perf_counter()
        try:
            response, content = browser.request(
                "POST", "/anmal/felanmalan/", urllib.parse.urlencode(fields).encode(), headers
            )
        except (http.client.HTTPException, OSError) as error:
            stats.answer("form", f"error:{error.__class__.__name__}")
            pause(attempt)
            continue
        elapsed = time.perf_counter() - started
        if response.status == 302 and "/anmal/tack/" in response.getheader("Location", ""):
            stats.answer("form", 302, elapsed)
            return "form", response.getheader("Location").rstrip("/").rsplit("/", 1)[1]
        if response.status == 503:
            kept = kept_fields(content)
            problem = ""
            if not response.getheader("Retry-After"):
                problem = "no Retry-After"
            elif (
                kept.get("description") != fields["description"]
                or kept.get("form_token") != fields["form_token"]
            ):
                problem = "the page did not keep what was typed"
            stats.answer("form", 503, elapsed, problem)
            if not problem:
                fields = kept  # "Send again", as the resident would
            pause(attempt)
            continue
        if response.status == 409:
            stats.answer("form", 409, elapsed)
            pause(attempt)
            continue
        stats.answer("form", response.status, elapsed, content[:200].decode(errors="replace"))
        return None
    return None


def one_report(
    browser: Browser,
    stats: Stats,
    index: int,
    api_key: str,
    category: int,
    form_extra: dict[str, str],
    open311_extra: dict[str, str],
) -> None:
    started = time.perf_counter()
    try:
        if index % 2:
            result = form_report(browser, stats, index, category, form_extra)
        else:
            result = open311_report(browser, stats, index, api_key, open311_extra)
    except Exception as error:  # a bug in the client is a failure, never an acknowledgement
        stats.answer("client", f"exception:{error!r}", problem="the client failed")
        result = None
    with stats.lock:
        stats.done += 1
        if result is None:
            stats.given_up.append(index)
        else:
            stats.acknowledged[index] = result
            stats.report_latencies.append(time.perf_counter() - started)


@dataclass
class Chaos:
    """What to do to the server at which share of the reports done."""

    kills: tuple[float, ...] = (0.10, 0.70)
    outage_at: float = 0.25
    outage_seconds: float = OUTAGE_SECONDS
    events: list[str] = field(default_factory=list)


def run_chaos(chaos: Chaos, stats: Stats, total: int, master: int, proxy: Proxy, finished: threading.Event):
    started = time.perf_counter()
    plan = sorted([(share, "kill") for share in chaos.kills] + [(chaos.outage_at, "outage")])

    def note(text: str) -> None:
        chaos.events.append(f"{time.perf_counter() - started:6.1f} s  {text}")

    for share, action in plan:
        while stats.done < share * total and not finished.is_set():
            time.sleep(0.05)
        if finished.is_set():
            note(f"{action} skipped: the run ended first")
            continue
        if action == "kill":
            victim = kill_a_worker(master)
            note(f"worker {victim} killed (SIGKILL) at {stats.done} reports done")
        else:
            closed = proxy.cut()
            note(f"database cut off at {stats.done} reports done ({closed} open connections closed)")
            finished.wait(chaos.outage_seconds)
            proxy.restore()
            note(f"database reachable again after {chaos.outage_seconds:.0f} s")


def run_load(
    *,
    port: int,
    master: int,
    proxy: Proxy,
    total: int,
    clients: int,
    api_key: str,
    category: int,
    chaos: Chaos,
    form_extra: dict[str, str] | None = None,
    open311_extra: dict[str, str] | None = None,
) -> tuple[Stats, float]:
    """Send `total` reports from `clients` threads while `chaos` happens; return what they saw."""
    Browser.port = port
    browser = Browser()
    stats = Stats()
    finished = threading.Event()
    chaos_thread = threading.Thread(
        target=run_chaos, args=(chaos, stats, total, master, proxy, finished), daemon=True
    )
    chaos_thread.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(
            pool.map(
                lambda index: one_report(
                    browser, stats, index, api_key, category, form_extra or {}, open311_extra or {}
                ),
                range(total),
            )
        )
    wall = time.perf_counter() - started
    finished.set()
    chaos_thread.join(timeout=OUTAGE_SECONDS + 5)
    if proxy.listener is None:
        proxy.restore()
    return stats, wall


# The checks


@dataclass
class Verdict:
    reports: int
    acknowledged: int
    stored: int
    lost: list[str]
    duplicates: int
    stored_unacknowledged: int
    partial: int
    failed_answers: list[str]

    @property
    def ok(self) -> bool:
        return (
            not self.lost
            and not self.duplicates
            and not self.partial
            and not self.failed_answers
            and self.acknowledged == self.reports
        )


STORED_SQL = """
    SELECT c.year, c.number, c.follow_token, c.description, c.source,
           EXISTS (SELECT 1 FROM dialogue_caseevent e WHERE e.case_id = c.id AND e.kind = 'received'),
           EXISTS (SELECT 1 FROM dialogue_caseevent e WHERE e.case_id = c.id AND e.kind = 'note')
    FROM dialogue_case c
"""


def verify(stats: Stats, total: int, rows: list[tuple]) -> Verdict:
    """Compare what the clients were told with what the database holds (`rows` from STORED_SQL)."""
    references, tokens, markers = set(), set(), Counter()
    partial = 0
    for year, number, token, text, source, received, note in rows:
        references.add(f"{year}-{number:05d}")
        tokens.add(token)
        if match := MARKER.search(text):
            markers[int(match.group(1))] += 1
        if not received or (source == "open311" and not note):
            partial += 1
    lost = [
        f"{channel} {reference}"
        for channel, reference in stats.acknowledged.values()
        if reference not in (references if channel == "open311" else tokens)
    ]
    failed = list(stats.unclean)
    failed += [f"{key}: {count}" for key, count in stats.statuses.items() if key.split(" ", 1)[1] == "500"]
    return Verdict(
        reports=total,
        acknowledged=len(stats.acknowledged),
        stored=len(rows),
        lost=lost,
        duplicates=sum(count - 1 for count in markers.values() if count > 1),
        stored_unacknowledged=len(set(markers) - set(stats.acknowledged)),
        partial=partial,
        failed_answers=failed,
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def report(
    stats: Stats,
    verdict: Verdict,
    wall: float,
    chaos: Chaos,
    clients: int = CLIENTS,
    print_: Callable = print,
) -> None:
    attempts = sum(count for key, count in stats.statuses.items() if not key.startswith("form-page"))
    print_(f"{verdict.reports} reports from {clients} clients in {wall:.1f} s; events:")
    for event in chaos.events:
        print_(f"  {event}")
    print_(f"POST requests {attempts}, retries {stats.retries}; answers:")
    for key, count in sorted(stats.statuses.items()):
        print_(f"  {key:<28} {count:>6}")

    def count(*statuses: str) -> int:
        return sum(n for key, n in stats.statuses.items() if key.split(" ", 1)[1] in statuses)

    twoxx, unavailable, errors = count("200", "201", "302"), count("503"), count("500")
    print_(f"2xx (and the form's 302) {twoxx}, 503 {unavailable}, 500 {errors}")
    latencies = [t * 1000 for t in stats.latencies]
    reports = [t * 1000 for t in stats.report_latencies]
    print_(
        f"latency per POST: p50 {statistics.median(latencies):.0f} ms,"
        f" p95 {percentile(latencies, 0.95):.0f} ms;"
        f" per report until acknowledged: p50 {statistics.median(reports):.0f} ms,"
        f" p95 {percentile(reports, 0.95):.0f} ms"
    )
    print_(
        f"acknowledged {verdict.acknowledged} of {verdict.reports}, stored {verdict.stored}, "
        f"lost {len(verdict.lost)}, duplicates {verdict.duplicates}, partial cases {verdict.partial}, "
        f"stored but never acknowledged {verdict.stored_unacknowledged}"
    )
    for problem in verdict.failed_answers[:20]:
        print_(f"  FAILED: {problem}")
    for lost in verdict.lost[:20]:
        print_(f"  LOST: {lost}")
    print_("OK" if verdict.ok else "NOT OK")


# The bench


def prepare_database(environment: dict[str, str]) -> tuple[str, int]:
    """A fresh database with the Botkyrka data and an API key; returns the key and the category's id."""
    import psycopg

    def framsteg(*args: str) -> str:
        result = subprocess.run(
            [str(BIN / "framsteg"), *args],
            env=environment,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    framsteg("migrate", "--noinput", "-v0")
    framsteg("load_botkyrka", "-v0")
    output = framsteg("create_api_key", "reliability")
    with psycopg.connect(environment["DATABASE_URL"]) as connection:
        [(category,)] = connection.execute(
            "SELECT id FROM dialogue_category WHERE code = 'gatubelysning'"
        ).fetchall()
    return re.search(r"\bfs_\S+", output).group(0), category


def main() -> None:
    import psycopg

    direct = f"{POSTGRES}/{DATABASE}"
    upstream = urllib.parse.urlsplit(POSTGRES)
    var_dir = tempfile.mkdtemp(prefix="framsteg-reliability-")
    api_key, category = prepare_database(server_environment(direct, var_dir))
    proxy = Proxy((upstream.hostname or "127.0.0.1", upstream.port or 5432)).start()
    proxied = urllib.parse.urlunsplit(
        upstream._replace(netloc=f"{upstream.netloc.rsplit(':', 1)[0]}:{proxy.port}")
    )
    port = free_port()
    server = start_server(server_environment(f"{proxied}/{DATABASE}", var_dir), port, WORKERS, THREADS)
    chaos = Chaos()
    try:
        stats, wall = run_load(
            port=port,
            master=server.pid,
            proxy=proxy,
            total=REPORTS,
            clients=CLIENTS,
            api_key=api_key,
            category=category,
            chaos=chaos,
            form_extra={"q-gatubelysning-lyser": "nej"},
        )
    finally:
        stop_server(server)
        proxy.stop()
    with psycopg.connect(direct) as connection:
        rows = connection.execute(STORED_SQL).fetchall()
    verdict = verify(stats, REPORTS, rows)
    print(
        f"gunicorn {WORKERS}×{THREADS} threads, PostgreSQL through a TCP proxy cut for {OUTAGE_SECONDS:.0f} s"
    )
    report(stats, verdict, wall, chaos)
    if not verdict.ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
