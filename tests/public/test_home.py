from datetime import date

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_shows_each_area_with_its_commitments_and_status_words(client, reported_plan):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skola och förskola" in html
    assert "Bostäder" in html
    assert "2 commitments" in html
    assert "1 commitment" in html
    assert "In progress" in html
    assert "Not reported" in html
    assert 'href="/omraden/politisk-plattform/skola-och-forskola/"' in html


def test_it_shows_the_plan_totals_the_open_period_and_the_rule(client, reported_plan):
    html = client.get("/").content.decode()
    assert "of 3 reported" in html
    # (30 + 0 + 100) / 3 commitments, an unreported one counting as 0 %
    assert "43&nbsp;%" in html
    assert "Tertial report (January–April) 2026" in html
    assert "a commitment never reported counts as 0 %" in html
    assert 'href="/om/#progress"' in html


def test_it_says_when_no_period_is_open(client, small_plan):
    small_plan["period"].is_open = False
    small_plan["period"].save()
    assert "No follow-up period is open for reporting." in client.get("/").content.decode()


def test_it_shows_the_newest_platform_first(client, small_plan):
    factories.make_document("Plattform 2019–2022", slug="plattform-2019", period_start=2019, period_end=2022)
    html = client.get("/").content.decode()
    assert '<h1><span lang="sv" dir="ltr">Politisk plattform</span></h1>' in html


def test_it_lists_other_documents_that_carry_commitments(client, small_plan):
    budget = factories.make_document(
        "Mål och budget 2026", kind="budget", slug="mal-och-budget", adopted_on=date(2025, 6, 12)
    )
    factories.make_commitment(factories.make_area(budget, "Arbetsgivare"), "Minska sjukfrånvaron")
    factories.make_document("Nyhet om trygghet", kind="other", slug="nyhet")
    html = client.get("/").content.decode()
    assert "Other documents with commitments" in html
    assert 'href="/dokument/mal-och-budget/"' in html
    assert "Nyhet om trygghet" not in html


def test_it_explains_how_to_import_a_document_when_there_is_none(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No plan has been published yet" in response.content.decode()
    assert "import-document" in response.content.decode()


def test_it_announces_the_plan_feed(client, small_plan):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/flode.xml"' in html


def test_its_query_count_does_not_grow_with_the_number_of_commitments(
    client, reported_plan, django_assert_max_num_queries
):
    area = reported_plan["areas"][1]
    for number in range(10):
        commitment = factories.make_commitment(
            area, f"Extra åtagande {number}", reported_plan["organisations"]
        )
        factories.report(commitment, reported_plan["period"], "in_progress", 10)
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200
