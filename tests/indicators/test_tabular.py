"""Reading and writing the measurements format: numbers as people write them, CSV dialects, XLSX, exports."""

from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from framsteg.indicators.models import Indicator, Measurement
from framsteg.indicators.services.tabular import import_measurements, write_measurements


@pytest.fixture
def housing(db):
    return Indicator.objects.create(
        name="Påbörjade bostäder", slug="bostader", unit="bostäder", direction="higher", source_kind="own"
    )


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


def write(tmp_path, text: str, name: str = "matningar.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def series(indicator: Indicator) -> dict[tuple, Decimal | None]:
    release = indicator.current_release()
    return {(m.municipality, m.district, m.period, m.gender): m.value for m in release.measurements.all()}


def test_swedish_decimal_commas_and_thousands_spaces_are_numbers(housing, tmp_path):
    text = (
        "indicator;period;value\n"
        "bostader;2020;1 234,5\n"
        "bostader;2021;1\u00a0234\u00a0567\n"
        "bostader;2022;12.25\n"
        "bostader;2023;−3,5\n"
        "bostader;2024;\n"
        "bostader;2025;+7\n"
    )
    result = import_measurements(write(tmp_path, text))
    assert result.ok, result.report()
    values = {period: value for (_m, _d, period, _g), value in series(housing).items()}
    assert values == {
        2020: Decimal("1234.5"),
        2021: Decimal("1234567"),
        2022: Decimal("12.25"),
        2023: Decimal("-3.5"),
        2024: None,
        2025: Decimal(7),
    }


def test_a_semicolon_file_with_a_byte_order_mark_is_read(housing, tmp_path):
    path = write(tmp_path, "\ufeffIndicator;Period;Value\r\nbostader;2023;512\r\n")
    assert import_measurements(path).ok
    assert series(housing) == {("0127", "", 2023, "T"): Decimal(512)}


def test_a_comma_file_without_byte_order_mark_needs_quotes_around_decimal_commas(housing, tmp_path):
    path = write(tmp_path, 'indicator,period,value,gender\nbostader,2023,"10,5",K\nbostader,2023,9.5,M\n')
    assert import_measurements(path).ok
    assert series(housing) == {
        ("0127", "", 2023, "K"): Decimal("10.5"),
        ("0127", "", 2023, "M"): Decimal("9.5"),
    }


def test_swedish_headers_are_read_whatever_their_case(housing, tmp_path):
    text = (
        "INDIKATOR;År;Värde;Kommun;Kön;Kommundel;Källa;Anteckning\n"
        "bostader;2023;7;0127;k;Alby;Egen räkning;x\n"
    )
    result = import_measurements(write(tmp_path, text))
    assert result.ok, result.report()
    measurement = Measurement.objects.get()
    assert (measurement.gender, measurement.district, measurement.source) == ("K", "Alby", "Egen räkning")


def test_an_xlsx_file_built_in_a_spreadsheet_is_imported(housing, turnout, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indikator", "År", "Värde", "Kommun"])
    sheet.append(["bostader", 2022, 431, 127])
    sheet.append(["N05401", 2022, 0.1 + 0.2, "0000"])
    sheet.append(["bostader", "2023", "1 002,5", None])
    sheet.append([None, None, None, None])
    path = tmp_path / "egna.xlsx"
    workbook.save(path)

    result = import_measurements(path)

    assert result.ok, result.report()
    assert series(housing) == {
        ("0127", "", 2022, "T"): Decimal(431),
        ("0127", "", 2023, "T"): Decimal("1002.5"),
    }
    assert series(turnout) == {("0000", "", 2022, "T"): Decimal("0.3")}


def test_problems_in_an_xlsx_file_name_the_row_a_spreadsheet_shows(housing, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "period", "value"])
    sheet.append(["bostader", 2022, 1])
    sheet.append(["bostader", 2023, "many"])
    path = tmp_path / "egna.xlsx"
    workbook.save(path)
    result = import_measurements(path)
    assert [(p.row, p.column) for p in result.problems] == [(3, "value")]


def test_a_csv_export_imports_back_unchanged(housing, turnout, tmp_path):
    text = (
        "indicator;period;value;municipality;gender;district;source\n"
        "bostader;2022;431;0127;T;;Bygglovsregistret\n"
        "bostader;2022;12,125;0127;T;Alby, norra;\n"
        "valdeltagande;2022;64,6;0127;T;;Valmyndigheten\n"
        "valdeltagande;2022;;0127;K;;\n"
        "valdeltagande;2018;84 100;0000;M;;\n"
    )
    assert import_measurements(write(tmp_path, text)).ok
    before = {indicator.slug: series(indicator) for indicator in (housing, turnout)}
    exported = tmp_path / "export.csv"

    assert write_measurements(exported, Indicator.objects.all()) == 5
    assert import_measurements(exported).ok

    assert {indicator.slug: series(indicator) for indicator in (housing, turnout)} == before
    again = tmp_path / "again.csv"
    write_measurements(again, Indicator.objects.all())
    assert again.read_bytes() == exported.read_bytes()
    assert exported.read_bytes().startswith(b"\xef\xbb\xbfindicator,period,value,municipality,gender")


def test_an_xlsx_export_imports_back_unchanged(housing, tmp_path):
    text = (
        "indicator;period;value;municipality\nbostader;2022;0,1;127\nbostader;2023;123456789012,123456;0127\n"
    )
    assert import_measurements(write(tmp_path, text)).ok
    before = series(housing)
    exported = tmp_path / "export.xlsx"

    write_measurements(exported, [housing])
    rows = list(load_workbook(exported, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("indicator", "period", "value", "municipality", "gender", "district", "source")
    assert rows[1][:4] == ("bostader", 2022, 0.1, "0127")
    assert import_measurements(exported).ok

    assert series(housing) == before
    assert housing.releases.count() == 2


def test_a_file_that_is_not_utf8_is_refused_with_advice(housing, tmp_path):
    path = write(tmp_path, "indicator;period;value\nbostader;2023;1\nbostäder;2024;2\n", encoding="cp1252")
    result = import_measurements(path)
    assert not result.ok
    assert [p.row for p in result.problems] == [3]
    assert "UTF-8" in result.report()
    assert Measurement.objects.count() == 0
