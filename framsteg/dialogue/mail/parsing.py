"""A message read from its MIME structure into a `ParsedMail`: the text (without signatures, and without
the quoted chain when it is a reply), the sender, the language, the attachments, and whether it may be
answered."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from framsteg.dialogue.mail.authentication import Verification, verify
from framsteg.dialogue.mail.text import clean_text, html_to_text, unflow

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".tif", ".tiff", ".bmp")
# Addresses that never read what is sent to them: no confirmation goes there, and staff cannot answer them.
NO_REPLY_LOCAL_PART = re.compile(
    r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)([+.\-_].*)?$", re.I
)
# The first prefix of a subject says whether the message answers another one or passes it on.
REPLY_PREFIX = re.compile(r"^\s*(re|sv|vs|aw|antw|res|رد)\s*:", re.I)
FORWARD_PREFIX = re.compile(r"^\s*(fwd?|vb|vl|wg|tr|rv|doorst)\s*:", re.I)
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")


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
    # The From address, and whether our mail server verified its domain (see `authentication`). Only a
    # verified sender is confirmed or added to an existing case: anyone can write any address in From.
    from_email: str = ""
    verification: Verification = field(default_factory=lambda: Verification("no_from"))

    @property
    def verified(self) -> bool:
        return self.verification.verified


def parse_bytes(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)


def message_id_of(message: EmailMessage) -> str:
    """The Message-ID, or for a message without one a digest of the whole message."""
    value = " ".join(header_text(message, "Message-ID").split())
    if value:
        return value
    try:
        content = bytes(message)
    except Exception:  # a message too broken to write out again: its headers identify it well enough
        content = repr(message.items()).encode("utf-8", "replace")
    return "sha256:" + hashlib.sha256(content).hexdigest()


def parse_message(message: EmailMessage) -> ParsedMail:
    subject = " ".join(header_text(message, "Subject").split())
    is_reply = _is_reply(subject, message)
    texts: list[EmailMessage] = []
    parts: list[EmailMessage] = []
    _collect(message, texts, parts, want_text=True)
    cleaned = (clean_text(_text_of(part, drop_quotes=is_reply), is_reply=is_reply) for part in texts)
    body = "\n\n".join(text for text in cleaned if text)
    sender_name, sender_email = _sender(message)
    from_email = _from_address(message)
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
        from_email=from_email,
        verification=verify(message, from_email),
    )


def header_text(message: EmailMessage, name: str) -> str:
    try:
        return unescaped(str(message.get(name, "") or ""))
    except Exception:  # a header the parser cannot decode is left out rather than losing the message
        return ""


def unescaped(value: str) -> str:
    """Raw 8-bit text in a header (RFC 6532), which the parser keeps as surrogates, read as UTF-8."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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
            found = parseaddr(header_text(message, header))
            found = found if "@" in found[1] else None
        if found:
            name = name or found[0]
            if not address:
                address = found[1]
    name = " ".join(unescaped(name).split())[:200]
    address = unescaped(address).strip()
    try:
        validate_email(address)
    except ValidationError:
        address = ""
    if address and _reads_nothing(address):
        address = ""
    return name, address


def _from_address(message: EmailMessage) -> str:
    """The address in From (never Reply-To): the one the mail server's authentication results are about."""
    try:
        addresses = getattr(message.get("From"), "addresses", ()) or ()
        address = next((item.addr_spec for item in addresses if "@" in item.addr_spec), "")
    except Exception:  # an unreadable From header: fall back to the lenient parser
        address = parseaddr(header_text(message, "From"))[1]
    address = unescaped(address).strip()
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def _reads_nothing(address: str) -> bool:
    own = {parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower(), settings.DIALOGUE_SAFETY_ADDRESS.lower()}
    return address.lower() in own or bool(NO_REPLY_LOCAL_PART.match(address.rsplit("@", 1)[0]))


def _language(message: EmailMessage, texts: list, text: str) -> str:
    """The language: Content-Language of the message or its text, else Arabic if written so, else Swedish."""
    codes = {code for code, _name in settings.LANGUAGES}
    for part in [message, *texts]:
        value = header_text(part, "Content-Language")
        tag = value.split(",")[0].strip().split("-")[0].lower()
        if tag in codes:
            return tag
    if len(ARABIC_LETTER.findall(text)) > len(LATIN_LETTER.findall(text)):
        return "ar"
    return settings.LANGUAGE_CODE


def _no_reply_reason(message: EmailMessage, sender_email: str) -> str:
    """Why no confirmation may go back (RFC 3834: never answer automatic mail), or ""."""
    auto_submitted = header_text(message, "Auto-Submitted").strip().lower()
    suppress = header_text(message, "X-Auto-Response-Suppress").lower()
    if (
        (auto_submitted and auto_submitted != "no")
        or header_text(message, "Precedence").strip().lower() in ("bulk", "junk", "list", "auto_reply")
        or "all" in suppress
        or "autoreply" in suppress
        or message.get("X-Autoreply")
        or message.get("X-Autorespond")
        or message.get_content_type() == "multipart/report"
        or header_text(message, "Return-Path").strip() == "<>"
    ):
        return "automatic"
    if message.get("List-Id") or message.get("List-Unsubscribe"):
        return "mailing_list"
    if not sender_email:
        return "no_address"
    return ""


def _attachment(part: EmailMessage) -> Attachment:
    name = unescaped(part.get_filename() or "") or header_text(part, "Content-Description")
    name = re.sub(r"[\x00-\x1f\x7f]", "", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()[:120]
    if part.get_content_maintype() == "message":  # a forwarded message or a delivery report
        try:
            content = bytes(part)
        except Exception:
            content = b""
    else:
        content = part.get_payload(decode=True) or b""
    return Attachment(name=name, content_type=part.get_content_type(), content=content)
