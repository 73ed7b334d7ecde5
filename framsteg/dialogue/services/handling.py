"""What staff do with a case: route, assign, change status, note, answer, merge, forward, link, and review
what is published.

Each action runs in one transaction, records a `CaseEvent` (who did it, and what was before and after in
`data`) and never deletes anything. Internal events (notes, routing, assignment, links, reviews) are for
staff; status changes are public so anyone can follow the case. An answer is for the resident alone (their
follow page and e-mail). What staff want everyone to read is a public note, which, like the resident's text
and each photo, is public only once a case officer has approved it (`approve_text`, `review_photo`,
`review_public_note`); approving checks the text for personal data again, and text found to hold some is
published only when the officer confirms it. Rule violations raise `HandlingError` with a message in the
active language, written for the case officer.

Statuses move forward one step at a time: received → in progress → fixed or answered → closed, and a closed
case can be reopened. A case that is still being handled can instead become a duplicate (only by
`merge_duplicate`) or "not the municipality's" (only by `forward`).

The response-time promise counts a case as confirmed when someone takes it on or it first leaves "received",
and as answered when the resident is answered or the case is marked fixed or answered (`confirmed_at`,
`answered_at`: the first time only).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.core.email import EmailNotSent, SentEmail, send_email
from framsteg.dialogue.models import Case, CaseEvent, Photo, Review
from framsteg.dialogue.redaction import Redaction, find_personal_data, remove_bidi_controls
from framsteg.dialogue.rules import can_be_assigned
from framsteg.dialogue.services import notifications
from framsteg.dialogue.workdays import STOCKHOLM, add_working_days
from framsteg.organisations.models import Organisation
from framsteg.organisations.names import display_name
from framsteg.steering.models import Commitment

# Public functions here that only read or compute; every other public function is @audited.
READS = (
    "allowed_statuses",
    "can_email",
    "main_case",
    "today_in_stockholm",
    "overdue_q",
    "due_soon_q",
    "is_overdue",
    "next_due_expression",
    "follow_url",
    "resident_reply_to",
    "personal_data_in",
)


logger = logging.getLogger(__name__)

Status = Case.Status

# Open in the residents' and Open311's sense: the case waits for the municipality. Promises run only here.
OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)
# Still on someone's desk: the inbox shows these unless asked otherwise; they may be merged or forwarded.
ACTIVE_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.FIXED, Status.ANSWERED)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.IN_PROGRESS,),
    Status.IN_PROGRESS: (Status.FIXED, Status.ANSWERED),
    Status.FIXED: (Status.CLOSED,),
    Status.ANSWERED: (Status.CLOSED,),
    Status.CLOSED: (Status.IN_PROGRESS,),
    Status.DUPLICATE: (),
    Status.NOT_OURS: (),
}


class HandlingError(ValueError):
    """An action that the case's state or the rules do not allow; the message is for the case officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PersonalDataFound(HandlingError):
    """The text to publish seems to hold personal data; `findings` says where in the text, `place_findings`
    where in the place. Staff may publish anyway, confirming it."""

    def __init__(self, findings: list[Redaction], place_findings: list[Redaction] | None = None) -> None:
        super().__init__(
            _(
                "The text seems to contain personal data. Check it, or confirm that it may be published "
                "as it is."
            )
        )
        self.findings = findings
        self.place_findings = place_findings or []


@dataclass
class AnswerResult:
    """The saved answer and what happened to the e-mail to the resident."""

    event: CaseEvent
    can_email: bool
    emailed: bool = False
    email_error: str = ""


def allowed_statuses(case: Case) -> tuple[str, ...]:
    """The statuses `set_status` accepts for the case now."""
    return TRANSITIONS[case.status]


def can_email(case: Case) -> bool:
    """An answer can be e-mailed when the resident gave an address and it has not been removed."""
    return bool(case.contact_email) and case.personal_data_removed_at is None


def main_case(case: Case) -> Case:
    """The case a duplicate was merged into, following earlier merges to the end."""
    seen = {case.pk}
    while case.duplicate_of_id is not None and case.duplicate_of_id not in seen:
        seen.add(case.duplicate_of_id)
        case = case.duplicate_of
    return case


