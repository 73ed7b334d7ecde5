"""Case handling for staff: the inbox, one case's page with its actions, and the case's photos.

Who may see which case is decided in `framsteg.dialogue.rules`; what an action may do is decided in
`framsteg.dialogue.services.handling`. The views only read forms and show results.
"""

from __future__ import annotations

from django.urls import reverse

from framsteg.dialogue.models import Case


def case_url(case: Case, name: str = "cases:detail") -> str:
    """A staff URL of the case, written with the reference as residents see it (2026-00042)."""
    return reverse(name, args=[case.year, f"{case.number:05d}"])
