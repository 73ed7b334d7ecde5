"""framsteg send-action-reminders [--date YYYY-MM-DD] [--dry-run]: the daily reminder about actions.

Run it every day, e.g. ``0 7 * * * framsteg send-action-reminders``: it does nothing on weekends and
holidays, and a second run on the same day sends nothing. ``--date`` sends for that date even if it is a day
off.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.situation.services.action_reminders import ActionReminder, send_action_reminders


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Write the date as YYYY-MM-DD, e.g. 2026-03-02.")) from None


class Command(BaseCommand):
    help = "E-mail the owners of actions whose outcome is late or due within two working days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Send for this date (YYYY-MM-DD), even if it is not a working day."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent; send nothing.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        day = _date(options["date"]) if options["date"] else None
        report = send_action_reminders(today=day, force=day is not None, dry_run=options["dry_run"])
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
                        "No one to remind about %(actions)s: no e-mail address for the responsible person "
                        "or the owner."
                    )
                    % {"actions": _titles(reminder)}
                )
            )
        if not report.sent and not report.unreachable and not report.failed:
            self.stdout.write(_("No actions to remind about on %(date)s.") % {"date": report.day.isoformat()})
        if report.failed:
            raise CommandError(_("Some action reminders could not be sent. Run the command again to retry."))

    def _line(self, reminder: ActionReminder, dry_run: bool) -> str:
        if dry_run:
            text = ngettext(
                "Would remind %(recipients)s about %(count)d action: %(actions)s",
                "Would remind %(recipients)s about %(count)d actions: %(actions)s",
                len(reminder.items),
            )
        else:
            text = ngettext(
                "Reminded %(recipients)s about %(count)d action: %(actions)s",
                "Reminded %(recipients)s about %(count)d actions: %(actions)s",
                len(reminder.items),
            )
        return text % {
            "recipients": ", ".join(reminder.recipients),
            "count": len(reminder.items),
            "actions": _titles(reminder),
        }


def _titles(reminder: ActionReminder) -> str:
    return ", ".join(f"{item.action.title} (#{item.action.pk})" for item in reminder.items)
