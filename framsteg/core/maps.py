"""The street maps' configuration: where tiles come from, their credit, and whether Leaflet can be served.

The maps are drawn by Leaflet (an npm package, see `framsteg.core.static_packages`) over tiles from
`MAP_TILE_URL` (FRAMSTEG_MAP_TILE_URL; OpenStreetMap's standard tiles unless a municipality sets its own,
empty for none). Pages pass this to the browser in data- attributes, never in an inline script, so the
strict Content-Security-Policy (`framsteg.core.middleware`) holds; `allow_tiles`, called when Django starts,
adds the tile server's origin to its img-src.
"""

from __future__ import annotations

from django.conf import settings

from framsteg.core import middleware, static_packages

LEAFLET = "leaflet"
LEAFLET_JS = "dist/leaflet.js"
LEAFLET_CSS = "dist/leaflet.css"
MAX_ZOOM = 19  # OpenStreetMap's standard tiles go no further


def tile_url() -> str:
    return settings.MAP_TILE_URL


def allow_tiles() -> None:
    """Let pages load images from the tile server (Content-Security-Policy img-src); called at start."""
    if tile_url():
        middleware.allow_source("img-src", tile_url())


def leaflet_available() -> bool:
    """Whether Leaflet's files are there to serve; without them pages show the outline map."""
    return static_packages.available(LEAFLET)


def street_map_context() -> dict:
    """What the map templates need (`street_map` in their context); `enabled` is False without Leaflet."""
    return {
        "enabled": leaflet_available(),
        "leaflet_js": static_packages.static_path(LEAFLET, LEAFLET_JS),
        "leaflet_css": static_packages.static_path(LEAFLET, LEAFLET_CSS),
        "tile_url": tile_url(),
        "attribution": settings.MAP_ATTRIBUTION,
        "attribution_url": settings.MAP_ATTRIBUTION_URL,
        "max_zoom": MAX_ZOOM,
    }
