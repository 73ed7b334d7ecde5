"""The resident's answers read the same on the follow page and the staff case page, whatever their shape."""

import pytest
from django.test import Client
from django.urls import reverse

from framsteg.dialogue.models import CategoryQuestion
from tests import factories
from tests.dialogue.factories import make_case, make_category, make_question

Datatype = CategoryQuestion.Datatype


@pytest.fixture
def bare_case(db):
    """Answers stored as bare keys: options without names, and a list answer as one key, not a list."""
    organisation = factories.make_organisation("Tekniska förvaltningen", kind="administration", slug="tf")
    category = make_category("belysning", name="Belysning", organisation=organisation)
    make_question(category, "pole_number", "Stolpens nummer", Datatype.STRING)
    make_question(category, "lit", "Lyser lampan?", Datatype.SINGLE, choices=["on", "off"])
    make_question(category, "faults", "Vad är fel?", Datatype.MULTI, choices=[["blinkar", "Blinkar"], "skev"])
    case = make_case(
        category=category,
        organisation=organisation,
        answers={"pole_number": "12", "lit": "off", "faults": "blinkar", "removed_question": "x"},
    )
    officer = factories.make_user("olle", organisation)
    return case, officer


def rows(html: str) -> list[str]:
    start = html.index("<dl", html.index("Stolpens nummer") - 200)
    return html[start : html.index("</dl>", start)].split("<div>")[1:]


def test_the_follow_page_shows_bare_key_answers(bare_case):
    case, _officer = bare_case
    response = Client().get(f"/arende/{case.follow_token}/", HTTP_ACCEPT_LANGUAGE="sv")

    assert response.status_code == 200
    shown = rows(response.content.decode())
    assert shown == [
        '<dt>Stolpens nummer</dt><dd dir="auto">12</dd></div>',
        '<dt>Lyser lampan?</dt><dd dir="auto">off</dd></div>',
        '<dt>Vad är fel?</dt><dd dir="auto">Blinkar</dd></div>\n',
    ]


def test_the_case_page_shows_bare_key_answers_as_the_follow_page_does(bare_case):
    case, officer = bare_case
    client = Client(headers={"accept-language": "sv"})
    client.force_login(officer)
    response = client.get(reverse("cases:detail", args=[case.year, case.number]))

    assert response.status_code == 200
    shown = rows(response.content.decode())
    assert shown[:3] == [
        '<dt>Stolpens nummer</dt><dd dir="auto">12</dd></div>',
        '<dt>Lyser lampan?</dt><dd dir="auto">off</dd></div>',
        '<dt>Vad är fel?</dt><dd dir="auto">Blinkar</dd></div>',
    ]
    # Staff also see an answer to a question the category no longer asks, named by its code.
    assert shown[3] == '<dt>removed_question</dt><dd dir="auto">x</dd></div>\n'
