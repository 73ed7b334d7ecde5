"""Registering a resident's report as a case: checks, routing, deadlines, reference number, photos, events.

`submit_case` is the one way a report enters the system, whether from the web form, Open311 or e-mail.
It either registers the whole case or nothing: the database work is one transaction, and photo files
written before a failure are deleted again.
"""

from __future__ import annotations

import logging
import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.dialogue.models import (
    Case,
    CaseEvent,
    CaseKind,
    Category,
    CategoryQuestion,
    Photo,
    ResponsePromise,
    Review,
    RoutingRule,
)
from framsteg.dialogue.photos import remove_written
from framsteg.dialogue.redaction import find_personal_data, redact, remove_bidi_controls
from framsteg.dialogue.services import idempotency as idempotency_keys
from framsteg.dialogue.services import notifications
from framsteg.dialogue.workdays import STOCKHOLM, due_date
from framsteg.organisations.models import Organisation
from framsteg.places import geo
from framsteg.places.models import District

if TYPE_CHECKING:
    from framsteg.dialogue.photos import ProcessedPhoto

# Public functions here that only read or compute; every other public function is @audited.
READS = ("find_district", "route", "promise_for", "publication_proposal")

logger = logging.getLogger(__name__)

DESCRIPTION_MAX_LENGTH = 4000
DEFAULT_CONFIRM_WITHIN = 2
DEFAULT_ANSWER_WITHIN = 10
# Attempts at a free reference number. On PostgreSQL numbering is serialised by a lock, so a retry is rare.
NUMBER_ATTEMPTS = 10
# A clock a little ahead on the resident's phone is not an error; a date next week is.
FUTURE_TOLERANCE = timedelta(hours=1)


@dataclass
class Submission:
    """What a resident reports, before it is checked."""

    kind: str
    description: str
    category: Category | None = None
    feedback_type: str = ""
    answers: dict = field(default_factory=dict)
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    happened_at: datetime | None = None
    language: str = "sv"
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    photos: list[ProcessedPhoto] = field(default_factory=list)
    source: str = "web"


class IntakeError(ValueError):
    """An invalid submission. `message` is translated for the resident; `field` names the field or is "".

    Fields: "kind", "description", "category", "feedback_type", "place", "latitude", "longitude",
    "happened_at", "contact_name", "contact_email", "contact_phone", "photos", "source", and
    "answer_<question code>" for an answer to one of the category's questions.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class _Checked:
    """A submission after checking, with values normalised."""

    kind: str
    description: str
    category: Category | None
    feedback_type: str
    answers: dict
    place: str
    latitude: float | None
    longitude: float | None
    happened_at: datetime | None
    language: str
    contact_name: str
    contact_email: str
    contact_phone: str
    photos: list
    source: str


def _check_answer(question: CategoryQuestion, value):
    """Return the answer normalised for storage, or raise IntakeError."""
    field_name = f"answer_{question.code}"
    allowed = {
        str(choice[0]) if isinstance(choice, list | tuple) else str(choice) for choice in question.choices
    }
    if question.datatype == CategoryQuestion.Datatype.MULTI:
        values = value if isinstance(value, list | tuple) else [value]
        values = [str(item).strip() for item in values if str(item).strip()]
        if allowed and any(item not in allowed for item in values):
            raise IntakeError(_("Choose one of the options."), field_name)
        return values
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    value = str(value).strip()
    if not value:
        return ""
    if question.datatype == CategoryQuestion.Datatype.SINGLE and allowed and value not in allowed:
        raise IntakeError(_("Choose one of the options."), field_name)
    if question.datatype == CategoryQuestion.Datatype.NUMBER:
        try:
            number = Decimal(value.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise IntakeError(_("Write a number, for example 3."), field_name)
        return str(number)
    if question.datatype == CategoryQuestion.Datatype.DATETIME:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise IntakeError(_("Write a date, for example 2026-03-14."), field_name) from None
    max_length = 300 if question.datatype == CategoryQuestion.Datatype.STRING else 2000
    if len(value) > max_length:
        raise IntakeError(
            ngettext(
                "The answer can be at most %(count)d character long.",
                "The answer can be at most %(count)d characters long.",
                max_length,
            )
            % {"count": max_length},
            field_name,
        )
    return value


def _check_answers(category: Category | None, answers: dict) -> dict:
    """Keep the answers to the category's own questions; required questions must be answered."""
    if category is None:
        return {}
    checked = {}
    for question in category.questions.all():
        value = _check_answer(question, answers.get(question.code, ""))
        if value in ("", []):
            if question.required:
                raise IntakeError(_("Answer this question."), f"answer_{question.code}")
            continue
        checked[question.code] = value
    return checked


