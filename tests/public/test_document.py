import pytest

from framsteg.steering.models import DocumentLink, DocumentVersion
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/dokument/politisk-plattform/"


def test_it_shows_the_metadata_and_areas_of_the_document(client, small_plan):
    document = small_plan["document"]
    document.author = "Majoriteten"
    document.source_url = "https://www.botkyrka.se/plattform"
    document.save()
    html = client.get(URL).content.decode()
    assert "Political platform" in html
    assert "2023–2026" in html
    assert "Majoriteten" in html
    assert 'href="https://www.botkyrka.se/plattform"' in html
    assert 'href="/omraden/politisk-plattform/bostader/"' in html


def test_it_shows_the_original_text_with_each_commitment_marked_and_linked(client, small_plan):
    html = client.get(URL).content.decode()
    for commitment in small_plan["commitments"]:
        assert (
            f'<mark class="commitment-mark" id="c-{commitment.pk}"><a href="/atagande/{commitment.pk}/"'
            in html
        )
    assert "Det är svårt att hitta en bostad." in html


def test_it_does_not_mark_commitments_whose_offsets_belong_to_an_older_version(client, small_plan):
    text = "Politisk plattform\n\nHelt ny text utan åtaganden på samma ställen.\n"
    DocumentVersion.objects.create(
        document=small_plan["document"], number=2, text=text, format="text", sha256="b" * 64
    )
    html = client.get(URL).content.decode()
    assert "commitment-mark" not in html
    assert "Helt ny text" in html
    assert "3 commitments could not be placed in this text" in html


def test_it_lists_versions_with_their_changes(client, small_plan):
    DocumentVersion.objects.create(
        document=small_plan["document"],
        number=2,
        text=small_plan["document"].current_version.text,
        format="text",
        sha256="c" * 64,
        changes={
            "added": ["Nytt åtagande"],
            "removed": [],
            "reworded": [{"from": "Gammal", "to": "Ny"}],
            "unchanged": 3,
        },
    )
    html = client.get(URL).content.decode()
    assert "Version 2" in html
    assert "Version 1" in html
    assert "Commitments added: 1" in html
    assert "Commitments unchanged: 3" in html
    assert "Gammal → Ny" in html


def test_a_document_without_commitments_shows_only_confirmed_links(client, small_plan):
    preschool, reading, _ = small_plan["commitments"]
    news = factories.make_document("Nyhet om förskolan", kind="other", slug="nyhet")
    DocumentLink.objects.create(document=news, commitment=preschool, state=DocumentLink.State.CONFIRMED)
    DocumentLink.objects.create(document=news, commitment=reading, state=DocumentLink.State.SUGGESTED)
    html = client.get("/dokument/nyhet/").content.decode()
    assert f'href="/atagande/{preschool.pk}/"' in html
    assert f'href="/atagande/{reading.pk}/"' not in html


def test_it_answers_not_found_for_an_unknown_document(client, small_plan):
    assert client.get("/dokument/okand/").status_code == 404


def test_the_documents_list_shows_every_document_with_its_commitment_count(
    client, small_plan, django_assert_max_num_queries
):
    factories.make_document("Nyhet om trygghet", kind="other", slug="nyhet")
    with django_assert_max_num_queries(3):
        html = client.get("/dokument/").content.decode()
    assert 'href="/dokument/politisk-plattform/"' in html
    assert 'href="/dokument/nyhet/"' in html
    assert ">3</td>" in html
