"""CSV for spreadsheets: semicolon-separated UTF-8 with a byte-order mark, so that Excel with Swedish
settings opens it directly, every cell quoted, and no cell that a spreadsheet would run as a formula.

Reading, for the imports (measurements, incident reports): a CSV file in UTF-8 (with or without a byte-order
mark) separated by commas or semicolons, whichever the first row holds more of, or the first sheet of an XLSX
workbook; rows are numbered as a spreadsheet shows them and a broken file becomes a `Problem`, not a crash.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from zipfile import BadZipFile

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

DELIMITER = ";"
# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
# A part of a cell that would begin a new cell if a program split the line on a separator, ignoring quotes.
_AFTER_SEPARATOR = re.compile(r"([;,])(\s*)(?=[=+\-@])")


def spreadsheet_safe(value: object) -> str:
    """The value as text that a spreadsheet shows as text: a leading formula character, also after a `;`
    or `,` inside the text, gets an apostrophe in front of it."""
    text = "" if value is None else str(value)
    text = _AFTER_SEPARATOR.sub(r"\1\2'", text)
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_STARTS else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The CSV text line by line, starting with a byte-order mark so that Excel reads it as UTF-8."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row])


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(filename: str, header: Iterable[object], rows: Iterable[Iterable[object]]) -> HttpResponse:
    """A download of the rows, built in memory (for small tables)."""
    response = HttpResponse("".join(csv_lines(header, rows)), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def csv_stream(
    filename: str, header: Iterable[object], rows: Iterable[Iterable[object]]
) -> StreamingHttpResponse:
    """A download of the rows, written as they are read (for exports of any size)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


@dataclass(frozen=True)
class Problem:
    """One thing to fix: `row` as a spreadsheet numbers it (the header is row 1), `column` as in the file."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


def numbered_rows(path: Path, report: Callable[[Problem], object]) -> Iterator[tuple[int, Sequence[object]]]:
    """The file's rows with the number a spreadsheet shows; a broken file is reported, not raised."""
    number = 0
    try:
        for number, cells in enumerate(xlsx_rows(path) if is_xlsx(path) else csv_rows(path), start=1):
            yield number, cells
    except UnicodeDecodeError:
        report(Problem(_("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”."), number + 1))
    except csv.Error as error:
        report(Problem(_("The file cannot be read as CSV: %(error)s") % {"error": error}, number + 1))
    except (OSError, KeyError, ValueError, BadZipFile, InvalidFileException) as error:
        report(Problem(_("Cannot read %(file)s: %(error)s") % {"file": path.name, "error": error}))


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def csv_rows(path: Path) -> Iterator[list[str]]:
    """Decoded line by line, so text that is not UTF-8 is reported at its row."""
    with path.open("rb") as handle:
        lines = (line.decode("utf-8") for line in handle)
        first = next(lines, "").removeprefix("\ufeff")
        delimiter = ";" if first.count(";") > first.count(",") else ","
        yield from csv.reader(chain([first], lines), delimiter=delimiter)


def xlsx_rows(path: Path) -> Iterator[tuple[object, ...]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def cell_text(cell: object) -> str:
    """A cell as trimmed text; a spreadsheet's whole number 12.0 reads as 12."""
    if isinstance(cell, str):
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
