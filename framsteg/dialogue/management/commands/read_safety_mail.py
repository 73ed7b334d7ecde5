"""framsteg read-safety-mail --maildir PATH | --imap URL [--dry-run]: e-mail to the safety address as cases.

Meant to run every few minutes from cron or a systemd timer, for example with the password in the
environment: ``*/5 * * * * framsteg read-safety-mail --imap imaps://trygghet@imap.example.se/INBOX``.
A run that starts while another is still reading finds the lock taken and does nothing.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.dialogue.mail.sources import MailboxError, ReadReport, read_imap, read_maildir

LOCK_NAME = "read_safety_mail.lock"


@contextmanager
def single_run():
    """Yield True if no other run holds the lock; overlapping runs could register a message twice."""
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(settings.VAR_DIR / LOCK_NAME, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class Command(BaseCommand):
    help = (
        "Register the messages sent to the safety address as safety cases and confirm them to the senders; "
        "a resident's reply about an existing case is added to that case. "
        "Registered messages move to the folder Processed, messages that can never become a case to Failed; "
        "a message that failed for another reason stays and is tried again. Meant to run every few minutes "
        "from cron or a systemd timer, for example: "
        "*/5 * * * * framsteg read-safety-mail --maildir /srv/mail/trygghet"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--maildir", metavar="PATH", help="Read a maildir (its new/ and cur/).")
        source.add_argument(
            "--imap",
            metavar="URL",
            help=(
                "Read the unseen messages of an IMAP mailbox: imaps://user[:password]@host[:993]/INBOX, "
                "optionally ?processed=Processed&failed=Failed (folders used if they exist). imap:// uses "
                "STARTTLS. The password can be given in FRAMSTEG_SAFETY_IMAP_PASSWORD instead."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; save, send and move nothing."
        )

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        dry_run = options["dry_run"]
        with single_run() as alone:
            if not alone:
                self.stdout.write(_("Another run is reading the safety mailbox; nothing done."))
                return
            try:
                if options["maildir"]:
                    report = read_maildir(options["maildir"], dry_run=dry_run)
                else:
                    report = read_imap(options["imap"], dry_run=dry_run)
            except MailboxError as error:
                raise CommandError(str(error)) from None
        self.show(report, dry_run)
        if report.failed:
            raise CommandError(_("Some messages were not registered; see above."))

    def show(self, report: ReadReport, dry_run: bool) -> None:
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved, sent or moved."))
            self.stdout.write(_("Would become new cases: %(count)d") % {"count": len(report.would_create)})
            if report.would_add:
                line = _("Would be added to existing cases: %(count)d") % {"count": len(report.would_add)}
                self.stdout.write(f"{line} ({', '.join(report.would_add)})")
        else:
            line = _("New cases: %(count)d") % {"count": len(report.created)}
            if report.created:
                line += f" ({', '.join(report.created)})"
            self.stdout.write(line)
            if report.added:
                line = _("Added to existing cases: %(count)d") % {"count": len(report.added)}
                self.stdout.write(f"{line} ({', '.join(report.added)})")
        self.stdout.write(_("Already registered, skipped: %(count)d") % {"count": len(report.duplicates)})
        self.stdout.write(_("Not registered: %(count)d") % {"count": len(report.failed)})
        for failure in report.failed:
            line = f"  {failure.message_id or _('(no Message-ID)')}: {failure.reason}"
            if not dry_run:
                where = (
                    _("left in the mailbox, tried again next time")
                    if failure.kept_in_inbox
                    else _("moved to the folder for failed messages")
                )
                line += f" ({where})"
            self.stdout.write(self.style.WARNING(line))
