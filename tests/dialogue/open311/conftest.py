"""Fixtures for the Open311 tests: services with questions, a client key, and document readers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from framsteg.dialogue.models import CaseKind, CategoryQuestion
from framsteg.dialogue.services.apikeys import create_key
from framsteg.organisations.models import Organisation
from tests.dialogue import factories

API = "/open311/v2"
XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; start every test with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def streets(db) -> Organisation:
    return Organisation.objects.create(
        name="Samhällsbyggnadsförvaltningen", slug="sbf", kind="administration"
    )


@pytest.fixture
def lights(streets):
    """Street lighting, with a required number, a list to pick one from and a list to pick several from."""
    category = factories.make_category(
        organisation=streets,
        description="Trasiga eller släckta gatlampor.",
        keywords="lampa, belysning, mörkt",
        translations={"en": "Street lighting"},
        position=1,
    )
    factories.make_question(category, code="antal", required=True)
    factories.make_question(
        category,
        code="lampa",
        label="Hur ser lampan ut?",
        datatype=CategoryQuestion.Datatype.SINGLE,
        choices=[["slackt", "Släckt"], ["blinkar", "Blinkar"]],
    )
    factories.make_question(
        category,
        code="skador",
        label="Vad är skadat?",
        datatype=CategoryQuestion.Datatype.MULTI,
        choices=[["stolpe", "Stolpe"], ["kupa", "Kupa"], ["kabel", "Kabel"]],
    )
    return category


@pytest.fixture
def graffiti(streets):
    return factories.make_category(code="klotter", name="Klotter", organisation=streets, position=2)


@pytest.fixture
def services(lights, graffiti):
    """The active services, and one that is no longer in use."""
    factories.make_category(code="snoskottning", name="Snöskottning", is_active=False)
    return {"lights": lights, "graffiti": graffiti}


@pytest.fixture
def feedback_service(db):
    return factories.make_category(code="skola", kind=CaseKind.FEEDBACK, name="Skola och förskola")


@pytest.fixture
def api_key(db) -> str:
    _key, plaintext = create_key("Felanmälningsappen")
    return plaintext


def xml_root(response) -> ET.Element:
    assert response["Content-Type"] == XML_TYPE
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def json_body(response):
    assert response["Content-Type"] == JSON_TYPE
    return json.loads(response.content.decode("utf-8"))


def xml_errors(response) -> list[tuple[str, str]]:
    root = xml_root(response)
    assert root.tag == "errors"
    assert [child.tag for child in root] == ["error"] * len(root)
    return [(error.findtext("code"), error.findtext("description")) for error in root]


def json_errors(response) -> list[dict]:
    body = json_body(response)
    assert isinstance(body, list)
    assert all(set(error) == {"code", "description"} for error in body)
    return body


def assert_error(response, status: int, fmt: str = "xml", containing: str = "") -> None:
    """The response is the spec's error document, in `fmt`, with `status` as HTTP status and error code."""
    assert response.status_code == status
    if fmt == "xml":
        errors = xml_errors(response)
        assert errors and all(code == str(status) for code, _description in errors)
        descriptions = [description for _code, description in errors]
    else:
        errors = json_errors(response)
        assert errors and all(error["code"] == status for error in errors)
        descriptions = [error["description"] for error in errors]
    assert all(descriptions)
    if containing:
        assert any(containing in description for description in descriptions), descriptions
