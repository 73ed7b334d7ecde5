"""What of a case the public may see: one place for the rules of the public list, map and case pages.

A registered case is a public document, but only its published text is shown — never the resident's own
description, never the contact details. Safety reports are registered unpublished and only appear one by one
when staff publish them; the rest are shown as counts per district and week, where counts below
`SMALL_COUNT` are shown as "fewer than 3" so that no single resident can be recognised from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framsteg.dialogue.models import Case, CaseEvent, CaseKind, Category, Photo
from framsteg.dialogue.redaction import redact
from framsteg.places.models import District

SMALL_COUNT = 3
SAFETY_WEEKS = 8
SUMMARY_MAX_TEXT = 160

# The words residents see: the statuses' own names ("Closed" is its own word and never reads as "Fixed"),
# except that residents are not told about forwarding in the staff's words.
PUBLIC_STATUS_LABELS = {
    **dict(Case.Status.choices),
    Case.Status.NOT_OURS: _("Not the municipality's"),
}

# Tones of the site's status badges; the badge always carries its word, the colour only repeats it.
STATUS_TONES = {
    Case.Status.RECEIVED: "neutral",
    Case.Status.IN_PROGRESS: "active",
    Case.Status.FIXED: "good",
    Case.Status.ANSWERED: "good",
    Case.Status.CLOSED: "neutral",
    Case.Status.DUPLICATE: "none",
    Case.Status.NOT_OURS: "none",
}

PUBLIC_EVENT_LABELS = {
    CaseEvent.Kind.RECEIVED: _("Report received"),
    CaseEvent.Kind.ROUTED: _("Sent to the responsible department"),
    CaseEvent.Kind.ASSIGNED: _("A case officer took the case"),
    CaseEvent.Kind.STATUS: _("Status changed"),
    CaseEvent.Kind.ANSWER: _("Answer from the municipality"),
    CaseEvent.Kind.MERGED: _("Merged with another report"),
    CaseEvent.Kind.LINKED: _("Linked to the plan"),
    CaseEvent.Kind.PUBLISHED: _("Published text changed"),
}


def public_cases() -> QuerySet[Case]:
    """Cases anyone may see, duplicates included (shown as merged).

    Every case is registered published except safety reports; a safety report that is published was
    therefore published by staff on purpose.
    """
    return Case.objects.filter(is_published=True)


def is_public(case: Case) -> bool:
    return case.is_published


def public_status_label(case: Case) -> str:
    return str(PUBLIC_STATUS_LABELS.get(case.status, case.status))


def public_status_tone(case: Case) -> str:
    return STATUS_TONES.get(case.status, "neutral")


def public_status_choices() -> list[tuple[str, str]]:
    return [(status.value, str(PUBLIC_STATUS_LABELS[status])) for status in Case.Status]


def public_text(case: Case) -> str:
    """The text staff allow to be published: the description with personal data removed, or staff's edit."""
    return case.published_text


def _contact_names(case: Case) -> list[str]:
    return [case.contact_name] if case.contact_name else []


def public_place(case: Case) -> str:
    """The place as the resident typed it, with any personal data in it removed."""
    return redact(case.place, names=_contact_names(case)) if case.place else ""


# Events that are shown to the resident on their private follow page but never to anyone else: what the
# resident wrote after reporting is neither redacted nor published.
PRIVATE_EVENT_KINDS = frozenset({CaseEvent.Kind.RESIDENT})


def is_public_event(event: CaseEvent) -> bool:
    """Whether everyone may see the event: shown to the resident, and not a message of the resident's."""
    return event.is_public and event.kind not in PRIVATE_EVENT_KINDS


def public_events(case: Case) -> list[CaseEvent]:
    """The events shown to everyone, each with `public_label`, `public_status` and `public_text` set.

    Texts are written to the resident; any name or number of theirs that slipped in is removed here too.
    The text of a merge speaks to the resident ("your report ...") and the page says the same in its own
    words, so it is left out. The resident's own messages are never among them, although the resident sees
    them on the follow page.
    """
    events = [event for event in case.events.all() if is_public_event(event)]
    for event in events:
        event.public_label = str(PUBLIC_EVENT_LABELS.get(event.kind, event.get_kind_display()))
        status = (event.data or {}).get("after") if event.kind == CaseEvent.Kind.STATUS else None
        event.public_status = str(PUBLIC_STATUS_LABELS[status]) if status in PUBLIC_STATUS_LABELS else ""
        shown = event.text if event.kind != CaseEvent.Kind.MERGED else ""
        event.public_text = redact(shown, names=_contact_names(case)) if shown else ""
    return events


