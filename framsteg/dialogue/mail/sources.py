"""Reading the safety mailbox, a maildir or IMAP, and registering each message.

A message leaves the inbox only after its case is committed: registered and already registered messages go
to the folder "Processed", messages that can never become a case (no text and no attachments) to "Failed",
and a message whose processing failed for any other reason stays where it is and is tried again on the next
run.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import mailbox
import os
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.utils.translation import gettext as _

from framsteg.dialogue.mail.parsing import message_id_of, parse_bytes, parse_message
from framsteg.dialogue.mail.replies import case_replied_to
from framsteg.dialogue.services.intake import IntakeError
from framsteg.dialogue.services.safety_mail import (
    MailRefused,
    already_registered,
    check_content,
    register_message,
)

logger = logging.getLogger(__name__)

PROCESSED_FOLDER = "Processed"
FAILED_FOLDER = "Failed"
IMAP_PASSWORD_VARIABLE = "FRAMSTEG_SAFETY_IMAP_PASSWORD"


class MailboxError(Exception):
    """The mailbox could not be opened or read."""


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
