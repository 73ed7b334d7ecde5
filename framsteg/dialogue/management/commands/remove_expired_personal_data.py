"""framsteg remove-expired-personal-data [--dry-run] [--enqueue]: retention of residents' personal data.

Removes contact details, photos and personal data in the description from cases closed more than
DIALOGUE_RETENTION_DAYS ago. Run it daily, e.g. ``30 2 * * * framsteg remove-expired-personal-data``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.dialogue.services.retention import remove_expired_personal_data
from framsteg.dialogue.tasks import remove_expired_personal_data_task


class Command(BaseCommand):
    help = (
        "Remove residents' contact details and photos from cases closed longer ago than the retention time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be removed; change nothing."
        )
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        if options["enqueue"]:
            result = remove_expired_personal_data_task.enqueue(dry_run=options["dry_run"])
            self.stdout.write(_("Removal of expired personal data queued (task %(id)s).") % {"id": result.id})
            return
        report = remove_expired_personal_data(dry_run=options["dry_run"])
        figures = {
            "cases": report.cases,
            "contact_fields": report.contact_fields,
            "redactions": report.description_redactions,
            "photos": report.photos_removed,
            "cutoff": report.cutoff.date().isoformat(),
        }
        if report.dry_run:
            message = _(
                "Dry run, nothing changed. Cases closed on or before %(cutoff)s: %(cases)s. Would remove "
                "%(contact_fields)s contact details, %(redactions)s pieces of personal data in descriptions "
                "and %(photos)s photos."
            )
        else:
            message = _(
                "Cases closed on or before %(cutoff)s: %(cases)s. Removed %(contact_fields)s contact "
                "details, %(redactions)s pieces of personal data in descriptions and %(photos)s photos."
            )
        self.stdout.write(message % figures)
        if report.photos_failed:
            warning = ngettext(
                "%(count)d photo file could not be deleted; the next run tries again.",
                "%(count)d photo files could not be deleted; the next run tries again.",
                report.photos_failed,
            )
            self.stderr.write(self.style.WARNING(warning % {"count": report.photos_failed}))
