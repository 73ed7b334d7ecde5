"""Simple rate limits over Django's cache: so many hits per key in fixed time windows.

A rate is written "count/period" (see `framsteg.core.ratelimits`, which parses it); "0" turns the limit
off. Counting uses `cache.add` and `cache.incr`, which are atomic in Redis and
Memcached, so all workers sharing the cache count together. With the default local-memory cache each
process counts on its own.

When the shared cache cannot be reached (Redis stopped, the network cut), residents' reports must still be
accepted: the limit then counts in the process's own memory, as without Redis, and a warning is logged once
when the outage begins and once when the cache answers again. While it is down the shared cache is tried
again at most every `RETRY_SECONDS`, so that a cache that hangs does not slow every request.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from framsteg.core.ratelimits import Rate, parse_rate

__all__ = ["Decision", "Rate", "allow", "check", "client_address", "parse_rate"]

logger = logging.getLogger(__name__)

# Seconds between attempts to reach the shared cache again while it is down.
RETRY_SECONDS = 5.0


def _cache_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean the shared cache is unreachable (not a bug in the caller)."""
    errors: list[type[BaseException]] = [OSError, ConnectionError, TimeoutError]
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis is a dependency, but the cache may be another
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


CACHE_ERRORS = _cache_errors()


class _Fallback:
    """The per-process counter used while the shared cache is unreachable, and the outage's state."""

    def __init__(self) -> None:
        self.counter = LocMemCache("framsteg-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0

    def use_shared(self, now: float) -> bool:
        """Whether to try the shared cache now: always when it is up, every RETRY_SECONDS while it is down."""
        with self.lock:
            return self.down_since is None or now >= self.retry_at

    def failed(self, now: float, error: BaseException) -> None:
        with self.lock:
            self.retry_at = now + RETRY_SECONDS
            if self.down_since is not None:
                return
            self.down_since = now
        logger.warning(
            "The rate-limit cache cannot be reached (%s: %s); each process counts alone until it answers",
            error.__class__.__name__,
            error,
        )

    def succeeded(self, now: float) -> None:
        if self.down_since is None:  # the usual case, without taking the lock
            return
        with self.lock:
            since, self.down_since = self.down_since, None
        if since is not None:
            logger.warning("The rate-limit cache answers again after %d s", round(now - since))

    def reset(self) -> None:
        with self.lock:
            self.counter.clear()
            self.down_since = None
            self.retry_at = 0.0


_fallback = _Fallback()


def _count(store, cache_key: str, timeout: int) -> int:
    """Add one hit to the counter `cache_key` in `store` and return the hits so far."""
    if store.add(cache_key, 1, timeout=timeout):
        return 1
    try:
        return store.incr(cache_key)
    except ValueError:
        # The counter expired between add and incr: this hit starts a new one.
        store.add(cache_key, 1, timeout=timeout)
        return 1


def _hits(cache_key: str, timeout: int) -> int:
    """Count one hit in the shared cache, or in the process's own memory while the shared one is down."""
    now = time.monotonic()
    if _fallback.use_shared(now):
        try:
            hits = _count(cache, cache_key, timeout)
        except CACHE_ERRORS as error:
            _fallback.failed(now, error)
        else:
            _fallback.succeeded(now)
            return hits
    return _count(_fallback.counter, cache_key, timeout)


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
    hits = _hits(cache_key, parsed.seconds + 60)
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
