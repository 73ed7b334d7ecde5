"""Importing the municipality's own measurements: every problem is named by row and column, and a file
with any problem writes nothing; a valid file gives each of its indicators one new current release."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from framsteg.indicators.models import Indicator, Measurement, Release
from framsteg.indicators.services import tabular
from framsteg.indicators.services.releases import MeasurementRow, store_release
from framsteg.indicators.services.tabular import import_measurements

HEADER = "indicator;period;value;gender\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def housing(db):
    indicator = Indicator.objects.create(
        name="Påbörjade bostäder", slug="bostader", unit="bostäder", direction="higher", source_kind="own"
    )
    store_release(
        indicator,
        "earlier",
        [MeasurementRow("0127", 2021, Decimal(400))],
        retrieved_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    return indicator


@pytest.fixture
def turnout(db):
    return Indicator.objects.create(
        name="Valdeltagande",
        slug="valdeltagande",
        unit="%",
        direction="higher",
        source_kind="kolada",
        kolada_kpi="N05401",
    )


def csv_file(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "egna-matningar.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def stored() -> tuple[int, int]:
    return Release.objects.count(), Measurement.objects.count()


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("okand;2023;1;T", "indicator", "There is no indicator “okand”"),
        (";2023;1;T", "indicator", "The indicator is missing"),
        ("bostader;2023;12,5,0;T", "value", "“12,5,0” is not a number"),
        ("bostader;2023;1.234,5;T", "value", "is not a number"),
        ("bostader;2023;12 34;T", "value", "is not a number"),
        ("bostader;2023;ca 500;T", "value", "is not a number"),
        ("bostader;2023;0,1234567;T", "value", "more than six decimals"),
        ("bostader;2023;123 456 789 012 345;T", "value", "is too large"),
        ("bostader;23;1;T", "period", "“23” is not a year"),
        ("bostader;2023/24;1;T", "period", "is not a year"),
        ("bostader;2023;1;X", "gender", "“X” is not a gender"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_written(
    housing, turnout, tmp_path, row, column, words
):
    before = stored()
    body = "bostader;2022;431;T\nN05401;2022;64,6;T\n" + row + "\nbostader;2024;1;T\n"

    result = import_measurements(csv_file(tmp_path, body))

    assert [(problem.row, problem.column) for problem in result.problems] == [(4, column)]
    assert words in result.report()
    assert result.report().startswith(f"Row 4, column “{column}”: ")
    assert stored() == before
    assert housing.current_release().label == "earlier"


def test_a_problem_names_the_column_as_the_file_spells_it(housing, tmp_path):
    path = csv_file(tmp_path, "bostader;2023;mycket\n", header="Indikator;År;Värde\n")
    assert str(import_measurements(path).problems[0]) == (
        "Row 2, column “Värde”: “mycket” is not a number. Write e.g. 1 234,5 or 1234.5; "
        "leave the cell empty if unknown."
    )


def test_a_missing_column_is_reported_once_by_name(housing, tmp_path):
    before = stored()
    path = csv_file(tmp_path, "bostader;1\nbostader;2\nbostader;3\n", header="indicator;value\n")

    result = import_measurements(path)

    assert [str(problem) for problem in result.problems] == [
        "Row 1: The file has no column “period” (in Swedish “år”)."
    ]
    assert stored() == before


def test_two_columns_meaning_the_same_are_refused(housing, tmp_path):
    path = csv_file(tmp_path, "bostader;2023;2024;1\n", header="indicator;period;år;value\n")
    assert [str(problem) for problem in import_measurements(path).problems] == [
        "Row 1: The columns “period” and “år” both mean “period”; keep one."
    ]


def test_a_kolada_id_shared_by_two_indicators_asks_for_the_slug(turnout, tmp_path):
    Indicator.objects.create(
        name="Valdeltagande, kvinnor",
        slug="valdeltagande-kvinnor",
        direction="higher",
        source_kind="kolada",
        kolada_kpi="N05401",
    )
    result = import_measurements(csv_file(tmp_path, "N05401;2022;64,6;T\nvaldeltagande;2018;60;T\n"))
    assert [(p.row, p.column) for p in result.problems] == [(2, "indicator")]
    assert "Write the indicator’s slug" in result.report()


def test_a_measurement_given_twice_is_a_duplicate_naming_the_first_row(housing, tmp_path):
    before = stored()
    body = "bostader;2022;431;T\nbostader;2023;500;T\nbostader;2022;431;K\nbostader;2022;432;t\n"

    result = import_measurements(csv_file(tmp_path, body))

    assert [(problem.row, problem.column) for problem in result.problems] == [(5, None)]
    assert "as row 2" in result.report()
    assert stored() == before


def test_the_same_year_in_another_district_or_municipality_is_no_duplicate(housing, tmp_path):
    header = "indicator;period;value;municipality;district\n"
    body = (
        "bostader;2022;1;0127;Alby\nbostader;2022;2;0127;Fittja\nbostader;2022;3;0000;\nbostader;2022;4;;\n"
    )
    result = import_measurements(csv_file(tmp_path, body, header=header))
    assert result.ok, result.report()
    assert result.rows == 4


def test_every_bad_row_is_reported_not_only_the_first(housing, tmp_path):
    body = "okand;2022;1;T\nbostader;20;x;T\nbostader;2023;1;T\n"
    result = import_measurements(csv_file(tmp_path, body))
    assert [(p.row, p.column) for p in result.problems] == [(2, "indicator"), (3, "period"), (3, "value")]


def test_a_file_full_of_problems_lists_the_first_ones_and_counts_the_rest(housing, tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_PROBLEMS", 3)
    body = "".join(f"okand;{2000 + i};1;T\n" for i in range(10))
    result = import_measurements(csv_file(tmp_path, body))
    assert len(result.problems) == 3
    assert result.report().endswith("… and 7 more problems.")


def test_a_kolada_kpi_id_names_the_indicator(turnout, tmp_path):
    result = import_measurements(csv_file(tmp_path, "n05401;2022;64,6;T\n"))
    assert result.ok, result.report()
    assert turnout.current_release().measurements.get().value == Decimal("64.6")


def test_each_indicator_in_the_file_gets_one_new_current_release(housing, turnout, tmp_path):
    header = "indicator;period;value;source\n"
    body = (
        "bostader;2022;431;Bygglovsregistret\n"
        "valdeltagande;2022;64,6;Valmyndigheten\n"
        "bostader;2023;512;\n"
        "valdeltagande;2018;;\n"
    )
    result = import_measurements(csv_file(tmp_path, body, header=header))

    assert result.ok, result.report()
    assert (result.rows, len(result.releases)) == (4, 2)
    housing_release, turnout_release = (indicator.current_release() for indicator in (housing, turnout))
    assert housing_release.label.startswith("Import egna-matningar.csv 20")
    assert housing_release.source == "egna-matningar.csv; Bygglovsregistret"
    assert housing_release.is_complete
    assert sorted(housing_release.measurements.values_list("period", "value")) == [
        (2022, Decimal(431)),
        (2023, Decimal(512)),
    ]
    assert sorted(turnout_release.measurements.values_list("period", "value")) == [
        (2018, None),
        (2022, Decimal("64.6")),
    ]
    assert housing.releases.count() == 2
    assert housing.releases.get(label="earlier").measurements.count() == 1


def test_rows_without_municipality_or_gender_are_the_municipalitys_totals(housing, settings, tmp_path):
    settings.MUNICIPALITY_CODE = "0180"
    assert import_measurements(csv_file(tmp_path, "bostader;2023;5;\n")).ok
    measurement = housing.current_release().measurements.get()
    assert (measurement.municipality, measurement.gender, measurement.district) == ("0180", "T", "")


def test_a_failure_while_writing_leaves_every_indicator_as_it_was(housing, turnout, tmp_path, monkeypatch):
    calls = []

    def store_then_fail(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 2:
            raise ConnectionError("cut off")
        return store_release(*args, **kwargs)

    monkeypatch.setattr(tabular, "store_release", store_then_fail)
    before = stored()
    with pytest.raises(ConnectionError):
        import_measurements(csv_file(tmp_path, "bostader;2022;1;T\nvaldeltagande;2022;2;T\n"))
    assert stored() == before
    assert housing.current_release().label == "earlier"


def test_the_command_imports_a_valid_file(housing, tmp_path, capsys):
    call_command("import_measurements", str(csv_file(tmp_path, "bostader;2022;431;T\n")))
    assert "Imported 1 measurements into 1 new releases." in capsys.readouterr().out


def test_the_command_lists_the_problems_and_imports_nothing(housing, tmp_path):
    before = stored()
    with pytest.raises(CommandError) as error:
        call_command("import_measurements", str(csv_file(tmp_path, "bostader;2022;many;T\n")))
    assert "Nothing was imported" in str(error.value)
    assert "Row 2, column “value”" in str(error.value)
    assert stored() == before


def test_the_export_command_writes_one_indicator_that_imports_back(housing, turnout, tmp_path):
    assert import_measurements(csv_file(tmp_path, "N05401;2022;64,6;T\n")).ok
    path = tmp_path / "valdeltagande.csv"

    call_command("export_measurements", str(path), indicator="N05401")

    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "indicator,period,value,municipality,gender,district,source",
        "valdeltagande,2022,64.6,0127,T,,",
    ]
    assert import_measurements(path).ok
    assert turnout.releases.count() == 2
