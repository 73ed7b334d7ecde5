"""An owner's report is a draft until a coordinator approves it; only approved reports are public."""

import pytest
from django.urls import reverse

from framsteg.audit.models import AuditEntry
from framsteg.steering import selectors
from framsteg.steering.models import StatusReview, StatusUpdate
from framsteg.steering.services import reporting
from framsteg.steering.services.reporting import Report
from tests import factories

QUEUE = reverse("staff:review")


def decide(pk: int) -> str:
    return reverse("staff:review-decide", args=[pk])


@pytest.fixture
def draft(small_plan, people):
    preschool = small_plan["commitments"][0]
    report = Report(
        commitment=preschool,
        period=small_plan["period"],
        status=factories.status("cannot_assess"),
        progress=None,
        comment="Underlaget saknas",
        organisation=small_plan["organisations"][0],
    )
    return reporting.report_status(report, by=people["reporter"])


def test_an_owners_report_is_a_draft_that_no_public_read_sees(client, small_plan, draft):
    preschool = small_plan["commitments"][0]
    assert draft.needs_review
    assert not StatusUpdate.objects.published().exists()
    assert selectors.with_latest(type(preschool).objects.filter(pk=preschool.pk))[0].latest is None
    assert selectors.latest_update(preschool) == draft  # the services see drafts
    page = client.get(preschool.get_absolute_url()).content.decode()
    assert "Underlaget saknas" not in page
    assert "Underlaget saknas" not in client.get(reverse("public:feed")).content.decode()
    assert client.get("/api/v1/commitments").json()["items"][0]["latest"] is None


def test_approving_publishes_the_report_and_keeps_it_in_the_history(client, small_plan, people, draft):
    preschool = small_plan["commitments"][0]
    review = reporting.approve_report(draft, by=people["coordinator"])
    assert review.decision == StatusReview.Decision.APPROVED
    assert list(StatusUpdate.objects.published()) == [draft]
    page = client.get(preschool.get_absolute_url()).content.decode()
    assert "Underlaget saknas" in page
    entry = AuditEntry.objects.get(action="steering.approved_report")
    assert entry.changes["before"]["review"] is None
    assert entry.changes["after"]["review"] == "approved"


def test_a_report_sent_back_is_never_public_and_needs_a_note(small_plan, people, draft):
    with pytest.raises(reporting.ReviewError):
        reporting.return_report(draft, by=people["coordinator"], note=" ")
    reporting.return_report(draft, by=people["coordinator"], note="Ange vilket underlag som saknas")
    assert not StatusUpdate.objects.published().exists()
    with pytest.raises(reporting.ReviewError):
        reporting.approve_report(draft, by=people["coordinator"])
    assert AuditEntry.objects.filter(action="steering.returned_report").count() == 1
    # A report sent back does not count as made for the period.
    assert not selectors.reports_in(small_plan["period"]).exists()


def test_a_reviewers_own_report_needs_no_review(small_plan, people):
    report = Report(
        commitment=small_plan["commitments"][2],
        period=small_plan["period"],
        status=factories.status("done"),
        progress=100,
    )
    update = reporting.report_status(report, by=people["superuser"])
    assert not update.needs_review
    assert list(StatusUpdate.objects.published()) == [update]


def test_the_queue_lists_drafts_for_coordinators_only(small_plan, people, as_user, draft):
    assert as_user(people["reporter"]).get(QUEUE).status_code == 403
    response = as_user(people["coordinator"]).get(QUEUE)
    assert response.status_code == 200
    assert response.context["drafts"] == [draft]
    assert "Underlaget saknas" in response.content.decode()


def test_a_coordinator_approves_from_the_queue(small_plan, people, as_user, draft):
    client = as_user(people["coordinator"])
    response = client.post(decide(draft.pk), {"decision": "approve"})
    assert response.status_code == 302
    assert draft.review.decision == "approved"
    assert client.get(QUEUE).context["drafts"] == []
    # Deciding again is refused politely.
    again = client.post(decide(draft.pk), {"decision": "return", "note": "Nej"}, follow=True)
    assert "decided on already" in again.content.decode()


def test_sending_back_without_a_note_shows_the_error_and_keeps_the_draft(small_plan, people, as_user, draft):
    client = as_user(people["coordinator"])
    response = client.post(decide(draft.pk), {"decision": "return", "note": ""})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not StatusReview.objects.exists()
    client.post(decide(draft.pk), {"decision": "return", "note": "Beskriv underlaget"})
    assert StatusReview.objects.get().decision == "returned"


def test_the_owner_sees_a_draft_and_a_report_sent_back(small_plan, people, as_user, draft):
    client = as_user(people["reporter"])
    assert "Draft: awaiting review" in client.get(reverse("staff:home")).content.decode()
    reporting.return_report(draft, by=people["coordinator"], note="Beskriv underlaget")
    page = client.get(reverse("staff:report", args=[draft.commitment_id])).content.decode()
    assert "Beskriv underlaget" in page
