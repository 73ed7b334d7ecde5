"""Botkyrka's statistical areas (SCB RegSO 2025) load with their polygons and source, only where missing."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from framsteg.dialogue.services.loading import DialogueDataError, load_dialogue
from framsteg.places.models import Area
from tests.factories import make_organisation

DATA_DIR = settings.BASE_DIR / "data" / "botkyrka"


@pytest.fixture
def organisations(db):
    return [
        make_organisation(slug.capitalize(), slug=slug)
        for slug in ("samhallsbyggnadsforvaltningen", "kommunledningsforvaltningen")
    ]


def test_the_twenty_regso_areas_load_with_polygons_a_district_and_their_source(organisations):
    result = load_dialogue(DATA_DIR)
    assert result.areas == 20
    assert Area.objects.count() == 20
    storvreten = Area.objects.get(code="0127R013")
    assert storvreten.name == "Storvreten"
    assert storvreten.geometry["type"] == "Polygon"
    assert len(storvreten.geometry["coordinates"][0]) > 10
    assert storvreten.district.name == "Tumba"
    assert "Statistiska centralbyrån" in storvreten.source and "2025_v2" in storvreten.source
    assert Area.objects.get(code="0127R005").district.name == "Fittja"
    assert Area.objects.get(code="0127R020").district.name == "Vårsta-Grödinge"


def test_areas_already_there_are_kept_as_they_are(organisations):
    load_dialogue(DATA_DIR)
    edited = Area.objects.get(code="0127R013")
    edited.name = "Storvreten (edited)"
    edited.district = None
    edited.save()
    Area.objects.filter(code="0127R001").delete()
    result = load_dialogue(DATA_DIR)
    assert result.areas == 1  # only the missing one
    edited.refresh_from_db()
    assert edited.name == "Storvreten (edited)" and edited.district is None
    assert Area.objects.filter(code="0127R001").exists()


def test_an_area_that_is_not_a_polygon_is_an_error_and_nothing_is_saved(db, tmp_path):
    (tmp_path / "areas.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"regsokod": "X1", "regsonamn": "A point"},
                        "geometry": {"type": "Point", "coordinates": [17.8, 59.2]},
                    }
                ],
            }
        )
    )
    (tmp_path / "dialogue.json").write_text(json.dumps({"areas": "areas.geojson"}))
    with pytest.raises(DialogueDataError, match="not a polygon"):
        load_dialogue(tmp_path)
    assert not Area.objects.exists()
