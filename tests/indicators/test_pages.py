"""The dashboard, the indicator page, its CSV and the carbon budget page, and indicators on plan pages."""

import pytest
from django.utils import translation

from framsteg.indicators.models import Indicator, Target
from framsteg.indicators.services.releases import store_release
from tests import factories
from tests.indicators.pages_data import RETRIEVED, build_indicators, rows


@pytest.fixture
def indicators(small_plan):
    return {**small_plan, **build_indicators(small_plan["areas"][0], small_plan["commitments"][0])}


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield client


def test_the_dashboard_lists_every_indicator_with_its_verdict_in_words(english, indicators):
    page = english.get("/indikatorer/").content.decode()

    assert "Elever i åk 9 som är behöriga till yrkesprogram" in page
    assert "81.6" in page and "(2024)" in page
    assert "Off track" in page  # 81.6 and falling, far from 95 by 2026
    assert "No target" in page
    assert 'Source: Kolada, KPI <bdi dir="ltr">N15428</bdi>, retrieved 12 December 2024' in page


def test_the_dashboard_filters_by_area(english, indicators):
    housing = indicators["areas"][1]
    indicators["emissions"].areas.add(housing)

    page = english.get(f"/indikatorer/?omrade={housing.pk}").content.decode()

    assert "Utsläpp av växthusgaser" in page
    assert "Meritvärde i åk 9" not in page


def test_the_dashboard_takes_few_queries_however_many_indicators(
    english, indicators, django_assert_max_num_queries
):
    for number in range(10):
        extra = Indicator.objects.create(
            name=f"Extra {number}", slug=f"extra-{number}", direction="higher", source_kind="own"
        )
        extra.areas.add(indicators["areas"][number % 2])
        Target.objects.create(indicator=extra, value=10, year=2030)
        store_release(extra, "egna", rows({2020: "1", 2021: "2", 2022: "4"}), retrieved_at=RETRIEVED)
    with django_assert_max_num_queries(7):
        assert english.get("/indikatorer/").status_code == 200


def test_the_indicator_page_shows_chart_table_target_and_source(english, indicators):
    page = english.get("/indikatorer/behoriga-yrkesprogram/").content.decode()

    assert 'role="img"' in page
    assert "Kolada’s description" in page
    assert "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)" in page
    assert "Target: 95.0 % by 2026" in page
    assert "Nämndens mål" in page
    assert "Liknande kommuner, övergripande, Botkyrka, 2025 (mean of the member municipalities)" in page
    assert "<td>86.2</td>" in page  # 2023: the mean of Järfälla's 87.5 and Haninge's 84.9
    assert "Women" in page and "<td>79.3</td>" in page
    assert "How the judgement is made" in page
    assert "80 % band" in page


def test_the_indicator_page_shows_linked_commitments_with_the_owners_status(english, indicators):
    commitment = indicators["commitments"][0]
    factories.report(commitment, indicators["period"], "done", 100)

    page = english.get("/indikatorer/behoriga-yrkesprogram/").content.decode()

    assert commitment.text in page
    assert "Done" in page


def test_an_indicator_without_values_says_how_to_fetch_them(english, indicators):
    page = english.get("/indikatorer/meritvarde/").content.decode()

    assert "No values are bundled for this indicator." in page
    assert "framsteg sync-kolada --kpi N15507" in page
    assert '<svg class="chart"' not in page


def test_an_old_release_can_be_inspected_and_is_labelled_as_not_current(english, indicators):
    old = indicators["emissions"].releases.get(label="data to 2023")

    page = english.get(f"/indikatorer/utslapp/?release={old.pk}").content.decode()

    assert "This is not the current release." in page
    assert "SMHI, release with data to 2023" in page
    assert "117,059" not in page and "117059" not in page


def test_the_current_page_lists_other_releases(english, indicators):
    page = english.get("/indikatorer/utslapp/").content.decode()

    assert "data to 2023" in page
    assert "This is not the current release." not in page


def test_a_release_of_another_indicator_is_not_found(english, indicators):
    other = indicators["pupils"].releases.get()

    assert english.get(f"/indikatorer/utslapp/?release={other.pk}").status_code == 404


def test_the_indicator_page_takes_few_queries(english, indicators, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        assert english.get("/indikatorer/behoriga-yrkesprogram/").status_code == 200


def test_the_csv_is_the_charts_data_with_a_byte_order_mark(client, indicators):
    response = client.get("/indikatorer/behoriga-yrkesprogram/data.csv")

    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff")
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("År,Botkyrka,") or lines[0].startswith("Year,Botkyrka,")
    assert any(line.startswith("2024,81.6,") for line in lines)
    assert lines[-1].startswith("2026,")  # the target year, with the trend and the target


def test_the_csv_of_an_old_release_holds_that_release(client, indicators):
    old = indicators["emissions"].releases.get(label="data to 2023")

    body = client.get(f"/indikatorer/utslapp/data.csv?release={old.pk}").content.decode()

    assert "2023,99669.0" in body
    assert "117059" not in body


def test_the_carbon_budget_page_shows_what_is_left_and_the_formula(english, indicators):
    page = english.get(f"/indikatorer/koldioxidbudget/{indicators['budget'].pk}/").content.decode()

    assert "Botkyrkas koldioxidbudget" in page
    assert "r = 1 − e^(−E0 / B)" in page
    assert "data to 2024" in page  # the current release only
    assert "380,646" in page  # 900 000 minus 2020–2024 of the current release
    assert "103,000" not in page  # a value only in the old release


def test_the_area_page_shows_the_numbers_beside_the_owners_status(english, indicators):
    commitment = indicators["commitments"][0]
    factories.report(commitment, indicators["period"], "done", 100)

    page = english.get(indicators["areas"][0].get_absolute_url()).content.decode()

    assert 'id="indicators-heading"' in page
    assert "The numbers say" in page and "The owner reports" in page
    assert "Opinion and numbers disagree." in page
    assert "The owner reports “Done”, but the numbers are off track" in page


def test_the_commitment_page_shows_its_indicators(english, indicators):
    commitment = indicators["commitments"][0]
    factories.report(commitment, indicators["period"], "delayed", 10, reason="Lokaler saknas")

    page = english.get(commitment.get_absolute_url()).content.decode()

    assert "Elever i åk 9 som är behöriga till yrkesprogram" in page
    assert "Off track" in page
    assert "Opinion and numbers disagree." not in page


def test_a_commitment_without_indicators_has_no_indicator_section(english, indicators):
    page = english.get(indicators["commitments"][2].get_absolute_url()).content.decode()

    assert 'id="indicators-heading"' not in page


def test_the_area_page_query_count_stays_bounded_with_indicators(
    english, indicators, django_assert_max_num_queries
):
    for number in range(5):
        Target.objects.create(indicator=indicators["merit"], value=200 + number, year=2030 + number)
    # The plan's 8 (one of them for the latest judged period), one for the indicators, four to assess them.
    with django_assert_max_num_queries(12):
        assert english.get(indicators["areas"][0].get_absolute_url()).status_code == 200
