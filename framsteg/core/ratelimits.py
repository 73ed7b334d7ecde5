"""The rate syntax shared by every rate limit: "count/period".

A rate is written "count/period", with period s, m, h or d ("20/h", "5/m", "100/d", also "10/15m");
"0" (or nothing) turns the limit off. Settings are checked with this parser at start, and the limits
themselves count with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(?P<count>\d+)\s*/\s*(?P<multiple>\d*)\s*(?P<period>[smhd])\s*$")
RATE_SYNTAX = (
    "count/period with period s, m, h or d (e.g. '20/h', '5/m', '100/d', '10/15m'), or '0' for no limit"
)


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


@lru_cache(maxsize=64)
def parse_rate(rate: str) -> Rate | None:
    """Parse "20/h" into Rate(20, 3600); "0" (or "") means unlimited and gives None."""
    text = (rate or "").strip()
    if text in ("", "0"):
        return None
    match = _RATE.match(text)
    if not match:
        raise ImproperlyConfigured(
            f"Invalid rate {rate!r}: write count/period, e.g. '20/h', '5/m' or '100/d', or '0' for no limit."
        )
    multiple = int(match["multiple"] or 1)
    count = int(match["count"])
    if count == 0 or multiple == 0:
        raise ImproperlyConfigured(f"Invalid rate {rate!r}: use '0' alone to turn the limit off.")
    return Rate(count=count, seconds=multiple * PERIODS[match["period"]])
