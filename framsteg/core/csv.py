"""CSV for spreadsheets: semicolon-separated UTF-8 with a byte-order mark, so that Excel with Swedish
settings opens it directly, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def spreadsheet_safe(value: object) -> str:
    """The value as text; text a spreadsheet would read as a formula is prefixed with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_STARTS else text


def csv_response(filename: str, header: Iterable[object], rows: Iterable[Iterable[object]]) -> HttpResponse:
    """A download of the rows, every cell quoted and made safe: a `;` in a cell cannot start a new one."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response
