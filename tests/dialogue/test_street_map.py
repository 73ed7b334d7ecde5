"""The street maps' data and pages: the open reports' GeoJSON shows what the public list shows and less, the
areas' GeoJSON the loaded polygons, and the pages pass the configuration in data- attributes, falling back
to the outline map when Leaflet's files are missing."""

import json
import os
import re

import pytest

from framsteg.core import maps
from framsteg.core.config import tile_url
from framsteg.core.middleware import origin_of
from framsteg.dialogue.models import Case, CaseKind
from framsteg.dialogue.selectors.geo import public_position
from framsteg.dialogue.services.loading import load_dialogue
from framsteg.places.models import Area
from tests.dialogue import factories

pytestmark = pytest.mark.django_db

OPEN = "/anmalningar/karta/oppna.geojson"
AREAS = "/anmalningar/karta/omraden.geojson"
FORM = "/anmal/felanmalan/"
EXACT = (59.2012347, 17.8298765)


@pytest.fixture
def districts():
    return factories.make_districts()


def geojson(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_open_reports_are_the_open_public_ones_with_a_position_at_their_public_position(client, districts):
    shown = factories.make_case(
        latitude=EXACT[0],
        longitude=EXACT[1],
        description="Lampan utanför Karins hus är trasig.",
        published_text="Lampan är trasig.",
        place="Utanför Storgatan 5",
        contact_name="Karin Lind",
    )
    factories.make_case(latitude=59.2, longitude=17.83, status=Case.Status.FIXED)
    factories.make_case(latitude=59.2, longitude=17.83, is_published=False)
    factories.make_case(kind=CaseKind.SAFETY, latitude=59.2, longitude=17.83)  # unpublished
    factories.make_case(latitude=None, longitude=None)

    (feature,) = geojson(client, OPEN)["features"]
    latitude, longitude = public_position(shown)
    assert feature["geometry"] == {"type": "Point", "coordinates": [longitude, latitude]}
    assert feature["properties"] == {
        "reference": shown.reference,
        "title": "Gatubelysning",
        "status": "Mottagen",
        "url": f"/anmalningar/{shown.reference}/",
    }
    body = client.get(OPEN).content.decode()
    for secret in ("Karin", "Storgatan", "trasig", str(EXACT[0]), f"{EXACT[0]:.5f}", f"{EXACT[1]:.5f}"):
        assert secret not in body


def test_open_reports_speak_the_visitors_language(client, districts):
    factories.make_case(latitude=59.2, longitude=17.83, status=Case.Status.IN_PROGRESS)
    response = client.get(OPEN, HTTP_ACCEPT_LANGUAGE="en")
    assert json.loads(response.content)["features"][0]["properties"]["status"] == "Being handled"
    assert "Accept-Language" in response["Vary"]


def test_the_areas_are_the_loaded_polygons_with_their_district(client, db, settings):
    for slug in ("samhallsbyggnadsforvaltningen", "kommunledningsforvaltningen"):
        from tests.factories import make_organisation

        make_organisation(slug, slug=slug)
    load_dialogue(settings.BASE_DIR / "data" / "botkyrka")
    features = geojson(client, AREAS)["features"]
    assert len(features) == Area.objects.count() == 20
    storvreten = next(f for f in features if f["properties"]["code"] == "0127R013")
    assert storvreten["properties"] == {"code": "0127R013", "name": "Storvreten", "district": "Tumba"}
    assert storvreten["geometry"]["type"] == "Polygon"


def test_without_areas_the_areas_are_an_empty_collection(client):
    assert geojson(client, AREAS)["features"] == []


@pytest.fixture
def leaflet():
    if not maps.leaflet_available():
        if os.environ.get("CI"):
            pytest.fail("Leaflet's files are missing in CI: `make install` fetches them into vendor/.")
        pytest.skip("Leaflet's files are missing (run `make install` to fetch them)")


def test_the_report_form_loads_leaflet_from_the_site_and_configures_it_in_data_attributes(
    client, districts, leaflet, settings
):
    settings.MAP_TILE_URL = "https://tiles.example.se/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = "© Kartleverantören & co"
    html = client.get(FORM).content.decode()
    assert '<script src="/static/vendor/leaflet/dist/leaflet.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/vendor/leaflet/dist/leaflet.css">' in html
    loaded = re.findall(r'<script[^>]* src="([^"]+)"|<link rel="stylesheet" href="([^"]+)"', html)
    assert loaded and all((src or href).startswith("/static/") for src, href in loaded), loaded
    assert 'data-tile-url="https://tiles.example.se/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="© Kartleverantören &amp; co"' in html
    assert f'data-open-url="{OPEN}"' in html and f'data-areas-url="{AREAS}"' in html
    assert "<script>" not in html  # nothing inline
    assert 'class="map-picker__map"' in html  # the outline map is still there for when Leaflet fails


def test_the_static_files_are_served(client, leaflet):
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/leaflet/dist/leaflet.js")
    assert finders.find("vendor/leaflet/dist/images/marker-icon.png")


def test_without_leaflets_files_the_pages_show_the_outline_maps(client, districts, monkeypatch):
    monkeypatch.setattr(maps, "leaflet_available", lambda: False)
    factories.make_case(latitude=59.2, longitude=17.83)
    for path in (FORM, "/anmalningar/"):
        html = client.get(path).content.decode()
        assert "leaflet" not in html and "data-street-map" not in html
        assert "<svg" in html


def test_an_empty_tile_url_means_no_tiles(client, districts, leaflet, settings):
    settings.MAP_TILE_URL = ""
    html = client.get(FORM).content.decode()
    assert 'data-tile-url=""' in html


def test_the_public_list_gives_each_marker_its_public_position(client, districts, leaflet):
    case = factories.make_case(latitude=EXACT[0], longitude=EXACT[1])
    html = client.get("/anmalningar/").content.decode()
    latitude, longitude = public_position(case)
    assert f'data-lat="{latitude:f}" data-lon="{longitude:f}"' in html
    assert f"{EXACT[0]:.5f}" not in html


def test_the_tile_server_is_allowed_in_the_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    img_src = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert "https://tile.openstreetmap.org" in img_src.split()


@pytest.mark.parametrize(
    ("raw", "valid"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", True),
        ("https://{s}.tiles.example.se/{z}/{x}/{y}.png?key=1", True),
        ("https://tile.openstreetmap.org/{z}/{x}.png", False),
        ("ftp://tiles.example.se/{z}/{x}/{y}.png", False),
        ("tiles/{z}/{x}/{y}.png", False),
    ],
)
def test_the_tile_url_setting_is_checked(raw, valid):
    if valid:
        assert tile_url(raw) == raw
    else:
        with pytest.raises(ValueError, match="map tiles"):
            tile_url(raw)


def test_a_subdomain_template_becomes_a_wildcard_source():
    assert origin_of("https://{s}.tiles.example.se/{z}/{x}/{y}.png") == "https://*.tiles.example.se"