def public_photos(case: Case) -> list[Photo]:
    return [
        photo for photo in case.photos.all() if photo.is_public and photo.removed_at is None and photo.image
    ]


def public_photo(pk: int) -> Photo | None:
    """A photo that may be served to anyone: published, not removed, of a public case."""
    return (
        Photo.objects.filter(pk=pk, is_public=True, removed_at__isnull=True, case__in=public_cases())
        .exclude(image="")
        .first()
    )


def year_summary(year: int) -> dict[str, int]:
    """How many reports came in during the year and how far they have come, all kinds counted."""
    open_statuses = [Case.Status.RECEIVED, Case.Status.IN_PROGRESS]
    done_statuses = [Case.Status.FIXED, Case.Status.ANSWERED]
    ended_statuses = [Case.Status.CLOSED, Case.Status.DUPLICATE, Case.Status.NOT_OURS]
    return Case.objects.filter(year=year).aggregate(
        received=Count("pk"),
        open=Count("pk", filter=Q(status__in=open_statuses)),
        done=Count("pk", filter=Q(status__in=done_statuses)),
        ended=Count("pk", filter=Q(status__in=ended_statuses)),
    )


@dataclass(frozen=True)
class ShownCount:
    """A count as published: exact from `SMALL_COUNT` up and zero, otherwise only "fewer than 3"."""

    value: int

    @property
    def is_suppressed(self) -> bool:
        return 0 < self.value < SMALL_COUNT


@dataclass
class SafetyRow:
    label: str
    counts: list[ShownCount]


@dataclass
class SafetyAggregate:
    """Safety reports counted per district and ISO week, and per category over the same weeks.

    The tables have no totals: with a row or column total, a hidden small count could be worked out by
    subtraction.
    """

    weeks: list[date]  # the Monday of each week, oldest first
    districts: list[SafetyRow] = field(default_factory=list)
    categories: list[SafetyRow] = field(default_factory=list)

    @property
    def first_day(self) -> date:
        return self.weeks[0]

    @property
    def last_day(self) -> date:
        return self.weeks[-1] + timedelta(days=6)

    @property
    def has_suppressed(self) -> bool:
        return any(count.is_suppressed for row in self.districts + self.categories for count in row.counts)


def safety_aggregate(
    weeks: int = SAFETY_WEEKS,
    district: District | None = None,
    category: Category | None = None,
    today: date | None = None,
) -> SafetyAggregate:
    """Counts of every safety report, published or not, received during the last `weeks` ISO weeks.

    Only counts leave this function: no text, no position, no time finer than a week.
    """
    today = today or timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    start = timezone.make_aware(datetime.combine(mondays[0], time.min))
    reports = Case.objects.filter(kind=CaseKind.SAFETY, created_at__gte=start)
    if district is not None:
        reports = reports.filter(district=district)
    if category is not None:
        reports = reports.filter(category=category)

    per_week: dict[tuple[int | None, date], int] = {}
    for row in (
        reports.annotate(week=TruncWeek("created_at"))
        .values("district", "week")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        week = row["week"].date() if isinstance(row["week"], datetime) else row["week"]
        per_week[(row["district"], week)] = per_week.get((row["district"], week), 0) + row["count"]

    district_rows = []
    districts = [district] if district is not None else list(District.objects.order_by("name"))
    for place in [*districts, None]:
        counts = [ShownCount(per_week.get((place.pk if place else None, monday), 0)) for monday in mondays]
        if place is None and not any(count.value for count in counts):
            continue
        district_rows.append(SafetyRow(place.name if place else str(_("District not known")), counts))

    per_category = {
        row["category"]: row["count"]
        for row in reports.values("category").annotate(count=Count("pk")).order_by()
    }
    category_rows = []
    safety_categories = Category.objects.filter(kind=CaseKind.SAFETY)
    if category is not None:
        safety_categories = safety_categories.filter(pk=category.pk)
    for kind in [*safety_categories, None]:
        value = per_category.get(kind.pk if kind else None, 0)
        if kind is None and not value:
            continue
        label = kind.label if kind else str(_("No category"))
        category_rows.append(SafetyRow(label, [ShownCount(value)]))
    return SafetyAggregate(weeks=mondays, districts=district_rows, categories=category_rows)


def short_text(text: str, limit: int = SUMMARY_MAX_TEXT) -> str:
    """The start of a text for the list, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
