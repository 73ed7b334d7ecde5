"""E-mail to the safety address becomes a safety case, or a message on the case it adds to.

A message read into a `ParsedMail` is registered through `submit_case`, like a report from the web form.
Pictures are stored without their metadata; other attachments, and pictures that cannot be used, are listed
in an internal note so that staff know to look in the mailbox. The Message-ID is kept in the case's RECEIVED
event, so that a message read twice becomes one case.

Anyone can write any address in From. What the sender wrote is therefore never sent anywhere: the
confirmation holds only the reference, fixed text and the private follow link. And it goes only to a sender
our mail server verified (`mail.authentication`: DMARC, or aligned DKIM or SPF, recorded in
Authentication-Results by the server named in FRAMSTEG_SAFETY_MAIL_AUTHSERV_ID), at the address it verified,
and never to automatic mail. An unverified sender gets nothing: a confirmation would reach whoever's address
was forged (backscatter), and its follow link would show them the forger's text. Staff see why in a note on
the case, and can still answer by hand. The confirmation's own Message-ID is kept in its EMAILED event.

A message from a verified sender that adds to an existing case (`case_replied_to`: a reply to one of our
e-mails, or a message that gives the case's reference and comes from the resident's address) becomes a
message from the resident on that case instead. Its pictures are added to the case as photos; its Message-ID
is kept in the event, so that it too is added only once. A message that points at an existing case but
cannot be added to it becomes a new case whose note names that case and says why, so that staff can merge
the two (`handling.merge_duplicate`).
"""

from __future__ import annotations

import contextlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.audit.services import audited
from framsteg.core.email import EmailNotSent, send_email
from framsteg.dialogue.mail import authentication
from framsteg.dialogue.mail.parsing import REPLY_PREFIX, Attachment, ParsedMail, parse_message
from framsteg.dialogue.mail.replies import Named, adds_to, cases_named
from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.photos import PhotoError, process_photo
from framsteg.dialogue.services.followup import (
    MESSAGE_MAX_LENGTH,
    FollowupError,
    add_resident_message,
    photo_room,
)
from framsteg.dialogue.services.handling import follow_url, resident_reply_to
from framsteg.dialogue.services.intake import DESCRIPTION_MAX_LENGTH, Submission, submit_case

# Public functions here that only read or compute; every other public function is @audited.
READS = ("already_registered", "check_content", "may_confirm")


logger = logging.getLogger(__name__)


