"""The bundled set-up of the situation picture: the event types (`data/<municipality>/situation.json`) and
survey results with a cited source (`surveys.json`, values in the survey import's CSV format), loaded only
where missing so that what staff changed in the admin stays as they left it.

A survey indicator is created when no indicator has its slug; a bundled release of its values is stored
only when the indicator has no release with that label, and becomes the current one only when no newer
release is, so results imported later are never replaced by the bundled ones.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import ngettext

from framsteg.audit.services import audited
from framsteg.indicators.models import Indicator
from framsteg.indicators.services.releases import MeasurementRow, store_release
from framsteg.indicators.services.tabular import HEADER_NAMES
from framsteg.situation.models import IncidentCategory

# Public functions here that only read; every other public function is @audited.
READS = ("survey_rows",)

SURVEY_FIELDS = (
    "name",
    "description",
    "unit",
    "direction",
    "source_kind",
    "survey",
    "source_name",
    "source_note",
)


@dataclass
class Loaded:
    categories: int = 0
    survey_releases: int = 0

    @property
    def summary(self) -> str:
        categories = ngettext(
            "Situation picture: %(count)s event type added.",
            "Situation picture: %(count)s event types added.",
            self.categories,
        ) % {"count": self.categories}
        surveys = ngettext(
            "%(count)s bundled release of survey results stored.",
            "%(count)s bundled releases of survey results stored.",
            self.survey_releases,
        ) % {"count": self.survey_releases}
        return f"{categories} {surveys}"


def _load(entries: list[dict], parent: IncidentCategory | None, loaded: Loaded, position: list[int]) -> None:
    for entry in entries:
        position[0] += 1
        category = IncidentCategory.objects.filter(code=entry["code"]).first()
        if category is None:
            translations = {lang: entry[lang] for lang in ("en", "fi", "ar", "so") if entry.get(lang)}
            category = IncidentCategory.objects.create(
                code=entry["code"],
                name=entry["name"],
                nature=entry["nature"],
                translations=translations,
                parent=parent,
                position=position[0],
                description=entry.get("description", ""),
            )
            loaded.categories += 1
        _load(entry.get("children", []), category, loaded, position)


@audited("situation.load_situation")
@transaction.atomic
def load_situation(data_dir: Path) -> Loaded:
    loaded = Loaded()
    path = data_dir / "situation.json"
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        _load(data.get("categories", []), None, loaded, [0])
    surveys = data_dir / "surveys.json"
    if surveys.exists():
        for entry in json.loads(surveys.read_text(encoding="utf-8")).get("indicators", []):
            _load_survey(entry, data_dir, loaded)
    return loaded


def _load_survey(entry: dict, data_dir: Path, loaded: Loaded) -> None:
    defaults = {name: entry.get(name, "") for name in SURVEY_FIELDS}
    indicator, _created = Indicator.objects.get_or_create(slug=entry["slug"], defaults=defaults)
    for release in entry.get("releases", []):
        if indicator.releases.filter(label=release["label"]).exists():
            continue
        rows = survey_rows(data_dir / release["file"], entry["slug"])
        if not rows:
            raise ValueError(f"No bundled survey results for {entry['slug']} in {release['file']}.")
        retrieved_at = datetime.fromisoformat(release["retrieved_at"]).replace(tzinfo=UTC)
        newer = indicator.releases.filter(is_current=True, retrieved_at__gt=retrieved_at).exists()
        store_release(
            indicator,
            release["label"],
            rows,
            retrieved_at=retrieved_at,
            source=release["source"],
            make_current=not newer,
        )
        loaded.survey_releases += 1


def survey_rows(path: Path, slug: str) -> list[MeasurementRow]:
    """One indicator's rows of a bundled file in the survey import's format (docs/surveys-format.md)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        columns = [HEADER_NAMES.get(name.strip().casefold(), "") for name in next(reader)]
        records = [dict(zip(columns, row, strict=False)) for row in reader]
    return [
        MeasurementRow(
            municipality=record.get("municipality") or settings.MUNICIPALITY_CODE,
            period=int(record["period"]),
            value=Decimal(record["value"].replace(",", ".")),
            district=record.get("district", ""),
            source=record["source"],
        )
        for record in records
        if record.get("indicator") == slug
    ]
