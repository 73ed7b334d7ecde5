import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def results(client, **params) -> str:
    response = client.get("/sok/", params)
    assert response.status_code == 200
    return response.content.decode()


def listed(html: str, commitment) -> bool:
    return f'href="/atagande/{commitment.pk}/"' in html


def test_without_filters_it_lists_every_current_commitment(client, small_plan):
    html = results(client)
    assert "3 commitments" in html
    assert all(listed(html, commitment) for commitment in small_plan["commitments"])


def test_words_match_commitment_text_case_insensitively(client, small_plan):
    preschool, reading, building = small_plan["commitments"]
    html = results(client, q="FÖRSKOLAN")
    assert listed(html, preschool)
    assert not listed(html, reading)
    assert not listed(html, building)


def test_words_match_the_area_title(client, small_plan):
    preschool, _, building = small_plan["commitments"]
    html = results(client, q="bostäder")
    assert listed(html, building)
    assert not listed(html, preschool)


def test_it_filters_by_area_organisation_and_document(client, small_plan):
    preschool, reading, building = small_plan["commitments"]
    html = results(client, area=small_plan["areas"][1].pk)
    assert listed(html, building) and not listed(html, preschool)
    html = results(client, organisation="utbildningsnamnden")
    assert listed(html, preschool) and listed(html, reading) and not listed(html, building)
    other = factories.make_document("Mål och budget", kind="budget", slug="budget")
    elsewhere = factories.make_commitment(factories.make_area(other, "Arbetsgivare"), "Minska sjukfrånvaron")
    html = results(client, document="budget")
    assert listed(html, elsewhere) and not listed(html, preschool)


def test_it_filters_by_latest_status_and_by_not_reported(client, reported_plan):
    preschool, reading, building = reported_plan["commitments"]
    html = results(client, status="in_progress")
    assert listed(html, preschool) and not listed(html, reading) and not listed(html, building)
    # the corrected report said "delayed"; the correction is the latest
    assert "0 commitments" in results(client, status="delayed")
    html = results(client, status="not_reported")
    assert listed(html, reading) and not listed(html, preschool) and not listed(html, building)


def test_filters_combine_and_keep_their_values(client, reported_plan):
    reading = reported_plan["commitments"][1]
    html = results(client, q="läs", organisation="utbildningsnamnden", status="not_reported")
    assert "1 commitment" in html
    assert listed(html, reading)
    assert 'value="läs"' in html
    assert '<option value="utbildningsnamnden" selected lang="sv">' in html
    assert '<option value="not_reported" selected>' in html


def test_an_unknown_filter_value_is_explained_and_the_words_are_kept(client, small_plan):
    html = results(client, q="förskolan", area="inte-ett-område")
    assert "Some filters could not be used" in html
    assert 'value="förskolan"' in html
    assert listed(html, small_plan["commitments"][0])


def test_it_says_so_when_nothing_matches(client, small_plan):
    html = results(client, q="rymdstation")
    assert "0 commitments" in html
    assert "No commitment matches these words and filters." in html


def test_it_pages_fifty_results_at_a_time_and_keeps_filters_in_page_links(
    client, small_plan, django_assert_max_num_queries
):
    area = small_plan["areas"][0]
    for number in range(60):
        factories.make_commitment(area, f"Extra åtagande {number}", small_plan["organisations"])
    with django_assert_max_num_queries(8):
        html = results(client, q="extra")
    assert "60 commitments" in html
    assert html.count('<span class="ref">') == 50
    assert 'href="?q=extra&amp;page=2"' in html
    html = results(client, q="extra", page=2)
    assert html.count('<span class="ref">') == 10
    assert "Page 2 of 2" in html
