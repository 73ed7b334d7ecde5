"""framsteg create-api-key NAME: create a key for an Open311 client and print it once."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.dialogue.services.apikeys import create_key


class Command(BaseCommand):
    help = "Create an API key that lets an Open311 client post reports. The key is shown only once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Who uses the key, e.g. the app or organisation.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        name = options["name"].strip()
        if not name:
            raise CommandError(_("Give the key a name that says who uses it."))
        key, plaintext = create_key(name)
        self.stdout.write(
            _("API key for %(name)s (prefix %(prefix)s):") % {"name": key.name, "prefix": key.prefix}
        )
        self.stdout.write(plaintext)
        self.stdout.write(
            self.style.WARNING(_("Copy the key now: it is not stored and cannot be shown again."))
        )
