"""The municipality's own measurements as a table, one row per measurement, in CSV or XLSX.

The format is described for users in docs/measurements-format.md: columns `indicator`, `period`, `value`
and optionally `municipality`, `gender`, `district` and `source` (Swedish header names work too).
Survey results (docs/surveys-format.md) are the same table with stricter rules: the indicator must be one
marked as a survey's, the district a known kommundel (or empty for the whole municipality) and the source
is required on every row.

An import reads the file twice, streaming, so a million rows fit in little memory. The first pass checks
every row and keeps one small integer per row to find duplicates; problems are reported with the row
number a spreadsheet shows and the column as it is named in the file. Only if there is no problem at all,
the second pass feeds `store_release`: one new complete release per indicator, all in one transaction.
An export writes the current releases in the same format, so it imports back unchanged.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from framsteg.audit.services import audited
from framsteg.core.csv import Problem, numbered_rows
from framsteg.core.csv import cell_text as _text
from framsteg.core.csv import is_xlsx as _is_xlsx
from framsteg.indicators.models import Indicator, Measurement, Release
from framsteg.indicators.services.releases import MeasurementRow, store_release
from framsteg.places.models import District

COLUMNS = ("indicator", "period", "value", "municipality", "gender", "district", "source")
REQUIRED = ("indicator", "period", "value")
SWEDISH_NAMES = {
    "indicator": "indikator",
    "period": "år",
    "value": "värde",
    "municipality": "kommun",
    "gender": "kön",
    "district": "kommundel",
    "source": "källa",
}
HEADER_NAMES = {name: name for name in COLUMNS} | {sv: name for name, sv in SWEDISH_NAMES.items()}
GENDERS = {"T", "K", "M"}
MAX_PROBLEMS = 200
XLSX_MAX_ROWS = 1_048_576

# A number as people write it: Swedish decimal comma or a point; spaces only between groups of three digits.
_NUMBER = re.compile(
    r"\s*(?P<sign>[+\-−]?)(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d*)(?:[.,](?P<frac>\d+))?\s*"
)

# Public functions here that only read or compute; every other public function is @audited.
READS = ("write_measurements",)

_GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f")
_MAX_INTEGER_DIGITS = 14  # Measurement.value has 20 digits, 6 of them decimals
_MAX_DECIMALS = 6
_SIX_DECIMALS = Decimal("0.000001")
_LIMIT = Decimal(10) ** _MAX_INTEGER_DIGITS


class TabularError(Exception):
    """A file that cannot be written in the format (an export too large for a spreadsheet)."""


@dataclass
class ImportResult:
    """What an import did: the problems found (then nothing was written) or the releases it stored."""

    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    rows: int = 0
    releases: list[Release] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if self.more_problems:
            lines.append(_("… and %(count)s more problems.") % {"count": self.more_problems})
        return "\n".join(lines)


@dataclass
class _Seen:
    """What the first pass remembers about one indicator in the file."""

    indicator: Indicator
    first_row: int
    last_row: int
    rows: int = 0
    sources: set[str] = field(default_factory=set)


@audited("indicators.import_measurements")
def import_measurements(path: Path, *, name: str | None = None) -> ImportResult:
    """Check the whole file, then store one new release per indicator in it, or nothing at all."""
    return _import(path, name, surveys=False)


@audited("indicators.import_survey_results")
def import_survey_results(path: Path, *, name: str | None = None) -> ImportResult:
    """Survey results per kommundel and year: as `import_measurements`, for survey indicators only, with
    known kommundelar and a source on every row."""
    return _import(path, name, surveys=True)


def _import(path: Path, name: str | None, *, surveys: bool) -> ImportResult:
    name = name or path.name
    result = ImportResult()
    problems = _Problems(result)
    rows = _numbered_rows(path, problems)
    header = next(rows, None)
    if header is None:
        if not result.problems:
            problems.add(Problem(_("The file is empty. The first row should name the columns.")))
        return result
    parser = _RowParser.from_header(header[1], problems, surveys=surveys)
    if parser is None:
        return result
    seen: dict[int, _Seen] = {}
    first_row_of: dict[int, int] = {}
    for number, cells in rows:
        parsed = parser.parse(number, cells, problems)
        if parsed is None:
            continue
        indicator_id, row = parsed
        key = parser.duplicate_key(indicator_id, row)
        earlier = first_row_of.setdefault(key, number)
        if earlier != number:
            message = _("The same indicator, municipality, district, year and gender as row %(row)s.")
            problems.add(Problem(message % {"row": earlier}, number))
            continue
        entry = seen.get(indicator_id)
        if entry is None:
            entry = seen[indicator_id] = _Seen(parser.indicator(indicator_id), number, number)
        entry.last_row = number
        entry.rows += 1
        if row.source and len(entry.sources) < 10:
            entry.sources.add(row.source)
    del first_row_of
    parser.series.clear()
    if not result.problems and not seen:
        problems.add(Problem(_("The file has no measurements, only the row naming the columns.")))
    if result.problems:
        return result

    retrieved_at = timezone.now()
    label = _("Import %(file)s %(date)s") % {"file": name, "date": timezone.localdate().isoformat()}
    with transaction.atomic():
        for indicator_id, entry in seen.items():
            source = "; ".join([name, *sorted(entry.sources)])
            rows_of_indicator = _rows_of(path, parser, indicator_id, entry.first_row, entry.last_row)
            release = store_release(
                entry.indicator, label, rows_of_indicator, retrieved_at=retrieved_at, source=source
            )
            result.releases.append(release)
            result.rows += entry.rows
    return result


def _rows_of(
    path: Path, parser: _RowParser, indicator_id: int, first: int, last: int
) -> Iterator[MeasurementRow]:
    """The second pass for one indicator: only its stretch of the file is parsed."""
    problems = _Problems(ImportResult())
    for number, cells in _numbered_rows(path, problems):
        if number < first:
            continue
        if number > last:
            break
        parsed = parser.parse(number, cells, problems, only=indicator_id)
        if parsed is not None:
            yield parsed[1]
    if problems.result.problems:
        message = _("%(file)s changed while it was imported; nothing was stored.") % {"file": path.name}
        raise ValueError(f"{message}\n{problems.result.report()}")


class _Problems:
    """Collects problems up to a limit, counting the rest, so a broken million-row file stays readable."""

    def __init__(self, result: ImportResult) -> None:
        self.result = result

    def add(self, problem: Problem) -> None:
        if len(self.result.problems) < MAX_PROBLEMS:
            self.result.problems.append(problem)
        else:
            self.result.more_problems += 1


class _RowParser:
    """Turns a row's cells into (indicator id, MeasurementRow), reporting each bad cell."""

    def __init__(self, positions: dict[str, int], labels: dict[str, str], *, surveys: bool = False) -> None:
        self.positions = positions
        self.labels = labels
        self.surveys = surveys
        self.default_municipality = settings.MUNICIPALITY_CODE
        self.by_name: dict[str, int | None] = {}
        self.indicators: dict[int, Indicator] = {}
        self.survey_ids: set[int] = set()
        # Survey results name a kommundel as the municipality's districts are named (any letter case).
        self.districts: dict[str, str] = {}
        if surveys:
            self.districts = {
                name.casefold(): name for name in District.objects.values_list("name", flat=True)
            }
        for indicator in Indicator.objects.all():
            self.indicators[indicator.pk] = indicator
            if indicator.survey:
                self.survey_ids.add(indicator.pk)
            if indicator.kolada_kpi:
                kpi = indicator.kolada_kpi.lower()
                # Two indicators on one KPI: the id no longer says which one is meant.
                self.by_name[kpi] = None if kpi in self.by_name else indicator.pk
        for indicator in self.indicators.values():
            self.by_name[indicator.slug.lower()] = indicator.pk
        self.series: dict[tuple[int, str, str, str], int] = {}
        # One C call picks the cells in COLUMNS order; a missing column picks a padding None.
        width = max(positions.values()) + 1
        self._pick = itemgetter(*(positions.get(column, width) for column in COLUMNS))
        self._blank = (None,) * (width + 1)

    @classmethod
    def from_header(
        cls, cells: Sequence[object], problems: _Problems, *, surveys: bool = False
    ) -> _RowParser | None:
        positions: dict[str, int] = {}
        labels: dict[str, str] = {}
        for position, cell in enumerate(cells):
            label = _text(cell)
            column = HEADER_NAMES.get(label.casefold())
            if column is None:
                continue  # other columns (notes, say) are left alone
            if column in positions:
                message = _("The columns “%(first)s” and “%(second)s” both mean “%(column)s”; keep one.")
                problems.add(
                    Problem(message % {"first": labels[column], "second": label, "column": column}, 1)
                )
                continue
            positions[column] = position
            labels[column] = label
        for column in (*REQUIRED, "source") if surveys else REQUIRED:
            if column not in positions:
                message = _("The file has no column “%(column)s” (in Swedish “%(swedish)s”).")
                problems.add(Problem(message % {"column": column, "swedish": SWEDISH_NAMES[column]}, 1))
        if problems.result.problems:
            return None
        return cls(positions, labels, surveys=surveys)

    def indicator(self, indicator_id: int) -> Indicator:
        return self.indicators[indicator_id]

    def duplicate_key(self, indicator_id: int, row: MeasurementRow) -> int:
        """One exact integer per (indicator, municipality, district, gender, year): smaller than a tuple."""
        series = (indicator_id, row.municipality, row.district, row.gender)
        number = self.series.setdefault(series, len(self.series))
        return number * 10_000 + row.period

    def parse(
        self, number: int, cells: Sequence[object], problems: _Problems, only: int | None = None
    ) -> tuple[int, MeasurementRow] | None:
        if not any(cells) and all(cell is None or cell == "" for cell in cells):
            return None  # spreadsheets often end with empty rows
        picked = self._pick((*cells, *self._blank))
        indicator_cell, period_cell, value_cell = picked[:3]
        indicator_id = self.by_name.get(_text(indicator_cell).lower())
        if only is not None and indicator_id != only:
            return None
        municipality, gender, district, source = [_text(cell) for cell in picked[3:]]
        labels = self.labels
        found: list[Problem] = []
        if indicator_id is None:
            found.append(Problem(self._indicator_problem(indicator_cell), number, labels["indicator"]))
        period = _period(period_cell)
        if period is None:
            message = _("“%(text)s” is not a year. Write the year with four digits, e.g. 2024.")
            found.append(Problem(message % {"text": _text(period_cell)}, number, labels["period"]))
        value, value_problem = _value(value_cell)
        if value_problem:
            found.append(Problem(value_problem, number, labels["value"]))
        if not municipality:
            municipality = self.default_municipality
        elif municipality.isdigit():
            municipality = municipality.zfill(4)  # spreadsheets drop leading zeros: 127 is Botkyrka's 0127
        if len(municipality) > 20:
            message = _("A municipality code has at most 20 characters, e.g. 0127, 0000 or G37345.")
            found.append(Problem(message, number, labels["municipality"]))
        gender = gender.upper() or "T"
        if gender not in GENDERS:
            message = _("“%(text)s” is not a gender here. Write T (total), K (women) or M (men).")
            found.append(Problem(message % {"text": gender}, number, labels["gender"]))
        if len(district) > 100:
            message = _("A district name has at most 100 characters.")
            found.append(Problem(message, number, labels["district"]))
        if self.surveys:
            district = self._survey_checks(number, indicator_id, indicator_cell, district, source, found)
        if found:
            for problem in found:
                problems.add(problem)
            return None
        return indicator_id, MeasurementRow(municipality, period, value, gender, district, source)

    def _survey_checks(
        self,
        number: int,
        indicator_id: int | None,
        indicator_cell: object,
        district: str,
        source: str,
        found: list[Problem],
    ) -> str:
        """A survey row's own rules; returns the kommundel as the municipality names it."""
        labels = self.labels
        if indicator_id is not None and indicator_id not in self.survey_ids:
            message = _(
                "“%(text)s” is not a survey indicator. Choose its survey in the admin (Indicators), or "
                "import its values with import-measurements."
            )
            found.append(Problem(message % {"text": _text(indicator_cell)}, number, labels["indicator"]))
        if district:
            known = self.districts.get(district.casefold())
            if known is None and len(district) <= 100:
                message = _(
                    "There is no kommundel “%(text)s”. Write one of %(names)s, or leave the cell empty for "
                    "the whole municipality."
                )
                names = ", ".join(sorted(self.districts.values())) or "–"
                found.append(
                    Problem(message % {"text": district, "names": names}, number, labels["district"])
                )
            district = known or district
        if not source:
            message = _(
                "The source is missing. Write where the value was published: the survey, its year and who "
                "published it."
            )
            found.append(Problem(message, number, labels["source"]))
        return district

    def _indicator_problem(self, cell: object) -> str:
        text = _text(cell)
        if not text:
            return _("The indicator is missing. Write its short name (slug) or its Kolada KPI id.")
        if text.lower() in self.by_name:
            message = _("“%(text)s” is the Kolada KPI of several indicators. Write the indicator’s slug.")
        else:
            message = _("There is no indicator “%(text)s”. Write its short name (slug) or its Kolada KPI id.")
        return message % {"text": text}


