"""The staff pages for partners' files and systems: upload, preview, confirm; partners' API keys."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from framsteg.audit.models import AuditEntry
from framsteg.situation.models import Incident, PartnerApiKey
from framsteg.situation.services.loading import load_situation
from framsteg.situation.services.partner_keys import verify_key
from tests import factories as base
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db

FILE = (
    "datum;tid;händelsetyp;plats;antal;referens\n"
    "2026-03-02;21:15;klotter;Fittja;2;BB-1\n"
    "2026-03-03;;samling-trapphus;Alby;1;BB-2\n"
).encode()


@pytest.fixture
def housing():
    make_districts()
    load_situation(settings.BASE_DIR / "data" / "botkyrka")
    return factories.make_partner("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")


@pytest.fixture
def reporter(client, housing):
    user = base.make_user("rita", organisation=housing, roles=("incident_reporter",))
    client.force_login(user)
    return user


def upload(client, content=FILE, name="export.csv", **data):
    return client.post(reverse("situation:import"), {"file": SimpleUploadedFile(name, content), **data})


def test_a_reporter_uploads_previews_and_confirms(client, reporter, housing):
    response = upload(client, organisation=housing.pk)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Klotter" in page and "Fittja" in page and "Alby" in page
    assert not Incident.objects.exists()

    token = response.context["form"].initial["token"]
    response = client.post(
        reverse("situation:import-confirm"),
        {"token": token, "filename": "export.csv", "organisation": housing.pk},
    )

    assert response.status_code == 302
    assert Incident.objects.filter(organisation=housing, reporter=reporter, source="import").count() == 2


def test_a_file_with_problems_shows_them_and_cannot_be_confirmed(client, reporter, housing):
    response = upload(
        client, FILE + "2026-03-04;;skadegörelse;Fittja;1;BB-3\n".encode(), organisation=housing.pk
    )

    page = response.content.decode()
    assert "Row 4, column “händelsetyp”" in page or "Rad 4, kolumn ”händelsetyp”" in page
    assert "import-confirm" not in page and reverse("situation:import-confirm") not in page
    assert not Incident.objects.exists()


def test_a_reporter_cannot_import_for_another_organisation(client, reporter, housing):
    police = factories.make_partner("Polisen", slug="polisen")

    response = upload(client, organisation=police.pk)

    assert response.status_code == 400  # not among the choices
    assert not Incident.objects.exists()


def test_the_import_page_is_only_for_reporters_and_coordinators(client, housing):
    partner = base.make_user("per", organisation=housing, roles=("partner",))
    client.force_login(partner)
    assert client.get(reverse("situation:import")).status_code == 403


def test_a_coordinator_creates_and_revokes_a_partner_key(client, housing):
    municipality = base.make_organisation("Botkyrka kommun", kind="municipality")
    coordinator = base.make_user("cora", organisation=municipality, roles=("coordinator",))
    client.force_login(coordinator)

    response = client.post(
        reverse("situation:api-keys"), {"organisation": housing.pk, "name": "Fastighetssystemet"}
    )

    plaintext = response.context["plaintext"]
    assert plaintext.startswith("fsp_") and response["Cache-Control"].startswith("max-age=0")
    key = verify_key(plaintext)
    assert key.organisation == housing and key.created_by == coordinator
    assert AuditEntry.objects.filter(action="situation.create_partner_api_key").exists()

    client.post(reverse("situation:api-key-revoke", args=[key.pk]), {"confirm": "yes"})

    assert verify_key(plaintext) is None
    assert PartnerApiKey.objects.get().revoked_at is not None


def test_a_reporter_cannot_manage_keys(client, reporter):
    assert client.get(reverse("situation:api-keys")).status_code == 403


def test_the_commands_create_and_revoke_a_key(housing, capsys):
    from django.core.management import call_command

    call_command("create_partner_api_key", "botkyrkabyggen", "Fastighetssystemet")
    plaintext = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("fsp_"))
    key = verify_key(plaintext)
    assert key is not None

    call_command("revoke_partner_api_key", key.prefix)

    assert verify_key(plaintext) is None