# --- Deadlines -------------------------------------------------------------------------------------------


def today_in_stockholm() -> date:
    return timezone.localdate(timezone=STOCKHOLM)


def overdue_q(today: date) -> Q:
    """Open cases not confirmed by their confirmation date, or not answered by their answer date.

    A due date is the last day of the promise, so a case is late from the day after it.
    """
    late_confirmation = Q(status=Status.RECEIVED, confirmed_at__isnull=True, confirm_due__lt=today)
    late_answer = Q(answered_at__isnull=True, answer_due__lt=today)
    return Q(status__in=OPEN_STATUSES) & (late_confirmation | late_answer)


def due_soon_q(today: date, working_days: int = 2) -> Q:
    """Open cases, not yet late, whose confirmation or answer is due within `working_days` working days."""
    limit = add_working_days(today, working_days)
    confirmation = Q(status=Status.RECEIVED, confirmed_at__isnull=True, confirm_due__range=(today, limit))
    answer = Q(answered_at__isnull=True, answer_due__range=(today, limit))
    return Q(status__in=OPEN_STATUSES) & (confirmation | answer) & ~overdue_q(today)


def is_overdue(case: Case, today: date | None = None) -> bool:
    today = today or today_in_stockholm()
    if case.status not in OPEN_STATUSES:
        return False
    late_confirmation = (
        case.status == Status.RECEIVED
        and case.confirmed_at is None
        and case.confirm_due is not None
        and case.confirm_due < today
    )
    late_answer = case.answered_at is None and case.answer_due is not None and case.answer_due < today
    return late_confirmation or late_answer


def next_due_expression() -> models.Case:
    """The date that matters next for an open case (confirmation, else answer); none for the others."""
    return models.Case(
        models.When(status=Status.RECEIVED, confirmed_at__isnull=True, then=models.F("confirm_due")),
        models.When(status__in=OPEN_STATUSES, answered_at__isnull=True, then=models.F("answer_due")),
        default=models.Value(None),
        output_field=models.DateField(),
    )


# --- Actions ---------------------------------------------------------------------------------------------


def _event(case: Case, kind: str, by, text: str = "", is_public: bool = False, **data) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, text=text, is_public=is_public, author=by, data=data
    )


def _recorded(action: str, event: CaseEvent, by, before=None, after=None, **details) -> CaseEvent:
    """Record the action in the audit log, pointing at its event, and return the event. What residents or
    staff wrote stays in the event (which retention scrubs), never in the audit log."""
    record(
        action,
        target=event.case,
        actor=by,
        before=before,
        after=after,
        details={"event": event.pk, **details},
    )
    return event


def _lock(*cases: Case) -> None:
    """Lock the cases' rows for the rest of the transaction (in a fixed order, so two actions cannot wait for
    each other) and read their current state."""
    for case in sorted(cases, key=lambda case: case.pk):
        case.refresh_from_db(from_queryset=Case.objects.select_for_update())


def _person(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "name": display_name(user)}


def _organisation(organisation: Organisation | None) -> dict | None:
    return None if organisation is None else {"id": organisation.pk, "name": organisation.name}


def _confirm(case: Case, now) -> None:
    """The resident's report counts as confirmed once somebody has acted on it."""
    if case.confirmed_at is None:
        case.confirmed_at = now


@audited("dialogue.route")
def route(case: Case, organisation: Organisation, by) -> CaseEvent:
    """Make `organisation` responsible. An officer who is not one of its members is taken off the case."""
    with transaction.atomic():
        _lock(case)
        if case.organisation_id == organisation.pk:
            raise HandlingError(
                _("The case is already with %(organisation)s.") % {"organisation": organisation}
            )
        before = _organisation(case.organisation)
        assignee_before = _person(case.assignee)
        case.organisation = organisation
        data: dict = {"before": before, "after": _organisation(organisation)}
        if case.assignee is not None and not can_be_assigned(case.assignee, case):
            data["assignee_removed"] = _person(case.assignee)
            case.assignee = None
        case.save(update_fields=["organisation", "assignee", "updated_at"])
        return _recorded(
            "dialogue.route",
            _event(case, CaseEvent.Kind.ROUTED, by, **data),
            by,
            before={"organisation": before, "assignee": assignee_before},
            after={"organisation": data["after"], "assignee": _person(case.assignee)},
        )