def _numbered_rows(path: Path, problems: _Problems) -> Iterator[tuple[int, Sequence[object]]]:
    return numbered_rows(path, problems.add)


def _period(cell: object) -> int | None:
    text = _text(cell)
    return int(text) if len(text) == 4 and text.isdigit() else None


def _value(cell: object) -> tuple[Decimal | None, str]:
    """The value and "" or None and the problem; spreadsheet numbers are rounded to six decimals."""
    if not isinstance(cell, str) and cell is not None:
        return _spreadsheet_number(cell)
    text = _text(cell)
    if not text:
        return None, ""
    match = _NUMBER.fullmatch(text)
    if match is None or not (match["int"] or match["frac"]):
        message = _(
            "“%(text)s” is not a number. Write e.g. 1 234,5 or 1234.5; leave the cell empty if unknown."
        )
        return None, message % {"text": text}
    sign, digits, frac = match.group("sign", "int", "frac")
    digits = digits.translate(_GROUP_SPACES) or "0"
    if len(digits.lstrip("0")) > _MAX_INTEGER_DIGITS:
        return None, _too_large(text)
    if frac and len(frac) > _MAX_DECIMALS:
        return None, _("“%(text)s” has more than six decimals.") % {"text": text}
    number = f"{digits}.{frac}" if frac else digits
    return Decimal(f"-{number}" if sign in ("-", "−") else number), ""


