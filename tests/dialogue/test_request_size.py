"""Bodies larger than any report can be are refused before they are read, with a message in the user's
language; the limit follows the photo settings."""

import json

import pytest
from django.test import override_settings

from framsteg.dialogue.middleware import max_request_bytes
from framsteg.dialogue.models import Case

pytestmark = pytest.mark.django_db


def post_claiming(client, path, length, **extra):
    return client.generic(
        "POST",
        path,
        b"description=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(length),
        **extra,
    )


def test_the_limit_is_the_largest_honest_report():
    with override_settings(DIALOGUE_PHOTOS_PER_CASE=3, DIALOGUE_PHOTO_MAX_BYTES=8 * 1024 * 1024):
        assert max_request_bytes() == 26 * 1024 * 1024


def test_an_oversized_report_is_refused_in_swedish_and_nothing_is_saved(client):
    response = post_claiming(client, "/anmal/felanmalan/", max_request_bytes() + 1)
    assert response.status_code == 413
    page = response.content.decode()
    assert "för stort" in page
    assert 'role="alert"' in page
    assert response["Connection"] == "close"
    assert not Case.objects.exists()


def test_the_refusal_speaks_the_residents_language(client):
    response = post_claiming(client, "/anmal/trygghet/", max_request_bytes() + 1, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 413
    assert 'dir="rtl"' in response.content.decode()


def test_a_body_within_the_limit_reaches_the_form(client):
    response = client.post("/anmal/felanmalan/", {"description": ""})
    assert response.status_code == 400


def test_open311_gets_the_spec_error_format(client):
    response = post_claiming(client, "/open311/v2/requests.json", max_request_bytes() + 1)
    assert response.status_code == 413
    assert json.loads(response.content)[0]["code"] == 413
    response = post_claiming(client, "/open311/v2/requests.xml", max_request_bytes() + 1)
    assert response.status_code == 413
    assert b"<errors><error><code>413</code>" in response.content


def test_other_paths_keep_their_own_limits(client):
    response = post_claiming(client, "/personal/importera/", max_request_bytes() + 1)
    assert response.status_code != 413


def test_a_nonsense_length_is_left_to_the_server(client):
    response = client.get("/anmal/", CONTENT_LENGTH="lots")
    assert response.status_code == 200
