"""A client over its API key's limit is told, in both formats, how long to wait before posting again."""

from urllib.parse import urlencode

import pytest

from framsteg.dialogue.models import Case
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, assert_error

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
WINDOW_END = 3600 * 500_000


def post(client, api_key: str, fmt: str):
    fields = {
        "api_key": api_key,
        "service_code": "gatubelysning",
        "lat": str(factories.TUMBA_STATION[0]),
        "long": str(factories.TUMBA_STATION[1]),
        "description": "Lampan vid stationen är släckt.",
        "attribute[antal]": "1",
    }
    return client.post(f"{API}/requests.{fmt}", urlencode(fields), content_type=FORM)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_refused_post_carries_retry_after_until_the_window_ends(
    client, services, api_key, settings, monkeypatch, fmt
):
    settings.DIALOGUE_API_RATE_LIMIT = "1/h"
    monkeypatch.setattr("framsteg.dialogue.ratelimit.time.time", lambda: WINDOW_END - 1234.5)

    accepted = post(client, api_key, fmt)
    refused = post(client, api_key, fmt)

    assert accepted.status_code == 201
    assert not accepted.has_header("Retry-After")
    assert_error(refused, 429, fmt)
    assert refused["Retry-After"] == "1235"
    assert Case.objects.count() == 1


def test_the_client_can_post_again_once_retry_after_has_passed(
    client, services, api_key, settings, monkeypatch
):
    settings.DIALOGUE_API_RATE_LIMIT = "1/h"
    now = WINDOW_END - 60
    monkeypatch.setattr("framsteg.dialogue.ratelimit.time.time", lambda: now)
    post(client, api_key, "json")
    retry_after = int(post(client, api_key, "json")["Retry-After"])

    now += retry_after

    assert post(client, api_key, "json").status_code == 201
