"""A proposal or party programme is never reported on: its points are not asked for, counted or listed as
commitments anywhere (staff pages, public pages, feed, API); staff say which documents are proposals."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from framsteg.audit.models import AuditEntry
from framsteg.steering import rules
from framsteg.steering.models import Commitment, Responsibility, SteeringDocument
from framsteg.steering.services.reporting import Report, report_status
from framsteg.steering.views.staff.unreported import unreported_by_organisation
from tests import factories

PROPOSAL_TEXT = "Vårt förslag\n\nSkolan\n\n • Fler lärare i förskolan och mindre barngrupper\n"


@pytest.fixture
def proposal(small_plan):
    """A party's proposal whose point (against the rules) still has the reporter's organisation as owner, as
    an install imported before proposals were told apart would have it."""
    schools = small_plan["organisations"][0]
    document = factories.make_document(
        "Partiets förslag",
        text=PROPOSAL_TEXT,
        kind=SteeringDocument.Kind.PARTY_PROGRAMME,
        slug="partiets-forslag",
        standing=SteeringDocument.Standing.PROPOSAL,
        proposed_by="Partiet i Botkyrka",
    )
    area = factories.make_area(document, "Skolan", slug="skolan")
    point = factories.make_commitment(area, "Fler lärare i förskolan och mindre barngrupper", [schools])
    return point


def test_a_proposal_is_never_among_what_is_left_to_report(small_plan, proposal, people, as_user):
    rows = unreported_by_organisation([small_plan["organisations"][0]], small_plan["period"])
    assert [row.total for row in rows] == [2]
    assert proposal not in rows[0].unreported
    page = as_user(people["coordinator"]).get(reverse("staff:unreported")).content.decode()
    assert "Fler lärare i förskolan" not in page
    csv = as_user(people["coordinator"]).get(reverse("staff:unreported-csv")).content.decode("utf-8-sig")
    assert "Fler lärare i förskolan" not in csv


def test_nobody_may_report_on_a_proposal(small_plan, proposal, people, as_user):
    assert proposal not in rules.reportable_commitments(people["reporter"])
    assert proposal not in rules.reportable_commitments(people["superuser"])
    assert not rules.can_report(people["superuser"], proposal)
    assert as_user(people["reporter"]).get(reverse("staff:report", args=[proposal.pk])).status_code == 404
    home = as_user(people["reporter"]).get(reverse("staff:home"))
    assert home.context["total"] == 2
    many = as_user(people["reporter"]).get(reverse("staff:report-many")).content.decode()
    assert "Fler lärare i förskolan" not in many
    report = Report(
        commitment=proposal, period=small_plan["period"], status=factories.status("in_progress"), progress=10
    )
    with pytest.raises(ValidationError):
        report_status(report, by=people["superuser"])
    assert not proposal.status_updates.exists()


def test_a_proposal_is_not_counted_in_the_plan_nor_listed_as_commitments(small_plan, proposal, client):
    home = client.get(reverse("public:home"))
    assert home.context["document"] == small_plan["document"]
    assert home.context["total"].total == 3
    assert proposal.document not in list(home.context["other_documents"])
    search = client.get(reverse("public:search")).content.decode()
    assert "Fler lärare i förskolan" not in search
    api = client.get("/api/v1/commitments?page_size=500").json()
    assert proposal.pk not in [item["id"] for item in api["items"]]
    assert client.get(f"/api/v1/commitments/{proposal.pk}").status_code == 404
    document = client.get(f"/api/v1/documents/{proposal.document.slug}").json()
    assert (document["standing"], document["proposed_by"]) == ("proposal", "Partiet i Botkyrka")
    page = client.get(reverse("public:commitment", args=[proposal.pk]))
    comparison = reverse("public:comparison-proposal", args=[proposal.document.slug])
    assert page.status_code == 302 and page["Location"] == f"{comparison}#c-{proposal.pk}"
    text = client.get(proposal.document.get_absolute_url()).content.decode()
    assert "not an adopted plan" in text and "Partiet i Botkyrka" in text


def test_a_proposal_even_reported_on_earlier_stays_out_of_the_feed(small_plan, proposal, client):
    factories.report(proposal, small_plan["period"])  # reported before proposals were told apart
    feed = client.get(reverse("public:feed")).content.decode()
    assert "Fler lärare i förskolan" not in feed


def test_a_coordinator_makes_a_document_a_proposal_and_its_owners_go(small_plan, people, as_user):
    document = small_plan["document"]
    client = as_user(people["coordinator"])
    listing = client.get(reverse("staff:documents")).content.decode()
    assert document.title in listing
    url = reverse("staff:document", args=[document.slug])
    missing = client.post(url, {"standing": "proposal", "proposed_by": ""})
    assert (
        missing.status_code == 200
        and "Say which party or group made the proposal." in missing.content.decode()
    )
    response = client.post(url, {"standing": "proposal", "proposed_by": "Partiet"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_proposal and document.proposed_by == "Partiet"
    assert not Responsibility.objects.filter(commitment__document=document).exists()
    entry = AuditEntry.objects.filter(action="steering.set_standing").get()
    assert entry.changes["before"]["standing"] == "adopted"
    assert entry.changes["after"]["standing"] == "proposal"
    assert not Commitment.objects.reportable().filter(document=document).exists()


def test_a_coordinator_records_who_adopted_a_document(small_plan, people, as_user):
    document = small_plan["document"]
    council = factories.make_organisation("Kommunfullmäktige", kind="council", slug="kf")
    response = as_user(people["coordinator"]).post(
        reverse("staff:document", args=[document.slug]),
        {
            "standing": "adopted",
            "adopted_by_body": "council",
            "adopted_by": council.pk,
            "adopted_on": "2023-06-15",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.adopted_by, document.adopted_by_body, str(document.adopted_on)) == (
        council,
        "council",
        "2023-06-15",
    )


def test_reporters_do_not_set_a_documents_standing(small_plan, people, as_user):
    url = reverse("staff:document", args=[small_plan["document"].slug])
    assert (
        as_user(people["reporter"]).post(url, {"standing": "proposal", "proposed_by": "X"}).status_code == 403
    )
