import re
from base64 import b32decode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from framsteg.core.access import Role
from framsteg.organisations.models import Membership
from tests import factories

PASSWORD = "correct horse battery"


@pytest.fixture
def client():
    """Account tests read the English interface unless they ask for another."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only


@pytest.fixture
def municipality(db):
    return factories.make_organisation("Kommunledningsförvaltningen", kind="administration", slug="klf")


@pytest.fixture
def police(db):
    return factories.make_organisation("Polisen Botkyrka", kind="partner", slug="polisen")


@pytest.fixture
def coordinator(municipality):
    user = factories.make_user("cecilia", first_name="Cecilia", last_name="Carlsson")
    Membership.objects.create(user=user, organisation=municipality, role=Role.COORDINATOR)
    return user


@pytest.fixture
def reporter(municipality):
    return factories.make_user("rita", municipality, ("reporter",), first_name="Rita", last_name="Rapport")


@pytest.fixture
def administrator(municipality):
    user = factories.make_user("adam", first_name="Adam", last_name="Admin")
    Membership.objects.create(user=user, organisation=municipality, role=Role.ADMINISTRATOR)
    return user


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("staff:login"), {"username": username, "password": password, **extra})


def secret_on(html: str) -> bytes:
    """The key the enrolment page shows, as bytes."""
    text = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1).replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8))


def code_for(key: bytes, offset_steps: int = 0) -> str:
    totp = TOTP(key)
    totp.time = totp.time + 30 * offset_steps
    return f"{totp.token():06d}"


def enrol(client, user, password=PASSWORD):
    """Log in with the password, go through enrolment and return (key, recovery codes)."""
    log_in(client, user.get_username(), password)
    html = client.get(reverse("staff:enrol")).content.decode()
    key = secret_on(html)
    response = client.post(reverse("staff:enrol"), {"code": code_for(key)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    return key, codes
