"""Public positions are about 50 m from the resident's exact one; staff keep the exact position."""

import itertools
import json
import math
import random

import pytest
from django.test import Client
from django.urls import reverse

from framsteg.dialogue.selectors.geo import GRID_METRES, public_position, rounded_position
from tests import factories as staff_factories
from tests.dialogue import factories

pytestmark = pytest.mark.django_db

# A position with more digits than any rounding keeps, so that any part of it in a page is recognisable.
EXACT = (59.2012347, 17.8298765)


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    scale = math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(a[0] - b[0], (a[1] - b[1]) * scale) * 111_320


def exact_digits(latitude: float, longitude: float) -> list[str]:
    """How the exact position could appear in text: whole, or cut to 5 or 4 decimals."""
    found = []
    for value in (latitude, longitude):
        found += [repr(value), f"{value:.5f}", f"{value:.4f}"]
    return found


def test_a_rounded_position_is_within_about_fifty_metres_and_never_the_exact_one():
    generator = random.Random(127)
    for _ in range(2_000):
        exact = (59.15 + generator.random() * 0.12, 17.75 + generator.random() * 0.2)
        public = rounded_position(*exact)
        assert metres_between(exact, public) <= GRID_METRES * math.sqrt(2) / 2 + 1
        assert public != exact


def test_every_position_in_a_grid_cell_gives_the_same_public_point():
    public = rounded_position(*EXACT)
    assert rounded_position(*public) == public
    neighbours = {
        rounded_position(EXACT[0] + dy, EXACT[1] + dx) for dy in (-4e-6, 4e-6) for dx in (-4e-6, 4e-6)
    }
    assert neighbours == {public}


def test_nearby_positions_fall_in_cells_about_fifty_metres_apart():
    """Walking east or north, the public point changes in steps of about the grid size, never finer."""
    points = {rounded_position(EXACT[0], EXACT[1] + step * 1e-5) for step in range(400)}
    longitudes = sorted(longitude for _latitude, longitude in points)
    gaps = [metres_between((EXACT[0], a), (EXACT[0], b)) for a, b in itertools.pairwise(longitudes)]
    assert gaps and all(GRID_METRES - 2 <= gap <= GRID_METRES + 2 for gap in gaps)
    points = {rounded_position(EXACT[0] + step * 1e-5, EXACT[1]) for step in range(400)}
    latitudes = sorted(latitude for latitude, _longitude in points)
    gaps = [metres_between((a, EXACT[1]), (b, EXACT[1])) for a, b in itertools.pairwise(latitudes)]
    assert gaps and all(GRID_METRES - 2 <= gap <= GRID_METRES + 2 for gap in gaps)


def test_a_case_without_a_position_has_no_public_position():
    case = factories.make_case(latitude=None, longitude=None)
    assert public_position(case) is None


@pytest.fixture
def located():
    factories.make_districts()
    return factories.make_case(
        place="Vid lekplatsen", latitude=EXACT[0], longitude=EXACT[1], published_text="Lampan är släckt."
    )


def public_outputs(client: Client, case) -> dict[str, str]:
    reference = case.reference
    return {
        "list": client.get("/anmalningar/").content.decode(),
        "case page": client.get(f"/anmalningar/{reference}/").content.decode(),
        "csv": b"".join(client.get("/anmalningar.csv").streaming_content).decode(),
        "open311 json": client.get("/open311/v2/requests.json").content.decode(),
        "open311 xml": client.get("/open311/v2/requests.xml").content.decode(),
        "open311 one": client.get(f"/open311/v2/requests/{reference}.json").content.decode(),
    }


def test_no_public_output_holds_the_exact_position(client, located):
    outputs = public_outputs(client, located)
    for name, body in outputs.items():
        for digits in exact_digits(*EXACT):
            assert digits not in body, (name, digits)


def test_the_csv_and_open311_give_the_rounded_position(client, located):
    latitude, longitude = public_position(located)
    outputs = public_outputs(client, located)
    row = next(line for line in outputs["csv"].splitlines() if located.reference in line)
    assert f",{latitude},{longitude}," in row
    (request,) = json.loads(outputs["open311 json"])
    assert (request["lat"], request["long"]) == (latitude, longitude)


def test_staff_see_the_exact_position(located):
    administration = staff_factories.make_organisation("Tekniska förvaltningen", kind="administration")
    located.organisation = administration
    located.save(update_fields=["organisation"])
    officer = staff_factories.make_user("olle", administration, first_name="Olle", last_name="Ek")
    client = Client(headers={"accept-language": "en"})
    client.force_login(officer)
    page = client.get(reverse("cases:detail", args=[located.year, located.number])).content.decode()
    assert f"{EXACT[0]:.5f}" in page and f"{EXACT[1]:.5f}" in page
