"""The API and `framsteg export` are two doors to the same data: one object looks the same through both."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from framsteg.steering import exports
from framsteg.steering.models import CandidateTarget


@pytest.fixture
def exported(reported_plan):
    document = reported_plan["document"]
    CandidateTarget.objects.create(
        document=document,
        version=document.current_version,
        text="ca 500 bostäder",
        value="500",
        unit="bostäder",
        qualifier="ca",
        context="ca 500 bostäder per år",
        source_start=0,
        source_end=15,
    )
    out = StringIO()
    call_command("export", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def same(left, right) -> bool:
    """Equal, and with the keys in the same order."""
    return json.dumps(left) == json.dumps(right)


def test_a_commitment_is_the_same_in_the_api_and_the_export(client, reported_plan, exported):
    commitment_id = reported_plan["commitments"][0].pk
    from_api = client.get(f"/api/v1/commitments/{commitment_id}").json()
    [from_export] = [item for item in exported["commitments"] if item["id"] == commitment_id]

    assert from_export["history"]
    assert same(from_api, from_export)


@pytest.mark.parametrize(
    "section, url",
    [
        ("documents", "/api/v1/documents"),
        ("areas", "/api/v1/areas"),
        ("commitments", "/api/v1/commitments"),
        ("candidate_targets", "/api/v1/candidate-targets"),
        ("statuses", "/api/v1/statuses"),
        ("periods", "/api/v1/periods"),
        ("organisations", "/api/v1/organisations"),
    ],
)
def test_every_list_is_the_same_in_the_api_and_the_export(client, exported, section, url):
    from_api = client.get(url).json()["items"]

    assert from_api
    assert same(from_api, exported[section])


def test_the_api_uses_the_export_shapes_for_details(client, reported_plan):
    area = reported_plan["areas"][0]

    from_api = client.get(f"/api/v1/areas/{area.pk}").json()

    assert same(from_api, exports.areas(type(area).objects.filter(pk=area.pk))[0])
