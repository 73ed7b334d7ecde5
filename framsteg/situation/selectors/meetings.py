"""What the weekly meeting page and the actions list read: weeks, last week's actions, a short count of the
week's events, and the actions of a partner with their due dates in working days."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from framsteg.dialogue.workdays import add_working_days, working_days_between
from framsteg.situation.models import Action, Incident, IncidentCategory, Meeting, week_start

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")
OPEN_STATUSES = (Action.Status.PLANNED, Action.Status.ONGOING)
SOON_WORKING_DAYS = 2


def parse_week(text: str) -> datetime.date | None:
    """The Monday of an ISO week written YYYY-Www, or None."""
    match = WEEK_PATTERN.match(text or "")
    if not match:
        return None
    try:
        return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


def week_label(monday: datetime.date) -> str:
    year, number, _weekday = monday.isocalendar()
    return f"{year}-W{number:02d}"


def current_week(today: datetime.date | None = None) -> datetime.date:
    return week_start(today or timezone.localdate())


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.annotate(action_count=Count("actions")).order_by("-week")


def actions_for_follow_up(week: datetime.date) -> list[Action]:
    """Section (a) of the meeting: the actions decided at last week's meeting, and those still open that an
    earlier meeting or the åtgärdsplan decided."""
    previous = week - datetime.timedelta(days=7)
    queryset = (
        Action.objects.filter(
            Q(meeting__week=previous)
            | Q(status__in=OPEN_STATUSES, starts_on__lt=week + datetime.timedelta(days=7))
            & (Q(meeting__week__lt=previous) | Q(meeting__isnull=True))
        )
        .select_related(
            "organisation", "responsible", "named_place", "district", "area", "problem", "meeting"
        )
        .prefetch_related("categories")
        .order_by("meeting__week", "due_on", "pk")
    )
    return list(queryset)


@dataclass(frozen=True)
class CategoryCount:
    category: IncidentCategory
    events: int
    reports: int


def week_summary(week: datetime.date, district_ids=None) -> list[CategoryCount]:
    """The week's included events by event type (the short summary until the full picture is at hand)."""
    queryset = Incident.objects.filter(status=Incident.Status.INCLUDED, week=week)
    if district_ids is not None:
        queryset = queryset.filter(district_id__in=district_ids)
    rows = queryset.values("category").annotate(events=Sum("events"), reports=Count("pk")).order_by("-events")
    categories = IncidentCategory.objects.in_bulk([row["category"] for row in rows])
    return [CategoryCount(categories[row["category"]], row["events"], row["reports"]) for row in rows]


@dataclass(frozen=True)
class Due:
    """Where an action stands against its due date, in working days."""

    due_on: datetime.date | None
    working_days_late: int | None  # > 0 late, <= 0 due in that many working days

    @property
    def is_late(self) -> bool:
        return self.working_days_late is not None and self.working_days_late > 0

    @property
    def is_soon(self) -> bool:
        return (
            self.due_on is not None
            and not self.is_late
            and self.working_days_late is not None
            and -self.working_days_late <= SOON_WORKING_DAYS
        )


def awaits_outcome(action: Action) -> bool:
    return action.status != Action.Status.CANCELLED and action.outcome_recorded_at is None


def due_state(action: Action, today: datetime.date | None = None) -> Due:
    today = today or timezone.localdate()
    if action.due_on is None or not awaits_outcome(action):
        return Due(action.due_on, None)
    return Due(action.due_on, working_days_between(action.due_on, today))


def due_soon_or_late_q(today: datetime.date) -> Q:
    """Actions whose outcome is late, or due within two working days."""
    return Q(due_on__lte=add_working_days(today, SOON_WORKING_DAYS), outcome_recorded_at__isnull=True) & ~Q(
        status=Action.Status.CANCELLED
    )


def actions_list(organisation_ids, filters: dict) -> QuerySet[Action]:
    """The actions of the organisations (None: all), filtered by organisation, status and lateness."""
    queryset = Action.objects.select_related(
        "organisation", "responsible", "named_place", "district", "area", "meeting", "problem"
    ).order_by("due_on", "ends_on", "pk")
    if organisation_ids is not None:
        queryset = queryset.filter(organisation_id__in=organisation_ids)
    if filters.get("organisation"):
        queryset = queryset.filter(organisation_id=filters["organisation"])
    status = filters.get("status") or "open"
    if status == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        queryset = queryset.filter(status=status)
    if filters.get("due") == "late":
        today = timezone.localdate()
        queryset = queryset.filter(due_on__lt=today, outcome_recorded_at__isnull=True).exclude(
            status=Action.Status.CANCELLED
        )
    return queryset
