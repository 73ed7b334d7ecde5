"""Roll-up of commitments' latest status and progress, for areas, documents and the whole plan.

The rule, shown to readers on every page with a roll-up: each commitment counts once with its latest
update (a correction is the latest update); progress is the plain mean over all current commitments, where a
commitment that has never been reported counts as 0 % and one whose latest status asks for no percentage
("Kan ej bedömas", "Avbruten") is left out; the status counts show how many commitments have each
latest status, with "not reported" as its own group. Which update is the latest is defined in
`framsteg.steering.selectors`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from framsteg.steering.models import Commitment, Status


@dataclass
class StatusCount:
    status: Status | None
    count: int
    share: float


@dataclass
class Rollup:
    total: int = 0
    reported: int = 0
    mean_progress: float = 0.0
    without_progress: int = 0
    last_updated: datetime | None = None
    counts: list[StatusCount] = field(default_factory=list)

    @property
    def unreported(self) -> int:
        return self.total - self.reported

    @property
    def done(self) -> int:
        return sum(item.count for item in self.counts if item.status and item.status.is_done)


def rollup(commitments: Iterable[Commitment], statuses: list[Status] | None = None) -> Rollup:
    """Summarise commitments already passed through `selectors.with_latest`."""
    commitments = list(commitments)
    statuses = statuses if statuses is not None else list(Status.objects.filter(is_active=True))
    result = Rollup(total=len(commitments))
    by_status: dict[int, int] = {}
    progress_sum = 0
    without_progress = 0
    for commitment in commitments:
        latest = commitment.latest
        if latest is None:
            continue
        result.reported += 1
        if latest.progress is None:
            without_progress += 1
        else:
            progress_sum += latest.progress
        by_status[latest.status_id] = by_status.get(latest.status_id, 0) + 1
        if result.last_updated is None or latest.created_at > result.last_updated:
            result.last_updated = latest.created_at
    result.without_progress = without_progress
    if result.total - without_progress:
        result.mean_progress = progress_sum / (result.total - without_progress)
    known = {status.pk for status in statuses}
    shown = statuses + [s for s in Status.objects.filter(pk__in=set(by_status) - known)]
    for status in shown:
        count = by_status.get(status.pk, 0)
        if count:
            result.counts.append(StatusCount(status, count, count / result.total))
    if result.unreported:
        result.counts.append(StatusCount(None, result.unreported, result.unreported / result.total))
    return result
