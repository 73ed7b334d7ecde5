"""Counts as the public sees them: small numbers are hidden so that nobody can be recognised from them.

Every public table of counts (the safety reports per district and week, the joint situation picture's weekly
summary) shows a count below `SMALL_COUNT`, but above zero, only as "fewer than 3", and has no totals: with
a row or column total a hidden count could be worked out by subtraction. The weeks are ISO weeks, named by
their Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

SMALL_COUNT = 3


@dataclass(frozen=True)
class ShownCount:
    """A count as published: exact from `SMALL_COUNT` up and zero, otherwise only "fewer than 3"."""

    value: int

    @property
    def is_suppressed(self) -> bool:
        return 0 < self.value < SMALL_COUNT

    def as_text(self) -> str:
        """The count for a file: the number, or `<3` when it is hidden."""
        return f"<{SMALL_COUNT}" if self.is_suppressed else str(self.value)


def recent_mondays(weeks: int, today: date) -> list[date]:
    """The Mondays of the last `weeks` ISO weeks up to and including today's, oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
