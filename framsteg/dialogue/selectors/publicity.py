"""What of a case the public may see: one place for the rules of the public list, map, case pages, the CSV
and Open311.

A registered case is a public document, but nothing the resident wrote is shown until a case officer has
reviewed it: until then the public sees the case's kind, category, district, status and dates, and in place
of the text a note that it is being reviewed. Then only the published text and place are shown (the
officer's edit of the resident's words), never the resident's own description, never the contact details.
Each photo is shown only once approved on its own. Answers go to the resident alone; what staff want
everyone to read is a public note, shown once reviewed. A category may let texts in which the automatic check
finds nothing be published at once; such texts are marked as not reviewed.

Safety reports are registered unpublished and only appear one by one when staff publish them; the rest are
shown as counts per district and week, where counts below `SMALL_COUNT` are shown as "fewer than 3" so that
no single resident can be recognised from them (`framsteg.core.disclosure`, shared with the situation
picture's public summary).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framsteg.core.disclosure import ShownCount, recent_mondays
from framsteg.dialogue.models import SHOWN_REVIEWS, Case, CaseEvent, CaseKind, Category, Photo, Review
from framsteg.places.models import District

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
    CaseEvent.Kind.PUBLIC_NOTE: _("Note from the municipality"),
    CaseEvent.Kind.MERGED: _("Merged with another report"),
    CaseEvent.Kind.LINKED: _("Linked to the plan"),
    CaseEvent.Kind.PUBLISHED: _("Published text changed"),
}

# What the public reads in place of a text that is not shown, and how a shown text was checked.
TEXT_PENDING = _("The text is being reviewed by the municipality before it is published.")
TEXT_WITHHELD = _("The text of this report is not published.")
TEXT_REVIEWED = _("Reviewed by the municipality before publication.")
TEXT_AUTOMATIC = _(
    "Published without review: the municipality's automatic check found no personal data in the text."
)

# How a case's text stands publicly, as in the CSV's `text_review` column and Open311's extension.
REVIEWED, AUTOMATIC, PENDING, WITHHELD = "reviewed", "automatic", "pending", "withheld"


def public_cases() -> QuerySet[Case]:
    """Cases anyone may see, duplicates included (shown as merged), whether their text is reviewed or not.

    Every case is registered published except safety reports; a safety report that is published was
    therefore published by staff on purpose. What of each is shown is decided by the functions below.
    """
    return Case.objects.filter(is_published=True)


def text_is_shown(case: Case) -> bool:
    """Whether the public may read the case's published text and place: approved, or published
    automatically under the category's choice."""
    return case.text_review in SHOWN_REVIEWS


def text_state(case: Case) -> str:
    """ "reviewed", "automatic", "pending" (waiting for review) or "withheld" (a case officer said no)."""
    return {
        Review.APPROVED: REVIEWED,
        Review.AUTOMATIC: AUTOMATIC,
        Review.REJECTED: WITHHELD,
    }.get(case.text_review, PENDING)


def text_notice(case: Case) -> str:
    """One honest sentence on the text the public sees: how it was checked, or why it is not there."""
    return str(
        {
            REVIEWED: TEXT_REVIEWED,
            AUTOMATIC: TEXT_AUTOMATIC,
            PENDING: TEXT_PENDING,
            WITHHELD: TEXT_WITHHELD,
        }[text_state(case)]
    )


def needs_review_q() -> Q:
    """Cases shown in the public list with something waiting for a case officer's review before it can be
    public: the text, a photo, or a public note. (A safety report that is not published waits for nothing.)"""
    return Q(is_published=True) & (
        Q(text_review=Review.PENDING)
        | Q(photos__review=Review.PENDING, photos__removed_at__isnull=True)
        | Q(events__kind=CaseEvent.Kind.PUBLIC_NOTE, events__review=Review.PENDING)
    )


