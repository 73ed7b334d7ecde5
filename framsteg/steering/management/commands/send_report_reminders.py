"""framsteg send-report-reminders [--date YYYY-MM-DD] [--days-before N] [--dry-run]: reminders to report.

Run it every day, e.g. ``0 7 * * * framsteg send-report-reminders``: each organisation that has not reported
on all its commitments for the open period gets one reminder in the last days before the due date and one
after it, each once, however often the command runs.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.steering.services.reminders import DAYS_BEFORE, Reminder, send_report_reminders


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Write the date as YYYY-MM-DD, e.g. 2026-03-02.")) from None


class Command(BaseCommand):
    help = (
        "E-mail organisations that have not reported for the open follow-up period, before and after its "
        "due date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Send as on this date (YYYY-MM-DD) instead of today.")
        parser.add_argument(
            "--days-before",
            type=int,
            default=DAYS_BEFORE,
            help=f"How many days before the due date the first reminder goes (default {DAYS_BEFORE}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent; send nothing.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        day = _date(options["date"]) if options["date"] else None
        report = send_report_reminders(day, days_before=options["days_before"], dry_run=options["dry_run"])
        if report.period is None:
            self.stdout.write(_("No follow-up period is open: no reminders sent."))
            return
        for reminder in report.sent:
            self.stdout.write(self._line(reminder, report.dry_run))
        for reminder in report.unreachable:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "No one to remind in %(organisation)s: no reporter or goal owner has an e-mail "
                        "address."
                    )
                    % {"organisation": reminder.organisation.name}
                )
            )
        if not report.sent and not report.unreachable and not report.failed:
            self.stdout.write(_("No reminders due on %(date)s.") % {"date": report.day.isoformat()})
        if report.failed:
            raise CommandError(_("Some reminders could not be sent. Run the command again to retry."))

    def _line(self, reminder: Reminder, dry_run: bool) -> str:
        text = (
            _("Would remind %(organisation)s (%(recipients)s): %(count)d of %(total)d not reported")
            if dry_run
            else _("Reminded %(organisation)s (%(recipients)s): %(count)d of %(total)d not reported")
        )
        return text % {
            "organisation": reminder.organisation.name,
            "recipients": ", ".join(reminder.recipients),
            "count": len(reminder.unreported),
            "total": reminder.total,
        }