def _check_text(value: str, max_length: int, field_name: str) -> str:
    value = (value or "").strip()
    if len(value) > max_length:
        raise IntakeError(
            ngettext(
                "This can be at most %(count)d character long.",
                "This can be at most %(count)d characters long.",
                max_length,
            )
            % {"count": max_length},
            field_name,
        )
    return value


def _check_position(latitude, longitude) -> tuple[float | None, float | None]:
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    if latitude in (None, "") or longitude in (None, ""):
        missing = "longitude" if latitude not in (None, "") else "latitude"
        raise IntakeError(_("Give both latitude and longitude, or leave both out."), missing)
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise IntakeError(_("The position is not a valid coordinate."), "latitude") from None
    if (
        not (math.isfinite(latitude) and math.isfinite(longitude))
        or abs(latitude) > 90
        or abs(longitude) > 180
    ):
        raise IntakeError(_("The position is not a valid coordinate."), "latitude")
    if not geo.inside_municipality(latitude, longitude):
        raise IntakeError(
            _("The position is outside %(municipality)s. Choose a place there, or leave it out.")
            % {"municipality": settings.MUNICIPALITY_NAME},
            "latitude",
        )
    return latitude, longitude


def _check(submission: Submission, now: datetime) -> _Checked:
    """Check a submission and return it normalised, or raise IntakeError with a message for the resident."""
    if submission.kind not in CaseKind.values:
        raise IntakeError(_("Choose what you want to report."), "kind")
    kind = submission.kind

    description = (submission.description or "").strip()
    if not description:
        raise IntakeError(_("Describe what you want to tell us."), "description")
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise IntakeError(
            _("The description can be at most %(max)d characters long. It is now %(length)d characters.")
            % {"max": DESCRIPTION_MAX_LENGTH, "length": len(description)},
            "description",
        )

    category = submission.category
    if category is None and kind == CaseKind.FAULT:
        raise IntakeError(_("Choose what the fault is about."), "category")
    if category is not None and (category.kind != kind or not category.is_active):
        raise IntakeError(_("Choose one of the categories in the list."), "category")

    feedback_type = ""
    if kind == CaseKind.FEEDBACK:
        feedback_type = submission.feedback_type or ""
        if feedback_type not in Case.FeedbackType.values:
            raise IntakeError(_("Choose whether it is praise, a complaint or a suggestion."), "feedback_type")

    latitude, longitude = _check_position(submission.latitude, submission.longitude)

    happened_at = submission.happened_at
    if happened_at is not None:
        if timezone.is_naive(happened_at):
            happened_at = timezone.make_aware(happened_at, STOCKHOLM)
        if happened_at > now + FUTURE_TOLERANCE:
            raise IntakeError(_("The time cannot be in the future."), "happened_at")

    contact_email = _check_text(submission.contact_email, 254, "contact_email")
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise IntakeError(
                _("Write the e-mail address like this: name@example.se"), "contact_email"
            ) from None

    max_photos = settings.DIALOGUE_PHOTOS_PER_CASE
    if len(submission.photos) > max_photos:
        raise IntakeError(
            ngettext(
                "You can attach at most %(count)d photo.",
                "You can attach at most %(count)d photos.",
                max_photos,
            )
            % {"count": max_photos},
            "photos",
        )

    if submission.source not in Case.Source.values:
        raise IntakeError(_("Unknown source of the report."), "source")

    languages = {code for code, _name in settings.LANGUAGES}
    language = (submission.language or "").split("-")[0].lower()

    return _Checked(
        kind=kind,
        description=description,
        category=category,
        feedback_type=feedback_type,
        answers=_check_answers(category, submission.answers or {}),
        place=_check_text(submission.place, 300, "place"),
        latitude=latitude,
        longitude=longitude,
        happened_at=happened_at,
        language=language if language in languages else settings.LANGUAGE_CODE,
        contact_name=_check_text(submission.contact_name, 200, "contact_name"),
        contact_email=contact_email,
        contact_phone=_check_text(submission.contact_phone, 40, "contact_phone"),
        photos=list(submission.photos),
        source=submission.source,
    )


