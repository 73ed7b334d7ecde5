"""With the database unreachable every page answers a clean 503 with Retry-After, never a 500, and the site
recovers by itself when the database returns."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError
from django.test import Client

from framsteg.core import outage
from tests import factories
from tests.outage import database_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    # Errors in the middleware reach the test client as exceptions unless it is told otherwise; in
    # production the handler turns them into responses, which is what is tested here.
    return Client(raise_request_exception=False)


def assert_clean_503(response, content_type="text/html"):
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith(content_type)


def test_a_page_answers_503_with_retry_after_while_the_database_is_down(client):
    with database_down():
        response = client.get("/")
    assert_clean_503(response)
    html = response.content.decode()
    assert '<html lang="sv"' in html
    assert "Tillfälligt ur funktion" in html
    assert "INTE tagits emot" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Temporarily unavailable"), ("fi", "Tilapäisesti"), ("ar", 'dir="rtl"'), ("so", 'lang="so"')],
)
def test_the_page_is_in_the_visitors_language(client, language, expected):
    with database_down():
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert_clean_503(response)
    assert expected in response.content.decode()
    assert response["Content-Language"] == language


def test_the_page_needs_no_database_at_all(rf):
    """Built straight from a request while every use of the database fails: no handler may need it."""
    request = rf.post("/anmal/felanmalan/", {"description": "Lampan är släckt."})
    with database_down():
        response = outage.outage_response(request)
    assert response.status_code == 503
    assert "Lampan är släckt." in response.content.decode()


def test_a_staff_session_does_not_turn_the_outage_into_a_500(client):
    """The session, authentication and account middleware load the session from the database."""
    user = factories.make_user("handlaggare")
    client.force_login(user)
    with database_down():
        responses = [client.get(path) for path in ("/", "/personal/", "/personal/arenden/", "/anmal/")]
    for response in responses:
        assert_clean_503(response)


def test_a_post_with_a_session_answers_503(client):
    client.force_login(factories.make_user("handlaggare"))
    with database_down():
        response = client.post("/personal/logga-ut/")
    assert_clean_503(response)


def test_the_site_recovers_when_the_database_returns(client):
    with database_down():
        assert client.get("/").status_code == 503
    assert client.get("/").status_code == 200


def test_headers_from_the_middleware_below_are_kept(client):
    with database_down():
        response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"


def test_only_errors_that_mean_the_database_is_unreachable_count():
    assert outage.is_database_outage(OperationalError("server closed the connection unexpectedly"))
    assert outage.is_database_outage(InterfaceError("connection already closed"))
    assert not outage.is_database_outage(IntegrityError("duplicate key"))
    assert not outage.is_database_outage(DatabaseError("syntax error"))
    assert not outage.is_database_outage(ValueError("a bug"))


def test_a_query_beyond_the_databases_limits_is_an_error_not_an_outage():
    """An oversized query from one client must not make the site answer 503 as if it were down."""
    assert not outage.is_database_outage(
        OperationalError("Expression tree is too large (maximum depth 1000)")
    )
    assert not outage.is_database_outage(OperationalError("too many SQL variables"))

    class StatementTooComplex(Exception):
        sqlstate = "54001"

    too_complex = OperationalError("statement is too complex")
    too_complex.__cause__ = StatementTooComplex()
    assert not outage.is_database_outage(too_complex)

    class AdminShutdown(Exception):
        sqlstate = "57P01"

    shutdown = OperationalError("terminating connection due to administrator command")
    shutdown.__cause__ = AdminShutdown()
    assert outage.is_database_outage(shutdown)
    assert outage.is_database_outage(OperationalError("database is locked"))


def test_a_handler_that_fails_falls_back_to_the_static_page(client, monkeypatch):
    def broken(request):
        raise RuntimeError("a bug in a handler")

    monkeypatch.setattr(outage, "_handlers", [broken])
    with database_down():
        response = client.get("/")
    assert_clean_503(response)
    assert "Tillfälligt ur funktion" in response.content.decode()


def test_the_json_api_answers_its_own_503_as_its_document_says(client):
    from framsteg.api.api import api

    with database_down():
        response = client.get("/api/v1/documents")
    assert_clean_503(response, "application/json")
    assert "detail" in response.json()
    documented = api.get_openapi_schema()["paths"]["/api/v1/documents"]["get"]["responses"]
    assert "Retry-After" in documented["503"]["headers"]
