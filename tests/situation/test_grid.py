"""Each incident stores its map cell and its join cell when saved, as the grid computes them."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from framsteg.audit.models import AuditEntry
from framsteg.situation import grid
from framsteg.situation.models import Incident
from framsteg.situation.services.cells import recompute_cells
from tests.situation import factories

pytestmark = pytest.mark.django_db

DOOR = (59.24731, 17.86112)  # Fittja
TUMBA = (59.19950, 17.83840)


def incident(position=DOOR, setting="public") -> Incident:
    latitude, longitude = position
    return factories.make_incident(
        factories.make_category("Klotter"),
        occurred_at=timezone.now() - datetime.timedelta(hours=2),
        latitude=latitude,
        longitude=longitude,
        setting=setting,
    )


def stored(incident: Incident) -> tuple:
    incident.refresh_from_db()
    return (
        incident.cell_metres,
        incident.cell_row,
        incident.cell_column,
        incident.join_row,
        incident.join_column,
    )


def test_a_public_place_is_counted_in_100_m_and_a_semi_public_one_at_block_level():
    public, semi_public = incident(), incident(setting="semi_public")
    assert stored(public) == (100, *grid.cell_of(*DOOR, 100), *grid.cell_of(*DOOR, 200))
    assert stored(semi_public) == (250, *grid.cell_of(*DOOR, 250), *grid.cell_of(*DOOR, 200))


def test_the_cells_follow_the_position_and_are_empty_without_one():
    report = incident()
    report.latitude, report.longitude = TUMBA
    report.save(update_fields=["latitude", "longitude"])
    assert stored(report) == (100, *grid.cell_of(*TUMBA, 100), *grid.cell_of(*TUMBA, 200))
    report.setting = "semi_public"
    report.save(update_fields=["setting"])
    assert stored(report)[:3] == (250, *grid.cell_of(*TUMBA, 250))
    report.latitude = report.longitude = None
    report.save()
    assert stored(report) == (None,) * 5


def test_recomputing_stores_what_the_grid_says_now_and_is_audited():
    report = incident()
    right = stored(report)
    Incident.objects.filter(pk=report.pk).update(cell_row=0, join_column=0)
    assert recompute_cells() == 1
    assert stored(report) == right
    assert AuditEntry.objects.filter(action="situation.recompute_cells").count() == 1
    assert recompute_cells() == 0
    assert AuditEntry.objects.filter(action="situation.recompute_cells").count() == 1


def test_the_migration_gives_stored_incidents_their_cells():
    report = incident(setting="semi_public")
    right = stored(report)
    Incident.objects.filter(pk=report.pk).update(cell_metres=None, cell_row=None, cell_column=None)
    migration = importlib.import_module("framsteg.situation.migrations.0004_incident_cells")
    migration.store_cells(apps, None)
    assert stored(report) == right
