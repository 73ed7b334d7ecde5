"""With the database unreachable, residents' forms answer 503, say nothing was received and keep what was
typed; Open311 answers 503 in its own error format. Nothing partial is written."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from framsteg.core import outage
from framsteg.dialogue.models import Case, CaseEvent, Photo
from framsteg.dialogue.services.apikeys import create_key
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, json_errors, xml_errors
from tests.dialogue.test_photos import photo_with_metadata
from tests.dialogue.test_report_views import FAULT, FEEDBACK, fault_data, photo_upload
from tests.outage import database_down, database_fails_on

pytestmark = pytest.mark.django_db

FIELD = re.compile(r"<(input|textarea)\b([^>]*)>(?:([^<]*)</textarea>)?")
ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def lights():
    factories.make_districts()
    category = factories.make_category()
    factories.make_question(category, code="antal", required=True)
    factories.make_question(
        category,
        code="typ",
        datatype="singlevaluelist",
        choices=[["gata", "Gatlampa"], ["park", "Parklampa"]],
    )
    return category


def form_fields(response) -> dict[str, dict]:
    """The fields of the page's form: name -> {"type", "value"}; a textarea's type is "textarea"."""
    fields = {}
    for tag, attributes, text in FIELD.findall(response.content.decode()):
        attrs = dict(ATTRIBUTE.findall(attributes))
        if "name" not in attrs:
            continue
        kind = "textarea" if tag == "textarea" else attrs.get("type", "text")
        value = html.unescape(text if tag == "textarea" else attrs.get("value", ""))
        fields[attrs["name"]] = {"type": kind, "value": value}
    return fields


def resubmitted(fields: dict[str, dict]) -> dict[str, str]:
    return {name: field["value"] for name, field in fields.items() if field["type"] != "file"}


def typed(lights) -> dict:
    return fault_data(
        lights,
        description='Lampan vid "gångtunneln" är släckt <sedan> en vecka.',
        contact_name="Karin Berg",
        contact_email="karin@example.se",
        contact_phone="070-123 45 67",
    )


def test_a_report_sent_while_the_database_is_down_is_kept_and_not_received(client, lights):
    data = typed(lights)
    with database_down():
        response = client.post(FAULT, data)
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert "Din anmälan har INTE tagits emot" in page
    fields = form_fields(response)
    # Text the resident typed: shown, editable, exactly as typed.
    assert fields["description"] == {"type": "textarea", "value": data["description"]}
    assert fields["place"] == {"type": "text", "value": data["place"]}
    assert fields["contact_name"] == {"type": "text", "value": "Karin Berg"}
    assert fields["contact_email"] == {"type": "email", "value": "karin@example.se"}
    assert fields["contact_phone"] == {"type": "tel", "value": "070-123 45 67"}
    # The rest travels hidden.
    for name in ("category", "q-gatubelysning-antal", "q-gatubelysning-typ", "latitude", "longitude"):
        assert fields[name] == {"type": "hidden", "value": str(data[name])}
    assert fields["csrfmiddlewaretoken"]["type"] == "hidden"
    assert fields["photos"]["type"] == "file"
    assert Case.objects.count() == 0


def test_the_kept_form_sends_the_report_once_the_database_is_back(lights):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    page = client.get(FAULT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    with database_down():
        response = client.post(FAULT, {**typed(lights), "csrfmiddlewaretoken": token})
    assert response.status_code == 503
    again = client.post(FAULT, resubmitted(form_fields(response)))
    assert again.status_code == 302
    case = Case.objects.get()
    assert case.description == typed(lights)["description"]
    assert case.contact_email == "karin@example.se"
    assert case.answers == {"antal": "2", "typ": "gata"}


def test_photos_cannot_be_kept_and_the_page_says_so(client, lights):
    with database_down():
        response = client.post(FAULT, {**typed(lights), "photos": photo_upload(photo_with_metadata())})
    assert response.status_code == 503
    assert "Välj dem på nytt innan du skickar" in response.content.decode()
    assert form_fields(response)["photos"]["type"] == "file"


def test_feedback_keeps_its_type_hidden(client):
    data = {"feedback_type": "suggestion", "description": "Fler bänkar i parken, tack!", "place": "Parken"}
    with database_down():
        response = client.post(FEEDBACK, data)
    assert response.status_code == 503
    fields = form_fields(response)
    assert fields["feedback_type"] == {"type": "hidden", "value": "suggestion"}
    assert fields["description"]["value"] == "Fler bänkar i parken, tack!"


@pytest.mark.parametrize(("language", "expected"), [("ar", 'dir="rtl"'), ("so", 'lang="so"'), ("en", "NOT")])
def test_the_page_is_in_the_residents_language(client, lights, language, expected):
    with database_down():
        response = client.post(FAULT, typed(lights), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 503
    assert expected in response.content.decode()


def test_nothing_partial_is_written_when_the_database_goes_away_during_the_report(client, lights):
    """The case row is written, then the connection is lost: the whole report is rolled back."""
    with database_fails_on("dialogue_caseevent"):
        response = client.post(FAULT, typed(lights))
    assert response.status_code == 503
    assert "INTE tagits emot" in response.content.decode()
    assert (Case.objects.count(), CaseEvent.objects.count(), Photo.objects.count()) == (0, 0, 0)


def test_a_message_on_the_follow_page_is_kept_and_not_added(client):
    case = factories.make_case(contact_email="karin@example.se")
    events = CaseEvent.objects.count()
    with database_down():
        response = client.post(
            f"/arende/{case.follow_token}/", {"text": "Nu är det två lampor som är släckta."}
        )
    assert response.status_code == 503
    assert "Det du skrev lades INTE till i ditt ärende" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    assert form_fields(response)["text"] == {
        "type": "textarea",
        "value": "Nu är det två lampor som är släckta.",
    }
    assert CaseEvent.objects.count() == events


def test_a_form_page_shown_while_the_database_is_down_is_the_static_503(client):
    with database_down():
        response = client.get(FAULT)
    assert response.status_code == 503
    assert "Tillfälligt ur funktion" in response.content.decode()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_answers_503_in_its_own_error_format(client, fmt):
    _key, api_key = create_key("Felanmälningsappen")
    fields = {"api_key": api_key, "service_code": "gatubelysning", "description": "Lampan är släckt."}
    with database_down():
        posted = client.post(f"{API}/requests.{fmt}", fields)
        listed = client.get(f"{API}/services.{fmt}")
    for response in (posted, listed):
        assert response.status_code == 503
        assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
        if fmt == "json":
            [error] = json_errors(response)
            assert error["code"] == 503
            assert "inget togs emot" in error["description"]
        else:
            [(code, description)] = xml_errors(response)
            assert code == "503"
            assert "inget togs emot" in description


def test_open311_errors_follow_the_requests_language(client):
    with database_down():
        response = client.get(f"{API}/services.json", HTTP_ACCEPT_LANGUAGE="en")
    assert "nothing was received" in json_errors(response)[0]["description"]
