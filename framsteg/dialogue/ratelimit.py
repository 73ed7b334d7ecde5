"""Simple rate limits over Django's cache: so many hits per key in fixed time windows.

A rate is written "count/period" (see `framsteg.core.ratelimits`, which parses it); "0" turns the limit
off. Counting uses `cache.add` and `cache.incr`, which are atomic in Redis and
Memcached, so all workers sharing the cache count together. With the default local-memory cache each
process counts on its own.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

from framsteg.core.ratelimits import Rate, parse_rate

__all__ = ["Decision", "Rate", "allow", "check", "client_address", "parse_rate"]


@dataclass(frozen=True)
class Decision:
    """Whether a hit is allowed, and how many seconds remain until the current window ends.

    `retry_after` is what an HTTP 429 answer puts in its Retry-After header: at least 1 while a limit
    applies, 0 when there is no limit.
    """

    allowed: bool
    retry_after: int


def check(scope: str, key: str, rate: str) -> Decision:
    """Count one hit for `key` within `scope` and decide whether it is within the limit.

    Windows are fixed (e.g. each clock hour for "/h"), so a client can at most make twice the count
    across a window boundary, and a refused client may try again as soon as the window ends. The key is
    hashed, so addresses and API keys do not appear in the cache.
    """
    parsed = parse_rate(rate)
    if parsed is None:
        return Decision(allowed=True, retry_after=0)
    now = time.time()
    window = int(now) // parsed.seconds
    retry_after = max(1, math.ceil((window + 1) * parsed.seconds - now))
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{parsed.seconds}:{window}:{digest}"
    # Keep the counter a little longer than its window so a slow clock between workers does not reset it.
    if cache.add(cache_key, 1, timeout=parsed.seconds + 60):
        hits = 1
    else:
        try:
            hits = cache.incr(cache_key)
        except ValueError:
            # The counter expired between add and incr: this hit starts a new one.
            cache.add(cache_key, 1, timeout=parsed.seconds + 60)
            hits = 1
    return Decision(allowed=hits <= parsed.count, retry_after=retry_after)


def allow(scope: str, key: str, rate: str) -> bool:
    """Count one hit for `key` within `scope`; return False when the hit is over the limit (see `check`)."""
    return check(scope, key, rate).allowed


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, never a header the client could forge.

    Behind a reverse proxy REMOTE_ADDR is the proxy's address, and all residents would share one limit,
    unless the deployment makes it the client's. With gunicorn use the PROXY protocol
    (`--proxy-protocol` with `--proxy-allow-from` set to the proxy's address, and a proxy that sends it,
    such as HAProxy or nginx's stream module). Gunicorn's `--forwarded-allow-ips` is not enough on its
    own: it governs the scheme headers and does not change REMOTE_ADDR.
    """
    return request.META.get("REMOTE_ADDR", "") or "unknown"
