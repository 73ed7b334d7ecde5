"""framsteg import-survey-results FILE: safety surveys' results per kommundel and year from CSV or XLSX."""

from pathlib import Path

from django.utils.translation import gettext as _

from framsteg.indicators.management.commands import import_measurements
from framsteg.indicators.services.tabular import import_survey_results


class Command(import_measurements.Command):
    help = (
        "Import survey results (the police's trygghetsmätning, Brå's NTU, the citizen survey) from a CSV or "
        "XLSX file in the format of docs/surveys-format.md. Every row is checked first: the indicator must "
        "be a survey indicator, the kommundel one of the municipality's (empty for the whole municipality) "
        "and every row needs its source. If any row has a problem, the problems are listed and nothing is "
        "imported. Otherwise each indicator in the file gets one new release, which becomes its current one."
    )

    def read(self, path: Path):
        return import_survey_results(path)

    def done_message(self) -> str:
        return _("Imported %(rows)s survey results into %(releases)s new releases.")
