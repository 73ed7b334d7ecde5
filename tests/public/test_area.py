import pytest

from framsteg.steering.models import CandidateTarget
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/omraden/politisk-plattform/skola-och-forskola/"


def test_it_shows_breadcrumbs_narrative_and_the_roll_up_with_its_rule(client, reported_plan):
    html = client.get(URL).content.decode()
    assert 'class="breadcrumbs"' in html
    assert 'href="/dokument/politisk-plattform/"' in html
    assert '<h1><span lang="sv" dir="ltr">Skola och förskola</span></h1>' in html
    assert "Alla barn ska lyckas i skolan." in html
    assert "of 2 reported" in html
    # (30 + 0) / 2
    assert "15&nbsp;%" in html
    assert "Each commitment counts once" in html


def test_it_lists_commitments_with_reference_status_owner_progress_and_report_date(client, reported_plan):
    preschool, reading, _ = reported_plan["commitments"]
    html = client.get(URL).content.decode()
    assert f'href="/atagande/{preschool.pk}/"' in html
    assert f'href="/atagande/{reading.pk}/"' in html
    assert '</span><bdi dir="ltr">1.1</bdi></span>' in html
    assert '</span><bdi dir="ltr">1.2</bdi></span>' in html
    assert "In progress" in html
    assert "Not reported" in html
    assert "Utbildningsnämnden" in html
    assert "30&nbsp;%" in html
    assert "Last report:" in html
    assert "No report yet" in html


def test_it_notes_when_the_area_name_was_derived_from_the_content(client, small_plan):
    assert "Name derived from the content" not in client.get(URL).content.decode()
    area = small_plan["areas"][0]
    area.title_inferred = True
    area.save()
    assert "Name derived from the content" in client.get(URL).content.decode()


def test_it_shows_the_candidate_targets_of_the_area(client, small_plan):
    document, housing = small_plan["document"], small_plan["areas"][1]
    text = document.current_version.text
    start = text.index("ca 500 bostäder")
    CandidateTarget.objects.create(
        document=document,
        version=document.current_version,
        area=housing,
        text="ca 500 bostäder per år",
        value=500,
        unit="bostäder per år",
        qualifier="ca",
        context="en byggtakt på ca 500 bostäder per år",
        source_start=start,
        source_end=start + len("ca 500 bostäder per år"),
    )
    html = client.get("/omraden/politisk-plattform/bostader/").content.decode()
    assert "Candidate targets" in html
    assert "ca 500" in html
    assert "en byggtakt på ca 500 bostäder per år" in html


def test_it_links_the_area_feed(client, small_plan):
    html = client.get(URL).content.decode()
    assert (
        'type="application/atom+xml" href="/omraden/politisk-plattform/skola-och-forskola/flode.xml"' in html
    )


@pytest.mark.parametrize("url", ["/omraden/politisk-plattform/okand/", "/omraden/okand/skola-och-forskola/"])
def test_it_answers_not_found_for_an_unknown_area_or_document(client, small_plan, url):
    assert client.get(url).status_code == 404


def test_its_query_count_does_not_grow_with_the_number_of_commitments(
    client, reported_plan, django_assert_max_num_queries
):
    area = reported_plan["areas"][0]
    for number in range(10):
        commitment = factories.make_commitment(
            area, f"Extra åtagande {number}", reported_plan["organisations"]
        )
        factories.report(commitment, reported_plan["period"], "done", 100)
    # One more than before indicators: the query for the area's indicators (none here); one more for the
    # latest period with a published judgement of a goal (none here).
    with django_assert_max_num_queries(9):
        assert client.get(URL).status_code == 200