def _spreadsheet_number(cell: object) -> tuple[Decimal | None, str]:
    if (
        isinstance(cell, bool)
        or not isinstance(cell, int | float)
        or cell != cell
        or abs(cell) == float("inf")
    ):
        return None, _("“%(text)s” is not a number.") % {"text": cell}
    value = Decimal(cell) if isinstance(cell, int) else Decimal(repr(cell)).quantize(_SIX_DECIMALS)
    if abs(value) >= _LIMIT:
        return None, _too_large(cell)
    return value, ""


def _too_large(text: object) -> str:
    return _("“%(text)s” is too large (at most 14 digits before the decimal sign).") % {"text": text}


def write_measurements(path: Path, indicators: Iterable[Indicator]) -> int:
    """Write the indicators' current releases to CSV, or XLSX when the name ends in .xlsx; return the rows."""
    releases = list(
        Release.objects.filter(indicator__in=list(indicators), is_current=True)
        .select_related("indicator")
        .order_by("indicator__slug")
    )
    if _is_xlsx(path):
        total = Measurement.objects.filter(release__in=releases).count()
        if total >= XLSX_MAX_ROWS:
            message = _("%(count)s rows do not fit in one spreadsheet; export to CSV instead.")
            raise TabularError(message % {"count": total})
        return _write_xlsx(path, _export_rows(releases, for_xlsx=True))
    return _write_csv(path, _export_rows(releases, for_xlsx=False))


