"""The picture's map layer: generalised clusters, never an event's position, within the user's districts."""

import datetime
import json
import math

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framsteg.situation.models import Incident, NamedPlace
from framsteg.situation.selectors import geo
from tests import factories as base
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 16)  # a Monday
# Two positions in Fittja, about 30 m apart, and one in Tumba.
DOOR = (59.24731, 17.86112)
NEXT_DOOR = (59.24752, 17.86131)
TUMBA = (59.19950, 17.83840)


def at(day: int = 0, hour: int = 21) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(WEEK + datetime.timedelta(days=day), datetime.time(hour))
    )


def coordinator():
    from django.contrib.auth import get_user_model

    existing = get_user_model().objects.filter(username="cecilia").first()
    if existing:
        return existing
    klf = base.make_organisation("Kommunledningsförvaltningen", kind="administration")
    return base.make_user("cecilia", klf, ("coordinator",))


def incident(position=DOOR, **extra):
    latitude, longitude = position
    return factories.make_incident(latitude=latitude, longitude=longitude, occurred_at=at(), **extra)


def layer(user=None, scope=None):
    return geo.map_layer(user or coordinator(), WEEK, scope)


def metres_between(a, b) -> float:
    scale = math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(a[0] - b[0], (a[1] - b[1]) * scale) * geo.METRES_PER_DEGREE_LATITUDE


def test_a_stairwell_event_is_shown_at_block_level_never_at_its_position():
    make_districts()
    incident(setting=NamedPlace.Setting.SEMI_PUBLIC, description="Trapphuset i port 7, lägenhet 1102")
    [cluster] = layer().clusters
    point = (cluster.latitude, cluster.longitude)
    assert cluster.kind == "cell" and cluster.metres == geo.SEMI_PUBLIC_CELL_METRES
    assert point == geo.cell_centre(*geo.cell_of(*DOOR, 250), 250)
    assert point != DOOR
    # Anywhere in the block gives the same point: the door cannot be told from it.
    assert geo.cell_of(*NEXT_DOOR, 250) == geo.cell_of(*DOOR, 250)
    assert metres_between(point, DOOR) <= 250 * math.sqrt(2) / 2 + 1


def test_a_single_public_event_is_a_cluster_of_one_at_its_square_s_middle():
    make_districts()
    category = factories.make_category("Klotter")
    incident(category=category, description="Klotter på dörren hos familjen Svensson")
    features = layer().geojson()["features"]
    assert len(features) == 1
    properties = features[0]["properties"]
    assert properties["events"] == 1 and properties["cell_metres"] == geo.PUBLIC_CELL_METRES
    assert properties["categories"] == [{"name": "Klotter", "nature": "crime", "events": 1}]
    longitude, latitude = features[0]["geometry"]["coordinates"]
    assert (latitude, longitude) == geo.cell_centre(*geo.cell_of(*DOOR, 100), 100)
    assert (latitude, longitude) != DOOR
    text = json.dumps(features, ensure_ascii=False)
    assert "Svensson" not in text and "description" not in text and "reporter" not in text


def test_events_in_one_square_are_counted_together_and_bundles_count_their_events():
    make_districts()
    incident(events=3)
    incident(position=NEXT_DOOR) if geo.cell_of(*NEXT_DOOR, 100) == geo.cell_of(*DOOR, 100) else incident()
    incident(position=TUMBA)
    clusters = layer().clusters
    assert [cluster.events for cluster in clusters] == [4, 1]


def test_events_at_a_named_place_are_shown_at_the_place():
    make_districts()
    place = factories.make_place("Fittja centrum", setting=NamedPlace.Setting.SEMI_PUBLIC)
    factories.make_incident(named_place=place, occurred_at=at())
    [cluster] = layer().clusters
    assert (cluster.kind, cluster.place, cluster.latitude) == ("place", "Fittja centrum", place.latitude)


def test_only_included_events_of_the_week_are_shown_and_those_without_a_position_are_counted():
    make_districts()
    incident()
    incident(status=Incident.Status.REVIEWED)
    incident(status=Incident.Status.REJECTED)
    factories.make_incident(
        occurred_at=at() - datetime.timedelta(weeks=1), latitude=DOOR[0], longitude=DOOR[1]
    )
    factories.make_incident(occurred_at=at(), place_text="Tumba")
    result = layer()
    assert result.events == 1
    assert result.without_position == 1


def test_the_area_limits_the_layer():
    districts = make_districts()
    factories.make_areas()
    incident()
    incident(position=TUMBA)
    fittja = geo.parse_scope(f"d-{districts['Fittja'].slug}")
    assert [c.events for c in layer(scope=fittja).clusters] == [1]
    regso = Incident.objects.get(latitude=TUMBA[0]).area
    assert len(layer(scope=geo.parse_scope(f"a-{regso.code}")).clusters) == 1
    place = factories.make_place("Fittja centrum", latitude=DOOR[0], longitude=DOOR[1] + 0.001, radius_m=150)
    assert layer(scope=geo.parse_scope(f"p-{place.slug}")).events == 1
    assert geo.parse_scope("d-nowhere") is None
    assert geo.parse_scope("").kind == "all"


def test_a_partner_limited_to_a_district_sees_only_its_events():
    districts = make_districts()
    incident()
    incident(position=TUMBA)
    police = factories.make_partner("Polisen")
    partner = base.make_user("pelle", police, ("partner",))
    partner.memberships.get().districts.add(districts["Fittja"])
    assert layer(partner).events == 1
    assert layer(base.make_user("nils")).clusters == []
    client = Client()
    client.force_login(partner)
    assert client.get(geo.map_url(WEEK, geo.parse_scope("d-fittja"))).status_code == 200
    assert client.get(geo.map_url(WEEK, geo.parse_scope("d-tumba"))).status_code == 404  # not theirs


def test_the_geojson_address():
    make_districts()
    incident()
    police = factories.make_partner("Polisen")
    partner = base.make_user("pelle", police, ("partner",))
    client = Client()
    url = geo.map_url(WEEK)
    assert url == reverse("situation:picture-map") + "?vecka=2026-W47"
    assert client.get(url).status_code == 302
    client.force_login(base.make_user("nils"))
    assert client.get(url).status_code == 403
    client.force_login(partner)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["week"] == "2026-W47" and data["events_on_map"] == 1
    assert "100" in data["generalisation"]
    assert client.get(url.replace("2026-W47", "2026-W60")).status_code == 404
    assert client.get(url + "&omrade=a-0").status_code == 404


def test_the_partials_render_the_clusters_and_the_hot_spots_as_tables():
    from django.template.loader import render_to_string

    from framsteg.situation.selectors import hotspots

    make_districts()
    place = factories.make_place("Fittja centrum", is_hot_spot=True)
    incident(setting=NamedPlace.Setting.SEMI_PUBLIC, description="Port 7")
    user = coordinator()
    html = render_to_string(
        "situation/partner/_picture_map.html", geo.map_context(user, WEEK, geo.parse_scope(""))
    )
    assert "Square of about 250 m" in html or "Ruta på cirka 250 m" in html
    assert f'data-lat="{geo.cell_centre(*geo.cell_of(*DOOR, 250), 250)[0]:f}"' in html
    assert str(DOOR[0]) not in html and "Port 7" not in html
    assert "karta.geojson?vecka=2026-W47" in html
    html = render_to_string(
        "situation/partner/_picture_hot_spots.html",
        hotspots.hot_spots_context(user, WEEK, geo.parse_scope("")),
    )
    assert place.name in html
