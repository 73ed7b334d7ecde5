"""The staff inbox and case page: who sees what, the filters, deadlines, and every action's form."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.services import handling
from framsteg.organisations.models import Membership
from tests import factories
from tests.dialogue.factories import make_case, make_category, make_district, make_photo

Status = Case.Status


@pytest.fixture
def org(db):
    committee = factories.make_organisation("Tekniska nämnden", slug="tn")
    administration = factories.make_organisation(
        "Tekniska förvaltningen", kind="administration", slug="tf", parent=committee
    )
    schools = factories.make_organisation("Utbildningsförvaltningen", kind="administration", slug="uf")
    return {"committee": committee, "administration": administration, "schools": schools}


@pytest.fixture
def people(org):
    coordinator = factories.make_user("cecilia", first_name="Cecilia", last_name="Carlsson")
    Membership.objects.create(user=coordinator, organisation=org["schools"], role=Membership.Role.COORDINATOR)
    return {
        "officer": factories.make_user("olle", org["administration"], first_name="Olle", last_name="Ek"),
        "colleague": factories.make_user("kim", org["administration"], first_name="Kim", last_name="Berg"),
        "manager": factories.make_user("maja", org["committee"], first_name="Maja", last_name="Lund"),
        "outsider": factories.make_user("otto", org["schools"], first_name="Otto", last_name="Olsson"),
        "coordinator": coordinator,
    }


def client_for(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def detail_url(case: Case, name: str = "cases:detail") -> str:
    return reverse(name, args=[case.year, case.number])


def references(response) -> list[str]:
    return re.findall(r'<tr id="case-(\d{4}-\d{5})"', response.content.decode())


@pytest.fixture
def case(org):
    return make_case(
        organisation=org["administration"],
        description="Lampan på Tumba torg är släckt. Ring mig på 070-123 45 67.",
        published_text="Lampan på Tumba torg är släckt. Ring mig på [borttaget].",
        contact_name="Anna Svensson",
        contact_email="anna@example.org",
        contact_phone="070-123 45 67",
        language="ar",
    )


# --- Inbox: who sees what ----------------------------------------------------------------------------------


def test_the_inbox_needs_a_login(db):
    response = Client().get(reverse("cases:inbox"))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_staff_see_the_cases_of_their_organisation_and_below(org, people):
    mine = make_case(organisation=org["administration"])
    committees = make_case(organisation=org["committee"])
    others = make_case(organisation=org["schools"])
    unrouted = make_case(category=None, organisation=None)

    assert set(references(client_for(people["officer"]).get(reverse("cases:inbox")))) == {mine.reference}
    assert set(references(client_for(people["manager"]).get(reverse("cases:inbox")))) == {
        mine.reference,
        committees.reference,
    }
    assert set(references(client_for(people["coordinator"]).get(reverse("cases:inbox")))) == {
        mine.reference,
        committees.reference,
        others.reference,
        unrouted.reference,
    }


def test_the_staff_menu_links_to_the_cases(people):
    page = client_for(people["officer"]).get(reverse("staff:home")).content.decode()
    assert f'href="{reverse("cases:inbox")}"' in page


def test_the_inbox_is_a_staff_page_with_the_cases_css(people):
    response = client_for(people["officer"]).get(reverse("cases:inbox"))
    assert response.context["nav"] == "staff"
    assert "framsteg/cases.css" in response.content.decode()


# --- Inbox filters -----------------------------------------------------------------------------------------


@pytest.fixture
def inbox_cases(org, people):
    lights = make_category("gatubelysning", organisation=org["administration"])
    graffiti = make_category("klotter", name="Klotter", organisation=org["administration"])
    tumba, alby = make_district("Tumba"), make_district("Alby")
    today = handling.today_in_stockholm()
    return {
        "lamp": make_case(category=lights, district=tumba, assignee=people["manager"], place="Tumba torg"),
        "graffiti": make_case(
            category=graffiti, district=alby, assignee=people["colleague"], description="Klotter på väggen"
        ),
        "idea": make_case(
            kind=CaseKind.FEEDBACK, organisation=org["administration"], description="Fler bänkar i parken"
        ),
        "late": make_case(
            category=lights,
            district=tumba,
            confirm_due=today - timedelta(days=7),
            answer_due=today - timedelta(days=1),
            description="Mörkt länge",
        ),
        "closed": make_case(category=lights, status=Status.CLOSED, closed_at=timezone.now()),
        "committee": make_case(category=None, organisation=org["committee"], description="Till nämnden"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"lamp", "graffiti", "idea", "late", "committee"}),
        ({"kind": "feedback"}, {"idea"}),
        ({"category": "klotter"}, {"graffiti"}),
        ({"district": "Alby"}, {"graffiti"}),
        ({"organisation": "committee"}, {"committee"}),
        ({"assignee": "mine"}, {"lamp"}),
        ({"assignee": "none"}, {"idea", "late", "committee"}),
        ({"assignee": "colleague"}, {"graffiti"}),
        ({"status": "closed"}, {"closed"}),
        ({"status": "all"}, {"lamp", "graffiti", "idea", "late", "committee", "closed"}),
        ({"due": "overdue"}, {"late"}),
        ({"q": "bänkar"}, {"idea"}),
        ({"q": "tumba torg"}, {"lamp"}),
    ],
)
def test_each_inbox_filter(org, people, inbox_cases, query, expected):
    params = {}
    for name, value in query.items():
        if name == "category":
            value = str(inbox_cases["graffiti"].category_id)
        elif name == "district":
            value = str(inbox_cases["graffiti"].district_id)
        elif name == "organisation":
            value = str(org[value].pk)
        elif name == "assignee" and value == "colleague":
            value = str(people["colleague"].pk)
        params[name] = value
    response = client_for(people["manager"]).get(reverse("cases:inbox"), params)
    assert response.status_code == 200
    assert set(references(response)) == {inbox_cases[key].reference for key in expected}


def test_searching_for_a_reference_finds_that_case(people, inbox_cases):
    target = inbox_cases["graffiti"]
    for typed in (target.reference, f"{target.year}-{target.number}"):
        response = client_for(people["officer"]).get(reverse("cases:inbox"), {"q": typed})
        assert references(response) == [target.reference]


def test_due_within_two_working_days(org, people):
    today = handling.today_in_stockholm()
    from framsteg.dialogue.workdays import add_working_days

    soon = make_case(organisation=org["administration"], confirm_due=add_working_days(today, 2))
    later = make_case(organisation=org["administration"], confirm_due=add_working_days(today, 3))
    response = client_for(people["officer"]).get(reverse("cases:inbox"), {"due": "soon"})
    assert references(response) == [soon.reference]
    assert later.reference not in response.content.decode()


def test_the_organisation_filter_offers_unrouted_cases_to_coordinators_only(org, people, inbox_cases):
    unrouted = make_case(category=None, organisation=None)
    response = client_for(people["coordinator"]).get(reverse("cases:inbox"), {"organisation": "none"})
    assert references(response) == [unrouted.reference]
    response = client_for(people["officer"]).get(reverse("cases:inbox"), {"organisation": "none"})
    assert "Some filters could not be used" in response.content.decode()
    assert unrouted.reference not in response.content.decode()


def test_an_invalid_filter_is_named_and_the_rest_still_apply(people, inbox_cases):
    response = client_for(people["officer"]).get(
        reverse("cases:inbox"), {"due": "yesterday", "kind": "feedback"}
    )
    page = response.content.decode()
    assert "Some filters could not be used" in page
    assert references(response) == [inbox_cases["idea"].reference]
    assert 'value="feedback" selected' in page


def test_overdue_rows_say_so_in_words_and_come_first(people, inbox_cases):
    response = client_for(people["officer"]).get(reverse("cases:inbox"))
    page = response.content.decode()
    assert references(response)[0] == inbox_cases["late"].reference
    row = re.search(rf'<tr id="case-{inbox_cases["late"].reference}" class="([^"]*)">(.*?)</tr>', page, re.S)
    assert "row--overdue" in row[1] and ">Overdue<" in row[2]
    others = re.search(
        rf'<tr id="case-{inbox_cases["lamp"].reference}" class="([^"]*)">(.*?)</tr>', page, re.S
    )
    assert ">Overdue<" not in others[2]


def test_the_inbox_counts_cases_per_status(people, inbox_cases):
    response = client_for(people["manager"]).get(reverse("cases:inbox"))
    counts = {row.value: row.count for row in response.context["counts"]}
    assert counts[""] == 5 and counts["closed"] == 1 and counts["received"] == 5 and counts["all"] == 6
    assert response.context["overdue_count"] == 1


def test_the_inbox_pages_through_many_cases(org, people):
    for _ in range(55):
        make_case(organisation=org["administration"], events=False)
    client = client_for(people["officer"])
    first = client.get(reverse("cases:inbox"), {"kind": "fault"})
    assert len(references(first)) == 50
    assert "page=2" in first.content.decode() and "kind=fault" in first.content.decode()
    second = client.get(reverse("cases:inbox"), {"kind": "fault", "page": 2})
    assert len(references(second)) == 5


def test_the_inbox_needs_few_queries_however_many_cases(org, people, django_assert_max_num_queries):
    lights = make_category("gatubelysning", organisation=org["administration"])
    district = make_district("Tumba")
    for index in range(50):
        make_case(
            category=lights,
            district=district,
            assignee=people["officer"] if index % 2 else None,
            events=False,
        )
    client = client_for(people["officer"])
    with django_assert_max_num_queries(18):
        response = client.get(reverse("cases:inbox"))
    assert len(references(response)) == 50


# --- The case page -----------------------------------------------------------------------------------------


def test_the_case_page_shows_everything_to_staff(case, people):
    case.answers = {"antal": 2}
    case.save()
    response = client_for(people["officer"]).get(detail_url(case))
    page = response.content.decode()
    assert response.status_code == 200 and response.context["nav"] == "staff"
    assert "anna@example.org" in page and "070-123 45 67" in page and "Anna Svensson" in page
    # The automatic check's findings are marked in the resident's text and named, not shown by colour alone.
    mark = '<mark class="finding">070-123 45 67</mark><span class="finding-kind"> (phone number)</span>'
    assert f"Ring mig på {mark}" in page
    assert "Ring mig på [borttaget]" in page
    assert "Arabic" in page
    assert "csrfmiddlewaretoken" in page
    for form_id in (
        "answer-form",
        "note-form",
        "status-form",
        "assign-form",
        "route-form",
        "publish-form",
        "review-form",
        "public-note-form",
    ):
        assert f'id="{form_id}"' in page
    assert "Assign to me" in page


def test_the_reference_with_leading_zeros_opens_the_case(case, people):
    url = f"/personal/arenden/{case.reference}/"
    assert client_for(people["officer"]).get(url).status_code == 200


def test_internal_notes_and_answers_are_told_apart_in_words(case, people):
    handling.add_note(case, "Kolla med entreprenören", people["officer"])
    handling.answer(case, "Vi lagar lampan i morgon", people["officer"])
    page = client_for(people["officer"]).get(detail_url(case)).content.decode()
    note = page.index("Kolla med entreprenören")
    answer = page.index("Vi lagar lampan i morgon")
    assert page.rfind("Internal note – not shown to the resident", 0, note) > page.rfind("<li", 0, note)
    assert page.rfind("Answer – shown only to the resident", 0, answer) > page.rfind("<li", 0, answer)
    assert "Answer to the resident – shown only to them" in page
    assert "Public note – shown on the website after review" in page


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_a_case_outside_ones_organisations_does_not_exist(case, people, who):
    client = Client() if who == "anonymous" else client_for(people[who])
    response = client.get(detail_url(case))
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404
        assert client.post(detail_url(case, "cases:note"), {"note-text": "x"}).status_code == 404
    assert not case.events.filter(kind=CaseEvent.Kind.NOTE).exists()


def test_unrouted_cases_are_for_coordinators_and_superusers(org, people):
    unrouted = make_case(category=None, organisation=None)
    root = factories.make_user("root", is_superuser=True)
    assert client_for(people["officer"]).get(detail_url(unrouted)).status_code == 404
    assert client_for(people["manager"]).get(detail_url(unrouted)).status_code == 404
    assert client_for(people["coordinator"]).get(detail_url(unrouted)).status_code == 200
    assert client_for(root).get(detail_url(unrouted)).status_code == 200


def test_actions_only_accept_post(case, people):
    assert client_for(people["officer"]).get(detail_url(case, "cases:note")).status_code == 405


# --- Actions -----------------------------------------------------------------------------------------------


def post(user, case, action, data):
    return client_for(user).post(detail_url(case, f"cases:{action}"), data, follow=True)


def test_routing_to_another_organisation(case, people, org):
    response = post(people["coordinator"], case, "route", {"route-organisation": org["schools"].pk})
    assert response.redirect_chain[-1][0] == f"/personal/arenden/{case.reference}/"
    assert "The case was sent to Utbildningsförvaltningen." in response.content.decode()
    assert Case.objects.get(pk=case.pk).organisation == org["schools"]


def test_routing_away_from_ones_own_organisation_returns_to_the_inbox(case, people, org):
    response = post(people["officer"], case, "route", {"route-organisation": org["schools"].pk})
    assert response.redirect_chain[-1][0] == reverse("cases:inbox")
    assert "You no longer see" in response.content.decode()


def test_assign_to_me_and_to_a_colleague(case, people):
    officer = people["officer"]
    post(officer, case, "assign", {"assign-assignee": officer.pk})
    assert Case.objects.get(pk=case.pk).assignee == officer
    response = post(officer, case, "assign", {"assign-assignee": people["colleague"].pk})
    assert "Kim Berg now handles the case." in response.content.decode()
    assert Case.objects.get(pk=case.pk).assignee == people["colleague"]


def test_assigning_someone_from_elsewhere_is_refused_with_400(case, people):
    response = client_for(people["officer"]).post(
        detail_url(case, "cases:assign"), {"assign-assignee": people["outsider"].pk}
    )
    assert response.status_code == 400
    assert "Choose a member of the responsible organisation." in response.content.decode()
    assert Case.objects.get(pk=case.pk).assignee is None


def test_changing_the_status_with_a_public_note_that_waits_for_review(case, people):
    response = post(
        people["officer"],
        case,
        "status",
        {"status-status": "in_progress", "status-public_text": "Vi har beställt en ny lampa."},
    )
    assert "The status is now “Being handled”." in response.content.decode()
    event = case.events.get(kind=CaseEvent.Kind.STATUS)
    assert event.is_public and event.text == ""
    note = case.events.get(kind=CaseEvent.Kind.PUBLIC_NOTE)
    assert (note.text, note.review, note.is_public) == ("Vi har beställt en ny lampa.", "pending", False)
    assert "Public notes to review" in response.content.decode()


def test_a_status_the_case_cannot_get_is_refused_and_the_message_kept(case, people):
    response = client_for(people["officer"]).post(
        detail_url(case, "cases:status"), {"status-status": "closed", "status-public_text": "Klart!"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and "Klart!" in page
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_adding_a_note_and_an_empty_note(case, people):
    response = post(people["officer"], case, "note", {"note-text": "Ring Anna i morgon"})
    assert "The internal note was saved" in response.content.decode()
    assert case.events.get(kind=CaseEvent.Kind.NOTE).text == "Ring Anna i morgon"
    empty = client_for(people["officer"]).post(detail_url(case, "cases:note"), {"note-text": "  "})
    assert empty.status_code == 400
    assert 'href="#id_note-text"' in empty.content.decode()


def test_answering_e_mails_the_resident_and_can_change_the_status(case, people):
    handling.set_status(case, Status.IN_PROGRESS, people["officer"])
    response = post(
        people["officer"],
        case,
        "answer",
        {"answer-text": "Lampan är lagad.", "answer-then_status": "answered"},
    )
    page = response.content.decode()
    assert "The answer was saved and e-mailed to the resident." in page
    assert "The status is now “Answered”." in page
    [message] = mail.outbox
    assert message.to == ["anna@example.org"] and "Lampan är lagad." in message.body
    assert Case.objects.get(pk=case.pk).status == Status.ANSWERED


def test_the_answer_form_says_when_the_resident_cannot_be_e_mailed(org, people):
    anonymous = make_case(organisation=org["administration"])
    page = client_for(people["officer"]).get(detail_url(anonymous)).content.decode()
    assert "They gave no e-mail address" in page
    response = post(people["officer"], anonymous, "answer", {"answer-text": "Tack!"})
    assert "cannot be e-mailed" in response.content.decode()
    assert mail.outbox == []


def test_a_failed_e_mail_is_shown_to_the_officer_and_the_answer_kept(case, people, monkeypatch):
    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = post(people["officer"], case, "answer", {"answer-text": "Vi kommer i veckan."})
    page = response.content.decode()
    assert "could not be sent (connection refused)" in page
    assert "The answer could not be e-mailed" in page
    assert case.events.filter(kind=CaseEvent.Kind.ANSWER, text="Vi kommer i veckan.").exists()


def test_an_empty_answer_keeps_the_chosen_status_and_answers_nothing(case, people):
    response = client_for(people["officer"]).post(
        detail_url(case, "cases:answer"), {"answer-text": "", "answer-then_status": "in_progress"}
    )
    assert response.status_code == 400
    assert 'value="in_progress" selected' in response.content.decode()
    assert not case.events.filter(kind=CaseEvent.Kind.ANSWER).exists()


def test_approving_text_with_personal_data_asks_for_confirmation(case, people):
    client = client_for(people["officer"])
    text = "Ring Anna Svensson på 070-123 45 67."
    response = client.post(
        detail_url(case, "cases:review"), {"review-published_text": text, "review-decision": "approve"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        '<mark class="finding">070-123 45 67</mark> <span class="finding-kind">(phone number)</span>' in page
    )
    assert 'name="review-confirm_personal_data"' in page and text in page
    assert Case.objects.get(pk=case.pk).text_review == "pending"

    client.post(
        detail_url(case, "cases:review"),
        {"review-published_text": text, "review-decision": "approve", "review-confirm_personal_data": "on"},
    )
    case.refresh_from_db()
    assert (case.published_text, case.text_review) == (text, "approved")


def test_unpublishing_a_case(case, people):
    response = post(people["officer"], case, "publish", {"publish-published_text": case.published_text})
    assert "The case is not shown in the public list." in response.content.decode()
    assert not Case.objects.get(pk=case.pk).is_published


def test_merging_by_reference(case, people, org):
    main = make_case(organisation=org["administration"])
    response = post(people["officer"], case, "merge", {"merge-reference": main.reference})
    assert f"merged into {main.reference}" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.DUPLICATE and case.duplicate_of == main


@pytest.mark.parametrize("typed", ["nonsense", "1999-00001", "own", "hidden"])
def test_merging_into_an_unknown_hidden_or_the_same_case_is_refused(case, people, org, typed):
    hidden = make_case(organisation=org["schools"])
    reference = {"own": case.reference, "hidden": hidden.reference}.get(typed, typed)
    response = client_for(people["officer"]).post(
        detail_url(case, "cases:merge"), {"merge-reference": reference}
    )
    assert response.status_code == 400
    assert f'value="{reference}"' in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_forwarding_to_trafikverket(case, people):
    response = post(
        people["officer"],
        case,
        "forward",
        {"forward-to_whom": "Trafikverket", "forward-public_text": "Kontakta Trafikverket."},
    )
    assert "forwarded to Trafikverket" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.NOT_OURS and case.forwarded_to == "Trafikverket"


def test_linking_and_unlinking_a_commitment(case, people, small_plan):
    commitment = small_plan["commitments"][2]
    client = client_for(people["officer"])
    page = client.get(detail_url(case), {"sok": "byggtakt"}).content.decode()
    choices = re.search(r'<select name="link-commitment".*?</select>', page, re.S)[0]
    assert re.findall(r'value="(\d+)"', choices) == [str(commitment.pk)]

    response = post(people["officer"], case, "link", {"link-commitment": commitment.pk})
    assert "linked to commitment 2.1" in response.content.decode()
    assert list(case.commitments.all()) == [commitment]

    response = post(people["officer"], case, "unlink", {"unlink-commitment": commitment.pk})
    assert "link to commitment 2.1 was removed" in response.content.decode()
    assert not case.commitments.exists()


def test_approving_and_rejecting_a_photo(case, people):
    photo = make_photo(case)
    response = post(people["officer"], case, "photo-publish", {"photo-photo": photo.pk, "photo-publish": "1"})
    assert "The photo was approved and is published." in response.content.decode()
    photo.refresh_from_db()
    assert photo.is_public and photo.review == "approved"
    response = post(people["officer"], case, "photo-publish", {"photo-photo": photo.pk, "photo-publish": "0"})
    assert "The photo was rejected." in response.content.decode()
    photo.refresh_from_db()
    assert not photo.is_public and photo.review == "rejected"


def test_a_photo_of_another_case_cannot_be_published_through_this_one(case, people, org):
    other = make_photo(make_case(organisation=org["administration"]))
    response = client_for(people["officer"]).post(
        detail_url(case, "cases:photo-publish"), {"photo-photo": other.pk, "photo-publish": "1"}
    )
    assert response.status_code == 400
    other.refresh_from_db()
    assert not other.is_public


# --- Photos ------------------------------------------------------------------------------------------------


def test_photos_are_served_to_staff_privately(case, people):
    photo = make_photo(case)
    response = client_for(people["officer"]).get(reverse("cases:photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_photos_are_hidden_from_outsiders_and_after_removal(case, people):
    photo = make_photo(case)
    url = reverse("cases:photo", args=[photo.pk])
    assert client_for(people["outsider"]).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    photo.removed_at = timezone.now()
    photo.save()
    assert client_for(people["officer"]).get(url).status_code == 404


def test_weekend_deadlines_in_the_inbox(org, people, monkeypatch):
    """A confirmation due on Monday is "due soon" on Friday and overdue only from Tuesday."""
    due_monday = make_case(organisation=org["administration"], confirm_due=date(2026, 3, 9), answer_due=None)
    client = client_for(people["officer"])
    for today, label in (
        (date(2026, 3, 6), "Due soon"),
        (date(2026, 3, 9), "Due soon"),
        (date(2026, 3, 10), "Overdue"),
    ):
        monkeypatch.setattr(handling, "today_in_stockholm", lambda today=today: today)
        page = client.get(reverse("cases:inbox")).content.decode()
        row = re.search(rf'<tr id="case-{due_monday.reference}"[^>]*>(.*?)</tr>', page, re.S)[1]
        assert f">{label}<" in row, (today, label)


def test_removing_a_link_that_does_not_exist_is_refused(case, people, small_plan):
    response = client_for(people["officer"]).post(
        detail_url(case, "cases:unlink"), {"unlink-commitment": small_plan["commitments"][0].pk}
    )
    assert response.status_code == 400
    assert "The case is not linked to that commitment." in response.content.decode()
    assert not case.events.filter(kind=CaseEvent.Kind.LINKED).exists()
