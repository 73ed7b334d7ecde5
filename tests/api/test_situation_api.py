"""The situation picture's API for partners' systems: a key per organisation, batches all or none."""

import pytest
from django.conf import settings
from django.core.cache import cache

from framsteg.audit.models import AuditEntry
from framsteg.situation.models import Incident
from framsteg.situation.services.loading import load_situation
from framsteg.situation.services.partner_keys import create_key, revoke_key
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/situation/incidents"


@pytest.fixture
def police():
    cache.clear()
    make_districts()
    load_situation(settings.BASE_DIR / "data" / "botkyrka")
    return factories.make_partner("Polisen", slug="polisen")


@pytest.fixture
def key(police):
    return create_key(police, "Polisens händelselogg")


def post(client, plaintext, incidents):
    return client.post(
        URL,
        {"incidents": incidents},
        content_type="application/json",
        headers={"Authorization": f"Bearer {plaintext}"},
    )


REPORT = {"date": "2026-03-02", "time": "21:15", "category": "klotter", "place": "Fittja", "events": 2}


def test_a_batch_is_saved_in_the_keys_organisation(client, key, police):
    _key, plaintext = key
    second = {"date": "2026-03-03", "category": "samling-trapphus", "latitude": 59.2394, "longitude": 17.8454}

    response = post(client, plaintext, [{**REPORT, "external_id": "P-1"}, second])

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] == 2 and body["updated"] == 0
    assert [item["category"] for item in body["incidents"]] == ["klotter", "samling-trapphus"]
    assert body["incidents"][0]["district"] == "Fittja" and body["incidents"][0]["status"] == "reported"
    assert body["incidents"][1]["time_known"] is False
    assert Incident.objects.filter(organisation=police, source="api").count() == 2
    assert AuditEntry.objects.filter(action="situation.use_partner_api_key").count() == 1


def test_one_bad_report_saves_none_and_names_its_place_and_field(client, key):
    _key, plaintext = key
    bad = {**REPORT, "category": "skadegorelse", "time": "25:00"}

    response = post(client, plaintext, [REPORT, bad])

    assert response.status_code == 422
    locations = [problem["loc"] for problem in response.json()["detail"]]
    assert ["body", "incidents", 1, "category"] in locations
    assert ["body", "incidents", 1, "time"] in locations
    assert not Incident.objects.exists()


def test_the_same_external_id_updates_instead_of_adding(client, key):
    _key, plaintext = key
    post(client, plaintext, [{**REPORT, "external_id": "P-7"}])

    response = post(client, plaintext, [{**REPORT, "external_id": "P-7", "events": 5}])

    assert response.json()["updated"] == 1
    assert Incident.objects.get().events == 5


def test_a_key_cannot_post_for_another_organisation(client, key):
    _key, plaintext = key
    factories.make_partner("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")

    response = post(client, plaintext, [{**REPORT, "organisation": "botkyrkabyggen"}])

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "incidents", 0, "organisation"]
    assert not Incident.objects.exists()


def test_no_key_a_wrong_key_or_a_revoked_key_answer_401(client, key):
    found, plaintext = key
    assert client.post(URL, {"incidents": [REPORT]}, content_type="application/json").status_code == 401
    assert post(client, plaintext[:-2] + "xx", [REPORT]).status_code == 401
    revoke_key(found)
    assert post(client, plaintext, [REPORT]).status_code == 401
    assert client.get(URL, headers={"Authorization": f"Bearer {plaintext}"}).status_code == 401
    assert not Incident.objects.exists()


def test_a_key_reads_back_only_its_organisations_reports(client, key, police):
    _key, plaintext = key
    housing = factories.make_partner("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")
    own = factories.make_incident(organisation=police, status="included")
    factories.make_incident(organisation=housing, category=own.category)

    response = client.get(URL, headers={"Authorization": f"Bearer {plaintext}"})

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [own.pk]
    assert items[0]["status"] == "included"


def test_the_categories_say_which_are_groups(client, key):
    _key, plaintext = key

    response = client.get("/api/v1/situation/categories", headers={"Authorization": f"Bearer {plaintext}"})

    by_code = {item["code"]: item for item in response.json()}
    assert by_code["skadegorelse"]["is_group"] is True
    assert by_code["klotter"]["group"] == "skadegorelse" and by_code["klotter"]["is_group"] is False


def test_too_many_requests_with_one_key_answer_429(client, key, settings):
    settings.SITUATION_API_RATE_LIMIT = "2/h"
    _key, plaintext = key
    headers = {"Authorization": f"Bearer {plaintext}"}
    assert client.get("/api/v1/situation/categories", headers=headers).status_code == 200
    assert client.get("/api/v1/situation/categories", headers=headers).status_code == 200

    response = client.get("/api/v1/situation/categories", headers=headers)

    assert response.status_code == 429 and int(response["Retry-After"]) > 0