@audited("dialogue.assign")
def assign(case: Case, user, by) -> CaseEvent:
    """Make `user` the case officer (None: nobody). Only members of the case's organisation, or of one above
    it, can be the officer."""
    with transaction.atomic():
        _lock(case)
        if (user.pk if user else None) == case.assignee_id:
            if user is None:
                raise HandlingError(_("Nobody is assigned to the case."))
            raise HandlingError(_("%(name)s already handles the case.") % {"name": _person(user)["name"]})
        if user is not None and not can_be_assigned(user, case):
            if case.organisation is None:
                raise HandlingError(_("Route the case to an organisation before you assign it to someone."))
            raise HandlingError(
                _(
                    "%(name)s cannot handle this case: only members of %(organisation)s or of an "
                    "organisation above it can."
                )
                % {"name": _person(user)["name"], "organisation": case.organisation}
            )
        before = _person(case.assignee)
        case.assignee = user
        if user is not None:
            _confirm(case, timezone.now())
        case.save(update_fields=["assignee", "confirmed_at", "updated_at"])
        return _recorded(
            "dialogue.assign",
            _event(case, CaseEvent.Kind.ASSIGNED, by, before=before, after=_person(user)),
            by,
            before={"assignee": before},
            after={"assignee": _person(user)},
        )


def _public_note(case: Case, text: str, by, **data) -> CaseEvent | None:
    """A public note waiting for review, or None for no text."""
    text = remove_bidi_controls(text.strip())
    if not text:
        return None
    return CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.PUBLIC_NOTE,
        text=text,
        is_public=False,
        review=Review.PENDING,
        author=by,
        data=data,
    )


@audited("dialogue.set_status")
def set_status(case: Case, status: str, by, public_text: str = "") -> CaseEvent:
    """Move the case one step. `public_text` becomes a public note that waits for review, like any other."""
    with transaction.atomic():
        _lock(case)
        if status == Status.DUPLICATE:
            raise HandlingError(_("To mark a case as a duplicate, merge it into the case it duplicates."))
        if status == Status.NOT_OURS:
            raise HandlingError(_("To mark a case as not the municipality's, forward it and say to whom."))
        if status not in Status.values:
            raise HandlingError(_("Choose one of the statuses in the list."))
        if status not in TRANSITIONS[case.status]:
            raise HandlingError(
                _("A case that is “%(current)s” cannot become “%(new)s”.")
                % {"current": case.get_status_display(), "new": Status(status).label}
            )
        now = timezone.now()
        before = case.status
        _confirm(case, now)
        if status in (Status.FIXED, Status.ANSWERED) and case.answered_at is None:
            case.answered_at = now
        closed_before = case.closed_at
        case.closed_at = now if status == Status.CLOSED else None
        case.status = status
        case.save(update_fields=["status", "confirmed_at", "answered_at", "closed_at", "updated_at"])
        data: dict = {"before": before, "after": status}
        if before == Status.CLOSED and closed_before is not None:
            data["closed_at_before"] = closed_before.isoformat()
        event = _event(case, CaseEvent.Kind.STATUS, by, is_public=True, **data)
        note = _public_note(case, public_text, by, status=status)
        transaction.on_commit(partial(notifications.send_status_update, event), robust=True)
        return _recorded(
            "dialogue.set_status",
            event,
            by,
            before={"status": before},
            after={"status": status},
            public_note=note.pk if note else None,
        )


@audited("dialogue.add_note")
def add_note(case: Case, text: str, by) -> CaseEvent:
    """An internal note: never shown to the resident or the public."""
    text = text.strip()
    if not text:
        raise HandlingError(_("Write the note."))
    with transaction.atomic():
        _lock(case)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        return _recorded("dialogue.add_note", _event(case, CaseEvent.Kind.NOTE, by, text=text), by)


@audited("dialogue.add_public_note")
def add_public_note(case: Case, text: str, by) -> CaseEvent:
    """A note for everyone on the public case page and in Open311, once a case officer has approved it."""
    if not text.strip():
        raise HandlingError(_("Write the public note."))
    with transaction.atomic():
        _lock(case)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        return _recorded("dialogue.add_public_note", _public_note(case, text, by), by)


