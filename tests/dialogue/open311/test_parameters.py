"""What the random-parameter fuzz found: each gave a 5xx or an HTML page before, now the spec's 400 or 404."""

import pytest
from django.test import Client

from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, assert_error, json_body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["²", "٣", "1.5", "-1", "0", "000"])
def test_a_page_not_written_in_ascii_digits_from_1_is_refused(client, page):
    assert_error(client.get(f"{API}/requests.json", {"page": page}), 400, "json", containing="page")


def test_a_page_too_large_for_the_database_is_an_empty_page(client, services):
    factories.make_case(category=services["lights"])

    for page in ["9" * 5000, str(10**12), "0002"]:
        response = client.get(f"{API}/requests.json", {"page": page})

        assert response.status_code == 200
        assert json_body(response) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("end_date", "0001-01-01"),
        ("start_date", "9999-12-31"),
        ("start_date", "9999-12-31T23:59:59+14:00"),
        ("updated_before", "0001-01-01T00:00:00-12:00"),
        ("updated_after", "1899-12-31T23:59:59Z"),
    ],
)
def test_a_date_beyond_the_years_any_case_can_have_is_refused(client, name, value):
    response = client.get(f"{API}/requests.xml", {name: value})

    assert_error(response, 400, "xml", containing=name)


def test_a_date_at_the_edges_of_the_years_allowed_is_read(client):
    response = client.get(f"{API}/requests.json", {"start_date": "1900-01-01", "end_date": "1900-03-01"})

    assert response.status_code == 200


def test_a_thousand_references_are_found_with_one_flat_condition(client, services):
    wanted = factories.make_case(category=services["lights"])
    references = [f"{1000 + index}-{index + 1:05d}" for index in range(999)] + [wanted.reference]

    response = client.get(f"{API}/requests.json", {"service_request_id": ",".join(references)})

    assert response.status_code == 200
    assert [item["service_request_id"] for item in json_body(response)] == [wanted.reference]


def test_more_references_than_a_page_holds_are_refused(client):
    references = ",".join(f"2026-{number:05d}" for number in range(1, 1002))

    assert_error(client.get(f"{API}/requests.json", {"service_request_id": references}), 400, "json", "1000")


@pytest.mark.parametrize("coordinate", ["nan", "NaN", "inf", "-inf", "1e400", "∞"])
def test_a_coordinate_that_is_not_a_finite_number_is_refused(client, services, api_key, coordinate):
    response = client.post(
        f"{API}/requests.json",
        {
            "api_key": api_key,
            "service_code": "gatubelysning",
            "lat": coordinate,
            "long": "17.83",
            "attribute[antal]": "1",
        },
    )

    assert_error(response, 400, "json", containing="lat")


@pytest.mark.parametrize(
    "path",
    ["/requests/%0A.", "/services/%0A.json", "/requests/a%0Ab.json.", "/%0A"],
)
def test_an_address_with_a_line_break_that_names_nothing_is_an_open311_404(client, path):
    response = client.get(API + path)

    assert_error(response, 404, "json" if path.endswith(".json") else "xml")


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("/services/a%00b.json", "json"),
        ("/requests/2026-%0100001.xml", "xml"),
        ("/requests.json?status=open%00", "json"),
        ("/discovery.%00", "xml"),
        ("/nothing%00.json", "json"),
    ],
)
def test_control_characters_are_refused_in_the_format_asked_for(client, path, fmt):
    assert_error(client.get(API + path), 400, fmt)


def test_control_characters_in_a_posted_form_are_refused_in_the_format_asked_for(client, services, api_key):
    response = client.post(
        f"{API}/requests.xml",
        {"api_key": api_key, "service_code": "gatubelysning", "description": "a\x00b", "address_string": "x"},
    )

    assert_error(response, 400, "xml")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"service_code=%E5", "application/x-www-form-urlencoded; charset=no-such-charset"),
        (b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', "multipart/form-data; boundary="),
        (b"--x\r\n", "multipart/form-data"),
    ],
)
def test_a_body_that_cannot_be_read_is_an_open311_400(client, api_key, body, content_type):
    response = Client().generic(
        "POST", f"{API}/requests.json?api_key={api_key}", body, content_type=content_type
    )

    assert_error(response, 400, "json")
