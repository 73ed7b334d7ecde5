"""Small indicator data for the page, API and browser tests: real Botkyrka values, a target, two releases."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from framsteg.indicators.models import CarbonBudget, Indicator, Municipality, Target
from framsteg.indicators.services.releases import MeasurementRow, store_release
from framsteg.steering.models import Area, Commitment

RETRIEVED = datetime(2024, 12, 12, tzinfo=UTC)
N15428_BOTKYRKA = {2019: "78.91", 2020: "80.21", 2021: "81.06", 2022: "83.78", 2023: "84.02", 2024: "81.60"}
N15428_JARFALLA = {2022: "88.1", 2023: "87.5", 2024: "86.9"}
N15428_HANINGE = {2022: "84.3", 2023: "84.9", 2024: "83.5"}
EMISSIONS_OLD = {2020: "103000", 2021: "101500", 2022: "100417", 2023: "99669"}
EMISSIONS_NEW = {2020: "102100", 2021: "100900", 2022: "100051", 2023: "99244", 2024: "117059"}
KOLADA_SOURCE = "Kolada, rKolada get_values() download 2024-12-12"


def rows(values: dict[int, str], municipality: str = "0127", **extra) -> list[MeasurementRow]:
    return [MeasurementRow(municipality, year, Decimal(value), **extra) for year, value in values.items()]


def build_indicators(area: Area, commitment: Commitment) -> dict:
    """A Kolada indicator with values, a group and a target; an indicator without values; emissions."""
    Municipality.objects.bulk_create(
        [
            Municipality(code="0127", name="Botkyrka"),
            Municipality(code="0000", name="Riket"),
            Municipality(code="0123", name="Järfälla"),
            Municipality(code="0136", name="Haninge"),
        ],
        ignore_conflicts=True,
    )
    group, _ = Municipality.objects.get_or_create(
        code="G37345", defaults={"name": "Liknande kommuner, övergripande, Botkyrka, 2025", "is_group": True}
    )
    group.members.add("0123", "0136")
    pupils = Indicator.objects.create(
        name="Elever i åk 9 som är behöriga till yrkesprogram",
        slug="behoriga-yrkesprogram",
        unit="%",
        direction=Indicator.Direction.HIGHER,
        source_kind=Indicator.SourceKind.KOLADA,
        kolada_kpi="N15428",
        kolada_title="Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
        kolada_description="Elever i årskurs 9 som är behöriga till ett yrkesprogram på gymnasiet.",
    )
    pupils.areas.add(area)
    pupils.commitments.add(commitment)
    Target.objects.create(indicator=pupils, value=Decimal("95"), year=2026, note="Nämndens mål")
    store_release(
        pupils,
        "Kolada 2024-12-12",
        [
            *rows(N15428_BOTKYRKA),
            *rows({2024: "79.3"}, gender="K"),
            *rows({2024: "83.8"}, gender="M"),
            *rows(N15428_JARFALLA, "0123"),
            *rows(N15428_HANINGE, "0136"),
        ],
        retrieved_at=RETRIEVED,
        source=KOLADA_SOURCE,
    )
    merit = Indicator.objects.create(
        name="Meritvärde i åk 9",
        slug="meritvarde",
        unit="poäng",
        direction=Indicator.Direction.HIGHER,
        source_kind=Indicator.SourceKind.KOLADA,
        kolada_kpi="N15507",
    )
    merit.areas.add(area)
    emissions = Indicator.objects.create(
        name="Utsläpp av växthusgaser",
        slug="utslapp",
        unit="t CO2e",
        direction=Indicator.Direction.LOWER,
        source_kind=Indicator.SourceKind.OPEN,
        source_name="SMHI Nationella emissionsdatabasen",
    )
    store_release(
        emissions,
        "data to 2023",
        rows(EMISSIONS_OLD, source="SMHI, release with data to 2023"),
        retrieved_at=datetime(2025, 8, 1, tzinfo=UTC),
    )
    store_release(
        emissions,
        "data to 2024",
        rows(EMISSIONS_NEW, source="SMHI, release with data to 2024"),
        retrieved_at=datetime(2026, 6, 12, tzinfo=UTC),
    )
    Target.objects.create(indicator=emissions, kind=Target.Kind.YEARLY_RATE, value=Decimal("-14"), year=2030)
    budget = CarbonBudget.objects.create(
        name="Botkyrkas koldioxidbudget",
        start_year=2020,
        budget_tonnes=Decimal("900000"),
        required_rate=Decimal("14"),
        emissions=emissions,
    )
    return {"pupils": pupils, "merit": merit, "emissions": emissions, "budget": budget, "group": group}
