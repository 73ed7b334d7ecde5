"""Remove residents' personal data from cases once the retention time after closing has passed.

A case is a public document and stays; what is removed is what identifies the resident: the contact fields,
the photos (the file is deleted, the row is kept so the timeline still says a photo was sent), and the
personal data the resident typed into the description (identity numbers, phone numbers, e-mail addresses and
the name from the contact fields, found with `redaction.redact`). The resident's own contact details and
name are also scrubbed from the published text (as a handläggare may have edited it) and from the case's
events, where an e-mail receipt may have recorded the address; what the resident wrote to the case later
(messages from the resident) is redacted like the description; other text is left as it is.

The retention time counts from `closed_at`. A case left at "fixed" or "answered" without `closed_at` is not
closed yet: the resident may still write back, so it keeps its data until a handläggare closes it.

The job is idempotent and safe to run often: a case is processed once, and a photo whose file could not be
deleted keeps its `removed_at` empty so that the next run tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.dialogue.models import Case, CaseEvent, Photo
from framsteg.dialogue.redaction import find_personal_data, redact

# Public functions here that only read or compute; every other public function is @audited.
READS = ("retention_cutoff", "expired_cases")


logger = logging.getLogger(__name__)

OPEN_STATUSES = (Case.Status.RECEIVED, Case.Status.IN_PROGRESS)
BATCH_SIZE = 200
REMOVED = "[borttaget]"


@dataclass
class RetentionReport:
    """What one run removed, or would remove on a dry run. Counts only: never the removed data."""

    cutoff: datetime
    dry_run: bool = False
    cases: int = 0
    contact_fields: int = 0
    description_redactions: int = 0
    photos_removed: int = 0
    photos_failed: int = 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cutoff"] = self.cutoff.isoformat()
        return data


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Cases closed at or before this moment have kept their personal data long enough."""
    return (now or timezone.now()) - timedelta(days=settings.DIALOGUE_RETENTION_DAYS)


def expired_cases(cutoff: datetime) -> QuerySet[Case]:
    """Closed cases past the cutoff that still hold personal data or a photo file left to delete."""
    pending_photos = Photo.objects.filter(removed_at__isnull=True).values("case_id")
    return (
        Case.objects.filter(closed_at__isnull=False, closed_at__lte=cutoff)
        .exclude(status__in=OPEN_STATUSES)
        .filter(Q(personal_data_removed_at__isnull=True) | Q(pk__in=pending_photos))
        .order_by("pk")
    )


@audited("dialogue.remove_expired_personal_data")
def remove_expired_personal_data(
    now: datetime | None = None, dry_run: bool = False, batch_size: int = BATCH_SIZE
) -> RetentionReport:
    """Remove the personal data of every expired case, one case per transaction, in batches."""
    now = now or timezone.now()
    report = RetentionReport(cutoff=retention_cutoff(now), dry_run=dry_run)
    for case_ids in _batches(expired_cases(report.cutoff), batch_size):
        for case in Case.objects.filter(pk__in=case_ids).order_by("pk"):
            if dry_run:
                _count_case(case, report)
            else:
                _remove_from_case(case, now, report)
    nothing_changed()  # unless a case was changed and recorded above
    return report


