"""E-mail to the safety address becomes a safety case.

A message is read into a `ParsedMail` (the text without signatures, and without the quoted chain when it is a
reply; the sender; the language; the attachments) and registered through `submit_case`, like a report from
the web form. Pictures are stored without their metadata; other attachments, and pictures that cannot be
used, are listed in an internal note so that staff know to look in the mailbox. The Message-ID is kept in
the case's RECEIVED event, so that a message read twice becomes one case. The sender gets a confirmation
with the reference and the private follow link, unless the message was itself sent automatically; the
confirmation's own Message-ID is kept in its EMAILED event.

A message that adds to an existing case becomes a message from the resident on that case instead of a new
case (`case_replied_to`): a reply to our confirmation (its In-Reply-To or References names the confirmation's
Message-ID), or a message that gives the case's reference in its subject or text and comes from the e-mail
address the case has for the resident. Its pictures are added to the case as photos; its Message-ID is kept
in the event, so that it too is added only once.

Mailboxes are read by `read_maildir` and `read_imap`. A message leaves the inbox only after its case is
committed: registered and already registered messages go to the folder "Processed", messages that can never
become a case (no text and no attachments) to "Failed", and a message whose processing failed for any other
reason stays where it is and is tried again on the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import imaplib
import io
import logging
import mailbox
import os
import re
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import make_msgid, parseaddr
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage as OutgoingEmail
from django.core.validators import validate_email
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.photos import PhotoError, process_photo
from framsteg.dialogue.services.followup import (
    MESSAGE_MAX_LENGTH,
    FollowupError,
    accepts_messages,
    add_resident_message,
    photo_room,
)
from framsteg.dialogue.services.handling import follow_url, message_id_domain
from framsteg.dialogue.services.intake import DESCRIPTION_MAX_LENGTH, IntakeError, Submission, submit_case

logger = logging.getLogger(__name__)

PROCESSED_FOLDER = "Processed"
FAILED_FOLDER = "Failed"
IMAP_PASSWORD_VARIABLE = "FRAMSTEG_SAFETY_IMAP_PASSWORD"

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".tif", ".tiff", ".bmp")
# Addresses that never read what is sent to them: no confirmation goes there, and staff cannot answer them.
NO_REPLY_LOCAL_PART = re.compile(
    r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)([+.\-_].*)?$", re.I
)
# The first prefix of a subject says whether the message answers another one or passes it on.
REPLY_PREFIX = re.compile(r"^\s*(re|sv|vs|aw|antw|res|رد)\s*:", re.I)
FORWARD_PREFIX = re.compile(r"^\s*(fwd?|vb|vl|wg|tr|rv|doorst)\s*:", re.I)
# "On 10 March, X wrote:", and "Den 10 mars skrev X:" with the name after the verb, as Swedish clients put it.
ATTRIBUTION = re.compile(r"\b(wrote|skrev|kirjoitti|schrieb|a écrit|escribió|كتب)\b.*:\s*$", re.I)
ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{3,}\s*(original message|ursprungligt meddelande|alkuperäinen viesti)\s*-{3,}\s*$", re.I
)
OUTLOOK_SEPARATOR = re.compile(r"^\s*_{10,}\s*$")
OUTLOOK_FROM = re.compile(r"^\s*(from|från|lähettäjä)\s*:", re.I)
# "Sent from my iPhone" and its kind, in the languages residents write in; only ever removed as the last line.
MOBILE_SIGNATURE = re.compile(
    r"^\s*(skickat från|sent from|hämta outlook|get outlook for|lähetetty|laga soo diray|"
    r"تم الإرسال من|أرسلت من|مرسل من)",
    re.I,
)
# A case reference such as 2026-00042, in a subject or text.
CASE_REFERENCE = re.compile(r"\b(20\d\d)-(\d{5})\b")
# One Message-ID in In-Reply-To or References.
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")


class MailRefused(ValueError):
    """A message that can never become a case; `message` says why, for the person running the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MailboxError(Exception):
    """The mailbox could not be opened or read."""


@dataclass
class Attachment:
    name: str
    content_type: str
    content: bytes

    @property
    def may_be_picture(self) -> bool:
        return self.content_type.startswith("image/") or self.name.lower().endswith(IMAGE_EXTENSIONS)


