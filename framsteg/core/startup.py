"""What a server process does once it has loaded the application, before its first request."""

from __future__ import annotations

import gc


def settle_long_lived_objects() -> None:
    """Collect once, then move every object alive now — Django, the apps, their modules and caches, about a
    hundred thousand of them — out of the garbage collector's reach. They live as long as the process, so
    the collector would otherwise walk them all in each full collection: about 100 ms on a small server,
    every few requests that allocate much (the picture's map, a report), which is where the slowest
    requests' time went. Objects made later are collected as usual."""
    gc.collect()
    gc.freeze()
