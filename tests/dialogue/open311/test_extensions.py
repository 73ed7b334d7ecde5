"""extensions=true: each service request also carries its public facts under extended_attributes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from framsteg.dialogue.models import Case, CaseKind
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, assert_error, json_body, xml_root

pytestmark = pytest.mark.django_db

EXTENDED = ["district", "kind", "status_detail", "duplicate_of", "commitments"]


@pytest.fixture
def lamp(services, small_plan):
    """A fault in Tumba being handled, linked to two commitments, with a report merged into it."""
    case = factories.make_case(
        category=services["lights"],
        district=factories.make_district("Tumba"),
        status=Case.Status.IN_PROGRESS,
        contact_name="Karin Berg",
        contact_email="karin@example.se",
    )
    case.commitments.add(*small_plan["commitments"][:2])
    return case


@pytest.fixture
def merged(lamp, services):
    return factories.make_case(category=services["lights"], status=Case.Status.DUPLICATE, duplicate_of=lamp)


def by_id(body) -> dict[str, dict]:
    return {request["service_request_id"]: request for request in body}


def commitment_ids(small_plan) -> list[int]:
    return sorted(commitment.pk for commitment in small_plan["commitments"][:2])


def test_requests_in_json_carry_their_district_kind_detailed_status_and_links(
    client, lamp, merged, small_plan
):
    body = by_id(json_body(client.get(f"{API}/requests.json", {"extensions": "true"})))

    assert list(body[lamp.reference])[-1] == "extended_attributes"
    assert body[lamp.reference]["extended_attributes"] == {
        "district": "Tumba",
        "kind": "fault",
        "status_detail": "in_progress",
        "duplicate_of": None,
        "commitments": commitment_ids(small_plan),
    }
    assert body[merged.reference]["status"] == "closed"
    assert body[merged.reference]["extended_attributes"] == {
        "district": None,
        "kind": "fault",
        "status_detail": "duplicate",
        "duplicate_of": lamp.reference,
        "commitments": [],
    }


def test_requests_in_xml_carry_nested_extended_attributes(client, lamp, merged, small_plan):
    root = xml_root(client.get(f"{API}/requests.xml", {"extensions": "true"}))

    requests = {request.findtext("service_request_id"): request for request in root.findall("request")}
    extended = requests[lamp.reference].find("extended_attributes")
    assert [child.tag for child in extended] == EXTENDED
    assert extended.findtext("district") == "Tumba"
    assert extended.findtext("kind") == "fault"
    assert extended.findtext("status_detail") == "in_progress"
    assert extended.findtext("duplicate_of") == ""
    assert [child.tag for child in extended.find("commitments")] == ["commitment", "commitment"]
    assert [int(child.text) for child in extended.find("commitments")] == commitment_ids(small_plan)
    duplicate = requests[merged.reference].find("extended_attributes")
    assert duplicate.findtext("status_detail") == "duplicate"
    assert duplicate.findtext("duplicate_of") == lamp.reference
    assert len(duplicate.find("commitments")) == 0


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_one_request_carries_them_too(client, lamp, small_plan, fmt):
    response = client.get(f"{API}/requests/{lamp.reference}.{fmt}", {"extensions": "true"})
    if fmt == "json":
        (request,) = json_body(response)
        assert request["extended_attributes"]["commitments"] == commitment_ids(small_plan)
        assert request["extended_attributes"]["district"] == "Tumba"
    else:
        (request,) = xml_root(response).findall("request")
        assert request.find("extended_attributes").findtext("status_detail") == "in_progress"


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("given", [None, "", "false", "False", "0"])
def test_without_extensions_true_there_are_none(client, lamp, fmt, given):
    params = {} if given is None else {"extensions": given}
    for url in (f"{API}/requests.{fmt}", f"{API}/requests/{lamp.reference}.{fmt}"):
        response = client.get(url, params)
        if fmt == "json":
            (request,) = json_body(response)
            assert "extended_attributes" not in request
        else:
            (request,) = xml_root(response).findall("request")
            assert request.find("extended_attributes") is None


@pytest.mark.parametrize("given", ["true", "TRUE", "1", " true "])
def test_true_may_be_written_in_several_ways(client, lamp, given):
    (request,) = json_body(client.get(f"{API}/requests.json", {"extensions": given}))
    assert request["extended_attributes"]["kind"] == "fault"


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_anything_else_is_refused_with_400_naming_the_parameter(client, lamp, fmt):
    for url in (f"{API}/requests.{fmt}", f"{API}/requests/{lamp.reference}.{fmt}"):
        response = client.get(url, {"extensions": "yes"}, HTTP_ACCEPT_LANGUAGE="en")
        assert_error(response, 400, fmt, containing="extensions")


def test_every_kind_is_named(client, services, feedback_service):
    feedback = factories.make_case(kind=CaseKind.FEEDBACK, category=feedback_service)
    safety_service = factories.make_category(code="otrygg", kind=CaseKind.SAFETY, name="Otrygg plats")
    safety = factories.make_case(kind=CaseKind.SAFETY, category=safety_service, is_published=True)
    body = by_id(json_body(client.get(f"{API}/requests.json", {"extensions": "true"})))
    assert body[feedback.reference]["extended_attributes"]["kind"] == "feedback"
    assert body[safety.reference]["extended_attributes"]["kind"] == "safety"


def test_nothing_private_is_added(client, lamp):
    response = client.get(f"{API}/requests.json", {"extensions": "true"})
    (request,) = json_body(response)
    assert list(request["extended_attributes"]) == EXTENDED
    assert b"Karin" not in response.content
    assert b"karin@example.se" not in response.content


def test_the_extended_list_takes_a_fixed_number_of_queries(client, services, small_plan):
    tumba = factories.make_district("Tumba")

    def add_cases() -> None:
        for _number in range(5):
            first = factories.make_case(category=services["lights"], district=tumba)
            first.commitments.add(small_plan["commitments"][0])
            factories.make_case(category=services["lights"], status=Case.Status.DUPLICATE, duplicate_of=first)

    add_cases()
    client.get(f"{API}/requests.json", {"extensions": "true"})
    with CaptureQueriesContext(connection) as ten:
        client.get(f"{API}/requests.json", {"extensions": "true"})
    add_cases()
    with CaptureQueriesContext(connection) as twenty:
        body = json_body(client.get(f"{API}/requests.json", {"extensions": "true"}))

    assert len(body) == 20
    assert len(twenty) == len(ten)
