"""The audit log as CSV for a spreadsheet, with every cell safe from formula injection."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.models import AuditEntry
from framsteg.core.csv import csv_lines


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


def lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """The CSV text line by line (see `framsteg.core.csv`)."""
    return csv_lines(header(), (row(entry) for entry in entries))
