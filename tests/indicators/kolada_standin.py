"""A local stand-in for Kolada's v3 API that replays recorded responses, so no test touches the network.

Responses are keyed by path and query (``/v3/kpi/N15428?per_page=5000``); the query is compared in sorted
order. Recorded answers carry Kolada's own addresses in ``next_url``; the stand-in rewrites them to itself, as
a replaying proxy would. Failures can be scripted per request: a status (429 with ``Retry-After``, 503) or a
connection cut half-way through the body. Every request the stand-in saw is kept in ``requests``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

RECORDINGS = Path(__file__).parent / "kolada_recordings"
KOLADA_ORIGIN = "https://api.kolada.se"


def request_key(path_and_query: str) -> str:
    """The path and its sorted query, percent-decoded, so that equal requests compare equal."""
    parts = urlsplit(path_and_query)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)), safe=",")
    return unquote(parts.path) + (f"?{unquote(query)}" if query else "")


@dataclass(frozen=True)
class Status:
    code: int
    retry_after: str | None = None


@dataclass(frozen=True)
class Cut:
    """Send the headers and half the body, then close the connection."""


class KoladaStandIn:
    def __init__(self) -> None:
        self.responses: dict[str, Any] = {}
        self.failures: dict[str, list[Status | Cut]] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v3"

    def __enter__(self) -> KoladaStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def load(self, scenario: str) -> None:
        """Serve the recordings listed in ``kolada_recordings/<scenario>.json`` (request → response file)."""
        index = json.loads((RECORDINGS / f"{scenario}.json").read_text())
        for request, filename in index.items():
            self.serve(request, json.loads((RECORDINGS / filename).read_text()))

    def serve(self, request: str, body: Any) -> None:
        self.responses[request_key(request)] = body

    def fail(self, request: str, *failures: Status | Cut) -> None:
        """Answer the next requests for ``request`` with these failures, in order, then normally."""
        self.failures.setdefault(request_key(request), []).extend(failures)

    def seen(self, prefix: str = "") -> list[str]:
        return [request for request in self.requests if request.startswith(prefix)]

    def _answer(self, raw_path: str) -> tuple[Status | Cut | None, bytes]:
        key = request_key(raw_path)
        with self._lock:
            self.requests.append(key)
            pending = self.failures.get(key)
            failure = pending.pop(0) if pending else None
        if isinstance(failure, Status):
            return failure, b'{"detail": "scripted failure"}'
        if key not in self.responses:
            return Status(404), json.dumps({"detail": f"no recording for {key}"}).encode()
        text = json.dumps(self.responses[key], ensure_ascii=False).replace(KOLADA_ORIGIN + "/v3", self.url)
        return failure, text.encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                failure, body = standin._answer(self.path)
                status = failure.code if isinstance(failure, Status) else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if isinstance(failure, Status) and failure.retry_after is not None:
                    self.send_header("Retry-After", failure.retry_after)
                self.end_headers()
                if isinstance(failure, Cut):
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
