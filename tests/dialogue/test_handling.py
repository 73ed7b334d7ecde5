"""Case handling rules: statuses, assignment, routing, answers by e-mail, merging, forwarding, links,
publishing and deadlines. Every action leaves an event and deletes nothing."""

from datetime import date, timedelta
from smtplib import SMTPException

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from framsteg.core import email
from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.services import handling
from framsteg.dialogue.services.handling import HandlingError, PersonalDataFound
from framsteg.organisations.models import Membership
from tests import factories
from tests.dialogue.factories import make_case, make_photo

Status = Case.Status
Kind = CaseEvent.Kind


@pytest.fixture
def org(db):
    """A committee and the administration below it."""
    committee = factories.make_organisation("Tekniska nämnden", slug="tn")
    administration = factories.make_organisation(
        "Tekniska förvaltningen", kind="administration", slug="tf", parent=committee
    )
    return {"committee": committee, "administration": administration}


@pytest.fixture
def officer(org):
    return factories.make_user("olle", org["administration"], first_name="Olle", last_name="Ek")


@pytest.fixture
def case(org):
    return make_case(
        organisation=org["administration"],
        contact_name="Anna Svensson",
        contact_email="anna@example.org",
        language="sv",
    )


def events(case: Case, kind: str) -> list[CaseEvent]:
    return list(case.events.filter(kind=kind).order_by("pk"))


# --- Statuses ----------------------------------------------------------------------------------------------


def test_a_case_moves_from_received_to_closed_with_public_events_and_timestamps(case, officer):
    handling.set_status(case, Status.IN_PROGRESS, officer, public_text="Vi tittar på det.")
    assert case.confirmed_at is not None and case.answered_at is None
    handling.set_status(case, Status.ANSWERED, officer)
    assert case.answered_at is not None and case.closed_at is None
    handling.set_status(case, Status.CLOSED, officer)

    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closed_at is not None
    changes = events(case, Kind.STATUS)
    assert [(e.data["before"], e.data["after"]) for e in changes] == [
        ("received", "in_progress"),
        ("in_progress", "answered"),
        ("answered", "closed"),
    ]
    assert all(e.is_public and e.author == officer for e in changes)
    assert changes[0].text == ""  # what the officer wrote is a public note that waits for review
    [note] = events(case, Kind.PUBLIC_NOTE)
    assert (note.text, note.review, note.is_public) == ("Vi tittar på det.", "pending", False)


def test_marking_a_case_fixed_counts_as_answering_it(case, officer):
    handling.set_status(case, Status.IN_PROGRESS, officer)
    handling.set_status(case, Status.FIXED, officer)
    assert case.answered_at is not None


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.RECEIVED, Status.FIXED),
        (Status.RECEIVED, Status.CLOSED),
        (Status.IN_PROGRESS, Status.CLOSED),
        (Status.IN_PROGRESS, Status.RECEIVED),
        (Status.FIXED, Status.ANSWERED),
        (Status.CLOSED, Status.FIXED),
        (Status.NOT_OURS, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.IN_PROGRESS),
    ],
)
def test_a_status_cannot_skip_steps_or_go_backwards(org, officer, start, target):
    case = make_case(organisation=org["administration"], status=start)
    with pytest.raises(HandlingError):
        handling.set_status(case, target, officer)
    case.refresh_from_db()
    assert case.status == start
    assert not events(case, Kind.STATUS)


@pytest.mark.parametrize("target", [Status.DUPLICATE, Status.NOT_OURS])
def test_duplicate_and_not_ours_come_only_from_merging_and_forwarding(case, officer, target):
    with pytest.raises(HandlingError) as refused:
        handling.set_status(case, target, officer)
    assert isinstance(refused.value, ValueError) and refused.value.message
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_an_unknown_status_is_refused(case, officer):
    with pytest.raises(HandlingError):
        handling.set_status(case, "lost", officer)


def test_a_closed_case_can_be_reopened_and_the_event_keeps_when_it_was_closed(org, officer):
    closed_at = timezone.now() - timedelta(days=3)
    case = make_case(organisation=org["administration"], status=Status.CLOSED, closed_at=closed_at)
    handling.set_status(case, Status.IN_PROGRESS, officer)
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.closed_at is None
    assert events(case, Kind.STATUS)[0].data["closed_at_before"] == closed_at.isoformat()


