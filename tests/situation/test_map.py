"""The picture's map layer: generalised clusters, never an event's position, within the user's districts."""

import datetime
import json
import math

import pytest
from django.db.models import F, Sum
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


# The layer's whole output, pinned ---------------------------------------------------------------------
#
# `map_layer` is written for speed (thousands of cells a week for the whole municipality); these tests hold
# it to the plain computation of what the module's docstring defines: a cluster per stored cell or named
# place, its events summed per event type, its event types labelled and ordered largest first then by
# label, the clusters ordered by events (largest first), places before cells, then by name and point.


def reference_layer(user, week, scope=None) -> tuple[list[geo.Cluster], int]:
    """The clusters and the events without a position, computed the plain way."""
    rows = (
        geo.week_incidents(user, week, scope or geo.parse_scope(""))
        .values_list("named_place_id", "cell_metres", "cell_row", "cell_column", "category_id")
        .annotate(total=Sum("events"))
        .order_by()
    )
    groups: dict[tuple, dict[int, int]] = {}
    without_position = 0
    for place_id, metres, row, column, category_id, total in rows:
        if place_id is not None:
            key = ("place", place_id)
        elif row is None or column is None:
            without_position += total
            continue
        else:
            key = ("cell", metres, row, column)
        counts = groups.setdefault(key, {})
        counts[category_id] = counts.get(category_id, 0) + total
    labels = geo.category_labels({pk for counts in groups.values() for pk in counts})
    clusters = []
    for key, counts in groups.items():
        if key[0] == "place":
            place = NamedPlace.objects.get(pk=key[1])
            cluster = geo.Cluster(
                round(place.latitude, 5), round(place.longitude, 5), "place", place=place.name
            )
        else:
            cluster = geo.Cluster(*geo.cell_centre(key[2], key[3], key[1]), "cell", metres=key[1])
        cluster.categories = dict(counts)
        cluster.events = sum(counts.values())
        cluster.crime = sum(n for pk, n in counts.items() if labels[pk][1] == "crime")
        cluster.insecurity = sum(n for pk, n in counts.items() if labels[pk][1] == "insecurity")
        cluster.category_rows = sorted(
            ((labels[pk][0], labels[pk][1], n) for pk, n in counts.items()), key=lambda row: (-row[2], row[0])
        )
        clusters.append(cluster)
    clusters.sort(key=lambda c: (-c.events, c.kind != "place", c.place, c.latitude, c.longitude))
    return clusters, without_position


def reference_feature(cluster: geo.Cluster) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [cluster.longitude, cluster.latitude]},
        "properties": {
            "kind": cluster.kind,
            "cell_metres": cluster.metres,
            "place": cluster.place,
            "events": cluster.events,
            "crime": cluster.crime,
            "insecurity": cluster.insecurity,
            "categories": [
                {"name": label, "nature": nature, "events": count}
                for label, nature, count in cluster.category_rows
            ],
        },
    }


def fields(cluster: geo.Cluster) -> tuple:
    return (
        cluster.latitude,
        cluster.longitude,
        cluster.kind,
        cluster.metres,
        cluster.place,
        cluster.events,
        cluster.crime,
        cluster.insecurity,
        cluster.categories,
        cluster.category_rows,
    )


