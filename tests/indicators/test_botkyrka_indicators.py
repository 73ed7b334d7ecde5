"""Botkyrka's default indicators: linked to the platform, bundled values with their sources, loaded once."""

import csv
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from framsteg.indicators.models import CarbonBudget, Indicator, Measurement, Municipality, Release, Target
from framsteg.indicators.services.releases import MeasurementRow, store_release
from framsteg.steering.models import SteeringDocument

VALUES_DIR = settings.BASE_DIR / "data" / "botkyrka" / "indicator-values"


def bundled(name: str) -> list[dict]:
    with (VALUES_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def counts() -> dict[str, int]:
    return {
        "indicators": Indicator.objects.count(),
        "commitment links": Indicator.commitments.through.objects.count(),
        "area links": Indicator.areas.through.objects.count(),
        "targets": Target.objects.count(),
        "releases": Release.objects.count(),
        "measurements": Measurement.objects.count(),
        "municipalities": Municipality.objects.count(),
        "group members": Municipality.members.through.objects.count(),
    }


@pytest.fixture
def botkyrka(db):
    call_command("load_botkyrka", verbosity=0)


def values(slug: str, *, release: Release | None = None, municipality: str = "0127") -> dict[int, Decimal]:
    indicator = Indicator.objects.get(slug=slug)
    release = release or indicator.current_release()
    rows = release.measurements.filter(municipality=municipality, gender="T")
    return dict(rows.values_list("period", "value"))


def test_loading_twice_changes_nothing(botkyrka):
    before = counts()
    call_command("load_botkyrka_indicators", verbosity=0)
    call_command("load_botkyrka", verbosity=0)
    assert counts() == before
    # indicators.json's 18 and their 525 values, and the bundled survey indicator with its 2 values.
    assert before["indicators"] == 19
    assert before["measurements"] == 527


def test_the_platform_commitments_are_linked_to_the_intended_indicators(botkyrka):
    def linked(kpi_or_slug: str) -> list[str]:
        indicator = Indicator.objects.get(kolada_kpi=kpi_or_slug) if kpi_or_slug[0] in "NU" else None
        indicator = indicator or Indicator.objects.get(slug=kpi_or_slug)
        return list(indicator.commitments.values_list("text", flat=True))

    assert linked("N11800") == ["Få fler barn att börja förskolan"]
    assert "öka valdeltagandet" in linked("N05401")[0]
    assert "behöriga lärare" in linked("N15813")[0]
    assert linked("N02268")[0].startswith("Öka antalet utrikes födda kvinnor i jobb och studier")
    assert "byggtakt på ca 500 bostäder per år" in linked("fardigstallda-bostader")[0]
    assert linked("N01951") == []
    turnout = Indicator.objects.get(kolada_kpi="N05401")
    assert [area.title for area in turnout.areas.all()] == ["Demokrati och delaktighet"]


def test_botkyrkas_n15428_values_equal_the_kolada_snapshot(botkyrka):
    found = values("behoriga-yrkesprogram")
    rounded = {year: round(found[year], 2) for year in (2022, 2023, 2024)}
    assert rounded == {2022: Decimal("83.78"), 2023: Decimal("84.02"), 2024: Decimal("81.60")}
    snapshot = {
        int(row["period"]): Decimal(row["value"])
        for row in bundled("kolada-snapshot.csv")
        if (row["kpi"], row["municipality"], row["gender"]) == ("N15428", "0127", "T")
    }
    assert found == snapshot


def test_greenhouse_gases_keep_three_releases_apart_with_the_june_2026_download_current(botkyrka):
    indicator = Indicator.objects.get(slug="vaxthusgaser-totalt")
    releases = {release.label: release for release in indicator.releases.all()}
    assert len(releases) == 3
    current = indicator.current_release()
    assert "juni 2026" in current.label
    assert current.retrieved_at == datetime(2026, 6, 12, tzinfo=UTC)
    assert values("vaxthusgaser-totalt")[2024] == Decimal("117058.821")
    may = releases["SMHI, data till 2024, hämtning maj 2026"]
    previous = releases["SMHI, data till 2023 (föregående utgåva)"]
    assert values("vaxthusgaser-totalt", release=may)[2024] == Decimal("115913.764")
    assert 2024 not in values("vaxthusgaser-totalt", release=previous)
    assert values("vaxthusgaser-totalt", release=previous)[2015] == Decimal("138728.069")
    assert "territoriella" in indicator.source_note


def test_carbon_dioxide_alone_is_a_separate_indicator_never_called_total_greenhouse_gases(botkyrka):
    co2 = Indicator.objects.get(slug="koldioxidutslapp")
    total = Indicator.objects.get(slug="vaxthusgaser-totalt")
    assert co2.pk != total.pk
    assert "växthusgaser" not in co2.name.lower()
    assert co2.unit == "ton CO2"
    assert co2.releases.count() == 2
    assert values("koldioxidutslapp")[2023] == Decimal("78540.72")
    sources = Measurement.objects.filter(indicator=co2).values_list("source", flat=True)
    assert all("CO2 only" in source for source in sources)
    assert not Measurement.objects.filter(indicator=total, source__contains="sub=CO2").exists()


def test_every_bundled_measurement_names_its_source_and_non_kolada_values_stay_marked(botkyrka):
    assert Measurement.objects.exists()
    assert not Measurement.objects.filter(source="").exists()
    assert not Release.objects.filter(source="").exists()
    population = Measurement.objects.filter(indicator__kolada_kpi="N01951")
    assert population.count() == 67
    assert all(source.startswith("[non-Kolada") for source in population.values_list("source", flat=True))


def test_turnout_in_2022_is_the_platforms_own_figure(botkyrka):
    measurement = Measurement.objects.get(indicator__kolada_kpi="N05401", municipality="0127", period=2022)
    assert measurement.value == Decimal("64.6")
    assert "Politisk plattform" in measurement.source
    turnout = Indicator.objects.get(kolada_kpi="N05401")
    assert (turnout.baseline_value, turnout.baseline_period) == (Decimal("64.6"), 2022)
    assert not Measurement.objects.filter(value=Decimal("71.3")).exists()  # the riksdag election


def test_every_bundled_row_is_stored_once_or_is_a_duplicate_of_a_stored_one(botkyrka):
    assert Measurement.objects.filter(
        indicator__kolada_kpi__in=["N15428", "N15813", "N01951", "N05401"]
    ).count() == (len(bundled("kolada-snapshot.csv")) + len(bundled("from-documents.csv")))
    series = bundled("botkyrka-series.csv")
    emissions = [row for row in series if row["series"] in {"ghg_total_smhi", "co2_total_smhi"}]
    own = Measurement.objects.filter(indicator__kolada_kpi="", indicator__survey="")
    assert own.count() == len(emissions)
    population = values("invanare")
    for row in series:
        if row["series"] == "population_31dec_scb":
            assert population[int(row["period"])] == Decimal(row["value"])
    assert values("valdeltagande-kommunval")[2014] == Decimal("70.9")


def test_kpis_without_bundled_values_keep_their_kpi_and_have_no_release(botkyrka):
    for kpi in [
        "N15507",
        "N11800",
        "N07917",
        "U21468",
        "U23471",
        "N00610",
        "N00401",
        "N02268",
        "N02797",
        "N31807",
    ]:
        indicator = Indicator.objects.get(kolada_kpi=kpi)
        assert indicator.source_kind == Indicator.SourceKind.KOLADA
        assert not indicator.releases.exists(), kpi
    assert Indicator.objects.get(kolada_kpi="N02797").direction == Indicator.Direction.LOWER


def test_targets_are_only_those_the_platform_states(botkyrka):
    platform = SteeringDocument.objects.get(slug="politisk-plattform-2023-2026")
    targets = {
        target.indicator.slug: target for target in Target.objects.select_related("indicator", "candidate")
    }
    assert set(targets) == {
        "valdeltagande-kommunval",
        "fardigstallda-bostader",
        "klimatpaverkan-kommunorganisationen",
        "koldioxidutslapp",
    }
    assert all(target.candidate.document == platform and target.note for target in targets.values())
    homes = targets["fardigstallda-bostader"]
    assert (homes.kind, homes.value) == (Target.Kind.YEARLY_AMOUNT, Decimal("500"))
    assert not homes.indicator.releases.exists()
    assert "Inga värden medföljer" in homes.indicator.source_note
    assert (targets["klimatpaverkan-kommunorganisationen"].year, targets["koldioxidutslapp"].year) == (
        2025,
        2030,
    )
    assert not Target.objects.filter(indicator__slug="vaxthusgaser-totalt").exists()


def test_the_comparison_group_and_municipalities_are_named(botkyrka):
    group = Municipality.objects.get(code="G37345")
    assert group.is_group and group.name == "Liknande kommuner, övergripande, Botkyrka, 2025"
    assert sorted(group.members.values_list("name", flat=True)) == [
        "Eskilstuna",
        "Falköping",
        "Haninge",
        "Järfälla",
        "Kristianstad",
        "Sigtuna",
        "Södertälje",
    ]
    assert Municipality.objects.get(code="0000").name == "Riket"
    with_values = set(
        Measurement.objects.filter(indicator__kolada_kpi="N15428").values_list("municipality", flat=True)
    )
    assert with_values == {"0127", "0123", "0136", "0181", "0191", "0484"}


def test_no_carbon_budget_is_invented(botkyrka):
    assert not CarbonBudget.objects.exists()


def test_a_release_synced_later_stays_current_when_the_bundle_is_loaded_again(botkyrka):
    indicator = Indicator.objects.get(kolada_kpi="N15428")
    synced = store_release(
        indicator,
        "Kolada 2026-11-01",
        [MeasurementRow("0127", 2025, Decimal("80"), source="Kolada")],
        retrieved_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    call_command("load_botkyrka_indicators", verbosity=0)
    assert indicator.current_release() == synced
    assert indicator.releases.count() == 2


def test_the_indicators_need_the_platform_to_be_loaded(db):
    with pytest.raises(CommandError, match="load_botkyrka"):
        call_command("load_botkyrka_indicators", verbosity=0)
