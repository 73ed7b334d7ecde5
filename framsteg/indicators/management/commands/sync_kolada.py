"""framsteg sync-kolada [--kpi N15428 …] [--full] [--enqueue]: bring the Kolada indicators up to date.

Scheduling: run ``framsteg db_worker`` as a service and queue the sync daily from cron or a systemd timer,
e.g. ``15 5 * * * framsteg sync-kolada --enqueue``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.indicators.kolada import KoladaError
from framsteg.indicators.services.sync import sync_kolada
from framsteg.indicators.tasks import sync_kolada_task

BAR_WIDTH = 20


class Command(BaseCommand):
    help = "Fetch KPI titles, the comparison group and values from Kolada into new releases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kpi", nargs="+", default=[], metavar="KPI", help="Only these KPIs, e.g. N15428."
        )
        parser.add_argument("--full", action="store_true", help="Fetch every value, not only recent changes.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the sync for the task worker.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        self.verbosity = options["verbosity"]
        if options["enqueue"]:
            result = sync_kolada_task.enqueue(kpis=options["kpi"], full=options["full"])
            if self.verbosity:
                self.stdout.write(_("Kolada sync queued (task %(id)s).") % {"id": result.id})
            return
        try:
            report = sync_kolada(kpis=options["kpi"], full=options["full"], progress=self.show_progress)
        except KoladaError as error:
            raise CommandError(str(error)) from None
        finally:
            if self.verbosity and self.stderr.isatty():
                self.stderr.write("")
        if self.verbosity:
            self.stdout.write(
                _("New releases: %(created)s. Unchanged: %(unchanged)s.")
                % {
                    "created": ", ".join(report.created) or "–",
                    "unchanged": ", ".join(report.unchanged) or "–",
                }
            )
            if report.unknown_kpis:
                self.stdout.write(
                    self.style.WARNING(
                        _("Kolada does not know these KPIs: %(kpis)s")
                        % {"kpis": ", ".join(report.unknown_kpis)}
                    )
                )

    def show_progress(self, done: int, total: int, kpi: str, page: int) -> None:
        """A text progress bar on stderr, redrawn in place on a terminal and one line per step in a log."""
        if not self.verbosity:
            return
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} KPI {kpi}"
        if page:
            line += " " + _("page %(page)d") % {"page": page}
        if self.stderr.isatty():
            self.stderr.write(f"\r{line}\x1b[K", style_func=_plain, ending="")
            self.stderr.flush()
        else:
            self.stderr.write(line, style_func=_plain)


def _plain(text: str) -> str:
    return text
