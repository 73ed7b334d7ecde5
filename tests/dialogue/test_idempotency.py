"""A report sent again with the same idempotency key returns the first report instead of a second case."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from framsteg.dialogue.models import Case, CaseEvent, IdempotencyKey
from framsteg.dialogue.services import idempotency as idempotency_keys
from framsteg.dialogue.services.apikeys import create_key
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, json_body, json_errors
from tests.dialogue.test_report_views import FAULT, fault_data
from tests.outage import database_down

pytestmark = pytest.mark.django_db

LAT, LONG = factories.TUMBA_STATION
FORM = "application/x-www-form-urlencoded"


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


@pytest.fixture
def api_key(lights) -> str:
    return create_key("Felanmälningsappen")[1]


def report(api_key: str, **changes) -> dict:
    fields = {
        "api_key": api_key,
        "service_code": "gatubelysning",
        "lat": str(LAT),
        "long": str(LONG),
        "description": "Två lampor är släckta vid gångvägen till stationen.",
        "attribute[antal]": "2",
    }
    fields.update(changes)
    return fields


def post(client, fields, key: str | None = None, fmt: str = "json"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(f"{API}/requests.{fmt}", urlencode(fields), content_type=FORM, **headers)


def reference(response) -> str:
    assert response.status_code == 201, response.content
    return json_body(response)[0]["service_request_id"]


# Open311


def test_a_retry_with_the_same_key_returns_the_first_request(client, api_key):
    first = post(client, report(api_key), key="7d1c0b0e-4a52-4a1c-9d6c-0f1e2d3c4b5a")
    again = post(client, report(api_key), key="7d1c0b0e-4a52-4a1c-9d6c-0f1e2d3c4b5a")
    assert (first.status_code, again.status_code) == (201, 201)
    assert reference(first) == reference(again)
    assert json_body(first) == json_body(again)
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Case.objects.count() == 1
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.NOTE).count() == 1


def test_the_draft_string_form_with_quotes_is_the_same_key(client, api_key):
    first = post(client, report(api_key), key="abc-123")
    again = post(client, report(api_key), key='"abc-123"')
    assert reference(first) == reference(again)


def test_the_order_of_the_parameters_does_not_matter(client, api_key):
    fields = report(api_key)
    first = post(client, fields, key="order")
    again = post(client, dict(reversed(list(fields.items()))), key="order")
    assert reference(first) == reference(again)


def test_another_key_registers_another_request(client, api_key):
    first = post(client, report(api_key), key="one")
    second = post(client, report(api_key), key="two")
    assert reference(first) != reference(second)
    assert Case.objects.count() == 2


def test_without_a_key_a_retry_registers_a_second_request(client, api_key):
    post(client, report(api_key))
    post(client, report(api_key))
    assert Case.objects.count() == 2


def test_the_same_key_with_another_body_is_refused_with_422(client, api_key):
    first = post(client, report(api_key), key="k1")
    other = post(client, report(api_key, description="Något helt annat."), key="k1")
    assert other.status_code == 422
    [error] = json_errors(other)
    assert error["code"] == 422
    assert "Idempotency-Key" in error["description"]
    assert Case.objects.count() == 1
    assert reference(post(client, report(api_key), key="k1")) == reference(first)


def test_keys_are_scoped_per_api_key(client, api_key):
    other_key = create_key("En annan app")[1]
    first = post(client, report(api_key), key="shared")
    second = post(client, report(other_key), key="shared")
    assert reference(first) != reference(second)
    assert Case.objects.count() == 2


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "åäö"])
def test_an_invalid_key_is_refused_with_400(client, api_key, key):
    response = post(client, report(api_key), key=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in json_errors(response)[0]["description"]
    assert Case.objects.count() == 0


def test_an_invalid_request_stores_no_key(client, api_key):
    assert post(client, report(api_key, description=""), key="k2").status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert post(client, report(api_key), key="k2").status_code == 201


def test_a_request_still_in_flight_is_answered_409(client, api_key):
    in_flight = idempotency_keys.KeyInFlight("still being handled")
    with mock.patch.object(idempotency_keys, "_lock", side_effect=in_flight):
        response = post(client, report(api_key), key="busy")
    assert response.status_code == 409
    assert response["Retry-After"] == "1"
    assert Case.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_postgresql_holds_the_key_while_the_first_request_is_handled(api_key):
    """Another session holding the key's lock (a request in flight) makes the duplicate answer 409."""
    if connection.vendor != "postgresql":
        pytest.skip("the in-flight lock is PostgreSQL's advisory lock")
    import psycopg

    settings_dict = connection.settings_dict
    other = psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    )
    scope = f"framsteg.dialogue.idempotency:open311:{api_key.split('_')[1][:8]}"
    try:
        [(taken,)] = other.execute(
            "SELECT pg_try_advisory_lock(hashtext(%s), hashtext(%s))", [scope, "flight"]
        ).fetchall()
        assert taken
        response = post(Client(), report(api_key), key="flight")
        assert response.status_code == 409
        other.execute("SELECT pg_advisory_unlock_all()")
        assert post(Client(), report(api_key), key="flight").status_code == 201
    finally:
        other.close()
    assert Case.objects.count() == 1


