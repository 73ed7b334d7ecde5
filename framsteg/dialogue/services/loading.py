"""Load a municipality's districts, categories, questions and response-time promises from its data folder.

The file `dialogue.json` in the data folder lists the promises and categories and names the districts file.
Loading adds only what the database lacks and never changes what is there: districts are matched by slug,
categories by code, questions by category and code, promises by kind and category. What staff changed in the
admin (a category's name, description, translations, organisation or order, a question, a promise) is kept
however often the bundled data is loaded again (`make run` loads it at every start); what they deleted comes
back, so a bundled category is retired by making it inactive. Everything in the file is checked as it is
loaded, also the entries already in the database; on the first problem nothing is saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from framsteg.audit.services import audited
from framsteg.dialogue.models import (
    CaseKind,
    Category,
    CategoryQuestion,
    ResponsePromise,
    validate_question_translations,
    validate_text_translations,
)
from framsteg.organisations.models import Organisation
from framsteg.places.geo import nearest_district, representative_point
from framsteg.places.models import Area, District


@dataclass
class LoadResult:
    districts: int = 0
    areas: int = 0  # added; those already in the database are left as they are
    categories: int = 0
    questions: int = 0
    promises: int = 0

    @property
    def summary(self) -> str:
        return _(
            "Dialogue: %(districts)d districts, %(categories)d categories, %(questions)d questions, "
            "%(promises)d response-time promises."
        ) % {
            "districts": self.districts,
            "categories": self.categories,
            "questions": self.questions,
            "promises": self.promises,
        }


class DialogueDataError(ValueError):
    """The data file refers to something that does not exist or is malformed."""


def _organisation(slug: str | None) -> Organisation | None:
    if not slug:
        return None
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise DialogueDataError(f"Unknown organisation {slug!r}: load the organisations first.") from None


def _translations(entry: dict, key: str, check: Callable[[object], None], what: str) -> dict:
    """{key: entry[key]}, checked, if the file gives it; else {} (the field's default)."""
    if key not in entry:
        return {}
    try:
        check(entry[key])
    except ValidationError as error:
        raise DialogueDataError(f"{what} has malformed {key}: {' '.join(error.messages)}") from None
    return {key: entry[key]}


def _question_translations(question: dict, what: str) -> dict:
    """The question's translations, checked, including that they translate only choices the question has."""
    given = _translations(question, "translations", validate_question_translations, what)
    if given:
        unsaved = CategoryQuestion(choices=question.get("choices", []), translations=given["translations"])
        try:
            unsaved.clean()
        except ValidationError as error:
            raise DialogueDataError(f"{what}: {' '.join(error.messages)}") from None
    return given


def _load_districts(path: Path) -> int:
    entries = json.loads(path.read_text(encoding="utf-8"))
    for entry in entries:
        longitude, latitude = entry["point"]
        District.objects.get_or_create(
            slug=entry["code"],
            defaults={
                "name": entry["name"],
                "latitude": latitude,
                "longitude": longitude,
                "point_source": entry.get("point_source") or "",
            },
        )
    return len(entries)


def _area_source(properties: dict, path: Path) -> str:
    """Where an area's polygon comes from, from the attributes the file carries."""
    parts = [
        properties.get("ansvarig_organisation", ""),
        f"RegSO {properties['version']}" if properties.get("version") else "",
        f"referensdatum {properties['referensdatum']}" if properties.get("referensdatum") else "",
    ]
    return ", ".join(part for part in parts if part) + f" ({path.name}; see README.md beside it)"


def _load_areas(path: Path) -> int:
    """Add the statistical areas the database lacks; areas already there (and edits to them) are kept."""
    known = set(Area.objects.values_list("code", flat=True))
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    added = 0
    for feature in features:
        properties = feature["properties"]
        code = properties.get("regsokod") or properties.get("code")
        if not code or code in known:
            continue
        if feature["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
            raise DialogueDataError(f"Area {code} in {path.name} is not a polygon.")
        Area.objects.create(
            code=code,
            name=properties.get("regsonamn") or properties.get("name") or code,
            geometry=feature["geometry"],
            district=nearest_district(*representative_point(feature["geometry"])),
            source=_area_source(properties, path),
        )
        known.add(code)
        added += 1
    return added


def _load_promise(kind: str, category: Category | None, entry: dict) -> None:
    ResponsePromise.objects.get_or_create(
        kind=kind,
        category=category,
        defaults={"confirm_within": entry["confirm_within"], "answer_within": entry["answer_within"]},
    )


def _load_category(entry: dict, position: int, result: LoadResult) -> None:
    if entry["kind"] not in CaseKind.values:
        raise DialogueDataError(f"Category {entry['code']!r} has an unknown kind {entry['kind']!r}.")
    category, _created = Category.objects.get_or_create(
        code=entry["code"],
        defaults={
            "kind": entry["kind"],
            "name": entry["name"],
            "translations": entry.get("translations", {}),
            "description": entry.get("description", ""),
            **_translations(
                entry, "description_translations", validate_text_translations, f"Category {entry['code']!r}"
            ),
            "keywords": entry.get("keywords", ""),
            "organisation": _organisation(entry.get("organisation")),
            "position": position,
            "is_active": entry.get("is_active", True),
        },
    )
    result.categories += 1
    for question_position, question in enumerate(entry.get("questions", []), start=1):
        what = f"Question {question['code']!r} of {entry['code']!r}"
        if question["datatype"] not in CategoryQuestion.Datatype.values:
            raise DialogueDataError(
                f"Question {question['code']!r} has an unknown type {question['datatype']!r}."
            )
        CategoryQuestion.objects.get_or_create(
            category=category,
            code=question["code"],
            defaults={
                "label": question["label"],
                "datatype": question["datatype"],
                "required": question.get("required", False),
                "choices": question.get("choices", []),
                **_question_translations(question, what),
                "position": question_position,
            },
        )
        result.questions += 1
    if "promise" in entry:
        _load_promise(category.kind, category, entry["promise"])
        result.promises += 1


@audited("dialogue.load_dialogue")
@transaction.atomic
def load_dialogue(data_dir: Path) -> LoadResult:
    """Load `data_dir/dialogue.json` (and the districts file it names). Does nothing if it is absent."""
    result = LoadResult()
    path = Path(data_dir) / "dialogue.json"
    if not path.exists():
        return result
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("districts"):
        result.districts = _load_districts(Path(data_dir) / data["districts"])
    if data.get("areas"):
        result.areas = _load_areas(Path(data_dir) / data["areas"])
    for entry in data.get("promises", []):
        _load_promise(entry["kind"], None, entry)
        result.promises += 1
    for position, entry in enumerate(data.get("categories", []), start=1):
        _load_category(entry, position, result)
    return result
