import os
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from framsteg.steering import pending_imports
from framsteg.steering.models import Commitment, DocumentVersion, SteeringDocument
from tests import factories

TEXT = """Fritidsplan 2025–2026

Fritid för alla

Alla unga ska ha en meningsfull fritid.

Därför ska kommunen jobba med att:

 • Öppna fler fritidsgårdar på kvällar och helger
 • Erbjuda sommarlovsaktiviteter i alla kommundelar

Idrott

Idrottsplatserna är för få.

Därför ska kommunen jobba med att:

 • Bygga en ny idrottshall i Tumba senast 2026
"""


def upload(client, text: str = TEXT, filename: str = "fritid.txt", **fields):
    data = {
        "kind": "platform",
        "title": "Fritidsplan",
        "period": "2025–2026",
        "author": "Majoriteten",
        "adopted_on": "2025-02-20",
        "source_url": "https://www.botkyrka.se/fritid",
        **fields,
    }
    data["file"] = SimpleUploadedFile(filename, text.encode())
    return client.post(reverse("staff:import"), data)


def confirm(client, preview, **extra):
    data = {name: field.value() for name, field in ((f.name, f) for f in preview.context["form"])}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    if data.get("document") is not None and hasattr(data["document"], "pk"):
        data["document"] = data["document"].pk
    return client.post(reverse("staff:import-confirm"), {**data, **extra})


def pending_files() -> list:
    folder = settings.VAR_DIR / "pending-imports"
    return list(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def importer(people):
    return people["superuser"]


def test_the_preview_shows_what_would_be_created_and_writes_nothing(importer, as_user):
    response = upload(as_user(importer))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Öppna fler fritidsgårdar på kvällar och helger" in html
    assert "Idrott" in html
    assert "senast 2026" in html
    assert not SteeringDocument.objects.filter(title="Fritidsplan").exists()
    assert len(pending_files()) == 1


def test_confirming_imports_exactly_what_was_previewed_and_removes_the_waiting_file(importer, as_user):
    client = as_user(importer)
    preview = upload(client)
    response = confirm(client, preview)
    assert response.status_code == 302
    document = SteeringDocument.objects.get(title="Fritidsplan")
    assert response["Location"] == document.get_absolute_url()
    assert (document.period_start, document.period_end, document.author) == (2025, 2026, "Majoriteten")
    assert str(document.adopted_on) == "2025-02-20"
    assert document.source_url == "https://www.botkyrka.se/fritid"
    assert document.commitments.count() == 3
    assert DocumentVersion.objects.get(document=document).imported_by == importer
    assert pending_files() == []


def test_a_new_version_shows_added_and_removed_commitments(importer, as_user):
    client = as_user(importer)
    confirm(client, upload(client))
    document = SteeringDocument.objects.get(title="Fritidsplan")
    changed = TEXT.replace(
        " • Erbjuda sommarlovsaktiviteter i alla kommundelar\n", " • Rusta upp spontanidrottsplatser\n"
    )
    preview = upload(client, changed, document=document.pk)
    assert preview.context["plan"].added == ["Rusta upp spontanidrottsplatser"]
    assert "Erbjuda sommarlovsaktiviteter" in preview.content.decode()
    confirm(client, preview)
    assert document.versions.count() == 2
    assert Commitment.objects.current().filter(document=document).count() == 3


def test_a_changed_database_between_preview_and_confirm_shows_the_new_preview(importer, as_user):
    client = as_user(importer)
    preview = upload(client)
    factories.make_document("Fritidsplan", slug="fritidsplan", kind="platform")
    response = confirm(client, preview)
    assert response.status_code == 200
    assert response.context["changed"]
    assert SteeringDocument.objects.get(slug="fritidsplan").versions.count() == 1
    assert len(pending_files()) == 1
    confirm(client, response)
    assert SteeringDocument.objects.get(slug="fritidsplan").versions.count() == 2


def test_an_unreadable_file_is_refused_with_the_importers_message(importer, as_user):
    response = upload(as_user(importer), "", filename="tom.txt")
    assert response.context["form"].errors["file"]
    assert pending_files() == []


def test_a_file_type_the_importer_cannot_read_is_refused(importer, as_user):
    response = upload(as_user(importer), "x", filename="plan.pdf")
    assert "cannot be imported" in response.context["form"].errors["file"][0]


def test_a_period_that_is_not_understood_is_refused_at_the_field(importer, as_user):
    response = upload(as_user(importer), period="nästa år")
    assert response.context["form"].errors["period"]


def test_cancelling_removes_the_waiting_file(importer, as_user):
    client = as_user(importer)
    confirm(client, upload(client), cancel="1")
    assert pending_files() == []
    assert not SteeringDocument.objects.filter(title="Fritidsplan").exists()


def test_a_waiting_file_older_than_a_day_is_gone(importer, as_user):
    client = as_user(importer)
    preview = upload(client)
    old = time.time() - pending_imports.MAX_AGE_SECONDS - 60
    for path in pending_files():
        os.utime(path, (old, old))
    response = confirm(client, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:import")
    assert not SteeringDocument.objects.filter(title="Fritidsplan").exists()


def test_starting_an_import_clears_stale_waiting_files(importer, as_user):
    client = as_user(importer)
    upload(client)
    old = time.time() - pending_imports.MAX_AGE_SECONDS - 60
    for path in pending_files():
        os.utime(path, (old, old))
    client.get(reverse("staff:import"))
    assert pending_files() == []


def test_another_users_waiting_file_cannot_be_confirmed(people, importer, as_user, client):
    preview = upload(as_user(importer))
    other = factories.make_user(
        "editor", people["coordinator"].memberships.get().organisation, ("coordinator",)
    )
    response = confirm(as_user(other), preview)
    assert response.status_code == 302
    assert not SteeringDocument.objects.filter(title="Fritidsplan").exists()


def test_a_coordinator_may_import_and_a_django_permission_alone_does_not_suffice(db, as_user):
    editor = factories.make_user("editor")
    editor.user_permissions.add(Permission.objects.get(codename="add_steeringdocument"))
    assert as_user(editor).get(reverse("staff:import")).status_code == 403
    kommunledning = factories.make_organisation("Kommunledningsförvaltningen", kind="administration")
    coordinator = factories.make_user("samordnare", kommunledning, ("coordinator",))
    assert as_user(coordinator).get(reverse("staff:import")).status_code == 200


def test_reporters_may_not_import(people, as_user):
    client = as_user(people["reporter"])
    assert client.get(reverse("staff:import")).status_code == 403
    assert upload(client).status_code == 403
    assert client.post(reverse("staff:import-confirm"), {}).status_code == 403
