"""Cases get readable references, unguessable follow links, and categories speak the reader's language."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from framsteg.dialogue.models import Case, CaseKind, Category, CategoryQuestion


def make_case(year: int = 2026, **extra) -> Case:
    return Case.objects.create(
        year=year, number=Case.next_number(year), kind=CaseKind.FAULT, description="Lampan är trasig", **extra
    )


@pytest.mark.django_db
def test_references_count_per_year_and_read_as_year_and_number():
    first, second = make_case(2026), make_case(2026)
    other_year = make_case(2027)
    assert (first.reference, second.reference, other_year.reference) == (
        "2026-00001",
        "2026-00002",
        "2027-00001",
    )


@pytest.mark.django_db
def test_a_reference_cannot_be_given_twice():
    make_case(2026)
    with pytest.raises(IntegrityError):
        Case.objects.create(year=2026, number=1, kind=CaseKind.FAULT, description="x")


@pytest.mark.django_db
def test_each_case_has_its_own_long_follow_token():
    tokens = {make_case().follow_token for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(token) >= 32 for token in tokens)


@pytest.mark.django_db
def test_a_category_is_named_in_the_readers_language_with_swedish_as_fallback():
    lights = Category.objects.create(
        kind=CaseKind.FAULT,
        code="gatubelysning",
        name="Gatubelysning",
        translations={"en": "Street lighting"},
    )
    with translation.override("en"):
        assert lights.label == "Street lighting"
    with translation.override("fi"):
        assert lights.label == "Gatubelysning"


def lamp_question(**extra) -> CategoryQuestion:
    """An unsaved question with its choices translated into Arabic, and only its label into English."""
    extra.setdefault(
        "translations",
        {
            "ar": {
                "label": "هل يضيء المصباح أصلًا؟",
                "choices": {"nej": "لا، إنه مطفأ", "blinkar": "إنه يومض"},
            },
            "en": {"label": "Is the light on at all?"},
        },
    )
    return CategoryQuestion(
        code="lyser",
        label="Lyser lampan alls?",
        datatype=CategoryQuestion.Datatype.SINGLE,
        choices=[["nej", "Nej, den är släckt"], ["blinkar", "Den blinkar"]],
        **extra,
    )


def test_a_category_description_is_in_the_readers_language_and_says_when_it_is_swedish():
    lights = Category(
        name="Gatubelysning",
        description="Gatlampor som är släckta.",
        description_translations={"en": "Street lights that are out."},
    )
    with translation.override("en"):
        assert (lights.description_label, lights.description_is_translated) == (
            "Street lights that are out.",
            True,
        )
    with translation.override("so"):
        assert (lights.description_label, lights.description_is_translated) == (
            "Gatlampor som är släckta.",
            False,
        )
    with translation.override("sv"):
        assert (lights.description_label, lights.description_is_translated) == (
            "Gatlampor som är släckta.",
            True,
        )
    assert lights.description_for("en") == "Street lights that are out."


def test_a_question_and_its_choices_are_in_the_readers_language_with_swedish_as_fallback():
    question = lamp_question()

    assert question.label_for("ar") == "هل يضيء المصباح أصلًا؟"
    assert question.choices_for("ar") == [["nej", "لا، إنه مطفأ"], ["blinkar", "إنه يومض"]]
    assert question.untranslated_choices("ar") == set()
    assert question.label_for("en") == "Is the light on at all?"
    assert question.choices_for("en") == [["nej", "Nej, den är släckt"], ["blinkar", "Den blinkar"]]
    assert question.untranslated_choices("en") == {"nej", "blinkar"}
    assert question.label_for("fi") == "Lyser lampan alls?"
    assert question.untranslated_choices("sv") == set()
    with translation.override("ar"):
        assert (question.current_label, question.label_is_translated) == ("هل يضيء المصباح أصلًا؟", True)
    with translation.override("fi"):
        assert (question.current_label, question.label_is_translated) == ("Lyser lampan alls?", False)


def test_one_untranslated_choice_falls_back_alone():
    question = lamp_question(translations={"fi": {"choices": {"nej": "Ei, se ei pala"}}})

    assert question.choices_for("fi") == [["nej", "Ei, se ei pala"], ["blinkar", "Den blinkar"]]
    assert question.untranslated_choices("fi") == {"blinkar"}


@pytest.mark.parametrize(
    "translations",
    [
        ["en", "Street lights"],
        {"de": "Straßenbeleuchtung"},
        {"sv": "Gatlampor"},
        {"en": ["Street lights"]},
    ],
)
def test_malformed_description_translations_are_refused(translations):
    lights = Category(kind=CaseKind.FAULT, code="gatubelysning", name="Gatubelysning")
    lights.description_translations = translations
    with pytest.raises(ValidationError) as raised:
        lights.clean_fields()
    assert "description_translations" in raised.value.message_dict


@pytest.mark.parametrize(
    "translations",
    [
        {"en": "Is the light on?"},
        {"en": {"label": "Is the light on?", "hint": "Look at it"}},
        {"en": {"choices": [["nej", "No"]]}},
        {"en": {"choices": {"nej": 0}}},
        {"xx": {"label": "?"}},
    ],
)
def test_malformed_question_translations_are_refused(translations):
    question = lamp_question(translations=translations)
    with pytest.raises(ValidationError) as raised:
        question.clean_fields(exclude=["category"])
    assert "translations" in raised.value.message_dict


def test_a_translated_choice_must_be_one_of_the_questions_choices():
    question = lamp_question(translations={"en": {"choices": {"nej": "No", "kanske": "Maybe"}}})
    with pytest.raises(ValidationError) as raised:
        question.clean()
    assert "kanske" in raised.value.message_dict["translations"][0]
