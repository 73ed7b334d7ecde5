"""Whether the labelled example follow-up is loaded, and the banner every page then carries.

The loader writes a marker file in the site's var directory (shared by every web process, like the uploads)
beside its database record, so that asking costs no query on any page.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

MARKER = "example-follow-up"


def marker_path() -> Path:
    return Path(settings.VAR_DIR) / MARKER


def example_loaded() -> bool:
    return marker_path().exists()


def example_banner(request) -> str | None:
    """The "exempeldata" banner, on every page while the example follow-up is loaded."""
    if not example_loaded():
        return None
    return render_to_string("reports/example_banner.html", request=request)
