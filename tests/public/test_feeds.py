import xml.etree.ElementTree as ET

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def test_the_plan_feed_is_atom_with_every_update_newest_first(client, reported_plan):
    preschool = reported_plan["commitments"][0]
    correction = reported_plan["correction"]
    root = feed(client, "/flode.xml")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert (
        titles[0]
        == "2.1 Genom en hög planberedskap möjliggöra en byggtakt på ca 500 bostäder per år: Done 100 %"
    )
    assert "Correction: 1.1 Få fler barn att börja förskolan: In progress 30 %" in titles
    link = next(entry for entry in entries if "Correction" in entry.findtext(f"{ATOM}title"))
    assert link.find(f"{ATOM}link").get("href").endswith(f"/atagande/{preschool.pk}/#update-{correction.pk}")
    assert link.findtext(f"{ATOM}updated")
    assert "Under way in three districts." in link.findtext(f"{ATOM}summary")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)


def test_the_area_feed_has_only_that_areas_updates(client, reported_plan):
    root = feed(client, "/omraden/politisk-plattform/bostader/flode.xml")
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert titles == [
        "2.1 Genom en hög planberedskap möjliggöra en byggtakt på ca 500 bostäder per år: Done 100 %"
    ]
    assert "Bostäder" in root.findtext(f"{ATOM}title")


def test_the_area_feed_answers_not_found_for_an_unknown_area(client, small_plan):
    assert client.get("/omraden/politisk-plattform/okand/flode.xml").status_code == 404


def test_the_feed_query_count_does_not_grow_with_the_number_of_updates(
    client, small_plan, django_assert_max_num_queries
):
    for commitment in small_plan["commitments"]:
        for progress in (10, 20, 30):
            factories.report(
                commitment,
                small_plan["period"],
                "in_progress",
                progress,
                organisation=small_plan["organisations"][0],
            )
    with django_assert_max_num_queries(1):
        assert len(feed(client, "/flode.xml").findall(f"{ATOM}entry")) == 9
    with django_assert_max_num_queries(2):
        assert (
            len(feed(client, "/omraden/politisk-plattform/bostader/flode.xml").findall(f"{ATOM}entry")) == 3
        )
