"""The PyPI Open311 client `georeport` against the running server, over real HTTP on the local machine.

georeport reads (services, definitions, requests) but cannot post, so posting is done with `requests`, the
HTTP library georeport itself uses, the way a client app would: form-encoded, the key in the query string.
"""

from datetime import timedelta

import pytest
import requests
from django.utils import timezone
from georeport import GeoReport

from framsteg.dialogue.models import Case
from tests.dialogue import factories

PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"]


@pytest.fixture
def endpoint(live_server, monkeypatch) -> str:
    """The server's Open311 root; the client must reach it directly, never through a proxy."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    return f"{live_server.url}/open311/v2"


@pytest.fixture
def reported(services):
    """Two public faults and one closed, all recent; the lamp's text has been reviewed."""
    now = timezone.now()
    lamp = factories.reviewed_case(
        category=services["lights"],
        place="Tumba station",
        latitude=59.1995,
        longitude=17.8384,
        created_at=now - timedelta(days=2),
    )
    paint = factories.make_case(category=services["graffiti"], created_at=now - timedelta(days=1))
    fixed = factories.make_case(category=services["graffiti"], status=Case.Status.FIXED, created_at=now)
    return {"lamp": lamp, "paint": paint, "fixed": fixed}


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_client_lists_the_services(endpoint, services, output_format):
    client = GeoReport(endpoint, output_format=output_format)
    listed = client.get_service_list()
    assert [service["service_code"] for service in listed] == ["gatubelysning", "klotter"]
    assert listed[0]["service_name"] == "Gatubelysning"


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_client_reads_a_service_definition(endpoint, services, output_format):
    definition = GeoReport(endpoint, output_format=output_format).get_service_definition("gatubelysning")
    assert definition["service_code"] == "gatubelysning"
    attributes = definition["attributes"]
    if output_format == "xml":
        attributes = attributes["attribute"]
    assert [attribute["code"] for attribute in attributes] == ["antal", "lampa", "skador"]


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_client_reads_the_requests_with_the_specs_filters(endpoint, reported, output_format):
    client = GeoReport(endpoint, jurisdiction="0127", output_format=output_format)
    everything = client.get_service_requests()
    assert {request["service_request_id"] for request in everything} == {
        case.reference for case in reported.values()
    }
    graffiti = client.get_service_requests(service_code="klotter")
    assert {request["service_request_id"] for request in graffiti} == {
        reported["paint"].reference,
        reported["fixed"].reference,
    }
    start = (timezone.localtime() - timedelta(days=3)).isoformat(timespec="seconds")  # "+01:00" must survive
    end = (timezone.localtime() - timedelta(hours=12)).isoformat(timespec="seconds")
    window = client.get_service_requests(start_date=start, end_date=end, status="open")
    assert {request["service_request_id"] for request in window} == {
        reported["lamp"].reference,
        reported["paint"].reference,
    }


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_client_reads_one_request(endpoint, reported, output_format):
    lamp = reported["lamp"]
    request = GeoReport(endpoint, output_format=output_format).get_service_request(lamp.reference)
    assert request["service_request_id"] == lamp.reference
    assert request["status"] == "open"
    assert request["address"] == "Tumba station"
    assert float(request["lat"]) == 59.1993  # rounded to about 50 m


def test_the_client_sees_an_unknown_request_as_http_404(endpoint, reported):
    try:
        GeoReport(endpoint).get_service_request("2026-99999")
    except requests.HTTPError as error:
        # Close at once: a response kept alive in a reference cycle would hold the server's thread open.
        with error.response as response:
            status, body = response.status_code, response.json()
    else:
        pytest.fail("The client accepted an unknown request.")
    assert status == 404
    assert body[0]["code"] == 404


def test_a_request_posted_over_http_is_read_back_by_the_client(endpoint, services, api_key):
    response = requests.post(
        f"{endpoint}/requests.json",
        params={"api_key": api_key, "jurisdiction_id": ""},
        data={
            "service_code": "gatubelysning",
            "lat": factories.TUMBA_STATION[0],
            "long": factories.TUMBA_STATION[1],
            "description": "Lampan vid pendeltåget blinkar.",
            "attribute[antal]": "1",
            "attribute[skador][]": ["kupa", "kabel"],
            "email": "",
            "device_id": "",
        },
        timeout=10,
    )
    assert response.status_code == 201, response.text
    (created,) = response.json()
    reference = created["service_request_id"]
    request = GeoReport(endpoint).get_service_request(reference)
    assert not request["description"]  # waiting for review
    factories.approve(Case.objects.get(source=Case.Source.OPEN311))
    request = GeoReport(endpoint).get_service_request(reference)
    assert request["description"] == "Lampan vid pendeltåget blinkar."
    assert request["service_code"] == "gatubelysning"
    case = Case.objects.get(source=Case.Source.OPEN311)
    assert case.answers["skador"] == ["kupa", "kabel"]
