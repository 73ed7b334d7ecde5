"""framsteg remove-expired-audit-entries: retention of the audit log.

Removes audit entries older than AUDIT_RETENTION_DAYS. Safe to run as often as you like; run it daily, e.g.
``45 2 * * * framsteg remove-expired-audit-entries``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framsteg.audit.models import AuditEntry


def audit_cutoff(now=None):
    """Entries recorded before this moment have been kept long enough."""
    return (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)


class Command(BaseCommand):
    help = "Remove audit entries older than the audit log's retention time."

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        if settings.AUDIT_RETENTION_DAYS < 1:
            raise CommandError(_("The audit log's retention time must be at least one day."))
        cutoff = audit_cutoff()
        removed = AuditEntry.objects.purge_before(cutoff)
        self.stdout.write(
            ngettext(
                "Removed %(count)d audit entry recorded before %(cutoff)s.",
                "Removed %(count)d audit entries recorded before %(cutoff)s.",
                removed,
            )
            % {"count": removed, "cutoff": timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")}
        )
