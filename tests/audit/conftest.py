from datetime import timedelta

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.utils import timezone

from framsteg.audit.models import AuditEntry
from framsteg.core.access import Role
from framsteg.organisations.models import Membership
from tests import factories


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only


@pytest.fixture
def orgs(db):
    municipality = factories.make_organisation(
        "Kommunledningsförvaltningen", kind="administration", slug="klf"
    )
    technical = factories.make_organisation("Tekniska förvaltningen", kind="administration", slug="tf")
    police = factories.make_organisation("Polisen", kind="partner", slug="polisen")
    return {"municipality": municipality, "technical": technical, "police": police}


def person(username: str, organisation, role: str, **extra):
    user = factories.make_user(username, first_name=extra.pop("first_name", "Anna"), **extra)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def people(orgs):
    return {
        "administrator": person(
            "ada", orgs["municipality"], Role.ADMINISTRATOR, first_name="Ada", last_name="Lind"
        ),
        "coordinator": person("cecilia", orgs["municipality"], Role.COORDINATOR),
        "case_officer": person(
            "olle", orgs["technical"], Role.CASE_OFFICER, first_name="Olle", last_name="Ek"
        ),
        "partner": person("pelle", orgs["police"], Role.PARTNER),
        "reader": person("rut", orgs["municipality"], Role.READER),
    }


def client_for(user, **headers) -> Client:
    client = Client(headers={"accept-language": "en", **headers})
    client.force_login(user)
    return client


def backdate(entry: AuditEntry, days: int) -> AuditEntry:
    """Move an entry back in time, past the append-only guard: only tests of retention do this."""
    QuerySet.update(AuditEntry.objects.filter(pk=entry.pk), at=timezone.now() - timedelta(days=days))
    entry.refresh_from_db()
    return entry
