"""The API's contract is committed: a change to it shows up in review as a change to openapi.json.

After an intended change, regenerate the snapshot with:

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/api/test_openapi.py
"""

import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("openapi.json")


def test_the_openapi_schema_matches_the_committed_snapshot(client, db):
    live = client.get("/api/v1/openapi.json").json()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(live, indent=2, ensure_ascii=False, sort_keys=True) + "\n")

    committed = json.loads(SNAPSHOT.read_text())

    assert live == committed, (
        "The API schema differs from tests/api/openapi.json. If the change is intended, regenerate it with "
        "UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/api/test_openapi.py and commit the file."
    )


def test_the_schema_offers_only_reading_except_to_partners_systems(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    writes = {
        (path, method) for path, operations in paths.items() for method in operations if method != "get"
    }

    assert writes == {("/api/v1/situation/incidents", "post")}
    assert set(paths) == {
        "/api/v1/documents",
        "/api/v1/documents/{slug}",
        "/api/v1/areas",
        "/api/v1/areas/{area_id}",
        "/api/v1/commitments",
        "/api/v1/commitments/{commitment_id}",
        "/api/v1/candidate-targets",
        "/api/v1/indicators",
        "/api/v1/indicators/{slug}",
        "/api/v1/indicators/{slug}/measurements",
        "/api/v1/carbon-budgets",
        "/api/v1/organisations",
        "/api/v1/periods",
        "/api/v1/statuses",
        "/api/v1/situation/incidents",
        "/api/v1/situation/categories",
    }


def test_the_schema_says_where_the_data_comes_from(client, db):
    info = client.get("/api/v1/openapi.json").json()["info"]

    assert "steering documents" in info["description"]
    assert "status reported by the organisations responsible" in info["description"]
