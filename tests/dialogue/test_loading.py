"""Botkyrka's bundled districts, categories and promises load where they are missing, and never overwrite what
staff changed when loaded again."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.utils import translation

from framsteg.dialogue.models import CaseKind, Category, CategoryQuestion, ResponsePromise
from framsteg.dialogue.services.loading import DialogueDataError, load_dialogue
from framsteg.places.models import District
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


def test_every_description_and_question_is_translated_into_every_language(organisations):
    load_dialogue(DATA_DIR)
    assert Category.objects.count() == 16
    for category in Category.objects.all():
        assert set(category.description_translations) == {"en", "fi", "ar", "so"}, category.code
        assert all(category.description_translations.values()), category.code
    assert CategoryQuestion.objects.count() == 3
    for question in CategoryQuestion.objects.all():
        assert set(question.translations) == {"en", "fi", "ar", "so"}, question.code
        for language in question.translations:
            assert question.label_for(language) != question.label, (question.code, language)
            assert not question.untranslated_choices(language), (question.code, language)
    lights = Category.objects.get(code="gatubelysning")
    lit = lights.questions.get(code="lyser")
    with translation.override("ar"):
        assert lights.description_is_translated
        assert lights.description_label == "مصابيح الشوارع المطفأة أو التي تومض أو تضيء في النهار أو التالفة."
        assert lit.current_label == "هل يضيء المصباح أصلًا؟"
    assert lit.choices_for("en") == [
        ["nej", "No, it is out"],
        ["blinkar", "It flickers"],
        ["dag", "It is on during the day"],
    ]


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


def test_loading_again_keeps_what_staff_changed_and_added(organisations):
    load_dialogue(DATA_DIR)
    lights = Category.objects.get(code="gatubelysning")
    lights.name = "Lampor"
    lights.translations = {**lights.translations, "en": "Lamps"}
    lights.description = "Lampor som inte lyser."
    lights.description_translations = {"en": "Lamps that are out."}
    lights.organisation = organisations["kommunledningsforvaltningen"]
    lights.position = 40
    lights.save()
    question = lights.questions.get(code="antal")
    question.label = "Antal lampor?"
    question.required = True
    question.save()
    CategoryQuestion.objects.create(
        category=lights, code="stolpe", label="Stolpens nummer?", datatype="string"
    )
    own = Category.objects.create(code="egen", kind=CaseKind.FAULT, name="Egen kategori")
    ResponsePromise.objects.filter(kind=CaseKind.FAULT, category=None).update(
        confirm_within=1, answer_within=4
    )
    graffiti = Category.objects.get(code="klotter")
    ResponsePromise.objects.filter(category=graffiti).update(answer_within=3)
    District.objects.filter(slug=District.objects.order_by("slug").first().slug).update(name="Vårt namn")
    before = snapshot()

    load_dialogue(DATA_DIR)

    assert snapshot() == before
    lights.refresh_from_db()
    assert (lights.name, lights.translations["en"], lights.position) == ("Lampor", "Lamps", 40)
    assert lights.description_translations == {"en": "Lamps that are out."}
    assert lights.questions.get(code="antal").label == "Antal lampor?"
    assert lights.questions.filter(code="stolpe").exists()
    assert Category.objects.filter(pk=own.pk).exists()
    assert ResponsePromise.objects.get(kind=CaseKind.FAULT, category=None).answer_within == 4


def test_what_staff_deleted_comes_back(organisations):
    load_dialogue(DATA_DIR)
    complete = snapshot()
    counts = [len(rows) for rows in complete]
    Category.objects.get(code="klotter").delete()  # with its question and its promise
    Category.objects.get(code="gatubelysning").questions.get(code="lyser").delete()
    ResponsePromise.objects.get(kind=CaseKind.SAFETY, category=None).delete()
    District.objects.order_by("slug").first().delete()

    load_dialogue(DATA_DIR)

    assert [len(rows) for rows in snapshot()] == counts
    graffiti = Category.objects.get(code="klotter")
    assert graffiti.questions.get().label == "Är klottret kränkande?"
    assert (graffiti.promise.confirm_within, graffiti.promise.answer_within) == (1, 5)
    assert Category.objects.get(code="gatubelysning").questions.filter(code="lyser").exists()
    assert ResponsePromise.objects.get(kind=CaseKind.SAFETY, category=None).answer_within == 10


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


def write_data(tmp_path, categories: list[dict]) -> None:
    (tmp_path / "dialogue.json").write_text(json.dumps({"categories": categories}), encoding="utf-8")


def lamp_category(**extra) -> dict:
    """A category as the data file gives it, with one question whose answer is picked from a list."""
    question = {
        "code": "lyser",
        "label": "Lyser lampan?",
        "datatype": "singlevaluelist",
        "choices": [["ja", "Ja"], ["nej", "Nej"]],
        "translations": {"en": {"label": "Is the light on?", "choices": {"ja": "Yes", "nej": "No"}}},
    }
    question.update(extra.pop("question", {}))
    entry = {
        "code": "lampor",
        "kind": "fault",
        "name": "Lampor",
        "description": "Släckta lampor.",
        "description_translations": {"en": "Lights that are out."},
        "questions": [question],
    }
    entry.update(extra)
    return entry


def test_a_changed_file_adds_what_is_new_and_leaves_what_exists(db, tmp_path):
    write_data(tmp_path, [lamp_category()])
    load_dialogue(tmp_path)
    category = Category.objects.get(code="lampor")
    question = category.questions.get()

    changed = lamp_category(
        description_translations={"en": "Street lights that are out.", "fi": "Sammuneet valot."},
        question={"translations": {"ar": {"label": "هل المصباح مضاء؟"}}},
    )
    changed["questions"].append({"code": "antal", "label": "Hur många?", "datatype": "number"})
    write_data(tmp_path, [changed, lamp_category(code="nya", name="Nya")])
    load_dialogue(tmp_path)

    assert Category.objects.get(code="lampor").pk == category.pk
    category.refresh_from_db()
    question.refresh_from_db()
    assert category.description_translations == {"en": "Lights that are out."}
    assert question.translations == {
        "en": {"label": "Is the light on?", "choices": {"ja": "Yes", "nej": "No"}}
    }
    assert category.questions.get(code="antal").label == "Hur många?"
    assert Category.objects.get(code="nya").questions.get().code == "lyser"


def test_translations_made_in_the_admin_are_kept_when_the_file_gives_none(db, tmp_path):
    entry = lamp_category()
    del entry["description_translations"], entry["questions"][0]["translations"]
    write_data(tmp_path, [entry])
    load_dialogue(tmp_path)
    Category.objects.update(description_translations={"so": "Nalal dansan."})
    CategoryQuestion.objects.update(translations={"so": {"label": "Nalku ma shidan yahay?"}})

    load_dialogue(tmp_path)

    assert Category.objects.get().description_translations == {"so": "Nalal dansan."}
    assert CategoryQuestion.objects.get().translations == {"so": {"label": "Nalku ma shidan yahay?"}}


@pytest.mark.parametrize(
    "broken",
    [
        {"description_translations": ["en", "Lights that are out."]},
        {"description_translations": {"de": "Kaputte Lampen."}},
        {"question": {"translations": {"en": "Is the light on?"}}},
        {"question": {"translations": {"en": {"choices": {"kanske": "Maybe"}}}}},
    ],
)
def test_malformed_translations_are_an_error_and_nothing_is_saved(db, tmp_path, broken):
    write_data(tmp_path, [lamp_category(code="forsta"), lamp_category(**broken)])
    with pytest.raises(DialogueDataError, match="lampor"):
        load_dialogue(tmp_path)
    assert not Category.objects.exists()
    assert not CategoryQuestion.objects.exists()