@audited("dialogue.answer")
def answer(case: Case, text: str, by) -> AnswerResult:
    """Answer the resident: the answer is saved first, then e-mailed in the resident's language.

    Sending happens after the answer is committed, so a mail server that fails never loses the answer; the
    failure is recorded as an internal event and reported in the result. The resident always sees the answer
    on their follow page; nobody else does (it is never public). Call this outside any transaction of your
    own.
    """
    text = text.strip()
    if not text:
        raise HandlingError(_("Write the answer."))
    with transaction.atomic():
        _lock(case)
        now = timezone.now()
        _confirm(case, now)
        if case.answered_at is None:
            case.answered_at = now
        case.save(update_fields=["confirmed_at", "answered_at", "updated_at"])
        event = _recorded(
            "dialogue.answer", _event(case, CaseEvent.Kind.ANSWER, by, text=text, is_public=True), by
        )
    result = AnswerResult(event=event, can_email=can_email(case))
    if not result.can_email:
        return result
    try:
        sent = _send_answer(case, text)
    except EmailNotSent as error:  # the answer is already saved
        logger.exception("The answer on case %s could not be e-mailed", case.reference)
        result.email_error = error.reason
        _event(case, CaseEvent.Kind.EMAILED, by, ok=False, answer=event.pk, error=error.detail[:300])
    else:
        result.emailed = True
        _event(
            case,
            CaseEvent.Kind.EMAILED,
            by,
            ok=True,
            answer=event.pk,
            language=case.language,
            subject=sent.subject,
            sent_message_id=sent.message_id,
        )
    return result


def follow_url(case: Case) -> str:
    """The resident's private page for the case, as a full address for an e-mail."""
    try:
        path = reverse("dialogue:follow", args=[case.follow_token])
    except NoReverseMatch:
        path = f"/arende/{case.follow_token}/"
    return settings.SITE_URL + path


def resident_reply_to() -> list[str]:
    """Where residents' replies to our e-mail go: the mailbox that `framsteg read-safety-mail` reads."""
    return [settings.DIALOGUE_SAFETY_ADDRESS] if settings.DIALOGUE_SAFETY_ADDRESS else []


def _send_answer(case: Case, text: str) -> SentEmail:
    """E-mail the answer in the resident's language.

    Replies go to the mailbox that `framsteg read-safety-mail` reads, which adds a reply naming this
    message's Message-ID to the case as a message from the resident.
    """
    return send_email(
        [case.contact_email],
        subject_template="dialogue/email/answer_subject.txt",
        body_template="dialogue/email/answer.txt",
        context={
            "reference": case.reference,
            "answer": text,
            "name": case.contact_name,
            "follow_url": follow_url(case),
            "municipality_name": settings.MUNICIPALITY_NAME,
        },
        language=case.language,
        reply_to=resident_reply_to(),
    )


