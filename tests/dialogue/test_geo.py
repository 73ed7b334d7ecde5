"""Positions and place names are placed in Botkyrka's districts, and the map projects both ways."""

from __future__ import annotations

import re

import pytest

from framsteg.places import geo
from tests.dialogue import factories

# Real station points from the bundled districts file, and two points well outside.
FITTJA_STATION = (59.247429, 17.861)
NORSBORG_STATION = (59.243739, 17.815538)
TULLINGE_STATION = (59.20569892752887, 17.90526941954288)
SODERTALJE = (59.1955, 17.6253)


@pytest.fixture
def districts(db):
    return factories.make_districts()


@pytest.mark.parametrize(
    "point",
    [factories.ALBY_STATION, factories.TUMBA_STATION, FITTJA_STATION, TULLINGE_STATION, (59.16722, 17.78972)],
)
def test_stations_are_inside_the_municipality(point):
    assert geo.inside_municipality(*point)


@pytest.mark.parametrize(
    "point", [factories.STOCKHOLM_CITY, SODERTALJE, (0.0, 0.0), (float("nan"), 17.8), (None, None)]
)
def test_other_places_are_outside(point):
    assert not geo.inside_municipality(*point)


@pytest.mark.parametrize(
    ("point", "name"),
    [
        (factories.ALBY_STATION, "Alby"),
        (FITTJA_STATION, "Fittja"),
        (NORSBORG_STATION, "Hallunda-Norsborg"),
        (TULLINGE_STATION, "Tullinge"),
        (factories.TUMBA_STATION, "Tumba"),
        ((59.168318, 17.801361), "Vårsta-Grödinge"),
    ],
)
def test_a_point_belongs_to_the_district_with_the_nearest_point(districts, point, name):
    assert geo.district_for_point(*point).name == name


def test_a_point_outside_belongs_to_no_district(districts):
    assert geo.district_for_point(*factories.STOCKHOLM_CITY) is None


def test_without_districts_no_district_is_found(db):
    assert geo.district_for_point(*factories.ALBY_STATION) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gatlampan vid Tumba torg", "Tumba"),
        ("TUMBA", "Tumba"),
        ("i tullinge centrum", "Tullinge"),
        ("Norsborg, vid bussen", "Hallunda-Norsborg"),
        ("Varsta", "Vårsta-Grödinge"),
        ("Vårsta-Grödinge", "Vårsta-Grödinge"),
        ("Albys centrum", "Alby"),
        ("Storvreten", "Tumba"),
        ("storvreten vid skolan", "Tumba"),
        ("Slagsta strand", "Hallunda-Norsborg"),
        ("Eriksberg", "Hallunda-Norsborg"),
    ],
)
def test_place_names_are_found_in_free_text(districts, text, name):
    district, point = geo.resolve_place(text)
    assert district.name == name
    assert geo.inside_municipality(*point)


def test_a_district_name_gives_the_districts_point(districts):
    assert geo.resolve_place("Fittja") == (districts["Fittja"], FITTJA_STATION)


def test_an_area_name_gives_a_point_inside_the_area(districts):
    district, (latitude, longitude) = geo.resolve_place("Storvreten")
    assert district == districts["Tumba"]
    assert geo.district_for_point(latitude, longitude) == districts["Tumba"]
    assert (latitude, longitude) != (districts["Tumba"].latitude, districts["Tumba"].longitude)


@pytest.mark.parametrize("text", ["", "Drottninggatan 12, Stockholm", "Tumbavägen", "Albyn", "al"])
def test_unknown_places_and_parts_of_words_are_not_matched(districts, text):
    assert geo.resolve_place(text) == (None, None)


def test_every_statistical_area_has_a_point_inside_the_municipality():
    areas = geo.statistical_areas()
    assert len(areas) == 20
    assert all(geo.inside_municipality(area.latitude, area.longitude) for area in areas)


def test_the_map_keeps_botkyrka_in_proportion():
    projection = geo.botkyrka_map()
    assert projection.view_box.startswith("0 0 600 ")
    width, height = (int(value) for value in projection.view_box.split()[2:])
    # Botkyrka is about 18 km wide and 25 km tall.
    assert 1.2 < height / width < 1.5


def test_the_outline_is_a_closed_svg_path_inside_the_view_box():
    projection = geo.botkyrka_map()
    path = projection.outline_path
    assert path.startswith("M") and path.endswith("Z")
    numbers = [float(value) for value in re.findall(r"-?\d+(?:\.\d+)?", path)]
    assert len(numbers) == 2 * 335
    assert all(0 <= value <= projection.height for value in numbers)
    assert all(len(value.split(".")[-1]) <= 1 for value in re.findall(r"\d+\.\d+", path))


def test_points_convert_to_the_map_and_back():
    projection = geo.botkyrka_map()
    x, y = projection.to_svg(*factories.ALBY_STATION)
    assert 0 < x < 600 and 0 < y < projection.height
    latitude, longitude = projection.from_svg(x, y)
    assert latitude == pytest.approx(factories.ALBY_STATION[0], abs=0.0005)
    assert longitude == pytest.approx(factories.ALBY_STATION[1], abs=0.0005)
    # North is up and east is right: Tumba is south of Alby, Tullinge east of Tumba.
    assert projection.to_svg(*factories.TUMBA_STATION)[1] > y
    assert projection.to_svg(*TULLINGE_STATION)[0] > projection.to_svg(*factories.TUMBA_STATION)[0]


def test_the_map_shows_each_districts_point(districts):
    points = geo.botkyrka_map().district_points
    assert [district.name for district, _x, _y in points] == sorted(districts)
    alby = next((x, y) for district, x, y in points if district.name == "Alby")
    assert alby == geo.botkyrka_map().to_svg(*factories.ALBY_STATION)
