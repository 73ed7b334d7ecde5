"""framsteg import-measurements FILE: the municipality's own measurements from CSV or XLSX."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.indicators.services.tabular import import_measurements


class Command(BaseCommand):
    """Also the base of the other imports in the measurements' format (`import_survey_results`)."""

    help = (
        "Import measurements from a CSV or XLSX file in the format of docs/measurements-format.md. "
        "Every row is checked first; if any row has a problem, the problems are listed and nothing is "
        "imported. Otherwise each indicator in the file gets one new release, which becomes its current one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        result = self.read(path)
        if not result.ok:
            raise CommandError(
                _("Nothing was imported. Correct these rows and import the file again:")
                + "\n"
                + result.report()
            )
        for release in result.releases:
            count = release.measurements.count()
            self.stdout.write(f"{release.indicator.slug}: {count}")
        message = self.done_message()
        self.stdout.write(
            self.style.SUCCESS(message % {"rows": result.rows, "releases": len(result.releases)})
        )

    def read(self, path: Path):
        return import_measurements(path)

    def done_message(self) -> str:
        return _("Imported %(rows)s measurements into %(releases)s new releases.")
