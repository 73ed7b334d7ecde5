"""District names on the maps: placed together so that none overlaps another name or covers a point."""

from __future__ import annotations

import re
from itertools import combinations

import pytest

from framsteg.dialogue.views.public.reports import LABEL_FONT_SIZE
from framsteg.dialogue.views.resident.report import MAP_LABEL_SIZE
from framsteg.places import geo
from tests.dialogue import factories

pytestmark = pytest.mark.django_db

NORTH = {"Alby", "Fittja", "Hallunda-Norsborg"}


@pytest.fixture
def districts():
    return factories.make_districts()


def text_element(label: geo.DistrictLabel) -> str:
    return (
        f'<text x="{label.label_x:g}" y="{label.label_y:g}" text-anchor="{label.anchor}">{label.name}</text>'
    )


def box(label: geo.DistrictLabel, size: float) -> tuple[float, float, float, float]:
    """The room a name takes, estimated as generously as the placement does."""
    width = len(label.name) * size * geo.CHARACTER_WIDTH
    start = {"middle": label.label_x - width / 2, "start": label.label_x, "end": label.label_x - width}
    left = start[label.anchor]
    return left, label.label_y - size, left + width, label.label_y + size / 4


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", [LABEL_FONT_SIZE, MAP_LABEL_SIZE])
def test_no_two_names_overlap_and_none_covers_another_districts_point(districts, size):
    projection = geo.botkyrka_map()
    labels = geo.district_labels(projection, size)

    assert sorted(label.name for label in labels) == sorted(districts)
    for first, second in combinations(labels, 2):
        assert not overlap(box(first, size), box(second, size)), (first.name, second.name)
    for label in labels:
        left, top, right, bottom = box(label, size)
        assert left >= 0 and top >= 0
        assert right <= projection.width and bottom <= projection.height
        for other in labels:
            if other is not label:
                assert not overlap(
                    (left, top, right, bottom), (other.x - 4, other.y - 4, other.x + 4, other.y + 4)
                )


def test_each_name_stays_beside_its_own_point(districts):
    projection = geo.botkyrka_map()
    for label in geo.district_labels(projection, MAP_LABEL_SIZE):
        assert (label.x, label.y) == projection.to_svg(
            districts[label.name].latitude, districts[label.name].longitude
        )
        left, top, right, bottom = box(label, MAP_LABEL_SIZE)
        gap_x = max(left - label.x, label.x - right, 0)
        gap_y = max(top - label.y, label.y - bottom, 0)
        assert gap_x <= geo.LABEL_GAP and gap_y <= geo.LABEL_GAP, label


def test_the_northern_names_are_not_all_put_above_their_points(districts):
    """Alby, Fittja and Hallunda-Norsborg lie so close together that names above each would collide."""
    labels = {label.name: label for label in geo.district_labels(geo.botkyrka_map(), MAP_LABEL_SIZE)}
    above = [
        name for name in NORTH if labels[name].anchor == "middle" and labels[name].label_y < labels[name].y
    ]
    assert len(above) < len(NORTH)


def test_names_of_two_districts_at_one_spot_are_written_apart(db):
    for name in ("Norra", "Södra"):
        factories.make_district(
            name, latitude=factories.TUMBA_STATION[0], longitude=factories.TUMBA_STATION[1]
        )

    first, second = geo.district_labels(geo.botkyrka_map(), MAP_LABEL_SIZE)

    assert not overlap(box(first, MAP_LABEL_SIZE), box(second, MAP_LABEL_SIZE))


def test_every_name_is_written_even_when_the_names_cannot_all_be_kept_apart(db):
    names = ["Norra", "Södra", "Västra", "Östra", "Mitten"]
    for name in names:
        factories.make_district(
            name, latitude=factories.TUMBA_STATION[0], longitude=factories.TUMBA_STATION[1]
        )

    labels = geo.district_labels(geo.botkyrka_map(), MAP_LABEL_SIZE)

    assert sorted(label.name for label in labels) == sorted(names)
    assert len({(label.label_x, label.label_y, label.anchor) for label in labels}) > 1


def test_no_districts_means_no_names(db):
    assert geo.district_labels(geo.botkyrka_map(), MAP_LABEL_SIZE) == []


def test_the_map_picker_draws_the_placed_names_large_enough_for_a_phone(client, districts):
    factories.make_category()
    html = client.get("/anmal/felanmalan/").content.decode()

    picker = html[html.index('class="map-picker__districts"') :]
    picker = picker[: picker.index("</g>")]
    assert f'font-size="{MAP_LABEL_SIZE}"' in picker
    # On a 390 pixel phone the 600 units wide map is about 320 pixels wide: at least 13 pixels per letter.
    assert MAP_LABEL_SIZE * 320 / 600 >= 13
    labels = geo.district_labels(geo.botkyrka_map(), MAP_LABEL_SIZE)
    for label in labels:
        assert text_element(label) in picker
        # The script finds the nearest district by the points, which keep their names.
        assert f'data-name="{label.name}" cx="{label.x:g}" cy="{label.y:g}"' in picker
    assert len(re.findall(r"<text ", picker)) == len(districts)


def test_the_public_map_uses_the_same_placement(client, districts):
    html = client.get("/anmalningar/").content.decode()

    for label in geo.district_labels(geo.botkyrka_map(), LABEL_FONT_SIZE):
        assert text_element(label) in html
