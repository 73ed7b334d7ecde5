"""framsteg recompute-incident-cells: store the incidents' map and join cells again, after the
municipality's outline (and with it the grid's middle latitude) was replaced."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from framsteg.situation.services.cells import recompute_cells


class Command(BaseCommand):
    help = "Store every incident's map and join cells again (after the municipality's outline changed)."

    def handle(self, *args, **options) -> None:
        changed = recompute_cells()
        self.stdout.write(f"{changed} incident reports got new cells.")
