"""Store a release of measurements: all rows or none, then make it the indicator's current release.

Used by the Kolada sync, the CSV/XLSX import and the bundled Botkyrka data. On PostgreSQL rows are written
with COPY (fast enough for millions of rows); elsewhere with batched inserts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import islice

from django.db import connection, transaction

from framsteg.audit.services import audited
from framsteg.indicators.models import Indicator, Measurement, Release

BATCH_SIZE = 5000


@dataclass(frozen=True, slots=True)
class MeasurementRow:
    municipality: str
    period: int
    value: Decimal | None
    gender: str = "T"
    district: str = ""
    source: str = ""


@audited("indicators.store_release")
def store_release(
    indicator: Indicator,
    label: str,
    rows: Iterable[MeasurementRow],
    *,
    retrieved_at: datetime,
    source: str = "",
    make_current: bool = True,
) -> Release:
    """Write a complete release in one transaction; an error anywhere leaves no trace of it."""
    with transaction.atomic():
        release = Release.objects.create(
            indicator=indicator, label=label, source=source, retrieved_at=retrieved_at
        )
        if connection.vendor == "postgresql":
            _copy_rows(release, rows)
        else:
            _insert_rows(release, rows)
        if make_current:
            Release.objects.filter(indicator=indicator, is_current=True).update(is_current=False)
            release.is_current = True
        release.is_complete = True
        release.save(update_fields=["is_current", "is_complete"])
    return release


def _insert_rows(release: Release, rows: Iterable[MeasurementRow]) -> None:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_SIZE)):
        Measurement.objects.bulk_create(
            Measurement(
                release=release,
                indicator_id=release.indicator_id,
                municipality=row.municipality,
                district=row.district,
                period=row.period,
                gender=row.gender,
                value=row.value,
                source=row.source,
            )
            for row in batch
        )


def _copy_rows(release: Release, rows: Iterable[MeasurementRow]) -> None:
    table = Measurement._meta.db_table
    columns = "release_id, indicator_id, municipality, district, period, gender, value, source"
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    (
                        release.pk,
                        release.indicator_id,
                        row.municipality,
                        row.district,
                        row.period,
                        row.gender,
                        row.value,
                        row.source,
                    )
                )