def _export_rows(releases: list[Release], *, for_xlsx: bool) -> Iterator[tuple[object, ...]]:
    for release in releases:
        measurements = (
            release.measurements.order_by("municipality", "district", "period", "gender")
            .values_list("municipality", "period", "value", "gender", "district", "source")
            .iterator(chunk_size=5000)
        )
        for municipality, period, value, gender, district, source in measurements:
            cell = _value_cell(value) if for_xlsx else _value_text(value)
            yield (release.indicator.slug, period, cell, municipality, gender, district, source)


def _value_text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _value_cell(value: Decimal | None) -> float | str | None:
    """A spreadsheet number when a float holds the value exactly, else its text (read back the same)."""
    if value is None:
        return None
    number = float(value)
    return number if Decimal(repr(number)) == value else _value_text(value)


def _write_csv(path: Path, rows: Iterator[tuple[object, ...]]) -> int:
    count = 0
    # Comma-separated, UTF-8 with a byte-order mark so Excel shows å, ä and ö, like the plan's CSV export.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _text_cell(sheet, text: str) -> WriteOnlyCell:
    """Text stays text: openpyxl would store a string starting with "=" as a formula for Excel to run."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _write_xlsx(path: Path, rows: Iterator[tuple[object, ...]]) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Measurements")[:31])
    sheet.append(COLUMNS)
    count = 0
    for row in rows:
        sheet.append([_text_cell(sheet, cell) if isinstance(cell, str) else cell for cell in row])
        count += 1
    workbook.save(path)
    return count
