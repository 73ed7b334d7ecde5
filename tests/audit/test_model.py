"""Audit entries are append-only: nothing changes or deletes them but the retention job."""

from datetime import timedelta

import pytest
from django.utils import timezone

from framsteg.audit.models import AppendOnlyError, AuditEntry
from framsteg.audit.services import record
from tests.audit.conftest import backdate


def make_entry(action: str = "test.action", days_ago: int = 0) -> AuditEntry:
    entry = record(action, target_label="something")
    return backdate(entry, days_ago) if days_ago else entry


@pytest.mark.django_db
def test_an_entry_cannot_be_saved_again():
    entry = make_entry()
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.action"


@pytest.mark.django_db
def test_entries_cannot_be_updated_in_bulk():
    make_entry()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(action="test.action").update(username="mallory")


@pytest.mark.django_db
def test_entries_cannot_be_deleted():
    entry = make_entry()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_only_purge_before_removes_entries_and_only_older_ones():
    old = make_entry("old.action", days_ago=800)
    recent = make_entry("recent.action", days_ago=10)
    removed = AuditEntry.objects.purge_before(timezone.now() - timedelta(days=730))
    assert removed == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
