"""framsteg remove-expired-idempotency-keys: remove reports' idempotency keys past their time.

Open311's `Idempotency-Key` and the web form's one-time token are kept FRAMSTEG_DIALOGUE_IDEMPOTENCY_HOURS
so that a retry returns the first report. Run it daily, e.g. ``40 2 * * * framsteg
remove-expired-idempotency-keys``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import ngettext

from framsteg.dialogue.services.idempotency import remove_expired_keys


class Command(BaseCommand):
    help = "Remove idempotency keys of reports older than FRAMSTEG_DIALOGUE_IDEMPOTENCY_HOURS."

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        removed = remove_expired_keys()
        message = ngettext(
            "Removed %(count)d expired idempotency key.",
            "Removed %(count)d expired idempotency keys.",
            removed,
        )
        self.stdout.write(message % {"count": removed})