@dataclass
class ParsedMail:
    """What a message says, read from its MIME structure."""

    message_id: str
    subject: str
    body: str
    sender_name: str
    sender_email: str
    language: str
    attachments: list[Attachment]
    no_reply_reason: str = ""  # why no confirmation may be sent; "" when one may


# --- Reading a message -------------------------------------------------------------------------------------


def parse_bytes(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)


def message_id_of(message: EmailMessage) -> str:
    """The Message-ID, or for a message without one a digest of the whole message."""
    value = " ".join(_header_text(message, "Message-ID").split())
    if value:
        return value
    try:
        content = bytes(message)
    except Exception:  # a message too broken to write out again: its headers identify it well enough
        content = repr(message.items()).encode("utf-8", "replace")
    return "sha256:" + hashlib.sha256(content).hexdigest()


def parse_message(message: EmailMessage) -> ParsedMail:
    subject = " ".join(_header_text(message, "Subject").split())
    is_reply = _is_reply(subject, message)
    texts: list[EmailMessage] = []
    parts: list[EmailMessage] = []
    _collect(message, texts, parts, want_text=True)
    cleaned = (clean_text(_text_of(part, drop_quotes=is_reply), is_reply=is_reply) for part in texts)
    body = "\n\n".join(text for text in cleaned if text)
    sender_name, sender_email = _sender(message)
    attachments = [_attachment(part) for part in parts]
    return ParsedMail(
        message_id=message_id_of(message),
        subject=subject,
        body=body,
        sender_name=sender_name,
        sender_email=sender_email,
        language=_language(message, texts, subject + body),
        attachments=attachments,
        no_reply_reason=_no_reply_reason(message, sender_email),
    )


def _header_text(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except Exception:  # a header the parser cannot decode is left out rather than losing the message
        return ""


def _is_reply(subject: str, message: EmailMessage) -> bool:
    """An answer to an earlier message, whose quoted chain can go; a forwarded message is kept whole."""
    if FORWARD_PREFIX.match(subject):
        return False
    return bool(REPLY_PREFIX.match(subject) or message.get("In-Reply-To"))


def _collect(part: EmailMessage, texts: list, parts: list, want_text: bool) -> None:
    """Walk the MIME tree: the readable text parts go to `texts`, everything else to `parts`.

    Of a multipart/alternative only one version is read (plain text if it has any, else HTML); pictures in
    the other versions are still collected.
    """
    maintype = part.get_content_maintype()
    if maintype == "multipart":
        children = list(part.iter_parts())
        preferred = _preferred_alternative(children) if part.get_content_subtype() == "alternative" else None
        for child in children:
            _collect(child, texts, parts, want_text and (preferred is None or child is preferred))
        return
    is_text = part.get_content_type() in ("text/plain", "text/html")
    if is_text and part.get_content_disposition() != "attachment" and not part.get_filename():
        if want_text:
            texts.append(part)
        return
    parts.append(part)


def _preferred_alternative(children: list[EmailMessage]) -> EmailMessage | None:
    for child in children:
        if child.get_content_type() == "text/plain" and _text_of(child, drop_quotes=False).strip():
            return child
    for child in children:
        if child.get_content_type() == "text/html" or child.get_content_maintype() == "multipart":
            return child
    return children[0] if children else None


def _text_of(part: EmailMessage, drop_quotes: bool) -> str:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, ValueError):  # an unknown or wrong charset
        text = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    if not isinstance(text, str):
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        return html_to_text(text, drop_quotes=drop_quotes)
    if str(part.get_param("format", "")).lower() == "flowed":
        return unflow(text, delete_space=str(part.get_param("delsp", "")).lower() == "yes")
    return text


def unflow(text: str, delete_space: bool = False) -> str:
    """Join the lines of format=flowed text (RFC 3676): a line ending in a space continues on the next."""
    lines, pending = [], ""
    for line in text.split("\n"):
        if line.startswith(" "):  # space-stuffing
            line = line[1:]
        if line.endswith(" ") and line != "-- ":
            pending += line[:-1] if delete_space else line
            continue
        lines.append(pending + line)
        pending = ""
    if pending:
        lines.append(pending)
    return "\n".join(lines)


