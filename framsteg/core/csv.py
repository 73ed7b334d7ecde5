"""CSV for spreadsheets: semicolon-separated UTF-8 with a byte-order mark, so that Excel with Swedish
settings opens it directly, every cell quoted, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse

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
