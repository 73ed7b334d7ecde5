"""remove-expired-audit-entries removes entries older than the retention time, and only those."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from framsteg.audit.models import AuditEntry
from framsteg.audit.services import record
from tests.audit.conftest import backdate


def test_the_default_retention_is_two_years():
    assert settings.AUDIT_RETENTION_DAYS == 730


def run() -> str:
    out = StringIO()
    call_command("remove_expired_audit_entries", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_removes_expired_entries_and_is_idempotent(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    backdate(record("old.one"), 31)
    backdate(record("old.two"), 400)
    kept = backdate(record("recent"), 29)
    fresh = record("fresh")

    assert "2" in run()
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == {kept.pk, fresh.pk}
    assert "0" in run()
    assert AuditEntry.objects.count() == 2
