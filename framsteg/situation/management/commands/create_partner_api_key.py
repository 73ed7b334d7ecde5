"""framsteg create-partner-api-key ORG NAME: a key for a partner's system, printed once."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.organisations.models import Organisation
from framsteg.situation.services.partner_keys import create_key


class Command(BaseCommand):
    help = (
        "Create an API key that lets a partner's system report incidents in the organisation's name and "
        "read back its reports. The key is shown only once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's slug, e.g. polisen.")
        parser.add_argument("name", help="Which system uses the key.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        organisation = Organisation.objects.filter(slug=options["organisation"].strip()).first()
        if organisation is None:
            raise CommandError(_("There is no organisation “%(text)s”.") % {"text": options["organisation"]})
        name = options["name"].strip()
        if not name:
            raise CommandError(_("Give the key a name that says who uses it."))
        key, plaintext = create_key(organisation, name)
        message = _("API key for %(name)s (prefix %(prefix)s):") % {"name": key.name, "prefix": key.prefix}
        self.stdout.write(f"{organisation.name}: {message}")
        self.stdout.write(plaintext)
        self.stdout.write(
            self.style.WARNING(_("Copy the key now: it is not stored and cannot be shown again."))
        )