class MailRefused(ValueError):
    """A message that can never become a case; `message` says why, for the person running the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def already_registered(message_id: str) -> bool:
    return Case.objects.filter(events__data__message_id=message_id).exists()


def check_content(parsed: ParsedMail) -> None:
    """Refuse a message with nothing in it: no subject, no text and no attachments."""
    if not (parsed.subject or parsed.body or parsed.attachments):
        raise MailRefused(_("The message has no subject, no text and no attachments."))


@dataclass
class Registered:
    """What became of a message: a new case ("created"), a message on an existing case ("added"), or
    nothing, because it had already been registered ("duplicate")."""

    result: str
    case: Case | None = None
    event: CaseEvent | None = None


@audited("dialogue.register_safety_mail")
def case_from_message(message: EmailMessage, *, received_at: datetime | None = None) -> Case | None:
    """Register a message to the safety address; None if it is already registered.

    The case returned is a new safety case, or the existing case the message was added to as a message from
    the resident (see `register_message`).
    """
    return register_message(message, received_at=received_at).case


@audited("dialogue.register_safety_mail")
def register_message(message: EmailMessage, *, received_at: datetime | None = None) -> Registered:
    """Add the message to the case it answers, else register it as a new safety case.

    `received_at` is when the mail server received the message (the case's time of receipt and the start of
    its deadlines); it defaults to now. Raises MailRefused for a message that can never become a case and
    IntakeError if intake refuses it; any other exception leaves nothing behind.
    """
    now = timezone.now()
    if received_at is not None and timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at, UTC)
    received_at = min(received_at or now, now)
    with translation.override(settings.LANGUAGE_CODE):  # notes and reasons are for staff
        parsed = parse_message(message)
        if already_registered(parsed.message_id):
            return Registered("duplicate")
        check_content(parsed)
        named = cases_named(message, parsed)
        existing = next((item.case for item in named if adds_to(item, parsed)), None)
        if existing is not None:
            event = _add_to_case(existing, parsed, received_at)
            if event is not None:
                return Registered("added", existing, event)
        return Registered("created", _new_case(parsed, received_at, named))


def may_confirm(parsed: ParsedMail) -> str:
    """Why no confirmation may go to the sender, or "" when one may.

    Never to automatic mail or an address that reads nothing; never to a sender our mail server did not
    verify; and only to the verified From address (a Reply-To elsewhere could name anyone).
    """
    if parsed.no_reply_reason:
        return parsed.no_reply_reason
    if not parsed.verified:
        return "unverified_sender"
    if parsed.sender_email.casefold() != parsed.from_email.casefold():
        return "reply_to_differs"
    return ""


def _new_case(parsed: ParsedMail, received_at: datetime, named: list[Named]) -> Case:
    """Register the message as a safety case, confirmed to a verified sender once it is committed."""
    no_confirmation = may_confirm(parsed)
    photos, not_saved = _photos(parsed.attachments)
    description, shortened = _description(parsed)
    submission = Submission(
        kind=CaseKind.SAFETY,
        description=description,
        language=parsed.language,
        contact_name=parsed.sender_name,
        contact_email=parsed.sender_email,
        photos=photos,
        source=Case.Source.EMAIL,
    )
    stored: list[tuple[object, str]] = []
    try:
        with transaction.atomic():
            case = submit_case(submission, now=received_at)
            stored = [(photo.image.storage, photo.image.name) for photo in case.photos.all()]
            received = case.events.get(kind=CaseEvent.Kind.RECEIVED)
            received.data = {**received.data, **_received_data(parsed, received_at, no_confirmation, named)}
            received.save(update_fields=["data"])
            sender_lines = _sender_note(parsed, no_confirmation, named)
            if not_saved or shortened or sender_lines:
                CaseEvent.objects.create(
                    case=case,
                    kind=CaseEvent.Kind.NOTE,
                    text=_note(parsed, not_saved, shortened, sender_lines),
                    created_at=received_at,
                    data={
                        "attachments_not_saved": not_saved,
                        "shortened": shortened,
                        "sender_verified": parsed.verified,
                        "names_cases": [item.case.reference for item in named],
                    },
                )
            if not no_confirmation:
                transaction.on_commit(lambda: send_confirmation(case, parsed.message_id), robust=True)
    except BaseException:
        for storage, name in stored:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise
    return case


def _add_to_case(case: Case, parsed: ParsedMail, received_at: datetime) -> CaseEvent | None:
    """Add the message, and as many of its pictures as the case has room for, to the case.

    None if the case stopped taking messages meanwhile: the message then becomes a new case.
    """
    photos, not_saved = _photos(parsed.attachments, room=photo_room(case))
    text, shortened = _message_text(parsed)
    data = {
        "message_id": parsed.message_id,
        "received_at": received_at.isoformat(),
        "subject": parsed.subject[:300],
    }
    if not_saved:
        data["attachments_not_saved"] = not_saved
    if shortened:
        data["shortened"] = True
    try:
        return add_resident_message(case, text, photos, Case.Source.EMAIL, data=data, now=received_at)
    except FollowupError:
        return None


def _message_text(parsed: ParsedMail) -> tuple[str, bool]:
    """The text of a message to an existing case: the body (a reply's subject says nothing new)."""
    text = parsed.body or REPLY_PREFIX.sub("", parsed.subject).strip()
    if not text:
        text = _("(The e-mail had no text, only attachments.)")
    if len(text) <= MESSAGE_MAX_LENGTH:
        return text, False
    return text[: MESSAGE_MAX_LENGTH - 1].rstrip() + "…", True


def _photos(attachments: list[Attachment], room: int | None = None) -> tuple[list, list[dict]]:
    """The pictures to store (re-encoded without metadata) and what happened to every other attachment.

    `room` is how many more photos the case can take, for a message added to an existing case.
    """
    photos, not_saved = [], []
    limit = settings.DIALOGUE_PHOTOS_PER_CASE if room is None else room
    for attachment in attachments:
        if not attachment.may_be_picture:
            reason = _("not a picture")
        elif len(photos) >= limit and room is not None:
            reason = ngettext(
                "the case already has the %(count)d picture it can have",
                "the case already has the %(count)d pictures it can have",
                settings.DIALOGUE_PHOTOS_PER_CASE,
            ) % {"count": settings.DIALOGUE_PHOTOS_PER_CASE}
        elif len(photos) >= limit:
            reason = ngettext(
                "more than %(count)d picture in one message",
                "more than %(count)d pictures in one message",
                limit,
            ) % {"count": limit}
        else:
            try:
                photos.append(process_photo(io.BytesIO(attachment.content)))
                continue
            except PhotoError as error:
                reason = error.message
        not_saved.append(
            {
                "name": attachment.name or _("(no name)"),
                "content_type": attachment.content_type,
                "size": len(attachment.content),
                "reason": reason,
            }
        )
    return photos, not_saved


def _description(parsed: ParsedMail) -> tuple[str, bool]:
    text = "\n\n".join(piece for piece in (parsed.subject, parsed.body) if piece)
    if not text:
        text = _("(The e-mail had no text, only attachments.)")
    if len(text) <= DESCRIPTION_MAX_LENGTH:
        return text, False
    return text[: DESCRIPTION_MAX_LENGTH - 1].rstrip() + "…", True


def _received_data(
    parsed: ParsedMail, received_at: datetime, no_confirmation: str, named: list[Named]
) -> dict:
    data = {
        "message_id": parsed.message_id,
        "received_at": received_at.isoformat(),
        "sender_verified": parsed.verified,
        "verification": parsed.verification.status,
    }
    if parsed.verification.method:
        data["verified_by"] = parsed.verification.method
    if no_confirmation:
        data["no_confirmation"] = no_confirmation
    if named:
        data["names_cases"] = [item.case.reference for item in named]
    return data


def _verification_reason(parsed: ParsedMail) -> str:
    return {
        authentication.NOT_CONFIGURED: _("no trusted mail server is configured"),
        authentication.NO_RESULTS: _("our mail server recorded no authentication results for it"),
        authentication.FAILED: _("its domain did not pass DMARC, DKIM or SPF at our mail server"),
        authentication.NO_FROM: _("it has no usable From address"),
    }.get(parsed.verification.status, parsed.verification.status)


def _sender_note(parsed: ParsedMail, no_confirmation: str, named: list[Named]) -> list[str]:
    """What staff must know about the sender: not verified, and the existing cases the message points at."""
    lines = []
    if not parsed.verified and parsed.from_email:
        lines.append(
            _(
                "The sender could not be verified: anyone can write any address as sender, and "
                "%(address)s was not confirmed by our mail server (%(reason)s). No confirmation was sent, so "
                "the sender has not been given the follow link. Answer only if you trust that the message "
                "comes from this address."
            )
            % {"address": parsed.from_email, "reason": _verification_reason(parsed)}
        )
    elif no_confirmation == "reply_to_differs":
        lines.append(
            _(
                "No confirmation was sent: the message asks for answers to %(reply_to)s, but only "
                "%(address)s was verified by our mail server."
            )
            % {"reply_to": parsed.sender_email, "address": parsed.from_email}
        )
    for item in named:
        if not parsed.verified:
            reason = _("its sender could not be verified")
        elif parsed.no_reply_reason in ("automatic", "mailing_list"):
            reason = _("it was sent automatically")
        elif item.how != "reply" and not item.same_sender:
            reason = _("it comes from another address than the one the case has for the resident")
        else:
            reason = _("that case takes no more messages")
        lines.append(
            _(
                "This e-mail names the existing case %(reference)s, but it could not be added to it "
                "because %(reason)s. It has been registered as a new case. If it comes from the same "
                "resident and is about the same thing, merge it into %(reference)s."
            )
            % {"reference": item.case.reference, "reason": reason}
        )
    return lines


def _note(parsed: ParsedMail, not_saved: list[dict], shortened: bool, sender_lines: list[str]) -> str:
    lines = list(sender_lines)
    if shortened:
        lines.append(
            _("The message was longer than %(count)d characters; the description has been shortened.")
            % {"count": DESCRIPTION_MAX_LENGTH}
        )
    if not_saved:
        lines.append(_("Attachments that are not saved with the case:"))
        lines.extend(
            f"- {item['name']} ({item['content_type']}, {filesizeformat(item['size'])}): {item['reason']}"
            for item in not_saved
        )
    lines.append(
        _("The whole message is kept in the safety mailbox, Message-ID: %(message_id)s")
        % {"message_id": parsed.message_id}
    )
    return "\n".join(lines)


@audited("dialogue.send_confirmation")
def send_confirmation(case: Case, message_id: str) -> None:
    """E-mail the sender the reference and the follow link in their language, marked as an automatic reply.

    Only for a sender `may_confirm` allows; the confirmation repeats nothing from the message.

    Replies go to the safety address and are added to the case: the confirmation's Message-ID is kept in
    its EMAILED event, where `case_replied_to` looks for it.
    """
    try:
        sent = send_email(
            [case.contact_email],
            subject_template="dialogue/email/received_subject.txt",
            body_template="dialogue/email/received.txt",
            # Only the reference, fixed text and the link: nothing the sender wrote (their name, subject or
            # text) is ever sent back, so the confirmation cannot carry someone else's words to anyone.
            context={
                "reference": case.reference,
                "follow_url": follow_url(case),
                "municipality_name": settings.MUNICIPALITY_NAME,
                "safety_address": settings.DIALOGUE_SAFETY_ADDRESS,
            },
            language=case.language,
            in_reply_to="" if message_id.startswith("sha256:") else message_id,
            auto_submitted="auto-replied",
            reply_to=resident_reply_to(),
        )
    except EmailNotSent as error:  # the case is registered; a failing mail server must not undo that
        logger.exception("The confirmation of case %s could not be e-mailed", case.reference)
        data = {"ok": False, "auto_reply": True, "error": error.detail[:300]}
    else:
        # A reply to the confirmation names this Message-ID and is added to the case (`case_replied_to`).
        data = {
            "ok": True,
            "auto_reply": True,
            "language": sent.language,
            "subject": sent.subject,
            "sent_message_id": sent.message_id,
        }
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.EMAILED, data=data)
