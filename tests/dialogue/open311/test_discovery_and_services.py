"""Discovery, the service list and service definitions, in XML and JSON, as GeoReport v2 lays them out."""

import pytest
from django.test import Client

from tests.dialogue.open311.conftest import API, assert_error, json_body, xml_root

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
]


def test_discovery_in_xml_names_the_endpoint_built_from_the_request(client):
    root = xml_root(client.get(f"{API}/discovery.xml"))
    assert root.tag == "discovery"
    assert [child.tag for child in root] == ["changeset", "contact", "key_service", "endpoints"]
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint.findtext("url") == "http://testserver/open311/v2"
    assert endpoint.findtext("type") == "production"
    assert [node.text for node in endpoint.findall("formats/format")] == ["text/xml", "application/json"]


def test_discovery_in_json_is_an_object_with_an_array_of_endpoints(client, settings):
    settings.ALLOWED_HOSTS = ["felanmalan.example.se"]
    body = json_body(client.get(f"{API}/discovery.json", secure=True, HTTP_HOST="felanmalan.example.se"))
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    assert body["endpoints"][0]["url"] == "https://felanmalan.example.se/open311/v2"
    assert body["endpoints"][0]["formats"] == ["text/xml", "application/json"]


def test_the_service_list_in_xml_has_every_active_category(client, services):
    root = xml_root(client.get(f"{API}/services.xml"))
    assert root.tag == "services"
    services_found = root.findall("service")
    assert [node.findtext("service_code") for node in services_found] == ["gatubelysning", "klotter"]
    lights = services_found[0]
    assert [child.tag for child in lights] == SERVICE_FIELDS
    assert lights.findtext("service_name") == "Gatubelysning"
    assert lights.findtext("description") == "Trasiga eller släckta gatlampor."
    assert lights.findtext("metadata") == "true"
    assert lights.findtext("type") == "realtime"
    assert lights.findtext("keywords") == "lampa, belysning, mörkt"
    assert services_found[1].findtext("metadata") == "false"


def test_the_service_list_in_json_is_a_bare_array(client, services):
    body = json_body(client.get(f"{API}/services.json"))
    assert isinstance(body, list)
    assert [service["service_code"] for service in body] == ["gatubelysning", "klotter"]
    assert list(body[0]) == SERVICE_FIELDS
    assert body[0]["metadata"] is True
    assert body[1]["metadata"] is False


def test_service_names_and_groups_follow_accept_language(client, services):
    english = json_body(client.get(f"{API}/services.json", HTTP_ACCEPT_LANGUAGE="en"))
    assert english[0]["service_name"] == "Street lighting"
    assert english[0]["group"] == "Fault report"
    swedish = json_body(client.get(f"{API}/services.json"))
    assert swedish[0]["service_name"] == "Gatubelysning"