def test_refusals_are_written_in_the_officers_language(case, officer):
    with translation.override("en"), pytest.raises(HandlingError) as refused:
        handling.set_status(case, Status.CLOSED, officer)
    assert refused.value.message == "A case that is “Received” cannot become “Closed”."


# --- Assignment and routing --------------------------------------------------------------------------------


def test_members_of_the_organisation_or_one_above_it_can_be_assigned(case, officer, org):
    manager = factories.make_user("maja", org["committee"])
    event = handling.assign(case, officer, manager)
    assert case.assignee == officer and case.confirmed_at is not None
    assert event.data == {"before": None, "after": {"id": officer.pk, "name": "Olle Ek"}}
    assert not event.is_public and event.author == manager
    handling.assign(case, manager, officer)
    assert Case.objects.get(pk=case.pk).assignee == manager


def test_someone_outside_the_organisation_cannot_be_assigned(case, officer):
    schools = factories.make_organisation("Utbildningsnämnden", slug="un")
    outsider = factories.make_user("otto", schools)
    with pytest.raises(ValueError):
        handling.assign(case, outsider, officer)
    assert Case.objects.get(pk=case.pk).assignee is None
    assert not events(case, Kind.ASSIGNED)


def test_an_unrouted_case_must_be_routed_before_it_is_assigned(officer):
    case = make_case(category=None, organisation=None)
    with translation.override("en"), pytest.raises(HandlingError) as refused:
        handling.assign(case, officer, officer)
    assert "Route the case" in refused.value.message


def test_assigning_nobody_takes_the_officer_off(case, officer):
    handling.assign(case, officer, officer)
    handling.assign(case, None, officer)
    assert Case.objects.get(pk=case.pk).assignee is None
    with pytest.raises(HandlingError):
        handling.assign(case, None, officer)


def test_routing_records_before_and_after_and_drops_an_officer_who_is_not_a_member_there(case, officer):
    handling.assign(case, officer, officer)
    schools = factories.make_organisation("Utbildningsnämnden", slug="un")
    event = handling.route(case, schools, officer)
    case.refresh_from_db()
    assert case.organisation == schools and case.assignee is None
    assert event.data["before"]["name"] == "Tekniska förvaltningen"
    assert event.data["after"] == {"id": schools.pk, "name": "Utbildningsnämnden"}
    assert event.data["assignee_removed"]["id"] == officer.pk
    with pytest.raises(HandlingError):
        handling.route(case, schools, officer)


def test_routing_within_the_same_tree_keeps_the_officer(case, org, officer):
    manager = factories.make_user("maja", org["committee"])
    handling.assign(case, manager, officer)
    handling.route(case, org["committee"], officer)
    assert Case.objects.get(pk=case.pk).assignee == manager


# --- Notes and answers -------------------------------------------------------------------------------------


def test_a_note_is_internal(case, officer):
    event = handling.add_note(case, "  Ring entreprenören.  ", officer)
    assert (event.kind, event.text, event.is_public) == (Kind.NOTE, "Ring entreprenören.", False)
    with pytest.raises(HandlingError):
        handling.add_note(case, "   ", officer)


def expected_follow_url(case: Case) -> str:
    try:
        return settings.SITE_URL + reverse("dialogue:follow", args=[case.follow_token])
    except NoReverseMatch:
        return f"{settings.SITE_URL}/arende/{case.follow_token}/"


def test_an_answer_is_public_and_e_mailed_with_the_reference_and_the_follow_link(case, officer):
    result = handling.answer(case, "Lampan är lagad nu.", officer)

    assert result.emailed and result.can_email and not result.email_error
    assert (result.event.kind, result.event.is_public) == (Kind.ANSWER, True)
    case.refresh_from_db()
    assert case.answered_at is not None and case.confirmed_at is not None
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert case.reference in message.subject
    assert "Lampan är lagad nu." in message.body
    assert expected_follow_url(case) in message.body
    assert "Anna Svensson" in message.body
    [receipt] = events(case, Kind.EMAILED)
    assert receipt.data["ok"] is True and not receipt.is_public
    assert "anna@example.org" not in str(receipt.data)


