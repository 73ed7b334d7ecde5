"""framsteg export-measurements FILE [--indicator SLUG]: current releases in the import format."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.indicators.models import Indicator
from framsteg.indicators.services.tabular import TabularError, write_measurements


class Command(BaseCommand):
    help = (
        "Export the current release of one indicator (--indicator, its slug or Kolada KPI id) or of all "
        "indicators, in the format import-measurements reads: CSV, or XLSX when the file name ends in .xlsx."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--indicator", default="", help="The indicator's slug or Kolada KPI id.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        indicators = Indicator.objects.all()
        if options["indicator"]:
            name = options["indicator"]
            indicators = indicators.filter(Q(slug=name) | Q(kolada_kpi__iexact=name))
            if not indicators.exists():
                raise CommandError(_("There is no indicator “%(name)s”.") % {"name": name})
        try:
            count = write_measurements(options["file"], indicators)
        except (TabularError, OSError) as error:
            raise CommandError(str(error)) from None
        message = _("Exported %(rows)s measurements to %(path)s.")
        self.stdout.write(self.style.SUCCESS(message % {"rows": count, "path": options["file"]}))
