"""Coordinators create and revoke the Open311 API keys; a new key is shown once and never stored."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from framsteg.dialogue.models import ApiKey
from framsteg.dialogue.services.apikeys import create_key, verify_key
from framsteg.organisations.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = "/personal/arenden/api-nycklar/"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people():
    streets = factories.make_organisation("Gatuavdelningen", kind="administration")
    coordinator = factories.make_user("cecilia", first_name="Cecilia", last_name="Carlsson")
    Membership.objects.create(user=coordinator, organisation=streets, role=Membership.Role.COORDINATOR)
    return {
        "reporter": factories.make_user("anna", streets),
        "coordinator": coordinator,
        "superuser": factories.make_user("root", is_superuser=True, is_staff=True),
    }


def client_for(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def test_the_address_is_the_one_agreed():
    assert reverse("cases:api-keys") == PAGE


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert reverse("staff:login") in response["Location"]


def test_staff_who_do_not_coordinate_may_not_see_or_create_keys(people):
    client = client_for(people["reporter"])
    key, _plaintext = create_key("FixaMinGata")
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"name": "Mitt skript"}).status_code == 403
    assert client.post(reverse("cases:api-key-revoke", args=[key.pk]), {"confirm": "yes"}).status_code == 403
    assert ApiKey.objects.count() == 1
    key.refresh_from_db()
    assert key.revoked_at is None


@pytest.mark.parametrize("persona", ["coordinator", "superuser"])
def test_coordinators_and_superusers_see_the_keys(people, persona):
    create_key("FixaMinGata", user=people["coordinator"])
    response = client_for(people[persona]).get(PAGE)
    assert response.status_code == 200
    assert response.context["nav"] == "staff"
    html = response.content.decode()
    assert "FixaMinGata" in html and "Cecilia Carlsson" in html


def test_a_new_key_is_shown_once_and_only_its_hash_is_stored(people):
    client = client_for(people["coordinator"])

    response = client.post(PAGE, {"name": "Stadsappen"})

    assert response.status_code == 200, "the key is in the answer to the POST itself, not behind a redirect"
    assert "dialogue/staff/api_key_created.html" in [t.name for t in response.templates]
    plaintext = response.context["plaintext"]
    assert f"<code>{plaintext}</code>" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get()
    assert (key.name, key.created_by) == ("Stadsappen", people["coordinator"])
    assert verify_key(plaintext) == key
    stored = [str(value) for value in ApiKey.objects.values_list().get()]
    assert not any(plaintext in value for value in stored)
    assert plaintext not in str(dict(client.session))

    listing = client.get(PAGE).content.decode()
    assert "Stadsappen" in listing and key.prefix in listing
    assert plaintext not in listing
    secret = plaintext.partition(f"{key.prefix}_")[2]  # the secret may itself hold "_"
    assert len(secret) > 20 and secret not in listing


def test_a_key_needs_a_name_and_the_form_says_so(people):
    response = client_for(people["coordinator"]).post(PAGE, {"name": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_name"' in html
    assert "Write a name, so that you know later who uses the key." in html
    assert ApiKey.objects.count() == 0


def test_a_too_long_name_is_kept_for_correction(people):
    name = "x" * 201
    response = client_for(people["coordinator"]).post(PAGE, {"name": name})
    assert response.status_code == 400
    assert f'value="{name}"' in response.content.decode()


def test_revoking_asks_first_and_then_stops_the_key(people):
    key, plaintext = create_key("FixaMinGata")
    client = client_for(people["coordinator"])
    url = reverse("cases:api-key-revoke", args=[key.pk])

    confirm_page = client.get(url)
    assert confirm_page.status_code == 200
    assert 'name="confirm" value="yes"' in confirm_page.content.decode()

    client.post(url)
    key.refresh_from_db()
    assert key.revoked_at is None, "a POST without the confirmation does nothing"

    response = client.post(url, {"confirm": "yes"}, follow=True)
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert verify_key(plaintext) is None
    assert response.redirect_chain[-1][0] == PAGE
    assert "The key “FixaMinGata” is revoked." in response.content.decode()


def test_revoking_an_unknown_key_is_not_found(people):
    response = client_for(people["superuser"]).post(
        reverse("cases:api-key-revoke", args=[999]), {"confirm": "yes"}
    )
    assert response.status_code == 404
