"""Builders for dialogue test data: categories, districts, promises, routing rules, cases and photos.

Each builder returns saved objects with readable Swedish defaults. Districts default to the real
representative points of Botkyrka's six kommundelar, read from the bundled geo data.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from functools import cache
from itertools import count
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from framsteg.dialogue.models import (
    Case,
    CaseEvent,
    CaseKind,
    Category,
    CategoryQuestion,
    Photo,
    ResponsePromise,
    Review,
    RoutingRule,
)
from framsteg.dialogue.workdays import STOCKHOLM, due_date
from framsteg.organisations.models import Organisation
from framsteg.places.models import District

_sequence = count(1)

_DISTRICTS_FILE = (
    Path(__file__).resolve().parents[2] / "data" / "botkyrka" / "geo" / "botkyrka-districts.json"
)
_SHARED_DISTRICTS_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "botkyrka-districts.json"

# Real points inside Botkyrka (station points from the bundled districts file), handy for positions.
ALBY_STATION = (59.239386, 17.845444)
TUMBA_STATION = (59.199494369094495, 17.83838552404354)
STOCKHOLM_CITY = (59.33, 18.07)


@cache
def botkyrka_districts() -> dict[str, dict]:
    """The bundled district entries by name: {"Tumba": {"code": ..., "point": [lon, lat], ...}}."""
    path = _DISTRICTS_FILE if _DISTRICTS_FILE.exists() else _SHARED_DISTRICTS_FILE
    return {entry["name"]: entry for entry in json.loads(path.read_text(encoding="utf-8"))}


def make_district(
    name: str = "Tumba",
    slug: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    **extra,
) -> District:
    """A district; a real Botkyrka name gets its real representative point unless one is given."""
    entry = botkyrka_districts().get(name)
    if entry is not None:
        longitude = entry["point"][0] if longitude is None else longitude
        latitude = entry["point"][1] if latitude is None else latitude
        slug = slug or entry["code"]
        extra.setdefault("point_source", entry["point_source"])
    elif latitude is None or longitude is None:
        latitude, longitude = TUMBA_STATION
    return District.objects.create(
        name=name,
        slug=slug or slugify(name) or f"district-{next(_sequence)}",
        latitude=latitude,
        longitude=longitude,
        **extra,
    )


def make_districts() -> dict[str, District]:
    """All six kommundelar of Botkyrka, by name."""
    return {name: make_district(name) for name in botkyrka_districts()}


def make_category(
    code: str = "gatubelysning",
    kind: str = CaseKind.FAULT,
    name: str = "Gatubelysning",
    organisation: Organisation | None = None,
    **extra,
) -> Category:
    return Category.objects.create(code=code, kind=kind, name=name, organisation=organisation, **extra)


def make_question(
    category: Category,
    code: str = "antal",
    label: str = "Hur många lampor är släckta?",
    datatype: str = CategoryQuestion.Datatype.NUMBER,
    **extra,
) -> CategoryQuestion:
    extra.setdefault("position", category.questions.count() + 1)
    return CategoryQuestion.objects.create(
        category=category, code=code, label=label, datatype=datatype, **extra
    )


def make_promise(
    kind: str = CaseKind.FAULT,
    category: Category | None = None,
    confirm_within: int = 2,
    answer_within: int = 10,
) -> ResponsePromise:
    return ResponsePromise.objects.create(
        kind=category.kind if category else kind,
        category=category,
        confirm_within=confirm_within,
        answer_within=answer_within,
    )


def make_rule(
    category: Category, organisation: Organisation, district: District | None = None
) -> RoutingRule:
    return RoutingRule.objects.create(category=category, district=district, organisation=organisation)


def _default_category(kind: str) -> Category | None:
    if kind != CaseKind.FAULT:
        return None
    category = Category.objects.filter(code="gatubelysning").first()
    return category or make_category()


def make_case(
    kind: str = CaseKind.FAULT,
    description: str = "Lampan vid busshållplatsen är släckt sedan i måndags.",
    created_at: datetime | None = None,
    events: bool = True,
    **extra,
) -> Case:
    """A registered case, saved directly (fast, no validation) with a proper year and number.

    Everything can be overridden: status, organisation, district, contact fields, created_at, closed_at,
    year and number, published_text, is_published, text_review, ... A fault gets the category
    "gatubelysning" unless `category` is given (pass `category=None` for none). `events=True` adds the
    public RECEIVED event that intake writes. The text waits for review, as after intake; use
    `reviewed_case` for one whose text a case officer has approved. Use
    `framsteg.dialogue.services.intake.submit_case` when the test is about intake itself.
    """
    created_at = created_at or timezone.now()
    year = extra.pop("year", None) or timezone.localtime(created_at, STOCKHOLM).year
    number = extra.pop("number", None) or Case.next_number(year)
    category = extra.pop("category") if "category" in extra else _default_category(kind)
    if kind == CaseKind.FEEDBACK:
        extra.setdefault("feedback_type", Case.FeedbackType.SUGGESTION)
    extra.setdefault("published_text", description)
    extra.setdefault("published_place", extra.get("place", ""))
    extra.setdefault("is_published", kind != CaseKind.SAFETY)
    extra.setdefault("confirm_due", due_date(created_at, 2))
    extra.setdefault("answer_due", due_date(created_at, 10))
    if "organisation" not in extra and category is not None:
        extra["organisation"] = category.organisation
    case = Case.objects.create(
        year=year,
        number=number,
        kind=kind,
        category=category,
        description=description,
        created_at=created_at,
        **extra,
    )
    if events:
        CaseEvent.objects.create(
            case=case, kind=CaseEvent.Kind.RECEIVED, is_public=True, created_at=created_at
        )
    return case


def reviewed_case(*args, **extra) -> Case:
    """A case whose text (and place) a case officer has approved for publication as they stand."""
    extra.setdefault("text_review", Review.APPROVED)
    extra.setdefault("reviewed_at", timezone.now())
    return make_case(*args, **extra)


def approve(case: Case) -> Case:
    """Mark the case's proposed text and place as approved, as a case officer's review would."""
    case.text_review = Review.APPROVED
    case.reviewed_at = timezone.now()
    case.save(update_fields=["text_review", "reviewed_at"])
    return case


def jpeg_bytes(width: int = 40, height: int = 30, color: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    """A small, valid JPEG without metadata."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def make_photo(case: Case, is_public: bool = False, content: bytes | None = None, **extra) -> Photo:
    """A stored photo of a case; `is_public` means approved by a case officer. Tests that store files should
    point MEDIA_ROOT at a temporary directory."""
    extra.setdefault("review", Review.APPROVED if is_public else Review.PENDING)
    photo = Photo(case=case, width=40, height=30, is_public=is_public, **extra)
    photo.image.save(f"test-{next(_sequence)}.jpg", ContentFile(content or jpeg_bytes()), save=False)
    photo.save()
    return photo