def test_the_e_mail_is_written_in_the_residents_language(org, officer, monkeypatch):
    case = make_case(organisation=org["administration"], contact_email="amal@example.org", language="ar")
    languages = []
    render = email.render_to_string

    def spy(template, context):
        languages.append(translation.get_language())
        return render(template, context)

    monkeypatch.setattr(email, "render_to_string", spy)
    with translation.override("en"):
        handling.answer(case, "تم إصلاح المصباح.", officer)
    assert languages == ["ar", "ar"]
    [message] = mail.outbox
    with translation.override("ar"):
        expected = translation.gettext("Answer on your case %(reference)s from %(municipality)s") % {
            "reference": case.reference,
            "municipality": settings.MUNICIPALITY_NAME,
        }
    assert message.subject == expected
    assert message.extra_headers["Content-Language"] == "ar"
    assert "تم إصلاح المصباح." in message.body and case.reference in message.body
    assert events(case, Kind.EMAILED)[0].data["language"] == "ar"


def test_no_e_mail_without_an_address_or_after_the_contact_details_were_removed(org, officer):
    anonymous = make_case(organisation=org["administration"])
    removed = make_case(
        organisation=org["administration"],
        contact_email="anna@example.org",
        personal_data_removed_at=timezone.now(),
    )
    for case in (anonymous, removed):
        result = handling.answer(case, "Tack för tipset.", officer)
        assert not result.can_email and not result.emailed
        assert events(case, Kind.ANSWER) and not events(case, Kind.EMAILED)
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_lose_the_answer(case, officer, monkeypatch):
    def refuse(self, fail_silently=False):
        raise SMTPException("421 try again later")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    result = handling.answer(case, "Vi åtgärdar det i veckan.", officer)

    assert not result.emailed and "421" in result.email_error
    assert events(case, Kind.ANSWER)[0].text == "Vi åtgärdar det i veckan."
    [failure] = events(case, Kind.EMAILED)
    assert failure.data["ok"] is False and "421" in failure.data["error"] and not failure.is_public
    assert Case.objects.get(pk=case.pk).answered_at is not None


def test_an_empty_answer_is_refused(case, officer):
    with pytest.raises(HandlingError):
        handling.answer(case, " \n ", officer)
    assert not case.events.filter(kind=Kind.ANSWER).exists()


def test_internal_notes_never_reach_the_residents_follow_page(case, officer):
    try:
        url = reverse("dialogue:follow", args=[case.follow_token])
    except NoReverseMatch:
        pytest.skip("The resident's follow page does not exist yet.")
    handling.add_note(case, "Intern: ring Anna på 070-123 45 67", officer)
    handling.answer(case, "Vi har lagat lampan.", officer)
    page = Client().get(url).content.decode()
    assert "Vi har lagat lampan." in page
    assert "Intern: ring Anna" not in page


# --- Merging and forwarding --------------------------------------------------------------------------------


def test_merging_keeps_photos_with_their_case_carries_commitment_links_and_tells_both_cases(
    org, officer, small_plan
):
    main = make_case(organisation=org["administration"])
    duplicate = make_case(organisation=org["administration"], language="sv")
    photo = make_photo(duplicate)
    commitment = small_plan["commitments"][2]
    duplicate.commitments.add(commitment)

    event = handling.merge_duplicate(duplicate, main, officer)

    duplicate.refresh_from_db()
    assert duplicate.status == Status.DUPLICATE and duplicate.duplicate_of == main
    assert duplicate.closed_at is not None
    photo.refresh_from_db()
    assert photo.case == duplicate  # the duplicate's resident keeps their photo
    assert list(main.commitments.all()) == [commitment]
    assert list(duplicate.commitments.all()) == [commitment]
    assert event.is_public and main.reference in event.text
    assert event.data["into"] == main.reference and event.data["before"] == "received"
    [on_main] = events(main, Kind.MERGED)
    assert not on_main.is_public
    assert on_main.data["duplicate"] == duplicate.reference and "photos" not in on_main.data


def test_a_case_cannot_be_merged_into_itself(case, officer):
    with pytest.raises(HandlingError):
        handling.merge_duplicate(case, case, officer)


def test_a_case_cannot_be_merged_into_a_duplicate_and_the_message_names_the_main_case(org, officer):
    main = make_case(organisation=org["administration"])
    duplicate = make_case(organisation=org["administration"])
    third = make_case(organisation=org["administration"])
    handling.merge_duplicate(duplicate, main, officer)
    with translation.override("en"), pytest.raises(HandlingError) as refused:
        handling.merge_duplicate(third, duplicate, officer)
    assert main.reference in refused.value.message
    assert Case.objects.get(pk=third.pk).status == Status.RECEIVED