def find_district(latitude: float | None, longitude: float | None, *texts: str) -> District | None:
    """The district of a position, else of the first known place name found in the texts."""
    if latitude is not None and longitude is not None:
        return geo.district_for_point(latitude, longitude)
    for text in texts:
        district, _point = geo.resolve_place(text)
        if district is not None:
            return district
    return None


def route(category: Category | None, district: District | None) -> tuple[Organisation | None, str]:
    """The responsible organisation and which rule chose it: "district", "category", "default" or "none"."""
    if category is None:
        return None, "none"
    rules = RoutingRule.objects.select_related("organisation").filter(category=category)
    if district is not None:
        rule = rules.filter(district=district).first()
        if rule is not None:
            return rule.organisation, "district"
    rule = rules.filter(district__isnull=True).first()
    if rule is not None:
        return rule.organisation, "category"
    if category.organisation_id is not None:
        return category.organisation, "default"
    return None, "none"


def promise_for(kind: str, category: Category | None) -> tuple[int, int]:
    """Working days to confirm and to answer: the category's promise, else the kind's, else 2 and 10."""
    promise = None
    if category is not None:
        promise = ResponsePromise.objects.filter(category=category).first()
    if promise is None:
        promise = ResponsePromise.objects.filter(kind=kind, category__isnull=True).first()
    if promise is None:
        return DEFAULT_CONFIRM_WITHIN, DEFAULT_ANSWER_WITHIN
    return promise.confirm_within, promise.answer_within


@dataclass
class Proposal:
    """What is proposed for publication on registration, and whether it may be published without review."""

    text: str
    place: str
    review: str


def publication_proposal(
    kind: str, category: Category | None, description: str, place: str, names: list[str]
) -> Proposal:
    """The resident's text and place with what the automatic check finds removed, waiting for review.

    Published at once (`Review.AUTOMATIC`) only when the category says so and the check finds nothing in
    either; a safety report never is.
    """
    text = remove_bidi_controls(redact(description, names=names))
    shown_place = remove_bidi_controls(redact(place, names=names)) if place else ""
    clean = not find_personal_data(description, names) and not (place and find_personal_data(place, names))
    automatic = category is not None and category.publish_when_clean and kind != CaseKind.SAFETY and clean
    return Proposal(text, shown_place, Review.AUTOMATIC if automatic else Review.PENDING)