def test_a_service_definition_in_xml_lists_the_questions_as_attributes(client, services):
    root = xml_root(client.get(f"{API}/services/gatubelysning.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "gatubelysning"
    attributes = root.findall("attributes/attribute")
    assert [node.findtext("code") for node in attributes] == ["antal", "lampa", "skador"]
    assert [child.tag for child in attributes[0]] == ATTRIBUTE_FIELDS
    assert [node.findtext("order") for node in attributes] == ["1", "2", "3"]
    number, single, multi = attributes
    assert number.findtext("variable") == "true"
    assert number.findtext("datatype") == "number"
    assert number.findtext("required") == "true"
    assert number.findtext("description") == "Hur många lampor är släckta?"
    assert number.findall("values/value") == []
    assert single.findtext("datatype") == "singlevaluelist"
    assert single.findtext("required") == "false"
    assert [(value.findtext("key"), value.findtext("name")) for value in single.findall("values/value")] == [
        ("slackt", "Släckt"),
        ("blinkar", "Blinkar"),
    ]
    assert multi.findtext("datatype") == "multivaluelist"
    assert "attribute[skador][]" in multi.findtext("datatype_description")


def test_a_service_definition_in_json_is_an_object(client, services):
    body = json_body(client.get(f"{API}/services/gatubelysning.json"))
    assert body["service_code"] == "gatubelysning"
    assert [attribute["code"] for attribute in body["attributes"]] == ["antal", "lampa", "skador"]
    assert body["attributes"][1]["values"] == [
        {"key": "slackt", "name": "Släckt"},
        {"key": "blinkar", "name": "Blinkar"},
    ]
    assert body["attributes"][0]["required"] is True


def test_a_service_is_described_in_the_language_of_accept_language_where_translated(client, services):
    lights = services["lights"]
    lights.description_translations = {"en": "Broken street lights, or lights that are out."}
    lights.save()
    lights.questions.filter(code="lampa").update(
        translations={"en": {"label": "What does the light look like?", "choices": {"slackt": "Out"}}}
    )

    listed = json_body(client.get(f"{API}/services.json", HTTP_ACCEPT_LANGUAGE="en"))
    definition = json_body(client.get(f"{API}/services/gatubelysning.json", HTTP_ACCEPT_LANGUAGE="en"))
    finnish = xml_root(client.get(f"{API}/services/gatubelysning.xml", HTTP_ACCEPT_LANGUAGE="fi"))

    assert listed[0]["description"] == "Broken street lights, or lights that are out."
    number, single, _multi = definition["attributes"]
    assert number["description"] == "Hur många lampor är släckta?"
    assert single["description"] == "What does the light look like?"
    assert single["values"] == [{"key": "slackt", "name": "Out"}, {"key": "blinkar", "name": "Blinkar"}]
    single_in_finnish = finnish.findall("attributes/attribute")[1]
    assert single_in_finnish.findtext("description") == "Hur ser lampan ut?"
    assert [value.findtext("name") for value in single_in_finnish.findall("values/value")] == [
        "Släckt",
        "Blinkar",
    ]


def test_a_feedback_service_asks_for_the_kind_of_feedback(client, feedback_service):
    body = json_body(client.get(f"{API}/services/skola.json"))
    (feedback_type,) = body["attributes"]
    assert feedback_type["code"] == "feedback_type"
    assert feedback_type["required"] is True
    assert [value["key"] for value in feedback_type["values"]] == ["praise", "complaint", "suggestion"]
    listed = json_body(client.get(f"{API}/services.json"))
    assert listed[0]["metadata"] is True


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("code", ["finns-inte", "snoskottning"])
def test_an_unknown_or_retired_service_is_not_found(client, services, fmt, code):
    assert_error(client.get(f"{API}/services/{code}.{fmt}", HTTP_ACCEPT_LANGUAGE="en"), 404, fmt, code)


@pytest.mark.parametrize("path", ["services.html", "services.csv", "discovery.yaml", "services/klotter.txt"])
def test_an_unknown_format_is_not_found_in_xml(client, services, path):
    assert_error(client.get(f"{API}/{path}"), 404, "xml")


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_an_unknown_resource_is_not_found_in_the_format_asked_for(client, fmt):
    assert_error(client.get(f"{API}/nothing/here.{fmt}"), 404, fmt)


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "services"),
        ("put", "requests"),
        ("delete", "requests"),
        ("post", "discovery"),
        ("post", "services/klotter"),
        ("post", "requests/2026-00001"),
    ],
)
def test_a_method_the_resource_does_not_have_is_refused_with_405(client, services, fmt, method, path):
    response = getattr(client, method)(f"{API}/{path}.{fmt}")
    assert_error(response, 405, fmt)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_the_jurisdiction_is_optional_and_checked_when_given(client, services, settings, fmt):
    assert client.get(f"{API}/services.{fmt}", {"jurisdiction_id": ""}).status_code == 200
    ours = client.get(f"{API}/services.{fmt}", {"jurisdiction_id": settings.MUNICIPALITY_CODE})
    assert ours.status_code == 200
    assert_error(client.get(f"{API}/services.{fmt}", {"jurisdiction_id": "sfgov.org"}), 404, fmt, "sfgov.org")


def test_error_descriptions_follow_accept_language(client):
    english = client.get(f"{API}/services/finns-inte.json", HTTP_ACCEPT_LANGUAGE="en")
    assert json_body(english)[0]["description"] == "There is no service with service_code finns-inte."


def test_public_data_may_be_read_by_web_apps_on_other_sites(client, services):
    assert client.get(f"{API}/services.json")["Access-Control-Allow-Origin"] == "*"


def test_errors_of_get_requests_may_be_read_by_web_apps_too(client):
    assert client.get(f"{API}/services/finns-inte.json")["Access-Control-Allow-Origin"] == "*"


def test_a_post_to_an_unknown_resource_is_not_found_even_with_csrf_checks(services):
    strict = Client(enforce_csrf_checks=True)
    assert_error(strict.post(f"{API}/nothing.json", {"api_key": "x"}), 404, "json")
    assert_error(strict.post(f"{API}/services.json"), 405, "json")


def test_head_is_answered_like_get(client, services):
    response = client.head(f"{API}/services.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
