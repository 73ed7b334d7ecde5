"""The resident's answers to a category's questions, as the follow page and the staff case page show them.

Answers are stored by question code. A list question's answer is its option keys (a list, or a single key
as stored by older forms and the API); other answers are shown as they were written. Questions and option
names are given in the reader's language where translated, else in the Swedish original, marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from framsteg.dialogue.models import SOURCE_LANGUAGE, Case, CategoryQuestion


@dataclass
class ShownText:
    """A text on the page; `lang` is "sv" when it is the Swedish original shown for want of a translation."""

    text: str
    lang: str = ""


@dataclass
class AnswerRow:
    question: str
    values: list[ShownText]
    question_lang: str = ""


def answer_rows(case: Case, *, unasked: bool = False) -> list[AnswerRow]:
    """The case's answers in the order of the category's questions.

    With `unasked`, answers to questions the category no longer asks follow, named by their code (staff see
    everything the resident gave; residents see only what the form asks today).
    """
    if not case.answers or not isinstance(case.answers, dict):
        return []
    questions = list(case.category.questions.all()) if case.category is not None else []
    rows = []
    for question in questions:
        if question.code in case.answers:
            question_lang = "" if question.label_is_translated else SOURCE_LANGUAGE
            values = shown_answer(question, case.answers[question.code])
            rows.append(AnswerRow(question.current_label, values, question_lang))
    if unasked:
        asked = {question.code for question in questions}
        for code, value in case.answers.items():
            if code not in asked:
                rows.append(AnswerRow(str(code), [ShownText(str(item)) for item in as_list(value)]))
    return rows


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def shown_answer(question: CategoryQuestion, value) -> list[ShownText]:
    """An answer as it is read: a list answer by the names of the chosen options."""
    if question.datatype not in (CategoryQuestion.Datatype.SINGLE, CategoryQuestion.Datatype.MULTI):
        return [ShownText(str(value))]
    names = dict(question.choices_for())
    swedish = question.untranslated_choices()
    return [
        ShownText(names.get(key, key), SOURCE_LANGUAGE if key in swedish else "")
        for key in map(str, as_list(value))
    ]
