"""framsteg refresh-situation-summaries [--check]: compute the weekly picture's summaries again from the
incidents, or (--check) only say whether they agree, exiting with status 1 when they do not."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from framsteg.situation.services.summaries import refresh_summaries, summary_differences


class Command(BaseCommand):
    help = (
        "Compute the weekly picture's summaries (counts per week, at named places, hot cells) again from "
        "the incident reports; with --check, only compare them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only compare; exit with status 1 when they differ."
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        if check:
            found = summary_differences()
            if found:
                raise CommandError("The summaries differ from the incident reports:\n" + "\n".join(found))
            self.stdout.write("The summaries agree with the incident reports.")
            return
        found = refresh_summaries()
        if found:
            self.stdout.write("Corrected:\n" + "\n".join(found))
        self.stdout.write("The summaries were computed again from the incident reports.")
