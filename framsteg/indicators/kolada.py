"""A small client for Kolada's v3 API (https://api.kolada.se/v3), the municipalities' open key figures.

Kolada answers every list with ``{"values": [...], "count": n, "next_url": ...}``; the client follows
``next_url`` until it is absent, asks for ``per_page=5000`` rows at a time and never sends more than 25 ids in
one list. A 429 (slow down) or a 5xx answer, a timeout or a cut connection is retried with exponential
backoff, waiting as long as ``Retry-After`` asks when the server says; after the last attempt the caller
gets a ``KoladaError`` that says what failed and what to do. An answer of the wrong shape is an error too,
never silently skipped.

How a data request is spelt lives in one function, ``data_url``: Kolada's clients use both a path form
(``data/kpi/<ids>/municipality/<ids>/year/<years>``) and a query form, and only that function has to change
if the preferred form does.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.translation import gettext as _

PER_PAGE = 5000
MAX_IDS = 25
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 2.0
MAX_RETRY_AFTER_SECONDS = 300.0
TIMEOUT_SECONDS = 30.0
USER_AGENT = "framsteg (Kolada sync)"


class KoladaError(Exception):
    """Kolada could not be read: no answer after the last attempt, a refused request or a malformed answer."""


def chunked(ids: Iterable[str], size: int = MAX_IDS) -> list[list[str]]:
    """Split ids into lists Kolada accepts (at most 25 ids each), keeping order and dropping repeats."""
    unique = list(dict.fromkeys(ids))
    return [unique[start : start + size] for start in range(0, len(unique), size)]


def data_url(
    base_url: str,
    kpis: Sequence[str],
    municipalities: Sequence[str],
    years: Sequence[int] = (),
    *,
    from_date: date | None = None,
    per_page: int = PER_PAGE,
) -> str:
    """The address of one data request: values of these KPIs for these municipalities (and years)."""
    path = f"data/kpi/{_ids(kpis)}/municipality/{_ids(municipalities)}"
    if years:
        path += "/year/" + _ids(str(year) for year in years)
    return _url(base_url, path, from_date=from_date, per_page=per_page)


def _ids(ids: Iterable[str]) -> str:
    return quote(",".join(ids), safe=",")


def _url(base_url: str, path: str, **query: Any) -> str:
    params = {key: value.isoformat() if isinstance(value, date) else value for key, value in query.items()}
    encoded = urlencode({key: value for key, value in sorted(params.items()) if value not in (None, "")})
    return f"{base_url.rstrip('/')}/{path}" + (f"?{encoded}" if encoded else "")


class KoladaClient:
    """Reads Kolada page by page with retries; ``sleep`` is injectable so tests need not wait."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        per_page: int = PER_PAGE,
        timeout: float = TIMEOUT_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
        backoff: float = BACKOFF_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = (base_url or settings.KOLADA_API_URL).rstrip("/")
        self.per_page = per_page
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.sleep = sleep

    def kpis(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """KPI metadata (id, title, description, is_divided_by_gender, …) for the given KPI ids."""
        rows = []
        for chunk in chunked(ids):
            url = _url(self.base_url, f"kpi/{_ids(chunk)}", per_page=self.per_page)
            for page in self.pages(url):
                rows.extend(page)
        return [_require(row, url, {"id": str, "title": str}) for row in rows]

    def municipalities(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Municipality metadata (id, title, type) for the given municipality ids; Riket is 0000."""
        rows = []
        for chunk in chunked(ids):
            url = _url(self.base_url, f"municipality/{_ids(chunk)}", per_page=self.per_page)
            for page in self.pages(url):
                rows.extend(page)
        return [_require(row, url, {"id": str, "title": str}) for row in rows]

    def municipality_groups(self, title: str) -> list[dict[str, Any]]:
        """Municipality groups whose title contains ``title``, each with its members."""
        url = _url(self.base_url, "municipality_groups", title=title, per_page=self.per_page)
        rows = [row for page in self.pages(url) for row in page]
        return [_require(row, url, {"id": str, "title": str, "members": list}) for row in rows]

    def data_pages(
        self, kpis: Sequence[str], municipalities: Sequence[str], *, from_date: date | None = None
    ) -> Iterator[list[dict[str, Any]]]:
        """Data rows page by page, for every combination of id chunks (at most 25 ids per list)."""
        for kpi_chunk in chunked(kpis):
            for municipality_chunk in chunked(municipalities):
                url = data_url(
                    self.base_url, kpi_chunk, municipality_chunk, from_date=from_date, per_page=self.per_page
                )
                yield from self.pages(url)

    def pages(self, url: str) -> Iterator[list[dict[str, Any]]]:
        """Follow ``next_url`` from ``url`` until Kolada gives none, yielding each page's rows."""
        while url:
            payload = self.get(url)
            if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
                raise _shape_error(url, _("the answer has no list of values"))
            next_url = payload.get("next_url")
            if next_url is not None and not isinstance(next_url, str):
                raise _shape_error(url, _("next_url is not an address"))
            if not all(isinstance(row, dict) for row in payload["values"]):
                raise _shape_error(url, _("a value is not an object"))
            yield payload["values"]
            url = next_url or ""

    def get(self, url: str) -> Any:
        """One GET with retries on 429, 5xx, timeouts and cut connections; JSON numbers become Decimals."""
        reason = ""
        for attempt in range(1, self.max_attempts + 1):
            request = urllib.request.Request(
                url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
            )
            retry_after = None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as error:
                if error.code != 429 and error.code < 500:
                    message = _("Kolada refused the request %(url)s (HTTP %(status)s).")
                    raise KoladaError(message % {"url": url, "status": error.code}) from error
                reason = f"HTTP {error.code}"
                retry_after = _seconds(error.headers.get("Retry-After"))
            except (OSError, http.client.HTTPException) as error:
                reason = str(getattr(error, "reason", "") or error) or type(error).__name__
            else:
                try:
                    return json.loads(body, parse_float=Decimal)
                except ValueError as error:
                    raise _shape_error(url, _("the answer is not JSON")) from error
            if attempt < self.max_attempts:
                self.sleep(retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1))
        message = _(
            "Kolada did not answer %(url)s after %(attempts)d attempts (%(reason)s). "
            "Nothing was changed; try again later."
        )
        raise KoladaError(message % {"url": url, "attempts": self.max_attempts, "reason": reason})


def _seconds(retry_after: str | None) -> float | None:
    """Retry-After in seconds (the HTTP-date form is not used by Kolada and falls back to backoff)."""
    try:
        return min(max(float(retry_after or ""), 0.0), MAX_RETRY_AFTER_SECONDS)
    except ValueError:
        return None


def _require(row: dict[str, Any], url: str, fields: dict[str, type]) -> dict[str, Any]:
    for name, kind in fields.items():
        if not isinstance(row.get(name), kind):
            raise _shape_error(url, _("a row lacks the field %(field)s") % {"field": name})
    return row


def _shape_error(url: str, problem: str) -> KoladaError:
    message = _("Kolada sent an answer of an unexpected form for %(url)s: %(problem)s. Nothing was changed.")
    return KoladaError(message % {"url": url, "problem": problem})