def a_week_of_many_kinds():
    """Cells of both sizes with one or several event types (ties in count, told apart by label), bundles,
    ties in events between cells (told apart by point) and between places and cells, named places with
    events from more than one stored cell, events without a position and events not included."""
    make_districts()
    klotter = factories.make_category("Klotter", "crime", translations={"en": "Graffiti"})
    vandalism = factories.make_category("Skadegörelse", "crime", translations={"en": "Vandalism"})
    litter = factories.make_category("Nedskräpning", "insecurity", translations={"en": "Littering"})
    gathering = factories.make_category("Ansamling", "insecurity", translations={"en": "Youths gathering"})

    def at_offset(base, north, east, **extra):
        return incident(position=(base[0] + north, base[1] + east), **extra)

    # Fittja: one square with three event types, two of them with two events each.
    incident(category=klotter, events=2)
    incident(category=gathering, events=2)
    incident(category=litter)
    # Tumba: the same number of events in a square further south, one event type given twice.
    incident(position=TUMBA, category=vandalism, events=3)
    incident(position=TUMBA, category=klotter)
    incident(position=TUMBA, category=klotter)
    # A stairwell at the Fittja door: a 250 m square of its own.
    incident(category=gathering, setting=NamedPlace.Setting.SEMI_PUBLIC)
    # Single events in squares of their own, in both places.
    for number, (north, east) in enumerate(
        [(-0.0025, 0.003), (-0.0025, -0.003), (-0.004, 0), (0.0025, 0.006)]
    ):
        at_offset(DOOR, north, east, category=(klotter, vandalism, litter, gathering)[number])
    for north, east in [(-0.004, -0.006), (-0.006, 0.003)]:
        at_offset(TUMBA, north, east, category=vandalism, events=2)
    # Named places: five events at Tumba centrum (as many as the busiest squares), four at Fittja centrum
    # whose point moved after some were recorded (their stored cells differ), one each at two more.
    tumba = factories.make_place(
        "Tumba centrum", latitude=59.1990, longitude=17.8350, setting=NamedPlace.Setting.SEMI_PUBLIC
    )
    fittja = factories.make_place("Fittja centrum")
    for category, events in [(vandalism, 2), (litter, 3)]:
        factories.make_incident(category=category, named_place=tumba, events=events, occurred_at=at(1))
    moved = [factories.make_incident(category=klotter, named_place=fittja, occurred_at=at(2))]
    moved.append(factories.make_incident(category=litter, named_place=fittja, occurred_at=at(2)))
    factories.make_incident(category=klotter, named_place=fittja, events=2, occurred_at=at(3))
    Incident.objects.filter(pk__in=[each.pk for each in moved]).update(cell_column=F("cell_column") + 1)
    for name in ("Broängen", "Alby torg"):
        factories.make_incident(category=gathering, named_place=factories.make_place(name), occurred_at=at(4))
    # Not on the map: two events with only a district named; one not included; one of another week.
    factories.make_incident(category=klotter, occurred_at=at(), place_text="Tumba", events=2)
    incident(category=klotter, status=Incident.Status.REVIEWED)
    factories.make_incident(
        category=klotter, occurred_at=at() + datetime.timedelta(weeks=1), latitude=DOOR[0], longitude=DOOR[1]
    )
    return {category.name: category for category in (klotter, vandalism, litter, gathering)}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_layer_is_the_plain_computation_of_its_definition(language):
    from django.template.loader import render_to_string
    from django.utils import translation

    categories = a_week_of_many_kinds()
    user = coordinator()
    with translation.override(language):
        result = layer(user)
        clusters, without_position = reference_layer(user, WEEK)
        assert [fields(cluster) for cluster in result.clusters] == [fields(cluster) for cluster in clusters]
        assert result.without_position == without_position == 2
        assert result.events == 30
        assert result.geojson()["features"] == [reference_feature(cluster) for cluster in clusters]
        assert [cluster.feature() for cluster in result.clusters] == result.geojson()["features"]
        context = geo.map_context(user, WEEK, geo.parse_scope(""))
        html = render_to_string("situation/partner/_picture_map.html", context)
        reference = geo.MapLayer(WEEK, geo.parse_scope(""), clusters, without_position)
        assert html == render_to_string(
            "situation/partner/_picture_map.html", {**context, "map_layer": reference}
        )

    # The order, spelled out: most events first, a place before a square with as many, the squares by
    # latitude (Tumba is south of Fittja), the places of one event each by name, then the squares of one.
    assert [(c.kind, c.place or c.metres, c.events) for c in result.clusters] == [
        ("place", "Tumba centrum", 5),
        ("cell", 100, 5),
        ("cell", 100, 5),
        ("place", "Fittja centrum", 4),
        ("cell", 100, 2),
        ("cell", 100, 2),
        ("place", "Alby torg", 1),
        ("place", "Broängen", 1),
        ("cell", 100, 1),
        ("cell", 100, 1),
        ("cell", 100, 1),
        ("cell", 250, 1),
        ("cell", 100, 1),
    ]
    tumba_square, fittja_square = result.clusters[1], result.clusters[2]
    assert tumba_square.latitude < fittja_square.latitude
    assert (tumba_square.latitude, tumba_square.longitude) == geo.cell_centre(*geo.cell_of(*TUMBA, 100), 100)
    assert (tumba_square.crime, tumba_square.insecurity) == (5, 0)
    assert (fittja_square.crime, fittja_square.insecurity) == (2, 3)
    # Two event types with two events each: by label, which depends on the language.
    names = [name for name, _nature, _events in fittja_square.category_rows]
    assert names == (
        ["Ansamling", "Klotter", "Nedskräpning"]
        if language == "sv"
        else ["Graffiti", "Youths gathering", "Littering"]
    )
    # Fittja centrum's graffiti comes from two stored cells (1 and 2 events): one event type, summed.
    fittja_centrum = result.clusters[3]
    assert fittja_centrum.categories == {categories["Klotter"].pk: 3, categories["Nedskräpning"].pk: 1}
    assert (fittja_centrum.latitude, fittja_centrum.longitude) == (59.2475, 17.861)
    assert fittja_centrum.category_rows[0] == ("Klotter" if language == "sv" else "Graffiti", "crime", 3)