def test_an_expired_key_may_be_used_again(client, api_key, settings):
    settings.DIALOGUE_IDEMPOTENCY_HOURS = 24
    first = reference(post(client, report(api_key), key="old"))
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    second = reference(post(client, report(api_key), key="old"))
    assert first != second
    assert IdempotencyKey.objects.get().case.reference == second


def test_a_retry_after_an_outage_gets_the_first_request_once(api_key):
    client = Client(raise_request_exception=False)
    with database_down():
        assert post(client, report(api_key), key="outage").status_code == 503
    first = reference(post(client, report(api_key), key="outage"))
    assert reference(post(client, report(api_key), key="outage")) == first
    assert Case.objects.count() == 1


# Retention


def test_expired_keys_are_removed_and_the_rest_kept(api_key, settings):
    settings.DIALOGUE_IDEMPOTENCY_HOURS = 48
    client = Client()
    for key in ("a", "b", "c"):
        post(client, report(api_key), key=key)
    IdempotencyKey.objects.filter(key__in=["a", "b"]).update(created_at=timezone.now() - timedelta(hours=49))
    out = io.StringIO()
    call_command("remove_expired_idempotency_keys", stdout=out)
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["c"]
    assert "2" in out.getvalue()
    assert Case.objects.count() == 3  # the cases stay


# The web form


def token_of(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def test_every_form_shown_has_its_own_token(client, lights):
    assert token_of(client.get(FAULT)) != token_of(client.get(FAULT))


def test_the_same_form_sent_twice_leads_to_the_one_case(client, lights):
    token = token_of(client.get(FAULT))
    first = client.post(FAULT, {**fault_data(lights), "form_token": token})
    again = client.post(FAULT, {**fault_data(lights), "form_token": token})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Case.objects.count() == 1
    thanks = client.get(again["Location"])
    assert Case.objects.get().reference in thanks.content.decode()


def test_the_second_sending_leads_to_the_first_case_even_if_edited(client, lights):
    token = token_of(client.get(FAULT))
    first = client.post(FAULT, {**fault_data(lights), "form_token": token})
    again = client.post(FAULT, {**fault_data(lights, description="Ändrad text."), "form_token": token})
    assert first["Location"] == again["Location"]
    assert Case.objects.count() == 1


def test_two_forms_make_two_cases(client, lights):
    for _ in range(2):
        client.post(FAULT, {**fault_data(lights), "form_token": token_of(client.get(FAULT))})
    assert Case.objects.count() == 2


def test_a_form_shown_again_keeps_its_token(client, lights):
    token = token_of(client.get(FAULT))
    response = client.post(FAULT, {**fault_data(lights, description=""), "form_token": token})
    assert response.status_code == 400
    assert token_of(response) == token


def test_a_form_still_being_saved_waits_then_says_so(client, lights):
    token = token_of(client.get(FAULT))
    in_flight = idempotency_keys.KeyInFlight("still being handled")
    with (
        mock.patch.object(idempotency_keys, "_lock", side_effect=in_flight),
        mock.patch("framsteg.dialogue.views.resident.report.time.sleep") as sleep,
    ):
        response = client.post(FAULT, {**fault_data(lights), "form_token": token})
    assert response.status_code == 409
    assert sleep.called
    assert "håller redan på att skickas" in response.content.decode()
    assert token_of(response) == token
    assert Case.objects.count() == 0


def test_the_kept_form_after_an_outage_carries_the_token(lights):
    client = Client(raise_request_exception=False)
    token = token_of(client.get(FAULT))
    with database_down():
        response = client.post(FAULT, {**fault_data(lights), "form_token": token})
    assert response.status_code == 503
    assert token_of(response) == token


def test_a_second_sending_sends_no_second_receipt(
    client, lights, mailoutbox, django_capture_on_commit_callbacks
):
    token = token_of(client.get(FAULT))
    data = {**fault_data(lights, contact_email="karin@example.se"), "form_token": token}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FAULT, data)
        client.post(FAULT, data)
    assert Case.objects.count() == 1
    assert [message.to for message in mailoutbox] == [["karin@example.se"]]
