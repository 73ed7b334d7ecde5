"""Every answer under /api/v1/ is one the OpenAPI document describes, the refusals included."""

import json
from pathlib import Path

SNAPSHOT = json.loads(Path(__file__).with_name("openapi.json").read_text())


def test_an_address_that_names_no_operation_is_a_json_404(client, db):
    for path in ["/api/v1/unknown", "/api/v1/documents/a/b", "/api/v1/areas/1/extra"]:
        response = client.get(path)

        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not Found"}


def test_an_id_no_database_can_hold_is_refused_not_looked_up(client, db):
    for path in [f"/api/v1/areas/{2**63}", f"/api/v1/commitments/{2**64}", "/api/v1/areas/0"]:
        response = client.get(path)

        assert response.status_code == 422, path
        assert response.json()["detail"][0]["loc"][0] == "path"


def test_a_page_beyond_what_the_database_can_skip_is_refused(client, db):
    response = client.get("/api/v1/commitments", {"page": str(2**31)})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "page"]


def test_a_slug_with_characters_no_slug_has_is_refused(client, db):
    response = client.get("/api/v1/documents/plan.pdf")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "slug"]


def test_control_characters_answer_the_documented_plain_400(client, db):
    response = client.get("/api/v1/commitments", {"q": "a\x00b"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_only_reading_is_offered(client, db):
    response = client.post("/api/v1/commitments")

    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_every_operation_documents_its_refusals():
    for path, operations in SNAPSHOT["paths"].items():
        responses = operations["get"]["responses"]
        assert {"200", "400", "422"} <= set(responses), path
        assert set(responses["400"]["content"]) == {"text/plain"}, path
        if "{" in path:
            assert "404" in responses, path
