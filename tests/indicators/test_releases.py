"""A release is stored whole or not at all, and a new release replaces the old one as the current series."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from framsteg.indicators.models import Indicator, Measurement, Release
from framsteg.indicators.services.releases import MeasurementRow, store_release

RETRIEVED = datetime(2026, 6, 12, tzinfo=UTC)


@pytest.fixture
def emissions(db):
    return Indicator.objects.create(
        name="Utsläpp av växthusgaser", slug="utslapp", unit="t CO2e", direction="lower", source_kind="open"
    )


def rows(values: dict[int, str]) -> list[MeasurementRow]:
    return [MeasurementRow("0127", year, Decimal(value)) for year, value in values.items()]


def test_a_new_release_becomes_current_and_the_old_one_stays_inspectable(emissions):
    old = store_release(
        emissions, "data to 2023", rows({2022: "100417", 2023: "99669"}), retrieved_at=RETRIEVED
    )
    new = store_release(
        emissions,
        "data to 2024",
        rows({2022: "100051", 2023: "99244", 2024: "117059"}),
        retrieved_at=RETRIEVED,
    )
    old.refresh_from_db()
    assert (old.is_current, new.is_current, new.is_complete) == (False, True, True)
    assert emissions.current_release() == new
    assert list(old.measurements.values_list("period", flat=True).order_by("period")) == [2022, 2023]
    assert new.measurements.get(period=2024).value == Decimal("117059")


def test_a_release_that_fails_half_way_leaves_nothing(emissions):
    store_release(emissions, "first", rows({2022: "1"}), retrieved_at=RETRIEVED)

    def broken():
        yield MeasurementRow("0127", 2022, Decimal("2"))
        raise ConnectionError("cut off")

    with pytest.raises(ConnectionError):
        store_release(emissions, "second", broken(), retrieved_at=RETRIEVED)
    assert Release.objects.count() == 1
    assert Measurement.objects.count() == 1
    assert emissions.current_release().label == "first"


def test_many_rows_are_written_in_batches(emissions):
    many = [
        MeasurementRow("0127", 1900 + i % 100, Decimal(i), district=f"d{i // 100}") for i in range(12_000)
    ]
    release = store_release(emissions, "big", many, retrieved_at=RETRIEVED)
    assert release.measurements.count() == 12_000
