"""Review before publication: nothing a resident sent is public until a case officer approves it, answers
are the resident's alone, public notes are reviewed, and a merge never hands one resident's material to
another."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from framsteg.audit.models import AuditEntry
from framsteg.dialogue.models import Case, CaseEvent, CaseKind, Review
from framsteg.dialogue.selectors import publicity
from framsteg.dialogue.services import handling
from framsteg.dialogue.services.handling import HandlingError, PersonalDataFound
from framsteg.dialogue.services.intake import Submission, submit_case
from tests import factories
from tests.dialogue import factories as dialogue

API = "/open311/v2"
TEXT = "Per Olsson på Storgatan 12 spelar hög musik. Ring mig på 070-123 45 67. Mvh Karin Berg"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def org(db):
    return factories.make_organisation("Tekniska förvaltningen", kind="administration", slug="tf")


@pytest.fixture
def officer(org):
    return factories.make_user("olle", org, first_name="Olle", last_name="Ek")


@pytest.fixture
def outsider(db):
    schools = factories.make_organisation("Utbildningsförvaltningen", kind="administration", slug="uf")
    return factories.make_user("otto", schools, first_name="Otto", last_name="Lind")


@pytest.fixture
def lights(org):
    return dialogue.make_category(organisation=org)


def report(category, description=TEXT, place="", **extra) -> Case:
    return submit_case(
        Submission(
            kind=category.kind,
            category=category,
            description=description,
            place=place,
            contact_name="Karin Berg",
            contact_email="karin@example.se",
            **extra,
        )
    )


def staff(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def everything_public(client: Client, case: Case) -> str:
    """Every public surface that can show the case, as one text."""
    parts = [
        client.get("/anmalningar/").content.decode(),
        client.get(f"/anmalningar/{case.reference}/").content.decode(),
        b"".join(client.get("/anmalningar.csv").streaming_content).decode(),
        client.get(f"{API}/requests.json").content.decode(),
        client.get(f"{API}/requests/{case.reference}.json").content.decode(),
        client.get(f"{API}/requests/{case.reference}.xml").content.decode(),
    ]
    return "\n".join(parts)


# --- Intake -------------------------------------------------------------------------------------------------


def test_a_new_report_waits_for_review_and_shows_nothing_the_resident_wrote(client, lights):
    case = report(lights, place="Storgatan 12")
    assert case.text_review == Review.PENDING and case.is_published
    assert "[borttaget]" in case.published_text  # the automatic proposal, not yet public
    shown = everything_public(client, case)
    assert case.reference in shown
    for secret in ("Olsson", "Storgatan", "070-123", "Karin", "musik"):
        assert secret not in shown
    assert (
        "The text is being reviewed"
        in client.get(f"/anmalningar/{case.reference}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert (
        "Texten granskas"
        in client.get(f"/anmalningar/{case.reference}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    )


def test_a_category_may_publish_clean_texts_at_once_and_says_they_were_not_reviewed(client, lights):
    lights.publish_when_clean = True
    lights.save()
    clean = report(lights, description="Lampan vid busshållplatsen är släckt.")
    found = report(lights)
    assert clean.text_review == Review.AUTOMATIC and clean.reviewed_at is not None
    assert found.text_review == Review.PENDING
    page = client.get(f"/anmalningar/{clean.reference}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Lampan vid busshållplatsen är släckt." in page
    assert "Published without review" in page and "Reviewed by the municipality" not in page
    assert "Olsson" not in everything_public(client, found)


def test_a_safety_report_is_never_published_automatically(lights, org):
    safety = dialogue.make_category(
        "otrygghet", kind=CaseKind.SAFETY, name="Otrygghet", publish_when_clean=True
    )
    case = report(safety, description="Mörkt vid tunneln.")
    assert case.text_review == Review.PENDING and not case.is_published


def test_an_automatically_published_text_loses_bidirectional_controls(lights):
    lights.publish_when_clean = True
    lights.save()
    case = report(lights, description="Lampan \u202eär släckt\u202c vid torget.")
    assert case.text_review == Review.AUTOMATIC
    assert "\u202e" not in case.published_text and "\u202c" not in case.published_text


# --- Approving and rejecting the text -----------------------------------------------------------------------


def test_the_approved_edit_is_what_appears_everywhere(client, lights, officer):
    case = report(lights, place="Storgatan 12")
    with pytest.raises(PersonalDataFound):
        handling.approve_text(case, case.description, "Storgatan 12", officer)  # re-checked
    handling.approve_text(case, "Hög musik från en lägenhet \u202ekvällstid.", "Tumba centrum", officer)
    case.refresh_from_db()
    assert case.published_text == "Hög musik från en lägenhet kvällstid."
    shown = everything_public(client, case)
    assert "Hög musik från en lägenhet kvällstid." in shown and "Tumba centrum" in shown
    assert "Olsson" not in shown and "070-123" not in shown
    (request,) = json.loads(client.get(f"{API}/requests/{case.reference}.json").content)
    assert request["description"] == "Hög musik från en lägenhet kvällstid."
    entry = AuditEntry.objects.filter(action="dialogue.approve_text").latest("pk")
    assert entry.user == officer and "approved" in json.dumps(entry.changes)
    assert "Hög musik" not in json.dumps(entry.changes)  # what was written stays in the case's event


def test_a_rejected_text_is_never_published_and_the_reason_is_kept_for_staff(client, lights, officer):
    case = report(lights)
    with pytest.raises(HandlingError):
        handling.reject_text(case, "  ", officer)
    handling.reject_text(case, "Handlar om en granne.", officer)
    case.refresh_from_db()
    assert (case.text_review, case.review_reason) == (Review.REJECTED, "Handlar om en granne.")
    shown = everything_public(client, case)
    assert "granne" not in shown and "Olsson" not in shown
    assert (
        "The text of this report is not published."
        in client.get(f"/anmalningar/{case.reference}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert AuditEntry.objects.filter(action="dialogue.reject_text", user=officer).exists()


def test_only_those_who_handle_the_case_may_review_it(lights, officer, outsider):
    case = report(lights)
    assert handling_rules_allow(officer, case) and not handling_rules_allow(outsider, case)
    url = reverse("cases:review", args=[case.year, case.number])
    response = staff(outsider).post(url, {"review-published_text": "x", "review-decision": "approve"})
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).text_review == Review.PENDING


def handling_rules_allow(user, case) -> bool:
    from framsteg.dialogue.rules import may_review

    return may_review(user, case)


def test_the_review_form_highlights_findings_and_approves_an_edit(lights, officer):
    case = report(lights)
    client = staff(officer)
    page = client.get(reverse("cases:detail", args=[case.year, case.number])).content.decode()
    assert (
        '<mark class="finding">070-123 45 67</mark><span class="finding-kind"> (phone number)</span>' in page
    )
    assert 'name="review-published_text"' in page and "[borttaget]" in page
    response = client.post(
        reverse("cases:review", args=[case.year, case.number]),
        {"review-published_text": "Hög musik kvällstid.", "review-decision": "approve"},
        follow=True,
    )
    assert "The text was approved and is now published." in response.content.decode()
    case.refresh_from_db()
    assert (case.published_text, case.text_review, case.reviewed_by) == (
        "Hög musik kvällstid.",
        "approved",
        officer,
    )


def test_rejecting_in_the_form_needs_a_reason(lights, officer):
    case = report(lights)
    url = reverse("cases:review", args=[case.year, case.number])
    response = staff(officer).post(url, {"review-decision": "reject", "review-reason": ""})
    assert response.status_code == 400 and "Say why the text is not published." in response.content.decode()
    staff(officer).post(url, {"review-decision": "reject", "review-reason": "Om en granne"})
    assert Case.objects.get(pk=case.pk).text_review == Review.REJECTED


# --- Photos -------------------------------------------------------------------------------------------------


def test_a_photo_is_public_only_once_approved_on_its_own(client, lights, officer, media):
    case = dialogue.reviewed_case(category=lights, organisation=lights.organisation)
    first, second = dialogue.make_photo(case), dialogue.make_photo(case)
    assert client.get(f"/anmalningar/foto/{first.pk}/").status_code == 404
    handling.review_photo(first, True, officer)
    handling.review_photo(second, False, officer)
    assert client.get(f"/anmalningar/foto/{first.pk}/").status_code == 200
    assert client.get(f"/anmalningar/foto/{second.pk}/").status_code == 404
    (request,) = json.loads(client.get(f"{API}/requests/{case.reference}.json").content)
    assert request["media_url"].endswith(f"/anmalningar/foto/{first.pk}/")


# --- Answers and public notes -------------------------------------------------------------------------------


def test_an_answer_reaches_the_resident_only(client, lights, officer):
    case = report(lights)
    handling.approve_text(case, "Hög musik kvällstid.", "", officer)
    handling.answer(case, "Hej Karin! Din granne Per Olsson (070.555.12.34) är kontaktad. Mvh Kalle", officer)
    shown = everything_public(client, case)
    assert "Kalle" not in shown and "070.555" not in shown and "Answer from the municipality" not in shown
    follow = client.get(reverse("dialogue:follow", args=[case.follow_token])).content.decode()
    assert "Din granne Per Olsson" in follow


def test_a_public_note_is_shown_once_approved_and_checked_like_the_text(client, lights, officer):
    case = report(lights)
    handling.approve_text(case, "Hög musik kvällstid.", "", officer)
    with pytest.raises(HandlingError):
        handling.add_public_note(case, "   ", officer)
    note = handling.add_public_note(case, "Vi har pratat med Per Olsson på 070-555 12 34.", officer)
    assert note.review == Review.PENDING
    assert "Per Olsson" not in everything_public(client, case)
    with pytest.raises(PersonalDataFound):
        handling.review_public_note(note, True, officer)
    handling.review_public_note(note, True, officer, text="Vi har pratat med de boende.")
    note.refresh_from_db()
    assert (note.review, note.text) == (Review.APPROVED, "Vi har pratat med de boende.")
    (request,) = json.loads(client.get(f"{API}/requests/{case.reference}.json").content)
    assert request["status_notes"] == "Vi har pratat med de boende."
    assert "Vi har pratat med de boende." in client.get(f"/anmalningar/{case.reference}/").content.decode()

    rejected = handling.add_public_note(case, "Ett utkast", officer)
    handling.review_public_note(rejected, False, officer)
    assert "Ett utkast" not in everything_public(client, case)
    assert AuditEntry.objects.filter(action="dialogue.review_public_note").count() == 2


def test_a_status_message_and_a_forward_message_become_public_notes(lights, officer):
    case = report(lights)
    handling.set_status(case, Case.Status.IN_PROGRESS, officer, public_text="Vi tittar på det.")
    handling.forward(case, "Trafikverket", officer, public_text="Ring Trafikverket.")
    notes = case.events.filter(kind=CaseEvent.Kind.PUBLIC_NOTE).order_by("pk")
    assert [(n.text, n.review) for n in notes] == [
        ("Vi tittar på det.", "pending"),
        ("Ring Trafikverket.", "pending"),
    ]
    assert all(not e.text for e in case.events.filter(kind=CaseEvent.Kind.STATUS))
    assert not any(e.public_text for e in publicity.public_events(case))


# --- The review queue in the inbox --------------------------------------------------------------------------


def test_the_inbox_counts_and_filters_what_waits_for_review(lights, officer, media):
    waiting = report(lights)
    done = dialogue.reviewed_case(category=lights, organisation=lights.organisation)
    with_photo = dialogue.reviewed_case(category=lights, organisation=lights.organisation)
    dialogue.make_photo(with_photo)
    with_note = dialogue.reviewed_case(category=lights, organisation=lights.organisation, status="closed")
    handling.add_public_note(with_note, "Lagat.", officer)
    safety = dialogue.make_category(
        "otrygghet", kind=CaseKind.SAFETY, name="Otrygghet", organisation=lights.organisation
    )
    unpublished_safety = dialogue.make_case(
        kind=CaseKind.SAFETY, category=safety, organisation=lights.organisation
    )
    dialogue.make_photo(unpublished_safety)
    client = staff(officer)
    inbox = client.get(reverse("cases:inbox"))
    assert inbox.context["review_count"] == 3
    assert "To review before publication" in inbox.content.decode()
    filtered = client.get(reverse("cases:inbox"), {"review": "pending", "status": "all"}).content.decode()
    for case in (waiting, with_photo, with_note):
        assert f'id="case-{case.reference}"' in filtered
    assert f'id="case-{done.reference}"' not in filtered
    assert f'id="case-{unpublished_safety.reference}"' not in filtered


# --- Merging keeps each resident's material theirs ----------------------------------------------------------


@pytest.mark.parametrize("direction", ["a_into_b", "b_into_a"])
def test_a_follow_link_never_serves_another_residents_material(client, lights, officer, media, direction):
    first = report(lights, description="Första anmälan, Anna Andersson skriver.")
    second = report(lights, description="Andra anmälan, Bertil Berg skriver.")
    first_photo, second_photo = dialogue.make_photo(first), dialogue.make_photo(second)
    handling.answer(first, "Svar bara till Anna.", officer)
    handling.answer(second, "Svar bara till Bertil.", officer)

    def check() -> None:
        for own, other, own_photo, other_photo in (
            (first, second, first_photo, second_photo),
            (second, first, second_photo, first_photo),
        ):
            own.refresh_from_db()
            page = client.get(reverse("dialogue:follow", args=[own.follow_token])).content.decode()
            assert own.description in page and other.description not in page
            own_answer = "Svar bara till Anna." if own == first else "Svar bara till Bertil."
            other_answer = "Svar bara till Bertil." if own == first else "Svar bara till Anna."
            assert own_answer in page and other_answer not in page
            own_url = reverse("dialogue:follow-photo", args=[own.follow_token, own_photo.pk])
            other_url = reverse("dialogue:follow-photo", args=[own.follow_token, other_photo.pk])
            assert client.get(own_url).status_code == 200
            assert client.get(other_url).status_code == 404
            assert other_url not in page

    check()
    duplicate, main = (first, second) if direction == "a_into_b" else (second, first)
    handling.merge_duplicate(duplicate, main, officer)
    check()
    # Staff still see the duplicate's photo from the main case.
    page = staff(officer).get(reverse("cases:detail", args=[main.year, main.number])).content.decode()
    duplicate_photo = first_photo if duplicate == first else second_photo
    assert reverse("cases:photo", args=[duplicate_photo.pk]) in page
