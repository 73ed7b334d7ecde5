"""Every write service is @audited and records its action; the staff case page records reading a resident's
contact details."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from framsteg.audit.models import AuditEntry
from framsteg.core.access import Role
from framsteg.dialogue.models import Case, CaseKind
from framsteg.dialogue.services import apikeys, followup, handling, intake, loading, reminders, retention
from framsteg.dialogue.services.intake import Submission
from framsteg.steering.services import importing, links, reporting
from tests import factories
from tests.audit.conftest import client_for
from tests.dialogue.factories import make_case, make_category, make_photo

SERVICES = {
    handling.route: "dialogue.route",
    handling.assign: "dialogue.assign",
    handling.set_status: "dialogue.set_status",
    handling.add_note: "dialogue.add_note",
    handling.answer: "dialogue.answer",
    handling.merge_duplicate: "dialogue.merge_duplicate",
    handling.forward: "dialogue.forward",
    handling.link_commitments: "dialogue.link_commitments",
    handling.unlink_commitments: "dialogue.unlink_commitments",
    handling.add_public_note: "dialogue.add_public_note",
    handling.approve_text: "dialogue.approve_text",
    handling.reject_text: "dialogue.reject_text",
    handling.set_published: "dialogue.set_published",
    handling.review_photo: "dialogue.review_photo",
    handling.review_public_note: "dialogue.review_public_note",
    intake.submit_case: "dialogue.submit_case",
    followup.add_resident_message: "dialogue.add_resident_message",
    loading.load_dialogue: "dialogue.load_dialogue",
    apikeys.create_key: "dialogue.create_api_key",
    apikeys.revoke_key: "dialogue.revoke_api_key",
    retention.remove_expired_personal_data: "dialogue.remove_expired_personal_data",
    reminders.send_case_reminders: "dialogue.send_case_reminders",
    importing.import_document: "steering.import_document",
    importing.apply_import: "steering.apply_import",
    reporting.report_status: "steering.report_status",
    reporting.correct_status: "steering.correct_status",
    reporting.add_evidence: "steering.add_evidence",
    reporting.report_many: "steering.report_many",
    links.decide_link: "steering.decide_link",
}


@pytest.mark.parametrize(("service", "action"), SERVICES.items(), ids=[a for a in SERVICES.values()])
def test_each_write_service_is_audited(service, action):
    assert getattr(service, "__audited__", None) == action


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(orgs):
    return factories.make_user(
        "olle", orgs["technical"], (Role.CASE_OFFICER,), first_name="Olle", last_name="Ek"
    )


@pytest.fixture
def case(orgs):
    return make_case(
        organisation=orgs["technical"],
        contact_name="Anna Svensson",
        contact_email="anna@example.org",
        language="sv",
    )


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def only(action: str) -> AuditEntry:
    found = entries(action)
    assert len(found) == 1, [e.action for e in AuditEntry.objects.all()]
    return found[0]


def test_handling_records_each_action_with_before_and_after(orgs, officer, case):
    handling.route(case, orgs["municipality"], officer)
    entry = only("dialogue.route")
    assert entry.user == officer and entry.target_label == case.reference
    assert entry.changes["before"]["organisation"]["name"] == "Tekniska förvaltningen"
    assert entry.changes["after"]["organisation"]["name"] == "Kommunledningsförvaltningen"
    handling.route(case, orgs["technical"], officer)

    handling.assign(case, officer, officer)
    assert only("dialogue.assign").changes["after"] == {"assignee": {"id": officer.pk, "name": "Olle Ek"}}

    handling.set_status(case, Case.Status.IN_PROGRESS, officer)
    assert only("dialogue.set_status").changes["before"] == {"status": "received"}

    handling.add_note(case, "Ring Anna på 070-123 45 67", officer)
    note = only("dialogue.add_note")
    assert "070" not in str(note.changes) and note.changes["details"]["event"]

    handling.answer(case, "Vi lagar lampan i veckan, Anna.", officer)
    assert "Anna" not in str(only("dialogue.answer").changes)

    handling.approve_text(case, "Lampan är trasig.", "", officer)
    approved = only("dialogue.approve_text")
    assert approved.changes["details"]["text_changed"] is True and "Lampan" not in str(approved.changes)
    assert approved.changes["after"] == {"review": "approved"}

    handling.set_published(case, False, officer)
    assert only("dialogue.set_published").changes["after"] == {"is_published": False}

    photo = make_photo(case)
    handling.review_photo(photo, True, officer)
    assert only("dialogue.review_photo").changes["after"] == {"photo": photo.pk, "review": "approved"}

    note = handling.add_public_note(case, "Lampan byts på fredag.", officer)
    assert "fredag" not in str(only("dialogue.add_public_note").changes)
    handling.review_public_note(note, False, officer)
    assert only("dialogue.review_public_note").changes["after"] == {"note": note.pk, "review": "rejected"}

    handling.reject_text(case, "Handlar om en granne.", officer)
    assert only("dialogue.reject_text").changes["after"] == {"review": "rejected"}


def test_linking_commitments_is_recorded(orgs, officer, case, small_plan):
    commitment = small_plan["commitments"][0]
    handling.link_commitments(case, [commitment], officer)
    assert only("dialogue.link_commitments").changes["after"] == {"commitments": [commitment.pk]}
    handling.unlink_commitments(case, [commitment], officer)
    assert only("dialogue.unlink_commitments").changes == {
        "before": {"commitments": [commitment.pk]},
        "after": {"commitments": []},
        "details": {"event": case.events.latest("pk").pk},
    }


def test_merging_and_forwarding_are_recorded(orgs, officer, case):
    main = make_case(organisation=orgs["technical"])
    handling.merge_duplicate(case, main, officer)
    merged = entries("dialogue.merge_duplicate")
    assert {e.target_label for e in merged} == {case.reference, main.reference}
    other = make_case(organisation=orgs["technical"])
    handling.forward(other, "Trafikverket", officer)
    assert only("dialogue.forward").changes["after"] == {"status": "not_ours", "forwarded_to": "Trafikverket"}


def test_a_refused_action_records_nothing(officer, case):
    with pytest.raises(handling.HandlingError):
        handling.set_status(case, Case.Status.CLOSED, officer)
    assert not AuditEntry.objects.exists()


def test_a_report_is_recorded_without_a_user_or_the_residents_address(orgs, client):
    category = make_category(organisation=orgs["technical"])
    case = intake.submit_case(
        Submission(
            kind=CaseKind.FAULT,
            category=category,
            description="Lampan är släckt.",
            contact_name="Anna Svensson",
            contact_email="anna@example.org",
        )
    )
    entry = only("dialogue.submit_case")
    assert entry.user is None and entry.username == "" and entry.ip_address is None
    assert entry.target_label == case.reference
    assert entry.changes["after"]["organisation"] == "Tekniska förvaltningen"
    assert "Anna" not in str(entry.changes) and "example.org" not in str(entry.changes)


def test_a_residents_message_is_recorded_without_what_they_wrote(case):
    followup.add_resident_message(case, "Lampan är fortfarande släckt, hälsar Anna", [], Case.Source.WEB)
    entry = only("dialogue.add_resident_message")
    assert entry.user is None and entry.ip_address is None and entry.target_label == case.reference
    assert "Anna" not in str(entry.changes)


def test_api_keys_are_recorded(people):
    key, _plaintext = apikeys.create_key("Felanmälningsappen", people["administrator"])
    created = only("dialogue.create_api_key")
    assert created.user == people["administrator"] and created.target_id == str(key.pk)
    apikeys.revoke_key(key, user=people["administrator"])
    apikeys.revoke_key(key, user=people["administrator"])  # already revoked: nothing changes
    assert only("dialogue.revoke_api_key").changes["before"] == {"revoked_at": None}


def test_removing_expired_personal_data_is_recorded_per_case(orgs, settings):
    closed = timezone.now() - timedelta(days=settings.DIALOGUE_RETENTION_DAYS + 1)
    case = make_case(
        organisation=orgs["technical"],
        status=Case.Status.CLOSED,
        closed_at=closed,
        contact_email="a@example.org",
    )
    retention.remove_expired_personal_data(dry_run=True)
    assert not AuditEntry.objects.exists()
    retention.remove_expired_personal_data()
    entry = only("dialogue.remove_expired_personal_data")
    assert entry.user is None and entry.target_label == case.reference
    assert entry.changes["details"]["contact_fields"] == 1
    retention.remove_expired_personal_data()  # nothing left to remove: nothing recorded
    assert len(entries("dialogue.remove_expired_personal_data")) == 1


def test_sending_reminders_is_recorded(orgs):
    factories.make_user("anna", orgs["technical"], email="anna@botkyrka.se")
    late = make_case(
        organisation=orgs["technical"],
        status=Case.Status.IN_PROGRESS,
        created_at=datetime(2026, 2, 2, 9, tzinfo=UTC),
        confirm_due=date(2026, 2, 4),
        confirmed_at=datetime(2026, 2, 3, 9, tzinfo=UTC),
        answer_due=date(2026, 2, 16),
    )
    reminders.send_case_reminders(today=date(2026, 3, 4), dry_run=True)
    assert not AuditEntry.objects.exists()
    reminders.send_case_reminders(today=date(2026, 3, 4))
    entry = only("dialogue.send_case_reminders")
    assert entry.target_label == "Tekniska förvaltningen" and entry.changes["details"]["cases"] == [
        late.reference
    ]
    reminders.send_case_reminders(today=date(2026, 3, 4))  # already reminded today
    assert len(entries("dialogue.send_case_reminders")) == 1


PLATFORM_TEXT = (
    "Politisk plattform\n\nAlla barn ska lyckas i skolan.\n\nDärför ska kommunen jobba med att:\n\n"
    " • Få fler barn att börja förskolan\n • Öka insatser för läslust och läskunnighet\n"
)


def test_importing_a_document_is_recorded_once(people):
    request = importing.ImportRequest(kind="platform", title="Politisk plattform", slug="plattform")
    result = importing.import_document(
        PLATFORM_TEXT.encode(), "plattform.txt", request, user=people["reader"]
    )
    entry = only("steering.apply_import")
    assert entry.user == people["reader"] and entry.target_id == str(result.document.pk)
    assert entry.changes["after"]["version"] == 1 and entry.changes["details"]["added"] == 2
    assert not entries("steering.import_document")
    importing.import_document(PLATFORM_TEXT.encode(), "plattform.txt", request, user=people["reader"])
    assert AuditEntry.objects.count() == 1  # the same text again changes nothing


# --- Reads of personal data --------------------------------------------------------------------------------


def test_the_case_page_records_reading_the_residents_contact_details(officer, case):
    client = client_for(officer, user_agent="Firefox/140")
    response = client.get(f"/personal/arenden/{case.reference}/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200 and "anna@example.org" in response.content.decode()
    entry = only("case.personal_data")
    assert entry.kind == AuditEntry.Kind.READ and entry.user == officer
    assert entry.target_type == "dialogue.case" and entry.target_label == case.reference
    assert "case_officer: Tekniska förvaltningen" in entry.roles
    assert (entry.ip_address, entry.user_agent) == ("203.0.113.9", "Firefox/140")


def test_a_case_without_contact_details_records_no_read(orgs, officer):
    case = make_case(organisation=orgs["technical"])
    assert client_for(officer).get(f"/personal/arenden/{case.reference}/").status_code == 200
    assert not AuditEntry.objects.filter(kind=AuditEntry.Kind.READ).exists()