def cases_to_review(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Those of `cases` with something to review, each once."""
    return cases.filter(pk__in=Case.objects.filter(needs_review_q()).values("pk"))


def is_public(case: Case) -> bool:
    return case.is_published


def public_status_label(case: Case) -> str:
    return str(PUBLIC_STATUS_LABELS.get(case.status, case.status))


def public_status_tone(case: Case) -> str:
    return STATUS_TONES.get(case.status, "neutral")


def public_status_choices() -> list[tuple[str, str]]:
    return [(status.value, str(PUBLIC_STATUS_LABELS[status])) for status in Case.Status]


def public_text(case: Case) -> str:
    """The text the public may read: the reviewed (or automatically published) text, else nothing."""
    return case.published_text if text_is_shown(case) else ""


def public_place(case: Case) -> str:
    """The place as reviewed with the text (the resident's words, checked), else nothing."""
    return case.published_place if text_is_shown(case) else ""


# Events that the resident sees on their private follow page but nobody else does: what the resident wrote
# after reporting, and the municipality's answers to them.
PRIVATE_EVENT_KINDS = frozenset({CaseEvent.Kind.RESIDENT, CaseEvent.Kind.ANSWER})


def is_public_event(event: CaseEvent) -> bool:
    """Whether everyone may see the event: shown to the resident, not private to them, and, for a public
    note, approved."""
    if event.kind == CaseEvent.Kind.PUBLIC_NOTE:
        return event.review in SHOWN_REVIEWS
    return event.is_public and event.kind not in PRIVATE_EVENT_KINDS


def _label(event: CaseEvent) -> CaseEvent:
    event.public_label = str(PUBLIC_EVENT_LABELS.get(event.kind, event.get_kind_display()))
    status = (event.data or {}).get("after") if event.kind == CaseEvent.Kind.STATUS else None
    event.public_status = str(PUBLIC_STATUS_LABELS[status]) if status in PUBLIC_STATUS_LABELS else ""
    return event


def public_events(case: Case) -> list[CaseEvent]:
    """The events shown to everyone, each with `public_label`, `public_status` and `public_text` set.

    Only a reviewed public note carries a text: what staff write with a status change or to the resident is
    never public. The resident's own messages and the answers to them are never among these, although the
    resident sees them on the follow page (`resident_events`).
    """
    events = [_label(event) for event in case.events.all() if is_public_event(event)]
    for event in events:
        event.public_text = event.text if event.kind == CaseEvent.Kind.PUBLIC_NOTE else ""
    return events


def resident_events(case: Case) -> list[CaseEvent]:
    """The municipality's events the resident sees on their follow page, labelled as `public_events`.

    Besides the public ones: the answers to them, and what staff told them with a status change or a merge
    (written to them, never published). Their own messages are added by the follow page.
    """
    events = []
    for event in case.events.all():
        if event.kind == CaseEvent.Kind.RESIDENT:
            continue
        if is_public_event(event):
            events.append(_label(event))
            event.public_text = event.text if event.kind == CaseEvent.Kind.PUBLIC_NOTE else ""
        elif event.kind == CaseEvent.Kind.ANSWER and event.is_public:
            events.append(_label(event))
            event.public_text = event.text
        else:
            continue
        if event.kind in (CaseEvent.Kind.STATUS, CaseEvent.Kind.MERGED):
            event.public_text = event.text
    return events


def public_notes(case: Case) -> list[CaseEvent]:
    """The case's reviewed public notes, oldest first."""
    return [
        event
        for event in case.events.all()
        if event.kind == CaseEvent.Kind.PUBLIC_NOTE and event.review in SHOWN_REVIEWS
    ]


def is_public_photo(photo: Photo) -> bool:
    return (
        photo.is_public and photo.review == Review.APPROVED and photo.removed_at is None and bool(photo.image)
    )


def public_photos(case: Case) -> list[Photo]:
    return [photo for photo in case.photos.all() if is_public_photo(photo)]


def public_photo(pk: int) -> Photo | None:
    """A photo that may be served to anyone: approved, not removed, of a public case."""
    return (
        Photo.objects.filter(
            pk=pk, is_public=True, review=Review.APPROVED, removed_at__isnull=True, case__in=public_cases()
        )
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
    mondays = recent_mondays(weeks, today or timezone.localdate())
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
