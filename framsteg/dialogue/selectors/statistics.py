"""Counts of residents' cases per committee and period, for reporting to the politicians.

A case belongs to the committee (nämnd) or executive board above its responsible organisation: an
administration's cases roll up through its parents to the nearest committee. An organisation with no
committee above it (a municipal company under the council, an external partner) is counted on its own, and
cases not yet routed are counted apart.

A case counts in the period in which it was received, with period boundaries in Swedish local time. Its
outcome is read today: answered in time or late against the promise made at intake (the answer due date),
closed without an answer (duplicates, cases forwarded elsewhere, anonymous reports closed), or still open,
some of them overdue. The time to answer is counted in working days from the day of receipt.
"""

from __future__ import annotations

import statistics as stats
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from framsteg.dialogue.models import Case, CaseKind
from framsteg.dialogue.services.handling import overdue_q
from framsteg.dialogue.workdays import STOCKHOLM, working_days_between
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, FollowUpPeriod

COMMITTEE_KINDS = (Organisation.Kind.COMMITTEE, Organisation.Kind.EXECUTIVE)
OPEN_STATUSES = (Case.Status.RECEIVED, Case.Status.IN_PROGRESS)
TOP_COMMITMENTS = 10

GRANULARITIES = {
    "year": gettext_lazy("Year"),
    "quarter": gettext_lazy("Quarter"),
    "month": gettext_lazy("Month"),
}


