"""framsteg import-incidents FILE: incident reports from a partner's CSV or XLSX export."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.organisations.models import Organisation
from framsteg.situation.services.exchange import read_file, save


class Command(BaseCommand):
    help = (
        "Import incident reports from a CSV or XLSX file in the format of docs/incidents-format.md. Every "
        "row is checked first; if any row has a problem, the problems are listed and nothing is imported. "
        "A row whose reference the organisation sent before updates that report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--organisation",
            metavar="SLUG",
            help="The reporting organisation for rows that name none (its slug or name).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would be saved; save nothing."
        )

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        organisation = None
        if options["organisation"]:
            text = options["organisation"].strip()
            organisation = (
                Organisation.objects.filter(slug=text).first()
                or Organisation.objects.filter(name=text).first()
            )
            if organisation is None:
                raise CommandError(_("There is no organisation “%(text)s”.") % {"text": text})
        # The command line acts for the municipality: any organisation may be named, as a coordinator may.
        found = read_file(path, allowed_organisations=None, organisation=organisation)
        if found.ok and not options["dry_run"]:
            found = save(found, source="import")
        if not found.ok:
            raise CommandError(
                _("Nothing was imported. Correct these rows and import the file again:")
                + "\n"
                + found.report()
            )
        for label, count in found.by_category():
            self.stdout.write(f"{label}: {count}")
        if options["dry_run"]:
            message = _(
                "The file is correct: %(new)s new reports and %(updated)s updates. Nothing was saved."
            )
            self.stdout.write(
                self.style.SUCCESS(message % {"new": found.new_count, "updated": found.update_count})
            )
            return
        message = _("Imported %(new)s new reports and updated %(updated)s.")
        self.stdout.write(
            self.style.SUCCESS(message % {"new": len(found.created), "updated": len(found.updated)})
        )
