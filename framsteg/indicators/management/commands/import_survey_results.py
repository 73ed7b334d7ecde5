"""framsteg import-survey-results FILE: safety surveys' results per kommundel and year from CSV or XLSX."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.indicators.services.tabular import import_survey_results


class Command(BaseCommand):
    help = (
        "Import survey results (the police's trygghetsmätning, Brå's NTU, the citizen survey) from a CSV or "
        "XLSX file in the format of docs/surveys-format.md. Every row is checked first: the indicator must "
        "be a survey indicator, the kommundel one of the municipality's (empty for the whole municipality) "
        "and every row needs its source. If any row has a problem, the problems are listed and nothing is "
        "imported. Otherwise each indicator in the file gets one new release, which becomes its current one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        result = import_survey_results(path)
        if not result.ok:
            raise CommandError(
                _("Nothing was imported. Correct these rows and import the file again:")
                + "\n"
                + result.report()
            )
        for release in result.releases:
            count = release.measurements.count()
            self.stdout.write(f"{release.indicator.slug}: {count}")
        message = _("Imported %(rows)s survey results into %(releases)s new releases.")
        self.stdout.write(
            self.style.SUCCESS(message % {"rows": result.rows, "releases": len(result.releases)})
        )
