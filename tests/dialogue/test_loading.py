"""Botkyrka's bundled districts, categories and promises load once and update in place when loaded again."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.utils import translation

from framsteg.dialogue.loading import DialogueDataError, load_dialogue
from framsteg.dialogue.models import CaseKind, Category, CategoryQuestion, District, ResponsePromise
from tests.factories import make_organisation

DATA_DIR = settings.BASE_DIR / "data" / "botkyrka"
FAULTS = [
    "gatubelysning",
    "gator-och-vagar",
    "gang-och-cykelbana",
    "klotter",
    "nedskrapning",
    "park",
    "trad-och-buskage",
    "lekplats",
    "hallplats",
    "vintervaghallning",
    "ovrigt-fel",
]


@pytest.fixture
def organisations(db):
    return {
        slug: make_organisation(slug.capitalize(), slug=slug)
        for slug in ("samhallsbyggnadsforvaltningen", "kommunledningsforvaltningen")
    }


def snapshot():
    return (
        list(District.objects.order_by("slug").values()),
        list(Category.objects.order_by("code").values()),
        list(CategoryQuestion.objects.order_by("category__code", "code").values()),
        list(ResponsePromise.objects.order_by("kind", "category__code").values()),
    )


def test_botkyrkas_data_loads(organisations):
    result = load_dialogue(DATA_DIR)
    assert result.districts == 6
    assert sorted(District.objects.values_list("name", flat=True)) == [
        "Alby",
        "Fittja",
        "Hallunda-Norsborg",
        "Tullinge",
        "Tumba",
        "Vårsta-Grödinge",
    ]
    assert list(Category.objects.filter(kind=CaseKind.FAULT).values_list("code", flat=True)) == FAULTS
    assert Category.objects.filter(kind=CaseKind.SAFETY).count() == 5
    assert {c.organisation.slug for c in Category.objects.filter(kind=CaseKind.FAULT)} == {
        "samhallsbyggnadsforvaltningen"
    }
    assert {c.organisation.slug for c in Category.objects.filter(kind=CaseKind.SAFETY)} == {
        "kommunledningsforvaltningen"
    }


def test_every_category_is_named_in_every_language(organisations):
    load_dialogue(DATA_DIR)
    for category in Category.objects.all():
        assert set(category.translations) == {"en", "fi", "ar", "so"}, category.code
    lights = Category.objects.get(code="gatubelysning")
    with translation.override("ar"):
        assert lights.label == "إنارة الشوارع"


def test_questions_and_promises_are_loaded(organisations):
    load_dialogue(DATA_DIR)
    lights = Category.objects.get(code="gatubelysning")
    assert list(lights.questions.values_list("code", "datatype")) == [
        ("antal", "number"),
        ("lyser", "singlevaluelist"),
    ]
    graffiti = Category.objects.get(code="klotter")
    assert graffiti.questions.get().label == "Är klottret kränkande?"
    assert (graffiti.promise.confirm_within, graffiti.promise.answer_within) == (1, 5)
    for kind in CaseKind.values:
        promise = ResponsePromise.objects.get(kind=kind, category=None)
        assert (promise.confirm_within, promise.answer_within) == (2, 10)


def test_loading_twice_changes_nothing(organisations):
    load_dialogue(DATA_DIR)
    before = snapshot()
    load_dialogue(DATA_DIR)
    assert snapshot() == before


def test_loading_again_updates_in_place_and_keeps_what_the_admin_added(organisations):
    load_dialogue(DATA_DIR)
    lights = Category.objects.get(code="gatubelysning")
    lights.name = "Lampor"
    lights.save()
    CategoryQuestion.objects.create(
        category=lights, code="stolpe", label="Stolpens nummer?", datatype="string"
    )
    own = Category.objects.create(code="egen", kind=CaseKind.FAULT, name="Egen kategori")

    load_dialogue(DATA_DIR)

    lights.refresh_from_db()
    assert lights.name == "Gatubelysning"
    assert lights.questions.filter(code="stolpe").exists()
    assert Category.objects.filter(pk=own.pk).exists()
    assert Category.objects.filter(code="gatubelysning").count() == 1


def test_a_missing_file_loads_nothing(db, tmp_path):
    with translation.override("en"):
        summary = load_dialogue(tmp_path).summary
    assert summary == "Dialogue: 0 districts, 0 categories, 0 questions, 0 response-time promises."


def test_an_unknown_organisation_is_an_error_and_nothing_is_saved(db, tmp_path):
    data = {"categories": [{"code": "x", "kind": "fault", "name": "X", "organisation": "finns-inte"}]}
    (tmp_path / "dialogue.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DialogueDataError):
        load_dialogue(tmp_path)
    assert not Category.objects.exists()
