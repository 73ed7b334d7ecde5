"""The audit log as CSV for a spreadsheet, with every cell safe from formula injection."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.models import AuditEntry

# Swedish Excel separates cells with ';', so that is the separator written (and every cell is quoted).
DELIMITER = ";"
# A spreadsheet reads a cell beginning with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# A cell part that would begin a new cell if a program split the line on a separator, ignoring quotes.
_AFTER_SEPARATOR = re.compile(r"([;,])(\s*)(?=[=+\-@])")


def safe_cell(value) -> str:
    """Text that a spreadsheet shows as text: a leading formula character, also after a ';' or ',' inside
    the text, gets an apostrophe in front of it."""
    text = "" if value is None else str(value)
    text = _AFTER_SEPARATOR.sub(r"\1\2'", text)
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text


def header() -> list[str]:
    return [
        _("When"),
        _("Kind"),
        _("Action"),
        _("User name"),
        _("Name"),
        _("Roles"),
        _("Type of object"),
        _("Object id"),
        _("Object"),
        _("Before and after"),
        _("IP address"),
        _("Browser"),
    ]


def row(entry: AuditEntry) -> list[str]:
    user = entry.user
    return [
        timezone.localtime(entry.at).isoformat(timespec="seconds"),
        entry.kind,
        entry.action,
        entry.username,
        user.get_full_name() if user is not None else "",
        entry.roles,
        entry.target_type,
        entry.target_id,
        entry.target_label,
        json.dumps(entry.changes, ensure_ascii=False, sort_keys=True) if entry.changes else "",
        entry.ip_address or "",
        entry.user_agent,
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """The CSV text line by line, starting with a byte order mark so that Excel reads it as UTF-8."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([safe_cell(cell) for cell in header()])
    for entry in entries:
        yield writer.writerow([safe_cell(cell) for cell in row(entry)])
