"""Computing the picture's summaries again (`framsteg.situation.summaries`): after a change made outside the
product's services (a database restore, a deleted kommundel), and when the named places change."""

from __future__ import annotations

from framsteg.audit.services import audited, record
from framsteg.situation import summaries

READS = ("summary_differences",)


@audited("situation.refresh_summaries")
def refresh_summaries(*, by=None) -> list[str]:
    """Compute every summary again from the incidents; returns what differed before (at most 20 lines)."""
    found = summaries.differences()
    summaries.rebuild()
    record("situation.refresh_summaries", actor=by, details={"differences": len(found)})
    return found


@audited("situation.named_places_changed")
def named_places_changed(*, by=None) -> None:
    """The named places were added, moved, resized, switched on or off, or removed: count the events at
    and near them again."""
    summaries.refresh_places()
    record("situation.named_places_changed", actor=by)


def summary_differences(limit: int = 20) -> list[str]:
    return summaries.differences(limit)
