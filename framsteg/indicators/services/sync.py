"""Bring the Kolada indicators up to date: KPI titles, the comparison group and the values.

What is fetched, in this order:

1. KPI metadata for every indicator with a Kolada KPI; the title and description Kolada returns are stored on
   the indicator (``kolada_title``, ``kolada_description``) — never labels of our own.
2. The municipality groups "Liknande kommuner" made for the municipality (``MUNICIPALITY_CODE``), stored
   as ``Municipality`` rows with their members; the newest "Liknande kommuner, övergripande" group is the
   comparison group. The municipality's and Riket's (0000) names are read from Kolada too.
3. Values for the municipality, Riket and the comparison group's members. Each indicator gets one new
   ``Release`` holding its whole series, written through ``store_release``.

Incremental sync: an indicator whose current release came from Kolada asks only for rows updated since its
last successful sync (``from_date``, the day ``kolada_synced_at`` was set). Those changes are merged into a
copy of the current release's rows and stored as a NEW complete release, so the current series stays whole
and the previous one stays inspectable. A row marked ``isdeleted`` is dropped, and removes that value from the
merged release; a ``null`` value is kept as a value that is missing. When nothing changed no release is
written, only ``kolada_synced_at`` moves on. ``full=True`` ignores ``kolada_synced_at``.

Atomicity is per indicator: all rows of a request (every page) are fetched before anything is written, and
each indicator's release and its ``kolada_synced_at`` are committed together. An error while fetching leaves
the indicators of that request exactly as they were: their previous release stays current.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited
from framsteg.indicators.kolada import MAX_IDS, KoladaClient, KoladaError
from framsteg.indicators.models import Indicator, Municipality
from framsteg.indicators.services.releases import MeasurementRow, store_release

RIKET = "0000"
GROUP_SEARCH = "Liknande kommuner"
COMPARISON_GROUP_PREFIX = "Liknande kommuner, övergripande"
GENDERS = {"T", "K", "M"}
SOURCE = "Kolada"

Key = tuple[str, str, int, str]  # municipality, district, period, gender
Progress = Callable[[int, int, str, int], None]  # done, total, KPI, page


@dataclass
class SyncReport:
    """What a sync did, for the command's summary and the task's result."""

    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unknown_kpis: list[str] = field(default_factory=list)
    comparison_group: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "unchanged": self.unchanged,
            "unknown_kpis": self.unknown_kpis,
            "comparison_group": self.comparison_group,
        }


@audited("indicators.sync_kolada")
def sync_kolada(
    *,
    kpis: Iterable[str] = (),
    full: bool = False,
    client: KoladaClient | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> SyncReport:
    """Sync the Kolada indicators (all, or those with the given KPI ids); see the module docstring."""
    client = client or KoladaClient()
    started = now or timezone.now()
    indicators = list(
        Indicator.objects.filter(source_kind=Indicator.SourceKind.KOLADA)
        .exclude(kolada_kpi="")
        .order_by("kolada_kpi", "pk")
    )
    wanted = set(kpis)
    if wanted:
        indicators = [indicator for indicator in indicators if indicator.kolada_kpi in wanted]
    report = SyncReport()
    if not indicators:
        return report

    known = _store_metadata(client, indicators, report)
    indicators = [indicator for indicator in indicators if indicator.kolada_kpi in known]
    group = _store_groups(client, report)
    municipalities = [
        settings.MUNICIPALITY_CODE,
        RIKET,
        *sorted(group.members.values_list("code", flat=True)),
    ]

    by_from_date: dict[date | None, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_from_date[None if full else _from_date(indicator)].append(indicator)

    total = len(indicators)
    done = 0
    for from_date, batch in by_from_date.items():
        kpi_ids = list(dict.fromkeys(indicator.kolada_kpi for indicator in batch))
        for start in range(0, len(kpi_ids), MAX_IDS):
            chunk = kpi_ids[start : start + MAX_IDS]
            fetched = _fetch(client, chunk, municipalities, from_date, progress, done, total)
            for indicator in (indicator for indicator in batch if indicator.kolada_kpi in chunk):
                _store(indicator, fetched.get(indicator.kolada_kpi, []), from_date, started, client, report)
                done += 1
                if progress:
                    progress(done, total, indicator.kolada_kpi, 0)
    return report


def _store_metadata(client: KoladaClient, indicators: list[Indicator], report: SyncReport) -> set[str]:
    rows = {row["id"]: row for row in client.kpis(indicator.kolada_kpi for indicator in indicators)}
    for indicator in indicators:
        row = rows.get(indicator.kolada_kpi)
        if row is None:
            report.unknown_kpis.append(indicator.kolada_kpi)
            continue
        indicator.kolada_title = row["title"]
        indicator.kolada_description = row.get("description") or ""
        indicator.save(update_fields=["kolada_title", "kolada_description"])
    return set(rows)


def _store_groups(client: KoladaClient, report: SyncReport) -> Municipality:
    """Store the "Liknande kommuner" groups named for the municipality; return the comparison group.

    Kolada's group titles name the municipality they were made for ("Liknande kommuner, övergripande,
    Botkyrka, 2025"); a municipality is also a member of other municipalities' groups, which are left out.
    """
    code = settings.MUNICIPALITY_CODE
    names = {}
    for row in client.municipalities([code, RIKET]):
        Municipality.objects.update_or_create(
            code=row["id"], defaults={"name": row["title"], "is_group": False}
        )
        names[row["id"]] = row["title"]
    if code not in names:
        raise KoladaError(_("Kolada does not know municipality %(code)s.") % {"code": code})
    ours = []
    for row in client.municipality_groups(GROUP_SEARCH):
        if names[code] not in (part.strip() for part in row["title"].split(",")):
            continue
        members = {_member_id(member): _member_title(member) for member in row["members"]}
        members.pop(code, None)
        group, _created = Municipality.objects.update_or_create(
            code=row["id"], defaults={"name": row["title"], "is_group": True}
        )
        for member_code, title in members.items():
            Municipality.objects.update_or_create(
                code=member_code, defaults={"name": title, "is_group": False}
            )
        group.members.set(list(members))
        ours.append(group)
    overall = [group for group in ours if group.name.startswith(COMPARISON_GROUP_PREFIX)]
    if not overall:
        message = _('Kolada has no group "%(title)s" for %(name)s.')
        raise KoladaError(message % {"title": COMPARISON_GROUP_PREFIX, "name": names[code]})
    comparison = max(overall, key=lambda group: (_year_in(group.name), group.code))
    report.comparison_group = comparison.code
    return comparison


def _member_id(member: Any) -> str:
    # v3 names a member's fields member_id/member_title; older answers used id/title.
    value = member.get("member_id", member.get("id")) if isinstance(member, dict) else None
    if not isinstance(value, str):
        raise KoladaError(_("Kolada sent a municipality group member without an id."))
    return value


def _member_title(member: dict[str, Any]) -> str:
    return str(member.get("member_title", member.get("title", "")))


def _year_in(title: str) -> int:
    years = re.findall(r"\b(\d{4})\b", title)
    return int(years[-1]) if years else 0


def _from_date(indicator: Indicator) -> date | None:
    """The day of the last successful sync, when the current release is Kolada's own; else a full fetch."""
    current = indicator.current_release()
    if indicator.kolada_synced_at is None or current is None or not current.source.startswith(SOURCE):
        return None
    return timezone.localdate(indicator.kolada_synced_at)