@audited("dialogue.merge_duplicate")
def merge_duplicate(case: Case, into: Case, by) -> CaseEvent:
    """Mark `case` as a duplicate of `into`: its commitment links are copied to `into`.

    Photos stay with the case they were sent with, so each resident's follow link keeps serving their own
    photos and never another's; staff see the duplicates' photos from the main case. Cases already merged
    into `case` are pointed at `into`, so duplicates never form chains. The resident of the duplicate is told
    (in their language) which case now carries their report.
    """
    with transaction.atomic():
        _lock(case, into)
        if case.pk == into.pk:
            raise HandlingError(_("A case cannot be a duplicate of itself."))
        if into.status == Status.DUPLICATE:
            raise HandlingError(
                _("%(reference)s is itself a duplicate of %(main)s. Merge into %(main)s instead.")
                % {"reference": into.reference, "main": main_case(into).reference}
            )
        if case.status not in ACTIVE_STATUSES:
            raise HandlingError(
                _("Only a case that is still being handled can be merged; this one is “%(status)s”.")
                % {"status": case.get_status_display()}
            )
        now = timezone.now()
        linked = set(into.commitments.values_list("pk", flat=True))
        carried = [pk for pk in case.commitments.values_list("pk", flat=True) if pk not in linked]
        into.commitments.add(*carried)
        earlier = list(case.duplicates.all())
        for duplicate in earlier:
            duplicate.duplicate_of = into
            duplicate.save(update_fields=["duplicate_of", "updated_at"])
            _event(duplicate, CaseEvent.Kind.MERGED, by, before=case.reference, after=into.reference)
        before = case.status
        _confirm(case, now)
        case.status = Status.DUPLICATE
        case.duplicate_of = into
        case.closed_at = now
        case.save(update_fields=["status", "duplicate_of", "confirmed_at", "closed_at", "updated_at"])
        with translation.override(case.language or settings.LANGUAGE_CODE):
            public_text = _(
                "Your report is about the same thing as case %(reference)s, so it is handled together "
                "with it."
            ) % {"reference": into.reference}
        event = _event(
            case,
            CaseEvent.Kind.MERGED,
            by,
            text=public_text,
            is_public=True,
            before=before,
            after=Status.DUPLICATE,
            into=into.reference,
            into_id=into.pk,
        )
        into_event = _event(
            into,
            CaseEvent.Kind.MERGED,
            by,
            duplicate=case.reference,
            duplicate_id=case.pk,
            commitments=carried,
            repointed=[duplicate.reference for duplicate in earlier],
        )
        Case.objects.filter(pk=into.pk).update(updated_at=now)
        transaction.on_commit(partial(notifications.send_status_update, event), robust=True)
        _recorded(
            "dialogue.merge_duplicate",
            into_event,
            by,
            duplicate=case.reference,
            commitments=carried,
            repointed=[duplicate.reference for duplicate in earlier],
        )
        return _recorded(
            "dialogue.merge_duplicate",
            event,
            by,
            before={"status": before, "duplicate_of": None},
            after={"status": Status.DUPLICATE, "duplicate_of": into.reference},
        )


@audited("dialogue.forward")
def forward(case: Case, to_whom: str, by, public_text: str = "") -> CaseEvent:
    """The matter is not the municipality's: record who takes it (e.g. Trafikverket). `public_text` becomes a
    public note that waits for review, like any other."""
    to_whom = to_whom.strip()
    if not to_whom:
        raise HandlingError(_("Say to whom the case was forwarded."))
    with transaction.atomic():
        _lock(case)
        if case.status not in ACTIVE_STATUSES:
            raise HandlingError(
                _("Only a case that is still being handled can be forwarded; this one is “%(status)s”.")
                % {"status": case.get_status_display()}
            )
        now = timezone.now()
        before = case.status
        _confirm(case, now)
        case.status = Status.NOT_OURS
        case.forwarded_to = to_whom
        case.closed_at = now
        case.save(update_fields=["status", "forwarded_to", "confirmed_at", "closed_at", "updated_at"])
        event = _event(
            case,
            CaseEvent.Kind.STATUS,
            by,
            is_public=True,
            before=before,
            after=Status.NOT_OURS,
            forwarded_to=to_whom,
        )
        transaction.on_commit(partial(notifications.send_status_update, event), robust=True)
        note = _public_note(case, public_text, by, status=Status.NOT_OURS)
        return _recorded(
            "dialogue.forward",
            event,
            by,
            before={"status": before},
            after={"status": Status.NOT_OURS, "forwarded_to": to_whom},
            public_note=note.pk if note else None,
        )


def _commitment_data(commitment: Commitment) -> dict:
    return {"id": commitment.pk, "reference": commitment.reference, "text": commitment.text[:200]}


@audited("dialogue.link_commitments")
def link_commitments(case: Case, commitments: Iterable[Commitment], by) -> CaseEvent:
    """Link the case to commitments of the plan, so follow-up shows what residents say about each."""
    commitments = list(commitments)
    if any(commitment.removed_in_id is not None for commitment in commitments):
        raise HandlingError(_("Only current commitments can be linked."))
    with transaction.atomic():
        _lock(case)
        linked = set(case.commitments.values_list("pk", flat=True))
        new = [commitment for commitment in commitments if commitment.pk not in linked]
        if not new:
            raise HandlingError(_("The case is already linked to that commitment."))
        case.commitments.add(*new)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        event = _event(case, CaseEvent.Kind.LINKED, by, added=[_commitment_data(c) for c in new])
        return _recorded(
            "dialogue.link_commitments",
            event,
            by,
            before={"commitments": sorted(linked)},
            after={"commitments": sorted(linked | {c.pk for c in new})},
        )


