"""Reading the audit log: the search behind the log pages and the export, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone

from framsteg.audit.models import AuditEntry

PAGE_SIZE = 50


@dataclass(frozen=True)
class Search:
    """What an administrator searches for; empty values do not filter."""

    person: str = ""  # user name or full name, any part of it
    object_type: str = ""  # e.g. dialogue.case
    object: str = ""  # the object's id, or text in its label (e.g. a case reference)
    action: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive

    @property
    def is_empty(self) -> bool:
        return self == Search()


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def search(criteria: Search) -> QuerySet[AuditEntry]:
    """Entries matching every given criterion, newest first."""
    entries = AuditEntry.objects.select_related("user")
    for word in criteria.person.split():
        entries = entries.filter(
            Q(username__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
        )
    if criteria.object_type:
        entries = entries.filter(target_type=criteria.object_type)
    text = criteria.object.strip()
    if text:
        entries = entries.filter(Q(target_id=text) | Q(target_label__icontains=text))
    if criteria.action:
        entries = entries.filter(action=criteria.action)
    if criteria.kind:
        entries = entries.filter(kind=criteria.kind)
    if criteria.date_from:
        entries = entries.filter(at__gte=_start_of(criteria.date_from))
    if criteria.date_to:
        entries = entries.filter(at__lt=_start_of(criteria.date_to + timedelta(days=1)))
    return entries.order_by("-at", "-pk")


def as_of_now(entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    """The entries as the log holds them now: entries recorded later (such as an export's own) are left out
    when the query is read."""
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    return entries.filter(pk__lte=last or 0)


def page_of(entries: QuerySet[AuditEntry], number, size: int = PAGE_SIZE) -> Page:
    return Paginator(entries, size).get_page(number)


def actions() -> list[str]:
    """Every action the log holds, for the search form's list."""
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())


def object_types() -> list[str]:
    return list(
        AuditEntry.objects.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )


def entry(pk: int) -> AuditEntry | None:
    return AuditEntry.objects.select_related("user").filter(pk=pk).first()
