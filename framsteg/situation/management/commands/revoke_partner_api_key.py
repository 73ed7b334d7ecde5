"""framsteg revoke-partner-api-key PREFIX: stop a partner's system's key from working."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.situation.services.partner_keys import find_key, revoke_key


class Command(BaseCommand):
    help = "Revoke a partner's API key, given its prefix (the 8 characters after fsp_)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix", help="The key's prefix, e.g. 1a2b3c4d or fsp_1a2b3c4d.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        key = find_key(options["prefix"])
        if key is None:
            raise CommandError(_("No API key has the prefix %(prefix)s.") % {"prefix": options["prefix"]})
        if key.revoked_at is not None:
            self.stdout.write(_("The key %(key)s was already revoked.") % {"key": key})
            return
        revoke_key(key)
        self.stdout.write(_("The key %(key)s is revoked and no longer works.") % {"key": key})