def _lock_year(year: int) -> None:
    """Serialise numbering within a year on PostgreSQL: the lock is held until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A fixed namespace (the app's name) plus the year keeps the key clear of other advisory locks.
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext('framsteg.dialogue.case_number'), %s)", [year]
            )


def _save_numbered(case: Case) -> None:
    """Give the case the next free number of its year and save it, retrying if another writer took it."""
    _lock_year(case.year)
    for attempt in range(1, NUMBER_ATTEMPTS + 1):
        case.number = Case.next_number(case.year)
        try:
            with transaction.atomic():
                case.save(force_insert=True)
            return
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS:
                raise
            logger.info("Reference %s-%05d was taken; trying the next number", case.year, case.number)
            case.pk = None


def _photo_name(photo: ProcessedPhoto) -> str:
    return f"{uuid.uuid4().hex}.{photo.extension}"


@audited("dialogue.submit_case")
def submit_case(
    submission: Submission,
    *,
    now: datetime | None = None,
    idempotency: idempotency_keys.Idempotency | None = None,
) -> Case:
    """Register a case in one transaction.

    The district comes from the position (or a place name in the place or description), the organisation
    from the routing rules (category and district, then category, then the category's own organisation),
    the due dates from the response-time promise (category's, else kind's, else 2/10 working days, counted
    in Stockholm time), and the reference number is the next of the year in Stockholm time. The text and
    place proposed for publication have what the automatic check finds removed, and wait for a case
    officer's review unless the category publishes clean texts at once (`publication_proposal`); safety
    reports are not published. Photos get random file names and wait for review.
    Writes a public RECEIVED event and an internal ROUTED event. Raises IntakeError for an invalid
    submission; on any failure nothing is saved and photo files already written are deleted.

    With `idempotency`, a submission sent before with the same key returns that earlier case, with
    `replayed` set, and registers nothing (see `framsteg.dialogue.services.idempotency`, whose KeyInFlight
    and KeyReused it may raise); a new case is stored together with its key.
    """
    now = now or timezone.now()
    checked = _check(submission, now)
    district = find_district(checked.latitude, checked.longitude, checked.place, checked.description)
    organisation, rule = route(checked.category, district)
    confirm_within, answer_within = promise_for(checked.kind, checked.category)
    names = [checked.contact_name] if checked.contact_name else []
    proposal = publication_proposal(checked.kind, checked.category, checked.description, checked.place, names)

    case = Case(
        year=timezone.localtime(now, STOCKHOLM).year,
        kind=checked.kind,
        feedback_type=checked.feedback_type,
        category=checked.category,
        description=checked.description,
        answers=checked.answers,
        published_text=proposal.text,
        published_place=proposal.place,
        text_review=proposal.review,
        reviewed_at=now if proposal.review == Review.AUTOMATIC else None,
        is_published=checked.kind != CaseKind.SAFETY,
        place=checked.place,
        latitude=checked.latitude,
        longitude=checked.longitude,
        district=district,
        happened_at=checked.happened_at,
        language=checked.language,
        contact_name=checked.contact_name,
        contact_email=checked.contact_email,
        contact_phone=checked.contact_phone,
        organisation=organisation,
        source=checked.source,
        created_at=now,
        confirm_due=due_date(now, confirm_within),
        answer_due=due_date(now, answer_within),
    )

    written: list[tuple[object, str]] = []
    try:
        with transaction.atomic():
            if idempotency is not None and (earlier := idempotency_keys.earlier_case(idempotency)):
                earlier.replayed = True
                nothing_changed()
                return earlier
            _save_numbered(case)
            for processed in checked.photos:
                photo = Photo(case=case, width=processed.width, height=processed.height)
                photo.image.save(_photo_name(processed), ContentFile(processed.content), save=False)
                written.append((photo.image.storage, photo.image.name))
                photo.save()
            CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.RECEIVED, is_public=True, created_at=now)
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.ROUTED,
                is_public=False,
                created_at=now,
                data={
                    "organisation": organisation.pk if organisation else None,
                    "district": district.pk if district else None,
                    "rule": rule,
                },
            )
            # The resident acts, without an account; their address is not kept past the case's retention.
            record(
                "dialogue.submit_case",
                target=case,
                actor=NOBODY,
                after={
                    "kind": case.kind,
                    "category": checked.category.code if checked.category else None,
                    "organisation": organisation.name if organisation else None,
                    "district": district.name if district else None,
                    "source": case.source,
                    "photos": len(checked.photos),
                    "text_review": case.text_review,
                },
                with_origin=False,
            )
            if idempotency is not None:
                idempotency_keys.remember(idempotency, case)
            transaction.on_commit(partial(notifications.send_receipt, case), robust=True)
    except BaseException:
        remove_written(written, "a failed submission")
        case.pk = None
        raise
    return case