def _batches(cases: QuerySet[Case], size: int) -> Iterator[list[int]]:
    """Case ids in chunks; the ids are read first so that processed cases leaving the query do not matter."""
    ids = list(cases.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _contact_fields(case: Case) -> int:
    return sum(1 for value in (case.contact_name, case.contact_email, case.contact_phone) if value)


def _names(case: Case) -> list[str]:
    return [case.contact_name] if case.contact_name else []


def _pending_photos(case: Case) -> QuerySet[Photo]:
    return case.photos.filter(removed_at__isnull=True).order_by("pk")


def _count_case(case: Case, report: RetentionReport) -> None:
    report.cases += 1
    if case.personal_data_removed_at is None:
        report.contact_fields += _contact_fields(case)
        report.description_redactions += len(find_personal_data(case.description, _names(case)))
    report.photos_removed += _pending_photos(case).count()


def _remove_from_case(case: Case, now: datetime, report: RetentionReport) -> None:
    photos_removed = photos_failed = 0
    for photo in _pending_photos(case):
        if _remove_photo(photo, now):
            photos_removed += 1
        else:
            photos_failed += 1
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        first_pass = case.personal_data_removed_at is None
        contact_fields = redactions = 0
        if first_pass:
            contact_fields = _contact_fields(case)
            redactions = len(find_personal_data(case.description, _names(case)))
            _scrub_events(case)
            case.published_text = _scrub_text(case.published_text, *_resident_details(case))
            case.published_place = _scrub_text(case.published_place, *_resident_details(case))
            case.description = redact(case.description, _names(case), placeholder=REMOVED)
            case.contact_name = case.contact_email = case.contact_phone = ""
            case.personal_data_removed_at = now
            case.save(
                update_fields=[
                    "description",
                    "published_text",
                    "published_place",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "personal_data_removed_at",
                    "updated_at",
                ]
            )
        if first_pass or photos_removed:
            counts = {
                "contact_fields": contact_fields,
                "description_redactions": redactions,
                "photos_removed": photos_removed,
                "photos_failed": photos_failed,
            }
            event = CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.PERSONAL_DATA_REMOVED,
                is_public=False,
                created_at=now,
                data=counts,
            )
            record(
                "dialogue.remove_expired_personal_data",
                target=case,
                actor=NOBODY,
                details={"event": event.pk, **counts},
            )
    report.cases += 1
    report.contact_fields += contact_fields
    report.description_redactions += redactions
    report.photos_removed += photos_removed
    report.photos_failed += photos_failed


def _remove_photo(photo: Photo, now: datetime) -> bool:
    """Delete the photo's file, then mark the row; a file that cannot be deleted is tried again next run."""
    name = photo.image.name
    if name:
        try:
            photo.image.storage.delete(name)
        except Exception:
            logger.exception(
                "Could not delete the file of photo %s; it is tried again on the next run.", photo.pk
            )
            return False
    Photo.objects.filter(pk=photo.pk).update(image="", removed_at=now)
    return True


def _resident_details(case: Case) -> tuple[list[str], list[str]]:
    """The resident's e-mail address and phone number as written, and their name."""
    return [value for value in (case.contact_email, case.contact_phone) if value], _names(case)


def _scrub_events(case: Case) -> None:
    """Remove the resident's contact details wherever an event recorded them (e.g. an e-mail receipt), and
    the personal data in what the resident wrote to the case afterwards, as in the description."""
    exact, names = _resident_details(case)
    for event in case.events.all():
        text = event.text
        if event.kind == CaseEvent.Kind.RESIDENT:
            text = redact(text, _names(case), placeholder=REMOVED)
        if not exact and not names and text == event.text:
            continue
        text = _scrub_text(text, exact, names)
        data = _scrub_value(event.data, exact, names)
        if text != event.text or data != event.data:
            event.text, event.data = text, data
            event.save(update_fields=["text", "data"])


def _scrub_text(text: str, exact: list[str], names: list[str]) -> str:
    """Only the resident's own details: a staff note's other phone numbers stay as they were."""
    for value in exact:
        text = _replace_ignoring_case(text, value)
    if names:
        spans = [span for span in find_personal_data(text, names) if span.kind == "name"]
        for span in reversed(spans):
            text = text[: span.start] + REMOVED + text[span.end :]
    return text


def _replace_ignoring_case(text: str, value: str) -> str:
    lowered, needle = text.lower(), value.lower()
    position = lowered.find(needle)
    while position >= 0:
        text = text[:position] + REMOVED + text[position + len(value) :]
        lowered = text.lower()
        position = lowered.find(needle, position + len(REMOVED))
    return text


def _scrub_value(value: Any, exact: list[str], names: list[str]) -> Any:
    if isinstance(value, str):
        return _scrub_text(value, exact, names)
    if isinstance(value, list):
        return [_scrub_value(item, exact, names) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_value(item, exact, names) for key, item in value.items()}
    return value
