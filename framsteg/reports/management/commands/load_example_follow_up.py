"""framsteg load-example-follow-up [--remove]: the labelled example follow-up of the bundled plan."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.reports.services.example import (
    ExampleError,
    load_example_follow_up,
    remove_example_follow_up,
)


class Command(BaseCommand):
    help = (
        "Load an invented example follow-up (statuses and analyses over the periods that have ended) "
        "into the plan, so that one can see what a followed-up plan looks like. Every page then carries an "
        "'exempeldata' banner and every report frozen from it says so. Only into a plan nobody has reported "
        "on; --remove takes it away again, with the reports frozen from it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--remove", action="store_true", help="Remove the example follow-up.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        try:
            if options["remove"]:
                removed = remove_example_follow_up()
                self.stdout.write(
                    _("Removed the example follow-up: %(count)s status updates.") % {"count": removed}
                )
                return
            example = load_example_follow_up()
        except ExampleError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Loaded the example follow-up (EXEMPELDATA): %(count)s status updates. Every page now says "
                "so; remove it with: framsteg load-example-follow-up --remove"
            )
            % {"count": len(example.update_ids)}
        )
