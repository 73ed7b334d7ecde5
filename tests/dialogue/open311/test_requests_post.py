"""Posting service requests: keys, required fields, attributes, the empty-parameter rule and every error."""

from urllib.parse import urlencode

import pytest
from django.test import Client

from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.services.apikeys import create_key, revoke_key
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, assert_error, json_body, xml_root

pytestmark = pytest.mark.django_db

LAT, LONG = factories.TUMBA_STATION
FORM = "application/x-www-form-urlencoded"


def report(**changes) -> dict:
    """A complete street-lighting report; a value of None leaves the parameter out."""
    fields = {
        "service_code": "gatubelysning",
        "lat": str(LAT),
        "long": str(LONG),
        "description": "Två lampor är släckta vid gångvägen till stationen.",
        "attribute[antal]": "2",
    }
    fields.update(changes)
    return {name: value for name, value in fields.items() if value is not None}


def post(client, fields, fmt="json", query="", **extra):
    """POST form-encoded, as the spec says; `fields` may be a dict or a list of pairs (repeated names)."""
    url = f"{API}/requests.{fmt}" + (f"?{query}" if query else "")
    return client.post(url, urlencode(fields), content_type=FORM, **extra)


def created_case(response) -> Case:
    assert response.status_code == 201, response.content
    (created,) = json_body(response)
    year, number = created["service_request_id"].split("-")
    return Case.objects.get(year=int(year), number=int(number))


def test_a_request_is_registered_at_once_and_answered_with_its_reference_in_json(client, services, api_key):
    response = post(
        client, report(api_key=api_key, email="karin@example.se", first_name="Karin", last_name="Berg")
    )
    assert response.status_code == 201
    (created,) = json_body(response)
    assert list(created) == ["service_request_id", "service_notice", "account_id"]
    assert created["account_id"] is None
    case = created_case(response)
    assert created["service_request_id"] == case.reference
    assert case.source == Case.Source.OPEN311
    assert case.kind == CaseKind.FAULT
    assert case.category == services["lights"]
    assert (case.latitude, case.longitude) == (LAT, LONG)
    assert case.answers == {"antal": "2"}
    assert (case.contact_name, case.contact_email) == ("Karin Berg", "karin@example.se")
    assert case.organisation.name == "Samhällsbyggnadsförvaltningen"


def test_the_answer_in_xml_has_the_spec_layout_and_the_promise(client, services, api_key):
    factories.make_promise(category=services["lights"], answer_within=5)
    response = post(client, report(api_key=api_key), fmt="xml", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201
    root = xml_root(response)
    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert [child.tag for child in request] == ["service_request_id", "service_notice", "account_id"]
    assert request.findtext("service_notice") == "We answer within 5 working days."
    assert Case.objects.filter(year=int(request.findtext("service_request_id")[:4])).count() == 1


def test_a_posted_request_can_be_read_back(client, services, api_key):
    case = created_case(post(client, report(api_key=api_key)))
    (request,) = json_body(client.get(f"{API}/requests/{case.reference}.json"))
    assert request["status"] == "open"
    assert request["description"] is None  # until a case officer has reviewed the text
    factories.approve(case)
    (request,) = json_body(client.get(f"{API}/requests/{case.reference}.json"))
    assert request["description"] == "Två lampor är släckta vid gångvägen till stationen."


def test_the_residents_language_is_taken_from_accept_language(client, services, api_key):
    case = created_case(post(client, report(api_key=api_key), HTTP_ACCEPT_LANGUAGE="fi"))
    assert case.language == "fi"


def test_csrf_does_not_apply_to_clients_with_a_key(services, api_key):
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, report(api_key=api_key)).status_code == 201


# The API key


def test_the_api_key_may_be_in_the_query_string(client, services, api_key):
    created_case(post(client, report(), query=urlencode({"api_key": api_key})))


def test_an_empty_api_key_in_the_body_does_not_hide_the_one_in_the_query_string(client, services, api_key):
    created_case(
        post(client, report(api_key=""), query=urlencode({"api_key": api_key, "jurisdiction_id": ""}))
    )


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("given", [None, "", "fs_00000000_not-a-real-key", "nonsense"])
def test_a_missing_or_wrong_api_key_is_refused_with_403(client, services, api_key, fmt, given):
    assert_error(post(client, report(api_key=given), fmt=fmt), 403, fmt, "api_key")
    assert not Case.objects.exists()


