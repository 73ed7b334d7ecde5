"""The bundled set-up of the situation picture: the event types (`data/<municipality>/situation.json`),
loaded only where missing so that what staff changed in the admin stays as they left it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import ngettext

from framsteg.audit.services import audited
from framsteg.situation.models import IncidentCategory


@dataclass
class Loaded:
    categories: int = 0

    @property
    def summary(self) -> str:
        return ngettext(
            "Situation picture: %(count)s event type added.",
            "Situation picture: %(count)s event types added.",
            self.categories,
        ) % {"count": self.categories}


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
    if not path.exists():
        return loaded
    data = json.loads(path.read_text(encoding="utf-8"))
    _load(data.get("categories", []), None, loaded, [0])
    return loaded