@dataclass(frozen=True)
class Period:
    """Dates from `first` to `last`, both included, in Swedish local time."""

    label: str
    first: date
    last: date
    key: str  # for ids and CSV: 2026, 2026-Q1, 2026-03, or the follow-up period

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=STOCKHOLM)

    @property
    def ends(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(date.fromordinal(self.last.toordinal() + 1), time.min, tzinfo=STOCKHOLM)


def year_periods(year: int, granularity: str) -> list[Period]:
    """The year as one period, four quarters or twelve months."""
    if granularity == "year":
        return [Period(str(year), date(year, 1, 1), date(year, 12, 31), str(year))]
    months_per_period = {"quarter": 3, "month": 1}[granularity]
    periods = []
    for index, month in enumerate(range(1, 13, months_per_period), start=1):
        first = date(year, month, 1)
        next_first = (
            date(year + 1, 1, 1)
            if month + months_per_period > 12
            else date(year, month + months_per_period, 1)
        )
        last = date.fromordinal(next_first.toordinal() - 1)
        if granularity == "quarter":
            label = _("Quarter %(number)d %(year)d") % {"number": index, "year": year}
            key = f"{year}-Q{index}"
        else:
            label = f"{_month_name(month)} {year}"
            key = f"{year}-{month:02d}"
        periods.append(Period(label, first, last, key))
    return periods


def follow_up_period(period: FollowUpPeriod) -> Period:
    return Period(str(period), period.starts_on, period.ends_on, f"{period.kind}-{period.year}")


def _month_name(month: int) -> str:
    return str(MONTHS[month]).capitalize()


@dataclass
class Figures:
    """The counts for one committee (or all of them) in one period."""

    received: int = 0
    praise: int = 0
    complaint: int = 0
    suggestion: int = 0
    feedback_other: int = 0  # feedback without a stated type
    fault: int = 0
    safety: int = 0
    answered_in_time: int = 0
    answered_late: int = 0
    closed_without_answer: int = 0
    open: int = 0
    overdue: int = 0
    linked: int = 0
    answer_days: list[int] = field(default_factory=list, repr=False)

    @property
    def median_days(self) -> float | None:
        return stats.median(self.answer_days) if self.answer_days else None

    @property
    def median_text(self) -> str:
        return format_median(self.median_days)

    def add(self, other: Figures) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.answer_days.extend(other.answer_days)


COUNTS = [
    "received",
    "praise",
    "complaint",
    "suggestion",
    "feedback_other",
    "fault",
    "safety",
    "answered_in_time",
    "answered_late",
    "closed_without_answer",
    "open",
    "overdue",
    "linked",
]


@dataclass
class Row:
    """A committee, or a heading standing for cases with none (`committee` None)."""

    label: str
    committee: Organisation | None
    figures: Figures


@dataclass
class PeriodTable:
    period: Period
    rows: list[Row]
    total: Figures


@dataclass
class CommitmentCount:
    commitment: Commitment
    cases: int


@dataclass
class Report:
    periods: list[PeriodTable]
    commitments: list[CommitmentCount]
    first: date
    last: date
    generated_at: datetime


def committee_of(organisation: Organisation, by_id: dict[int, Organisation]) -> Organisation:
    """The nearest committee or executive board at or above the organisation; else the organisation itself."""
    current, seen = organisation, set()
    while current is not None and current.pk not in seen:
        if current.kind in COMMITTEE_KINDS:
            return current
        seen.add(current.pk)
        current = by_id.get(current.parent_id) if current.parent_id else None
    return organisation


def case_report(periods: list[Period], today: date | None = None) -> Report:
    """Figures per committee for each period, plus the commitments residents write about most."""
    today = today or timezone.localdate(timezone=STOCKHOLM)
    whole = Period("", min(p.first for p in periods), max(p.last for p in periods), "")
    in_range = Case.objects.filter(created_at__gte=whole.starts, created_at__lt=whole.ends)
    overdue_ids = set(in_range.filter(overdue_q(today)).values_list("pk", flat=True))
    links = Case.commitments.through.objects.filter(case__in=in_range)
    linked_ids = set(links.values_list("case_id", flat=True))
    organisations = Organisation.objects.in_bulk()
    committees = {pk: committee_of(organisation, organisations) for pk, organisation in organisations.items()}

    tables: list[dict[int | None, Figures]] = [{} for _period in periods]
    cases = in_range.values_list(
        "pk", "kind", "feedback_type", "organisation_id", "status", "created_at", "answered_at", "answer_due"
    )
    for pk, kind, feedback_type, organisation_id, status, created_at, answered_at, answer_due in cases:
        received_on = timezone.localtime(created_at, STOCKHOLM).date()
        committee = committees[organisation_id].pk if organisation_id else None
        for period, table in zip(periods, tables, strict=True):
            if period.first <= received_on <= period.last:
                figures = table.setdefault(committee, Figures())
                _count(figures, kind, feedback_type, status, received_on, answered_at, answer_due)
                figures.overdue += pk in overdue_ids
                figures.linked += pk in linked_ids

    result = []
    for period, table in zip(periods, tables, strict=True):
        rows = [
            Row(organisations[key].name, organisations[key], figures)
            if key
            else Row(_("Not routed to an organisation"), None, figures)
            for key, figures in table.items()
        ]
        rows.sort(key=lambda row: (row.committee is None, row.label.lower()))
        total = Figures()
        for row in rows:
            total.add(row.figures)
        result.append(PeriodTable(period, rows, total))

    counts = Counter(links.values_list("commitment_id", flat=True))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_COMMITMENTS]
    commitments = Commitment.objects.select_related("area", "document").in_bulk([pk for pk, _n in top])
    commitment_counts = [CommitmentCount(commitments[pk], count) for pk, count in top]
    return Report(result, commitment_counts, whole.first, whole.last, timezone.now())


def _count(
    figures: Figures,
    kind: str,
    feedback_type: str,
    status: str,
    received_on: date,
    answered_at: datetime | None,
    answer_due: date | None,
) -> None:
    figures.received += 1
    if kind == CaseKind.FEEDBACK:
        name = feedback_type if feedback_type in {"praise", "complaint", "suggestion"} else "feedback_other"
        setattr(figures, name, getattr(figures, name) + 1)
    elif kind == CaseKind.FAULT:
        figures.fault += 1
    else:
        figures.safety += 1
    if answered_at is not None:
        answered_on = timezone.localtime(answered_at, STOCKHOLM).date()
        if answer_due is None or answered_on <= answer_due:
            figures.answered_in_time += 1
        else:
            figures.answered_late += 1
        figures.answer_days.append(max(0, working_days_between(received_on, answered_on)))
    elif status in OPEN_STATUSES:
        figures.open += 1
    else:
        figures.closed_without_answer += 1


def format_median(value: float | None) -> str:
    """The median in the reader's number format with one decimal, or empty when nothing was answered."""
    return "" if value is None else number_format(value, decimal_pos=1)
