"""Indicators, their measurements by release and the carbon budgets are open data under /api/v1/."""

import pytest

from tests.indicators.pages_data import build_indicators


@pytest.fixture
def indicators(small_plan):
    return {**small_plan, **build_indicators(small_plan["areas"][0], small_plan["commitments"][0])}


def test_it_lists_indicators_with_target_release_and_judgement(client, indicators):
    body = client.get("/api/v1/indicators").json()

    assert body["count"] == 3
    pupils = next(item for item in body["items"] if item["slug"] == "behoriga-yrkesprogram")
    assert pupils["source"]["kolada_kpi"] == "N15428"
    assert pupils["targets"] == [
        {
            "kind": "level",
            "value": "95.000000",
            "year": 2026,
            "note": "Nämndens mål",
            "candidate": None,
            "verdict": "off_track",
        }
    ]
    assert pupils["current_release"]["label"] == "Kolada 2024-12-12"
    assert pupils["latest"] == {"period": 2024, "value": 81.6}
    assert pupils["judgement"]["verdict"] == "off_track"
    assert pupils["areas"] == [indicators["areas"][0].pk]
    assert pupils["commitments"] == [indicators["commitments"][0].pk]


def test_an_indicator_without_values_has_no_release_and_no_judgement(client, indicators):
    merit = client.get("/api/v1/indicators/meritvarde").json()

    assert merit["current_release"] is None
    assert merit["latest"] is None
    assert merit["judgement"] is None
    assert merit["releases"] == []


def test_one_indicator_lists_all_its_releases(client, indicators):
    body = client.get("/api/v1/indicators/utslapp").json()

    assert [(r["label"], r["is_current"]) for r in body["releases"]] == [
        ("data to 2024", True),
        ("data to 2023", False),
    ]


def test_an_unknown_indicator_is_a_json_404(client, indicators):
    response = client.get("/api/v1/indicators/finns-inte")

    assert response.status_code == 404
    assert response.json()["detail"] == "No indicator with the slug “finns-inte”."


def test_measurements_come_from_the_current_release_unless_another_is_asked(client, indicators):
    current = client.get("/api/v1/indicators/utslapp/measurements").json()
    old = indicators["emissions"].releases.get(label="data to 2023")
    previous = client.get(f"/api/v1/indicators/utslapp/measurements?release={old.pk}").json()

    assert current["count"] == 5
    assert {row["release"] for row in current["items"]} == {indicators["emissions"].current_release().pk}
    assert previous["count"] == 4
    assert previous["items"][-1]["value"] == "99669.000000"
    assert previous["items"][-1]["source"] == "SMHI, release with data to 2023"


def test_measurements_filter_by_municipality_and_gender_and_page(client, indicators):
    women = client.get("/api/v1/indicators/behoriga-yrkesprogram/measurements?gender=K").json()
    haninge = client.get(
        "/api/v1/indicators/behoriga-yrkesprogram/measurements?municipality=0136&page_size=2"
    ).json()

    assert [(row["period"], row["value"]) for row in women["items"]] == [(2024, "79.300000")]
    assert haninge["count"] == 3
    assert len(haninge["items"]) == 2
    assert "page=2" in haninge["next"]


def test_a_bad_gender_or_release_is_refused_with_a_message(client, indicators):
    other = indicators["pupils"].releases.get()

    bad_gender = client.get("/api/v1/indicators/utslapp/measurements?gender=X")
    foreign_release = client.get(f"/api/v1/indicators/utslapp/measurements?release={other.pk}")

    assert bad_gender.status_code == 422
    assert "'T', 'K' or 'M'" in bad_gender.json()["detail"][0]["msg"]
    assert foreign_release.status_code == 404


def test_carbon_budgets_are_counted_against_the_current_release(client, indicators):
    body = client.get("/api/v1/carbon-budgets").json()

    budget = body["items"][0]
    assert budget["release"]["label"] == "data to 2024"
    assert budget["status"]["emitted_since_start"] == pytest.approx(519_354)
    assert budget["status"]["remaining"] == pytest.approx(380_646)
    assert budget["status"]["last_year"] == 2024


def test_listing_indicators_takes_few_queries(client, indicators, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        assert client.get("/api/v1/indicators").status_code == 200