def test_merging_a_case_that_has_duplicates_points_them_at_the_new_main_case(org, officer):
    first, second, third = (make_case(organisation=org["administration"]) for _ in range(3))
    handling.merge_duplicate(first, second, officer)
    handling.merge_duplicate(second, third, officer)
    first.refresh_from_db()
    assert first.duplicate_of == third
    assert handling.main_case(first) == third
    assert events(first, Kind.MERGED)[-1].data == {"before": second.reference, "after": third.reference}


def test_a_finished_case_cannot_be_merged(org, officer):
    closed = make_case(organisation=org["administration"], status=Status.CLOSED)
    main = make_case(organisation=org["administration"])
    with pytest.raises(HandlingError):
        handling.merge_duplicate(closed, main, officer)


def test_forwarding_closes_the_case_as_not_ours_and_tells_the_resident(case, officer):
    event = handling.forward(case, " Trafikverket ", officer, "Ring Trafikverket på 0771-921 921.")
    case.refresh_from_db()
    assert (case.status, case.forwarded_to) == (Status.NOT_OURS, "Trafikverket")
    assert case.closed_at is not None and case.confirmed_at is not None
    assert event.is_public and event.data["forwarded_to"] == "Trafikverket"
    assert event.text == ""
    [note] = events(case, Kind.PUBLIC_NOTE)
    assert (note.text, note.review) == ("Ring Trafikverket på 0771-921 921.", "pending")


def test_forwarding_needs_a_recipient_and_an_unfinished_case(case, officer, org):
    with pytest.raises(HandlingError):
        handling.forward(case, "  ", officer)
    closed = make_case(organisation=org["administration"], status=Status.CLOSED)
    with pytest.raises(HandlingError):
        handling.forward(closed, "Botkyrkabyggen", officer)


# --- Commitments, publishing -------------------------------------------------------------------------------


def test_cases_link_to_current_commitments_and_unlinking_keeps_the_record(case, officer, small_plan):
    preschool, reading, _building = small_plan["commitments"]
    event = handling.link_commitments(case, [preschool, reading], officer)
    assert set(case.commitments.all()) == {preschool, reading}
    assert [item["reference"] for item in event.data["added"]] == ["1.1", "1.2"]
    with pytest.raises(HandlingError):
        handling.link_commitments(case, [preschool], officer)

    removal = handling.unlink_commitments(case, [reading], officer)
    assert list(case.commitments.all()) == [preschool]
    assert removal.data["removed"][0]["id"] == reading.pk
    assert len(events(case, Kind.LINKED)) == 2
    with pytest.raises(HandlingError):
        handling.unlink_commitments(case, [reading], officer)


def test_a_removed_commitment_cannot_be_linked(case, officer, small_plan):
    commitment = small_plan["commitments"][0]
    commitment.removed_in = small_plan["document"].current_version
    commitment.save()
    with pytest.raises(HandlingError):
        handling.link_commitments(case, [commitment], officer)


def test_approving_text_with_personal_data_asks_the_officer_to_confirm(case, officer):
    text = "Anna Svensson ringde från 070-123 45 67 om lampan."
    with pytest.raises(PersonalDataFound) as found:
        handling.approve_text(case, text, "", officer)
    assert {finding.kind for finding in found.value.findings} >= {"name", "phone"}
    assert Case.objects.get(pk=case.pk).text_review == "pending"

    event = handling.approve_text(case, text, "", officer, allow_personal_data=True)
    case.refresh_from_db()
    assert (case.published_text, case.text_review, case.reviewed_by) == (text, "approved", officer)
    assert event.data["after"] == {"text": text, "place": "", "review": "approved"}
    assert event.data["personal_data_allowed"] is True
    assert not event.is_public


def test_hiding_a_case_keeps_the_text_and_records_before_and_after(case, officer):
    before = case.published_text
    event = handling.set_published(case, False, officer)
    case.refresh_from_db()
    assert not case.is_published and case.published_text == before
    assert event.data == {"before": {"is_published": True}, "after": {"is_published": False}}
    with pytest.raises(HandlingError):
        handling.set_published(case, False, officer)
    with pytest.raises(HandlingError):
        handling.approve_text(case, "  ", "", officer)


def test_a_safety_report_can_be_published_one_by_one(org, officer):
    case = make_case(
        kind=CaseKind.SAFETY, organisation=org["administration"], published_text="Mörkt vid tunneln."
    )
    assert not case.is_published
    handling.set_published(case, True, officer)
    handling.approve_text(case, "Mörkt vid gångtunneln.", "", officer)
    case.refresh_from_db()
    assert case.is_published and case.published_text == "Mörkt vid gångtunneln."