@audited("dialogue.unlink_commitments")
def unlink_commitments(case: Case, commitments: Iterable[Commitment], by) -> CaseEvent:
    """Remove links made by mistake; the event keeps what was linked."""
    commitments = list(commitments)
    with transaction.atomic():
        _lock(case)
        linked = set(case.commitments.values_list("pk", flat=True))
        gone = [commitment for commitment in commitments if commitment.pk in linked]
        if not gone:
            raise HandlingError(_("The case is not linked to that commitment."))
        case.commitments.remove(*gone)
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        event = _event(case, CaseEvent.Kind.LINKED, by, removed=[_commitment_data(c) for c in gone])
        return _recorded(
            "dialogue.unlink_commitments",
            event,
            by,
            before={"commitments": sorted(linked)},
            after={"commitments": sorted(linked - {c.pk for c in gone})},
        )


def personal_data_in(case: Case, text: str) -> list[Redaction]:
    """Personal data that the redaction rules find in `text`, counting the resident's own name."""
    return find_personal_data(text, [case.contact_name] if case.contact_name else [])


def _check_personal_data(case: Case, text: str, place: str, allowed: bool) -> None:
    if allowed:
        return
    findings = personal_data_in(case, text)
    place_findings = personal_data_in(case, place) if place else []
    if findings or place_findings:
        raise PersonalDataFound(findings, place_findings)


@audited("dialogue.approve_text")
def approve_text(case: Case, text: str, place: str, by, *, allow_personal_data: bool = False) -> CaseEvent:
    """Publish `text` and `place` (the officer's edit of the resident's words) as the case's public text.

    The edited text is checked again: if the automatic check still finds personal data, `PersonalDataFound`
    is raised unless the officer has checked it and passes `allow_personal_data=True`. Approving an approved
    text again changes what is published. Bidirectional control characters are removed.
    """
    text = remove_bidi_controls(text.strip())
    place = remove_bidi_controls(place.strip())
    if not text:
        raise HandlingError(_("Write the text to publish, or reject it."))
    _check_personal_data(case, text, place, allow_personal_data)
    with transaction.atomic():
        _lock(case)
        before = {"text": case.published_text, "place": case.published_place, "review": case.text_review}
        after = {"text": text, "place": place, "review": Review.APPROVED}
        if before == after:
            raise HandlingError(_("Nothing was changed."))
        case.published_text = text
        case.published_place = place
        case.text_review = Review.APPROVED
        case.reviewed_at = timezone.now()
        case.reviewed_by = by
        case.review_reason = ""
        case.save(
            update_fields=[
                "published_text",
                "published_place",
                "text_review",
                "reviewed_at",
                "reviewed_by",
                "review_reason",
                "updated_at",
            ]
        )
        event = _event(
            case,
            CaseEvent.Kind.REVIEWED,
            by,
            what="text",
            before=before,
            after=after,
            personal_data_allowed=allow_personal_data,
        )
        return _recorded(
            "dialogue.approve_text",
            event,
            by,
            before={"review": before["review"]},
            after={"review": Review.APPROVED},
            text_changed=before["text"] != text,
            place_changed=before["place"] != place,
            personal_data_allowed=allow_personal_data,
        )


@audited("dialogue.reject_text")
def reject_text(case: Case, reason: str, by) -> CaseEvent:
    """Never publish the resident's text (the case itself stays public, without it), saying why."""
    reason = reason.strip()
    if not reason:
        raise HandlingError(_("Say why the text is not published."))
    with transaction.atomic():
        _lock(case)
        before = case.text_review
        if before == Review.REJECTED and case.review_reason == reason:
            raise HandlingError(_("Nothing was changed."))
        case.text_review = Review.REJECTED
        case.reviewed_at = timezone.now()
        case.reviewed_by = by
        case.review_reason = reason
        case.save(update_fields=["text_review", "reviewed_at", "reviewed_by", "review_reason", "updated_at"])
        event = _event(
            case, CaseEvent.Kind.REVIEWED, by, text=reason, what="text", before=before, after=Review.REJECTED
        )
        return _recorded(
            "dialogue.reject_text", event, by, before={"review": before}, after={"review": Review.REJECTED}
        )