def test_a_key_with_the_right_prefix_and_a_wrong_secret_is_refused(client, services, api_key):
    forged = api_key[: len("fs_12345678_")] + "x" * 43
    assert_error(post(client, report(api_key=forged)), 403, "json")


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_revoked_key_is_refused_with_403(client, services, fmt):
    key, plaintext = create_key("Gamla appen")
    revoke_key(key)
    assert_error(post(client, report(api_key=plaintext), fmt=fmt), 403, fmt)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_too_many_requests_with_one_key_are_refused_with_429(client, services, api_key, settings, fmt):
    settings.DIALOGUE_API_RATE_LIMIT = "2/h"
    assert post(client, report(api_key=api_key), fmt=fmt).status_code == 201
    assert post(client, report(api_key=api_key), fmt=fmt).status_code == 201
    assert_error(post(client, report(api_key=api_key), fmt=fmt), 429, fmt)
    _other, second_key = create_key("Andra appen")
    assert post(client, report(api_key=second_key), fmt=fmt).status_code == 201
    assert Case.objects.count() == 3


# Required parameters and the location


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("service_code", [None, "", "  "])
def test_a_missing_service_code_is_refused_with_400(client, services, api_key, fmt, service_code):
    response = post(
        client, report(api_key=api_key, service_code=service_code), fmt=fmt, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert_error(response, 400, fmt, "service_code")


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("service_code", ["finns-inte", "snoskottning"])
def test_an_unknown_service_code_is_not_found(client, services, api_key, fmt, service_code):
    assert_error(
        post(client, report(api_key=api_key, service_code=service_code), fmt=fmt), 404, fmt, service_code
    )


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_an_unknown_jurisdiction_is_not_found(client, services, api_key, fmt):
    assert_error(post(client, report(api_key=api_key, jurisdiction_id="sfgov.org"), fmt=fmt), 404, fmt)
    created_case(post(client, report(api_key=api_key, jurisdiction_id="")))
    created_case(post(client, report(api_key=api_key, jurisdiction_id="0127")))


@pytest.mark.parametrize(
    "changes, mentioned",
    [
        ({"lat": None, "long": None}, "location"),
        ({"lat": "", "long": "", "address_string": "", "address_id": ""}, "location"),
        ({"long": None}, "lat and long"),
        ({"lat": "north"}, "lat"),
        ({"lat": "59.33", "long": "18.07"}, "lat"),  # central Stockholm, outside Botkyrka
    ],
)
def test_a_missing_or_unusable_location_is_refused_with_400(client, services, api_key, changes, mentioned):
    response = post(client, report(api_key=api_key, **changes), HTTP_ACCEPT_LANGUAGE="en")
    assert_error(response, 400, "json", mentioned)


def test_an_address_is_location_enough_and_empty_coordinates_are_absent(client, services, api_key):
    case = created_case(post(client, report(api_key=api_key, lat="", long="", address_string="Tumba torg 1")))
    assert case.place == "Tumba torg 1"
    assert case.latitude is None


def test_an_address_id_is_kept_as_the_place(client, services, api_key):
    case = created_case(
        post(client, report(api_key=api_key, lat=None, long=None, address_id="Hågelbyleden 2"))
    )
    assert case.place == "Hågelbyleden 2"


def test_empty_optional_parameters_are_the_same_as_absent_ones(client, services, api_key):
    empty = {name: "" for name in ("email", "first_name", "last_name", "phone", "device_id", "account_id")}
    case = created_case(
        post(
            client,
            report(api_key=api_key, media_url="", jurisdiction_id="", **empty, **{"attribute[lampa]": ""}),
        )
    )
    assert (case.contact_name, case.contact_email, case.contact_phone) == ("", "", "")
    assert case.answers == {"antal": "2"}
    assert not CaseEvent.objects.filter(case=case, data__media_url__gt="").exists()


# Description and contact details


def test_html_in_the_description_is_dropped_and_the_text_kept(client, services, api_key):
    description = "<p>Lampan <b>blinkar</b></p><script>alert(1)</script> hela natten"
    case = created_case(post(client, report(api_key=api_key, description=description)))
    assert "<" not in case.description
    assert "Lampan blinkar" in case.description
    assert "hela natten" in case.description


def test_a_description_over_4000_characters_is_refused(client, services, api_key):
    response = post(client, report(api_key=api_key, description="x" * 4001), HTTP_ACCEPT_LANGUAGE="en")
    assert_error(response, 400, "json", "description")
    assert created_case(post(client, report(api_key=api_key, description="x" * 4000)))


def test_an_invalid_email_is_refused_naming_the_parameter(client, services, api_key):
    assert_error(post(client, report(api_key=api_key, email="karin@")), 400, "json", "email")


# Attributes


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_missing_required_attributes_are_named(client, services, api_key, fmt):
    response = post(client, report(api_key=api_key, **{"attribute[antal]": None}), fmt=fmt)
    assert_error(response, 400, fmt, "attribute[antal]")


def test_every_missing_attribute_is_named_in_its_own_error(client, services, api_key):
    factories.make_question(services["lights"], code="sedan", label="Sedan när?", required=True)
    body = json_body(post(client, report(api_key=api_key, **{"attribute[antal]": ""})))
    assert [error["code"] for error in body] == [400, 400]
    assert "attribute[antal]" in body[0]["description"]
    assert "attribute[sedan]" in body[1]["description"]


def test_attributes_of_one_or_several_values_are_kept(client, services, api_key):
    fields = [
        *report(api_key=api_key).items(),
        ("attribute[lampa]", "blinkar"),
        ("attribute[skador][]", "stolpe"),
        ("attribute[skador][]", "kupa"),
        ("attribute[okand]", "ignoreras"),
    ]
    case = created_case(post(client, fields))
    assert case.answers == {"antal": "2", "lampa": "blinkar", "skador": ["stolpe", "kupa"]}


def test_a_value_that_is_not_in_the_list_is_refused_naming_the_attribute(client, services, api_key):
    response = post(client, report(api_key=api_key, **{"attribute[lampa]": "rosa"}))
    assert_error(response, 400, "json", "attribute[lampa]")
    response = post(client, report(api_key=api_key, **{"attribute[antal]": "många"}))
    assert_error(response, 400, "json", "attribute[antal]")
    assert not Case.objects.exists()


def test_feedback_takes_its_type_as_an_attribute(client, feedback_service, api_key):
    fields = report(api_key=api_key, service_code="skola", **{"attribute[antal]": None})
    assert_error(post(client, fields), 400, "json", "attribute[feedback_type]")
    case = created_case(post(client, {**fields, "attribute[feedback_type]": "praise"}))
    assert (case.kind, case.feedback_type) == (CaseKind.FEEDBACK, Case.FeedbackType.PRAISE)
    assert_error(post(client, {**fields, "attribute[feedback_type]": "rant"}), 400, "json", "feedback_type")


def test_a_safety_report_is_registered_unpublished_and_not_listed(client, api_key):
    factories.make_category(code="otrygg-plats", kind=CaseKind.SAFETY, name="Otrygg plats")
    case = created_case(
        post(client, report(api_key=api_key, service_code="otrygg-plats", **{"attribute[antal]": None}))
    )
    assert case.is_published is False
    assert case.reference not in client.get(f"{API}/requests.json").content.decode()


# media_url and the client's name


def test_a_media_url_is_kept_for_staff_in_an_internal_note_and_not_fetched(client, services, api_key):
    url = "https://example.com/photos/lampa.jpg"
    case = created_case(post(client, report(api_key=api_key, media_url=url)))
    note = CaseEvent.objects.get(case=case, kind=CaseEvent.Kind.NOTE)
    assert note.is_public is False
    assert url in note.text
    assert "Felanmälningsappen" in note.text
    assert note.data["media_url"] == url
    assert not case.photos.exists()
    (request,) = json_body(client.get(f"{API}/requests/{case.reference}.json"))
    assert request["media_url"] is None


@pytest.mark.parametrize("url", ["ftp://example.com/a.jpg", "javascript:alert(1)", "not a url"])
def test_a_media_url_that_is_not_a_web_address_is_refused(client, services, api_key, url):
    assert_error(post(client, report(api_key=api_key, media_url=url)), 400, "json", "media_url")


# Body formats and sizes


def test_a_multipart_body_is_accepted(client, services, api_key):
    response = client.post(f"{API}/requests.json", report(api_key=api_key))  # the test client sends multipart
    created_case(response)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_an_oversized_body_is_refused_with_413(client, services, api_key, settings, fmt):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = post(client, report(api_key=api_key, description="x" * 3000), fmt=fmt)
    assert_error(response, 413, fmt)
    assert not Case.objects.exists()


def test_too_many_parameters_are_refused_with_400(client, services, api_key, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = [*report(api_key=api_key).items(), *[(f"attribute[x{n}]", "1") for n in range(20)]]
    assert_error(post(client, fields), 400, "json")
