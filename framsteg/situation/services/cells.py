"""Storing the incidents' cells again (`framsteg.situation.grid`), for when the grid itself has moved: the
municipality's outline, and with it the middle latitude that sets a cell's width, was replaced."""

from __future__ import annotations

from django.db import transaction

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.situation import grid, summaries
from framsteg.situation.models import CELL_FIELDS, Incident

BATCH = 2000


@audited("situation.recompute_cells")
def recompute_cells(*, by=None, batch: int = BATCH) -> int:
    """Store every incident's cells as the grid computes them now; returns how many changed."""
    grid.reference_latitude.cache_clear()
    grid.steps.cache_clear()
    changed = 0
    with transaction.atomic():
        queryset = Incident.objects.only("pk", "latitude", "longitude", "setting", *CELL_FIELDS).order_by(
            "pk"
        )
        pending: list[Incident] = []
        for incident in queryset.iterator(chunk_size=batch):
            cells = grid.cells(incident.latitude, incident.longitude, incident.setting)
            if any(getattr(incident, name) != value for name, value in cells.items()):
                for name, value in cells.items():
                    setattr(incident, name, value)
                pending.append(incident)
            if len(pending) >= batch:
                Incident.objects.bulk_update(pending, CELL_FIELDS)
                changed += len(pending)
                pending = []
        if pending:
            Incident.objects.bulk_update(pending, CELL_FIELDS)
            changed += len(pending)
        if changed:
            summaries.rebuild()  # the hot cells and the places' counts group the cells
    if changed:
        record("situation.recompute_cells", actor=by, after={"incidents": changed})
    else:
        nothing_changed()
    return changed