@audited("dialogue.set_published")
def set_published(case: Case, is_published: bool, by) -> CaseEvent:
    """Show the case in the public list or not (a safety report is shown only when staff choose to)."""
    with transaction.atomic():
        _lock(case)
        if case.is_published == is_published:
            raise HandlingError(
                _("The case is already shown in the public list.")
                if is_published
                else _("The case is not shown in the public list.")
            )
        case.is_published = is_published
        case.save(update_fields=["is_published", "updated_at"])
        event = _event(
            case,
            CaseEvent.Kind.PUBLISHED,
            by,
            before={"is_published": not is_published},
            after={"is_published": is_published},
        )
        return _recorded(
            "dialogue.set_published",
            event,
            by,
            before={"is_published": not is_published},
            after={"is_published": is_published},
        )


@audited("dialogue.review_photo")
def review_photo(photo: Photo, approve: bool, by) -> CaseEvent:
    """Approve a photo for the public case page (shown only while the case itself is public), or reject it
    (it is then not public, or no longer)."""
    review = Review.APPROVED if approve else Review.REJECTED
    with transaction.atomic():
        photo.refresh_from_db(from_queryset=Photo.objects.select_for_update())
        if photo.removed_at is not None or not photo.image:
            raise HandlingError(_("The photo has been removed and cannot be published."))
        if photo.review == review:
            raise HandlingError(
                _("The photo is already published.") if approve else _("The photo is already not published.")
            )
        before = photo.review
        photo.review = review
        photo.is_public = approve
        photo.reviewed_at = timezone.now()
        photo.save(update_fields=["review", "is_public", "reviewed_at"])
        Case.objects.filter(pk=photo.case_id).update(updated_at=timezone.now())
        event = _event(
            photo.case, CaseEvent.Kind.REVIEWED, by, what="photo", photo=photo.pk, before=before, after=review
        )
        return _recorded(
            "dialogue.review_photo",
            event,
            by,
            before={"photo": photo.pk, "review": before},
            after={"photo": photo.pk, "review": review},
        )


@audited("dialogue.review_public_note")
def review_public_note(
    note: CaseEvent, approve: bool, by, *, text: str | None = None, allow_personal_data: bool = False
) -> CaseEvent:
    """Approve a public note (with the officer's edit, `text`, checked again for personal data like the
    resident's text) or reject it: a rejected note is never public."""
    if note.kind != CaseEvent.Kind.PUBLIC_NOTE:
        raise HandlingError(_("Only public notes are reviewed."))
    review = Review.APPROVED if approve else Review.REJECTED
    with transaction.atomic():
        note.refresh_from_db(from_queryset=CaseEvent.objects.select_for_update())
        new_text = remove_bidi_controls((note.text if text is None else text).strip())
        if approve:
            if not new_text:
                raise HandlingError(_("Write the public note, or reject it."))
            _check_personal_data(note.case, new_text, "", allow_personal_data)
        if note.review == review and (not approve or new_text == note.text):
            raise HandlingError(_("Nothing was changed."))
        before = note.review
        changed = approve and new_text != note.text
        if approve:
            note.text = new_text
        note.review = review
        note.is_public = approve
        note.save(update_fields=["text", "review", "is_public"])
        Case.objects.filter(pk=note.case_id).update(updated_at=timezone.now())
        event = _event(
            note.case,
            CaseEvent.Kind.REVIEWED,
            by,
            what="public_note",
            note=note.pk,
            before=before,
            after=review,
            personal_data_allowed=allow_personal_data,
        )
        return _recorded(
            "dialogue.review_public_note",
            event,
            by,
            before={"note": note.pk, "review": before},
            after={"note": note.pk, "review": review},
            text_changed=changed,
            personal_data_allowed=allow_personal_data,
        )
