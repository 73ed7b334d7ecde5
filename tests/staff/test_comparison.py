"""Proposals compared with the adopted plan: suggestions from the texts, staff's decisions (audited, with who
and when), and public pages that show confirmed matches only and never a judgement the data lacks."""

import pytest
from django.urls import reverse

from framsteg.audit.models import AuditEntry
from framsteg.steering.models import PointMatch, SteeringDocument
from framsteg.steering.services.comparison import suggest_matches
from tests import factories

PROPOSAL_TEXT = (
    "Vårt förslag\n\nSkolan\n\n • Alla barn ska erbjudas plats i förskolan och fler ska börja där\n"
    " • Gratis simskola för alla sexåringar\n"
)


@pytest.fixture
def proposal(small_plan):
    document = factories.make_document(
        "Partiets förslag",
        text=PROPOSAL_TEXT,
        kind=SteeringDocument.Kind.PARTY_PROGRAMME,
        slug="partiets-forslag",
        standing=SteeringDocument.Standing.PROPOSAL,
        proposed_by="Partiet i Botkyrka",
    )
    area = factories.make_area(document, "Skolan", slug="skolan")
    preschool = factories.make_commitment(
        area, "Alla barn ska erbjudas plats i förskolan och fler ska börja där"
    )
    swimming = factories.make_commitment(area, "Gratis simskola för alla sexåringar")
    return {"document": document, "preschool": preschool, "swimming": swimming}


def test_the_points_get_suggestions_from_the_adopted_commitments_only(small_plan, proposal):
    added = suggest_matches(proposal["document"])
    matches = list(PointMatch.objects.select_related("point", "commitment"))
    assert added == len(matches) >= 1
    assert {(m.point, m.commitment) for m in matches} == {
        (proposal["preschool"], small_plan["commitments"][0])
    }
    assert all(m.state == PointMatch.State.SUGGESTED for m in matches)
    assert suggest_matches(proposal["document"]) == 0  # nothing twice


def test_suggestions_are_never_shown_to_the_public_as_matches(small_plan, proposal, client):
    suggest_matches(proposal["document"])
    page = client.get(reverse("public:comparison-proposal", args=["partiets-forslag"]))
    compared = page.context["compared"]
    assert (compared.total, compared.taken_up, compared.awaiting_review, compared.not_found) == (2, 0, 1, 1)
    text = page.content.decode()
    assert "Få fler barn att börja förskolan" not in text
    assert "No adopted commitment found that takes this point up." in text
    assert "Not yet reviewed" in text
    assert "rejected" not in text.lower().replace("does not mean the point was voted down or rejected", "")


def test_a_coordinator_confirms_a_match_which_the_public_then_sees_with_its_status(
    small_plan, proposal, people, as_user, client
):
    suggest_matches(proposal["document"])
    match = PointMatch.objects.get()
    factories.report(small_plan["commitments"][0], small_plan["period"], "in_progress", 40)
    staff = as_user(people["coordinator"])
    review = staff.get(reverse("staff:comparison-review", args=["partiets-forslag"])).content.decode()
    assert "Få fler barn att börja förskolan" in review
    response = staff.post(reverse("staff:match-decide", args=[match.pk]), {"decision": "confirm"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.state, match.decided_by) == (PointMatch.State.CONFIRMED, people["coordinator"])
    assert match.decided_at is not None
    entry = AuditEntry.objects.filter(action="steering.decide_match").get()
    assert entry.changes["after"]["state"] == "confirmed"

    client.logout()
    page = client.get(reverse("public:comparison-proposal", args=["partiets-forslag"]))
    compared = page.context["compared"]
    assert (compared.taken_up, compared.not_found) == (1, 1)
    assert compared.linked.total == 1 and compared.linked.reported == 1
    assert "Få fler barn att börja förskolan" in page.content.decode()
    overview = client.get(reverse("public:comparison"))
    assert [(item.document, item.taken_up, item.total) for item in overview.context["proposals"]] == [
        (proposal["document"], 1, 2)
    ]
    area = small_plan["areas"][0]
    by_area = client.get(reverse("public:comparison-area", args=[small_plan["document"].slug, area.slug]))
    assert by_area.context["point_count"] == 1
    assert "Alla barn ska erbjudas plats i förskolan" in by_area.content.decode()


def test_a_rejected_suggestion_leaves_no_adopted_commitment_found(
    small_plan, proposal, people, as_user, client
):
    suggest_matches(proposal["document"])
    match = PointMatch.objects.get()
    as_user(people["coordinator"]).post(
        reverse("staff:match-decide", args=[match.pk]), {"decision": "reject"}
    )
    client.logout()
    compared = client.get(reverse("public:comparison-proposal", args=["partiets-forslag"])).context[
        "compared"
    ]
    assert (compared.taken_up, compared.not_found, compared.awaiting_review) == (0, 2, 0)


def test_staff_add_a_match_the_suggestions_missed(small_plan, proposal, people, as_user):
    building = small_plan["commitments"][2]
    response = as_user(people["coordinator"]).post(
        reverse("staff:match-add", args=["partiets-forslag"]),
        {"point": proposal["swimming"].pk, "commitment": building.pk},
    )
    assert response.status_code == 302
    match = PointMatch.objects.get(point=proposal["swimming"])
    assert (match.commitment, match.state, match.decided_by) == (building, "confirmed", people["coordinator"])
    # A point is never offered as the adopted side.
    wrong = as_user(people["coordinator"]).post(
        reverse("staff:match-add", args=["partiets-forslag"]),
        {"point": proposal["swimming"].pk, "commitment": proposal["preschool"].pk},
    )
    assert wrong.status_code == 200 and wrong.context["form"].errors


def test_reporters_do_not_decide_matches(small_plan, proposal, people, as_user):
    suggest_matches(proposal["document"])
    match = PointMatch.objects.get()
    url = reverse("staff:match-decide", args=[match.pk])
    assert as_user(people["reporter"]).post(url, {"decision": "confirm"}).status_code == 403
    assert as_user(people["reporter"]).get(reverse("staff:comparison")).status_code == 403


def test_the_comparison_pages_answer_404_for_what_is_not_compared(small_plan, proposal, client):
    platform = small_plan["document"]
    assert client.get(reverse("public:comparison-proposal", args=[platform.slug])).status_code == 404
    area = proposal["preschool"].area
    url = reverse("public:comparison-area", args=[proposal["document"].slug, area.slug])
    assert client.get(url).status_code == 404


def test_a_proposal_imported_after_the_platform_gets_its_suggestions(small_plan):
    from framsteg.steering.services.importing import ImportRequest, import_document

    result = import_document(
        PROPOSAL_TEXT.encode(),
        "forslag.txt",
        ImportRequest(kind="party_programme", title="Förslaget", proposed_by="Partiet"),
    )
    assert result.document.is_proposal
    assert PointMatch.objects.filter(point__document=result.document).exists()