def test_photos_are_approved_and_rejected_one_by_one_with_an_event(case, officer):
    photo = make_photo(case)
    assert (photo.review, photo.is_public) == ("pending", False)
    handling.review_photo(photo, True, officer)
    assert (photo.review, photo.is_public) == ("approved", True)
    event = handling.review_photo(photo, False, officer)
    assert (photo.review, photo.is_public) == ("rejected", False)
    assert event.data == {"what": "photo", "photo": photo.pk, "before": "approved", "after": "rejected"}
    with pytest.raises(HandlingError):
        handling.review_photo(photo, False, officer)


def test_a_removed_photo_cannot_be_published(case, officer):
    photo = make_photo(case)
    photo.removed_at = timezone.now()
    photo.save()
    with pytest.raises(HandlingError):
        handling.review_photo(photo, True, officer)


# --- Deadlines ---------------------------------------------------------------------------------------------

FRIDAY = date(2026, 3, 6)
MONDAY, TUESDAY, WEDNESDAY = date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11)


def overdue_on(today: date) -> set[int]:
    return set(Case.objects.filter(handling.overdue_q(today)).values_list("pk", flat=True))


def test_a_confirmation_due_on_tuesday_is_late_from_wednesday(org):
    case = make_case(organisation=org["administration"], confirm_due=TUESDAY, answer_due=date(2026, 3, 20))
    assert not handling.is_overdue(case, MONDAY) and case.pk not in overdue_on(MONDAY)
    assert not handling.is_overdue(case, TUESDAY) and case.pk not in overdue_on(TUESDAY)
    assert handling.is_overdue(case, WEDNESDAY) and case.pk in overdue_on(WEDNESDAY)


def test_due_soon_counts_working_days_over_the_weekend(org):
    on_monday = make_case(
        organisation=org["administration"], confirm_due=MONDAY, answer_due=date(2026, 3, 20)
    )
    on_tuesday = make_case(
        organisation=org["administration"], confirm_due=TUESDAY, answer_due=date(2026, 3, 20)
    )
    on_wednesday = make_case(
        organisation=org["administration"], confirm_due=WEDNESDAY, answer_due=date(2026, 3, 20)
    )
    soon = set(Case.objects.filter(handling.due_soon_q(FRIDAY)).values_list("pk", flat=True))
    assert soon == {on_monday.pk, on_tuesday.pk}
    assert on_wednesday.pk not in soon


def test_confirmed_answered_and_finished_cases_are_not_late_for_what_they_did(org):
    late = {"confirm_due": FRIDAY, "answer_due": MONDAY}
    confirmed = make_case(
        organisation=org["administration"], status=Status.IN_PROGRESS, confirmed_at=timezone.now(), **late
    )
    answered_in_progress = make_case(
        organisation=org["administration"],
        status=Status.IN_PROGRESS,
        confirmed_at=timezone.now(),
        answered_at=timezone.now(),
        **late,
    )
    fixed = make_case(organisation=org["administration"], status=Status.FIXED, **late)
    closed = make_case(organisation=org["administration"], status=Status.CLOSED, **late)
    received = make_case(organisation=org["administration"], **late)

    assert overdue_on(TUESDAY) == {confirmed.pk, received.pk}
    assert overdue_on(MONDAY) == {received.pk}
    for case in (confirmed, answered_in_progress, fixed, closed, received):
        assert handling.is_overdue(case, TUESDAY) == (case.pk in overdue_on(TUESDAY))


def test_the_reminder_uses_the_same_rule(org):
    from framsteg.dialogue.services.reminders import cases_to_remind

    late = make_case(organisation=org["administration"], confirm_due=FRIDAY, answer_due=date(2026, 3, 20))
    assert late in cases_to_remind(TUESDAY)


def test_a_coordinator_from_elsewhere_cannot_be_assigned_but_a_superuser_can(case, officer):
    coordinator = factories.make_user("cecilia")
    Membership.objects.create(
        user=coordinator,
        organisation=factories.make_organisation("Kommunledningsförvaltningen", slug="klf"),
        role=Membership.Role.COORDINATOR,
    )
    root = factories.make_user("root", is_superuser=True)
    with pytest.raises(HandlingError):
        handling.assign(case, coordinator, officer)
    handling.assign(case, root, officer)
    assert Case.objects.get(pk=case.pk).assignee == root
