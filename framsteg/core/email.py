"""One way to send e-mail: rendered from templates in the recipient's language, with a Message-ID of our own.

`send_email` renders the subject and body templates under the given language, sets Content-Language and a
Message-ID in the domain of the sender address (never the host name), and hands the message to the mail
backend. It returns what was sent (`SentEmail`: the Message-ID, which a reply names, and the subject) or
raises `EmailNotSent`, so that the caller decides what a failure means: the thing the e-mail tells about is
already saved and stays saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


class EmailNotSent(Exception):
    """The e-mail could not be written or handed to the mail server; the original error is its cause.

    `reason` is the error's own words, to show staff; `detail` also names its kind, for logs and records.
    """

    def __init__(self, error: Exception) -> None:
        self.reason = str(error) or error.__class__.__name__
        self.detail = f"{error.__class__.__name__}: {error}"
        super().__init__(f"The e-mail could not be sent: {self.detail}")


@dataclass(frozen=True)
class SentEmail:
    message_id: str
    subject: str
    language: str


def message_id_domain() -> str:
    """The domain for our Message-IDs: that of the sender address, else of the site, never the host name."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if "@" in address:
        return address.rsplit("@", 1)[1]
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def send_email(
    to: Sequence[str],
    *,
    subject_template: str,
    body_template: str,
    context: Mapping[str, Any],
    language: str = "",
    in_reply_to: str = "",
    auto_submitted: str = "",
    reply_to: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
) -> SentEmail:
    """Render and send one plain-text e-mail; raise EmailNotSent if that fails.

    The templates are rendered with `language` active (the site's language if empty); the subject is folded
    to one line. `in_reply_to` (a Message-ID) sets In-Reply-To and References, so that the message is shown
    in the thread it answers. `auto_submitted` (RFC 3834, e.g. "auto-replied") marks an automatic message,
    which mail clients and servers then do not answer automatically. `headers` are added as they are (e.g.
    List-Unsubscribe).
    """
    language = language or settings.LANGUAGE_CODE
    message_id = make_msgid(domain=message_id_domain())
    extra = dict(headers or {})
    headers = {**extra, "Message-ID": message_id, "Content-Language": language}
    if auto_submitted:
        headers.update({"Auto-Submitted": auto_submitted, "X-Auto-Response-Suppress": "All"})
    if in_reply_to:
        headers.update({"In-Reply-To": in_reply_to, "References": in_reply_to})
    try:
        with translation.override(language):
            subject = " ".join(render_to_string(subject_template, context).split())
            body = render_to_string(body_template, context)
        EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            list(to),
            headers=headers,
            reply_to=list(reply_to) or None,
        ).send()
    except Exception as error:
        raise EmailNotSent(error) from error
    return SentEmail(message_id=message_id, subject=subject, language=language)