class _HtmlText(HTMLParser):
    """The text of an HTML message with its line breaks; scripts, styles and (in replies) quotes left out."""

    BLOCKS = {
        "div",
        "tr",
        "ul",
        "ol",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "pre",
        "hr",
    }
    PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl"}
    HIDDEN = {"script", "style", "head", "title", "template", "noscript"}
    QUOTE_CLASSES = {"gmail_quote", "moz-cite-prefix", "yahoo_quoted"}
    SIGNATURE_CLASSES = {"gmail_signature", "moz-signature"}

    def __init__(self, drop_quotes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_quotes = drop_quotes
        self.pieces: list[str] = []
        self.hidden = 0
        # While inside an element that is left out: its tag name and how deep the same tag is nested in it.
        self.skipping: tuple[str, int] | None = None
        self.preformatted = 0

    def _skip_element(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        classes = set((dict(attrs).get("class") or "").split())
        if classes & self.SIGNATURE_CLASSES:
            return True
        return self.drop_quotes and (tag == "blockquote" or bool(classes & self.QUOTE_CLASSES))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            name, depth = self.skipping
            if tag == name:
                self.skipping = (name, depth + 1)
            return
        if tag in self.HIDDEN:
            self.hidden += 1
        elif self._skip_element(tag, attrs):
            self.skipping = (tag, 1)
        elif tag == "br":
            self.pieces.append("\n")
        elif tag == "li":
            self.pieces.append("\n- ")
        elif tag in self.PARAGRAPHS:
            self.pieces.append("\n\n")
        elif tag in self.BLOCKS:
            self.pieces.append("\n")
            if tag == "pre":
                self.preformatted += 1
        elif tag in ("td", "th"):
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            name, depth = self.skipping
            if tag == name:
                self.skipping = (name, depth - 1) if depth > 1 else None
            return
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.PARAGRAPHS:
            self.pieces.append("\n\n")
        elif tag in self.BLOCKS:
            self.pieces.append("\n")
            if tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden or self.skipping is not None:
            return
        data = data.replace("\xa0", " ")
        self.pieces.append(data if self.preformatted else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        return "".join(self.pieces)


def html_to_text(html: str, drop_quotes: bool = False) -> str:
    """Plain text of an HTML message: tags removed, line breaks kept, nothing executed or fetched."""
    parser = _HtmlText(drop_quotes)
    parser.feed(html)
    parser.close()
    text = "\n".join(line.strip() for line in parser.text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_text(text: str, is_reply: bool = False) -> str:
    """The text without its signature and, in a reply, without the quoted earlier messages."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    for index, line in enumerate(lines):
        if line.rstrip() == "--":  # the standard signature separator "-- "
            lines = lines[:index]
            break
    if is_reply:
        lines = _without_quoted_chain(lines)
    lines = [line.rstrip() for line in lines]
    while lines and (not lines[-1].strip() or (len(lines[-1]) < 80 and MOBILE_SIGNATURE.match(lines[-1]))):
        lines.pop()
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _without_quoted_chain(lines: list[str]) -> list[str]:
    def next_text_line(start: int) -> str:
        return next((line for line in lines[start:] if line.strip()), "")

    for index, line in enumerate(lines):
        if ORIGINAL_MESSAGE.match(line):
            return lines[:index]
        if OUTLOOK_SEPARATOR.match(line) and OUTLOOK_FROM.match(next_text_line(index + 1)):
            return lines[:index]
        if ATTRIBUTION.search(line) and next_text_line(index + 1).startswith(">"):
            return lines[:index]
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith(">")):
        lines = lines[:-1]
    return lines


def _sender(message: EmailMessage) -> tuple[str, str]:
    """The name and address to answer: Reply-To if given, else From. Addresses that read nothing give ""."""
    name = address = ""
    for header in ("Reply-To", "From"):
        try:
            addresses = getattr(message.get(header), "addresses", ()) or ()
            found = next(
                ((item.display_name, item.addr_spec) for item in addresses if "@" in item.addr_spec), None
            )
        except Exception:  # an unreadable address header: fall back to the lenient parser
            found = parseaddr(_header_text(message, header))
            found = found if "@" in found[1] else None
        if found:
            name = name or found[0]
            if not address:
                address = found[1]
    name = " ".join(name.split())[:200]
    address = address.strip()
    try:
        validate_email(address)
    except ValidationError:
        address = ""
    if address and _reads_nothing(address):
        address = ""
    return name, address


def _reads_nothing(address: str) -> bool:
    own = {parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower(), settings.DIALOGUE_SAFETY_ADDRESS.lower()}
    return address.lower() in own or bool(NO_REPLY_LOCAL_PART.match(address.rsplit("@", 1)[0]))


def _language(message: EmailMessage, texts: list, text: str) -> str:
    """The language: Content-Language of the message or its text, else Arabic if written so, else Swedish."""
    codes = {code for code, _name in settings.LANGUAGES}
    for part in [message, *texts]:
        value = _header_text(part, "Content-Language")
        tag = value.split(",")[0].strip().split("-")[0].lower()
        if tag in codes:
            return tag
    if len(ARABIC_LETTER.findall(text)) > len(LATIN_LETTER.findall(text)):
        return "ar"
    return settings.LANGUAGE_CODE


def _no_reply_reason(message: EmailMessage, sender_email: str) -> str:
    """Why no confirmation may go back (RFC 3834: never answer automatic mail), or ""."""
    auto_submitted = _header_text(message, "Auto-Submitted").strip().lower()
    suppress = _header_text(message, "X-Auto-Response-Suppress").lower()
    if (
        (auto_submitted and auto_submitted != "no")
        or _header_text(message, "Precedence").strip().lower() in ("bulk", "junk", "list", "auto_reply")
        or "all" in suppress
        or "autoreply" in suppress
        or message.get("X-Autoreply")
        or message.get("X-Autorespond")
        or message.get_content_type() == "multipart/report"
        or _header_text(message, "Return-Path").strip() == "<>"
    ):
        return "automatic"
    if message.get("List-Id") or message.get("List-Unsubscribe"):
        return "mailing_list"
    if not sender_email:
        return "no_address"
    return ""


def _attachment(part: EmailMessage) -> Attachment:
    name = part.get_filename() or _header_text(part, "Content-Description")
    name = re.sub(r"[\x00-\x1f\x7f]", "", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()[:120]
    if part.get_content_maintype() == "message":  # a forwarded message or a delivery report
        try:
            content = bytes(part)
        except Exception:
            content = b""
    else:
        content = part.get_payload(decode=True) or b""
    return Attachment(name=name, content_type=part.get_content_type(), content=content)


# --- Registering a case ------------------------------------------------------------------------------------


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


def case_from_message(message: EmailMessage, *, received_at: datetime | None = None) -> Case | None:
    """Register a message to the safety address; None if it is already registered.

    The case returned is a new safety case, or the existing case the message was added to as a message from
    the resident (see `register_message`).
    """
    return register_message(message, received_at=received_at).case


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
        existing = case_replied_to(message, parsed)
        if existing is not None:
            event = _add_to_case(existing, parsed, received_at)
            if event is not None:
                return Registered("added", existing, event)
        return Registered("created", _new_case(parsed, received_at))


def _new_case(parsed: ParsedMail, received_at: datetime) -> Case:
    """Register the message as a safety case, confirmed to the sender once it is committed."""
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
            received.data = {**received.data, **_received_data(parsed, received_at)}
            received.save(update_fields=["data"])
            if not_saved or shortened:
                CaseEvent.objects.create(
                    case=case,
                    kind=CaseEvent.Kind.NOTE,
                    text=_note(parsed, not_saved, shortened),
                    created_at=received_at,
                    data={"attachments_not_saved": not_saved, "shortened": shortened},
                )
            if not parsed.no_reply_reason:
                transaction.on_commit(lambda: send_confirmation(case, parsed.message_id), robust=True)
    except BaseException:
        for storage, name in stored:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise
    return case


def case_replied_to(message: EmailMessage, parsed: ParsedMail) -> Case | None:
    """The existing case a resident's message adds to, or None when it is to become a new case.

    A reply to our confirmation of a case (its In-Reply-To or References holds the confirmation's
    Message-ID) adds to that case. So does a message whose subject or text gives the reference of a case
    when the sender's address is the one the case has for the resident. Automatic messages (out-of-office
    replies, delivery reports, mailing lists) and cases that take no more messages (merged, or personal data
    removed) never match: such a message becomes a new case, as any other.
    """
    if parsed.no_reply_reason in ("automatic", "mailing_list"):
        return None
    replied = MESSAGE_ID.findall(
        " ".join(_header_text(message, name) for name in ("In-Reply-To", "References"))
    )
    if replied:
        confirmation = (
            CaseEvent.objects.filter(kind=CaseEvent.Kind.EMAILED, data__sent_message_id__in=replied)
            .select_related("case")
            .order_by("-created_at", "-pk")
            .first()
        )
        if confirmation is not None and accepts_messages(confirmation.case):
            return confirmation.case
    sender = parsed.sender_email.casefold()
    if not sender:
        return None
    for year, number in dict.fromkeys(CASE_REFERENCE.findall(f"{parsed.subject}\n{parsed.body}")):
        case = Case.objects.filter(year=int(year), number=int(number)).first()
        if (
            case is not None
            and case.contact_email
            and case.contact_email.casefold() == sender
            and accepts_messages(case)
        ):
            return case
    return None


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


def _received_data(parsed: ParsedMail, received_at: datetime) -> dict:
    data = {"message_id": parsed.message_id, "received_at": received_at.isoformat()}
    if parsed.no_reply_reason:
        data["no_confirmation"] = parsed.no_reply_reason
    return data


def _note(parsed: ParsedMail, not_saved: list[dict], shortened: bool) -> str:
    lines = []
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


def send_confirmation(case: Case, message_id: str) -> None:
    """E-mail the sender the reference and the follow link in their language, marked as an automatic reply.

    Replies go to the safety address and are added to the case: the confirmation's Message-ID is kept in
    its EMAILED event, where `case_replied_to` looks for it.
    """
    language = case.language or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            context = {
                "reference": case.reference,
                "name": case.contact_name,
                "follow_url": follow_url(case),
                "municipality_name": settings.MUNICIPALITY_NAME,
                "safety_address": settings.DIALOGUE_SAFETY_ADDRESS,
            }
            subject = " ".join(render_to_string("dialogue/email/received_subject.txt", context).split())
            body = render_to_string("dialogue/email/received.txt", context)
        sent_message_id = make_msgid(domain=message_id_domain())
        headers = {
            "Message-ID": sent_message_id,
            "Auto-Submitted": "auto-replied",
            "X-Auto-Response-Suppress": "All",
            "Content-Language": language,
        }
        if not message_id.startswith("sha256:"):
            headers.update({"In-Reply-To": message_id, "References": message_id})
        # Replies go to the safety mailbox, where they are added to the case.
        reply_to = [settings.DIALOGUE_SAFETY_ADDRESS] if settings.DIALOGUE_SAFETY_ADDRESS else None
        OutgoingEmail(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [case.contact_email],
            headers=headers,
            reply_to=reply_to,
        ).send()
    except Exception as error:  # the case is registered; a failing mail server must not undo that
        logger.exception("The confirmation of case %s could not be e-mailed", case.reference)
        data = {"ok": False, "auto_reply": True, "error": f"{error.__class__.__name__}: {error}"[:300]}
    else:
        # A reply to the confirmation names this Message-ID and is added to the case (`case_replied_to`).
        data = {
            "ok": True,
            "auto_reply": True,
            "language": language,
            "subject": subject,
            "sent_message_id": sent_message_id,
        }
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.EMAILED, data=data)


# --- Reading mailboxes -------------------------------------------------------------------------------------


@dataclass
class Failure:
    message_id: str
    reason: str
    kept_in_inbox: bool  # True: tried again on the next run; False: moved to the folder for failed messages


@dataclass
class ReadReport:
    created: list[str] = field(default_factory=list)  # references of the new cases
    duplicates: list[str] = field(default_factory=list)  # Message-IDs already registered
    would_create: list[str] = field(default_factory=list)  # Message-IDs, in a dry run
    failed: list[Failure] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # references of the cases a message was added to
    would_add: list[str] = field(default_factory=list)  # references, in a dry run


@dataclass
class _Outcome:
    result: str  # "created", "added", "duplicate", "would_create", "would_add", "refused" or "error"
    message_id: str
    reference: str = ""
    reason: str = ""


def process_raw(raw: bytes, *, received_at: datetime | None = None, dry_run: bool = False) -> _Outcome:
    """Register one raw message and say what happened; never raises for a bad message."""
    message_id = ""
    try:
        message = parse_bytes(raw)
        message_id = message_id_of(message)
        if dry_run:
            parsed = parse_message(message)
            if already_registered(parsed.message_id):
                return _Outcome("duplicate", message_id)
            check_content(parsed)
            existing = case_replied_to(message, parsed)
            if existing is not None:
                return _Outcome("would_add", message_id, reference=existing.reference)
            return _Outcome("would_create", message_id)
        registered = register_message(message, received_at=received_at)
    except (MailRefused, IntakeError) as error:
        return _Outcome("refused", message_id, reason=error.message)
    except Exception as error:
        logger.exception("The message %s could not be registered", message_id or "(unreadable)")
        return _Outcome("error", message_id, reason=f"{error.__class__.__name__}: {error}")
    if registered.case is None:
        return _Outcome("duplicate", message_id)
    return _Outcome(registered.result, message_id, reference=registered.case.reference)


def _record(report: ReadReport, outcome: _Outcome, moved: bool) -> None:
    if outcome.result == "created":
        report.created.append(outcome.reference)
    elif outcome.result == "added":
        report.added.append(outcome.reference)
    elif outcome.result == "would_add":
        report.would_add.append(outcome.reference)
    elif outcome.result == "duplicate":
        report.duplicates.append(outcome.message_id)
    elif outcome.result == "would_create":
        report.would_create.append(outcome.message_id)
    else:
        report.failed.append(Failure(outcome.message_id, outcome.reason, kept_in_inbox=not moved))


def read_maildir(path: str | os.PathLike, *, dry_run: bool = False) -> ReadReport:
    """Register the messages in new/ and cur/ of a maildir and move them to .Processed (or .Failed)."""
    root = Path(path)
    try:
        inbox = mailbox.Maildir(root, factory=None, create=False)
    except mailbox.NoSuchMailboxError:
        raise MailboxError(_("There is no maildir at %(path)s.") % {"path": path}) from None
    report = ReadReport()
    for key in sorted(inbox.keys()):
        try:
            stored = inbox.get_message(key)
            raw = inbox.get_bytes(key)
        except (KeyError, FileNotFoundError):  # taken by someone else meanwhile
            continue
        if "T" in stored.get_flags():  # marked as deleted in a mail client
            continue
        received_at = datetime.fromtimestamp(stored.get_date(), tz=UTC)
        outcome = process_raw(raw, received_at=received_at, dry_run=dry_run)
        folder = {
            "created": PROCESSED_FOLDER,
            "added": PROCESSED_FOLDER,
            "duplicate": PROCESSED_FOLDER,
            "refused": FAILED_FOLDER,
        }.get(outcome.result)
        moved = False
        if folder and not dry_run:
            try:
                _move_maildir_message(inbox, root, key, stored, folder)
                moved = True
            except OSError as error:
                logger.exception("The message %s could not be moved to %s", outcome.message_id, folder)
                if outcome.result != "refused":  # a refused message is reported as failed anyway
                    report.failed.append(
                        Failure(
                            outcome.message_id,
                            _("It could not be moved to the folder %(folder)s: %(error)s")
                            % {"folder": folder, "error": error},
                            kept_in_inbox=True,
                        )
                    )
        _record(report, outcome, moved)
    return report


def _move_maildir_message(
    inbox: mailbox.Maildir, root: Path, key: str, message: mailbox.MaildirMessage, name: str
) -> None:
    """Rename the file into the Maildir++ folder, marked seen: the bytes and the time of delivery stay as
    they are (writing the message out again through the email package would not keep every byte)."""
    if name not in inbox.list_folders():
        inbox.add_folder(name)
    source = next(
        (
            path
            for subdir in ("new", "cur")
            for path in (root / subdir).iterdir()
            if path.name.split(inbox.colon)[0] == key
        ),
        None,
    )
    if source is None:
        raise FileNotFoundError(key)
    flags = "".join(sorted(set(message.get_flags()) | {"S"}))
    os.rename(source, root / f".{name}" / "cur" / f"{key}{inbox.colon}2,{flags}")


@dataclass
class ImapAccount:
    host: str
    port: int
    use_ssl: bool
    user: str
    password: str
    mailbox: str
    processed_folder: str
    failed_folder: str


def imap_account(url: str, password: str | None = None) -> ImapAccount:
    """Read imaps://user:password@host:993/INBOX?processed=Processed&failed=Failed (imap:// uses STARTTLS).

    The password may instead come from FRAMSTEG_SAFETY_IMAP_PASSWORD, so that it stays out of crontabs.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username:
        raise MailboxError(_("Give the mailbox as imaps://user@host/INBOX."))
    password = password or (
        unquote(parts.password) if parts.password else os.environ.get(IMAP_PASSWORD_VARIABLE)
    )
    if not password:
        raise MailboxError(
            _("Give the IMAP password in the address or in %(variable)s.")
            % {"variable": IMAP_PASSWORD_VARIABLE}
        )
    options = parse_qs(parts.query)
    use_ssl = parts.scheme == "imaps"
    return ImapAccount(
        host=parts.hostname,
        port=parts.port or (993 if use_ssl else 143),
        use_ssl=use_ssl,
        user=unquote(parts.username),
        password=password,
        mailbox=unquote(parts.path.lstrip("/")) or "INBOX",
        processed_folder=options.get("processed", [PROCESSED_FOLDER])[0],
        failed_folder=options.get("failed", [FAILED_FOLDER])[0],
    )


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _connect(account: ImapAccount) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    if account.use_ssl:
        connection = imaplib.IMAP4_SSL(account.host, account.port, ssl_context=context)
    else:
        connection = imaplib.IMAP4(account.host, account.port)
        connection.starttls(ssl_context=context)
    connection.login(account.user, account.password)
    return connection


def _folder_exists(connection: imaplib.IMAP4, name: str) -> bool:
    status, data = connection.list('""', _quoted(name))
    return status == "OK" and any(item is not None for item in data or [])


def _fetched(data: list) -> tuple[bytes, datetime | None]:
    """The raw message and its INTERNALDATE from a FETCH (INTERNALDATE BODY.PEEK[]) response."""
    raw, received_at = b"", None
    for item in data or []:
        pieces = [item[0]] if isinstance(item, tuple) else [item]
        if isinstance(item, tuple) and not raw:
            raw = item[1]
        for piece in pieces:
            moment = imaplib.Internaldate2tuple(piece) if isinstance(piece, bytes) else None
            if moment is not None:
                received_at = datetime.fromtimestamp(time.mktime(moment), tz=UTC)
    return raw, received_at


def read_imap(url: str, *, dry_run: bool = False, password: str | None = None) -> ReadReport:
    """Register the unseen messages of an IMAP mailbox; mark them seen and copy them to the Processed folder.

    A message that failed stays unseen and is tried again, unless it can never become a case and a folder
    for failed messages exists: then it is copied there and marked seen.
    """
    account = imap_account(url, password)
    try:
        connection = _connect(account)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(
            _("Could not log in to %(host)s: %(error)s") % {"host": account.host, "error": error}
        ) from None
    report = ReadReport()
    try:
        status, _data = connection.select(_quoted(account.mailbox), readonly=dry_run)
        if status != "OK":
            raise MailboxError(_("There is no mailbox %(mailbox)s.") % {"mailbox": account.mailbox})
        status, data = connection.uid("SEARCH", None, "UNSEEN")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        folders = {
            "created": account.processed_folder,
            "added": account.processed_folder,
            "duplicate": account.processed_folder,
            "refused": account.failed_folder,
        }
        existing = {
            name for name in set(folders.values()) if not dry_run and _folder_exists(connection, name)
        }
        for uid in uids:
            status, data = connection.uid("FETCH", uid, "(INTERNALDATE BODY.PEEK[])")
            raw, received_at = _fetched(data) if status == "OK" else (b"", None)
            if not raw:
                report.failed.append(Failure(uid.decode(), _("The message could not be fetched."), True))
                continue
            outcome = process_raw(raw, received_at=received_at, dry_run=dry_run)
            moved = False
            if not dry_run and outcome.result in folders:
                moved = _file_imap_message(
                    connection, uid, outcome, folders[outcome.result], existing, report
                )
            _record(report, outcome, moved)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(_("Reading the mailbox failed: %(error)s") % {"error": error}) from None
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            connection.logout()
    return report


def _file_imap_message(connection, uid: bytes, outcome: _Outcome, folder: str, existing: set, report) -> bool:
    """Copy the message to its folder (if that exists) and mark it seen; True if it left the unseen messages.

    A message that failed for good is only marked seen when it could be copied to the folder for failed ones.
    """
    if folder in existing:
        status, _data = connection.uid("COPY", uid, _quoted(folder))
        if status != "OK":
            report.failed.append(
                Failure(
                    outcome.message_id,
                    _("It could not be copied to the folder %(folder)s.") % {"folder": folder},
                    kept_in_inbox=True,
                )
            )
            return False
    elif outcome.result == "refused":
        return False
    status, _data = connection.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    return status == "OK"