def _fetch(
    client: KoladaClient,
    kpis: list[str],
    municipalities: list[str],
    from_date: date | None,
    progress: Progress | None,
    done: int,
    total: int,
) -> dict[str, list[tuple[Key, Decimal | None, bool]]]:
    """Every page for these KPIs, parsed and grouped by KPI, before anything is written."""
    changes: dict[str, list[tuple[Key, Decimal | None, bool]]] = defaultdict(list)
    for page_number, page in enumerate(client.data_pages(kpis, municipalities, from_date=from_date), start=1):
        kpi = kpis[0]
        for row in page:
            kpi = _parse_row(row, changes)
        if progress:
            progress(done, total, kpi, page_number)
    return changes


def _parse_row(row: dict[str, Any], changes: dict[str, list[tuple[Key, Decimal | None, bool]]]) -> str:
    kpi, municipality, period, values = (
        row.get("kpi"),
        row.get("municipality"),
        row.get("period"),
        row.get("values"),
    )
    if not (isinstance(kpi, str) and isinstance(municipality, str) and isinstance(values, list)):
        raise KoladaError(
            _("Kolada sent a data row without kpi, municipality or values: %(row)s") % {"row": row}
        )
    try:
        year = int(period)
    except (TypeError, ValueError):
        raise KoladaError(
            _("Kolada sent a data row with the period %(period)r.") % {"period": period}
        ) from None
    row_deleted = row.get("isdeleted") is True
    for item in values:
        gender = item.get("gender") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if gender not in GENDERS or isinstance(value, bool) or not isinstance(value, Decimal | int | None):
            raise KoladaError(_("Kolada sent a value of an unexpected form: %(item)s") % {"item": item})
        deleted = row_deleted or item.get("isdeleted") is True
        changes[kpi].append(
            ((municipality, "", year, gender), None if value is None else Decimal(value), deleted)
        )
    return kpi


def _store(
    indicator: Indicator,
    changes: list[tuple[Key, Decimal | None, bool]],
    from_date: date | None,
    started: datetime,
    client: KoladaClient,
    report: SyncReport,
) -> None:
    current = indicator.current_release()
    previous: dict[Key, Decimal | None] = {}
    if current is not None:
        previous = {
            (municipality, district, period, gender): value
            for municipality, district, period, gender, value in current.measurements.values_list(
                "municipality", "district", "period", "gender", "value"
            )
        }
    merged = dict(previous) if from_date else {}
    for key, value, deleted in changes:
        if deleted:
            merged.pop(key, None)
        else:
            merged[key] = value
    with transaction.atomic():
        if merged == previous:
            report.unchanged.append(indicator.kolada_kpi)
        else:
            retrieved = timezone.localdate(started).isoformat()
            if from_date:
                label = _("Kolada, retrieved %(date)s (changes since %(from_date)s merged)") % {
                    "date": retrieved,
                    "from_date": from_date.isoformat(),
                }
            else:
                label = _("Kolada, retrieved %(date)s") % {"date": retrieved}
            rows = (
                MeasurementRow(municipality, period, value, gender=gender, district=district, source=SOURCE)
                for (municipality, district, period, gender), value in sorted(merged.items())
            )
            store_release(
                indicator, label, rows, retrieved_at=started, source=f"{SOURCE} ({client.base_url})"
            )
            report.created.append(indicator.kolada_kpi)
        indicator.kolada_synced_at = started
        indicator.save(update_fields=["kolada_synced_at"])
