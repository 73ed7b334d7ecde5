import pytest
from django.urls import reverse

from framsteg.steering.models import DocumentLink
from tests import factories


@pytest.fixture
def suggestion(small_plan):
    news = factories.make_document("Botkyrka satsar på förskolan", kind="other", slug="nyhet")
    return DocumentLink.objects.create(document=news, commitment=small_plan["commitments"][0], score=0.42)


def decide(client, link, decision):
    return client.post(reverse("staff:link-decide", args=[link.pk]), {"decision": decision})


def test_the_page_lists_suggested_links_with_their_buttons(small_plan, people, suggestion, as_user):
    html = as_user(people["reporter"]).get(reverse("staff:links")).content.decode()
    assert "Botkyrka satsar på förskolan" in html
    assert small_plan["commitments"][0].text in html
    assert reverse("staff:link-decide", args=[suggestion.pk]) in html


def test_confirming_records_who_decided_and_when(people, suggestion, as_user):
    response = decide(as_user(people["reporter"]), suggestion, "confirm")
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == DocumentLink.State.CONFIRMED
    assert suggestion.decided_by == people["reporter"]
    assert suggestion.decided_at is not None


def test_rejecting_keeps_the_link_as_rejected(people, suggestion, as_user):
    decide(as_user(people["coordinator"]), suggestion, "reject")
    suggestion.refresh_from_db()
    assert suggestion.state == DocumentLink.State.REJECTED
    assert suggestion.decided_by == people["coordinator"]


def test_someone_without_responsibility_for_the_commitment_may_not_decide(people, suggestion, as_user):
    client = as_user(people["outsider"])
    assert decide(client, suggestion, "confirm").status_code == 403
    assert suggestion.commitment.text not in client.get(reverse("staff:links")).content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == DocumentLink.State.SUGGESTED


def test_deciding_needs_a_post(people, suggestion, as_user):
    assert (
        as_user(people["reporter"]).get(reverse("staff:link-decide", args=[suggestion.pk])).status_code == 405
    )
