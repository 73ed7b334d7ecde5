"""framsteg send-case-reminders [--date YYYY-MM-DD] [--dry-run] [--enqueue]: the daily reminder about cases.

Run it every day, e.g. ``0 7 * * * framsteg send-case-reminders``: it does nothing on weekends and holidays,
and a second run on the same day sends nothing. ``--date`` sends for that date even if it is a day off.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.dialogue.services.reminders import Reminder, send_case_reminders
from framsteg.dialogue.tasks import send_case_reminders_task


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Write the date as YYYY-MM-DD, e.g. 2026-03-02.")) from None


class Command(BaseCommand):
    help = (
        "E-mail each responsible organisation the cases that are late or due today or the next working day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Send for this date (YYYY-MM-DD), even if it is not a working day."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent; send nothing.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        day = _date(options["date"]) if options["date"] else None
        if options["enqueue"]:
            result = send_case_reminders_task.enqueue(
                on=day.isoformat() if day else None, dry_run=options["dry_run"]
            )
            self.stdout.write(_("Case reminders queued (task %(id)s).") % {"id": result.id})
            return
        report = send_case_reminders(today=day, force=day is not None, dry_run=options["dry_run"])
        if report.skipped:
            self.stdout.write(
                _("%(date)s is not a working day: no reminders sent.") % {"date": report.day.isoformat()}
            )
            return
        for reminder in report.sent:
            self.stdout.write(self._line(reminder, report.dry_run))
        for reminder in report.unreachable:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "No one to remind about %(cases)s (%(organisation)s): no member, nobody above it "
                        "and no coordinator has an e-mail address."
                    )
                    % {"cases": _references(reminder), "organisation": _organisation(reminder)}
                )
            )
        if not report.sent and not report.unreachable and not report.failed:
            self.stdout.write(_("No cases to remind about on %(date)s.") % {"date": report.day.isoformat()})
        if report.failed:
            raise CommandError(
                _("The reminder could not be sent to: %(organisations)s. Run the command again to retry.")
                % {"organisations": ", ".join(_organisation(reminder) for reminder in report.failed)}
            )

    def _line(self, reminder: Reminder, dry_run: bool) -> str:
        if dry_run:
            text = ngettext(
                "Would remind %(organisation)s (%(recipients)s) about %(count)d case: %(cases)s",
                "Would remind %(organisation)s (%(recipients)s) about %(count)d cases: %(cases)s",
                len(reminder.cases),
            )
        else:
            text = ngettext(
                "Reminded %(organisation)s (%(recipients)s) about %(count)d case: %(cases)s",
                "Reminded %(organisation)s (%(recipients)s) about %(count)d cases: %(cases)s",
                len(reminder.cases),
            )
        return text % {
            "organisation": _organisation(reminder),
            "recipients": ", ".join(reminder.recipients),
            "count": len(reminder.cases),
            "cases": _references(reminder),
        }


def _organisation(reminder: Reminder) -> str:
    return (
        reminder.organisation.name if reminder.organisation else _("cases without a responsible organisation")
    )


def _references(reminder: Reminder) -> str:
    return ", ".join(item.case.reference for item in reminder.cases)
