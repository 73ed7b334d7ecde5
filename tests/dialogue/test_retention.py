"""After the retention time from closing, the resident's personal data goes and the case stays."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from framsteg.dialogue.models import Case, CaseEvent, Photo
from framsteg.dialogue.services.retention import remove_expired_personal_data
from tests.dialogue.factories import make_case, make_photo

pytestmark = pytest.mark.django_db

NOW = timezone.now()
LONG_AGO = NOW - timedelta(days=120)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIALOGUE_RETENTION_DAYS = 90
    return settings.MEDIA_ROOT


def closed_case(days_ago: int = 100, status: str = Case.Status.CLOSED, **extra) -> Case:
    closed = NOW - timedelta(days=days_ago)
    extra.setdefault("contact_name", "Anna Svensson")
    extra.setdefault("contact_email", "anna.svensson@example.se")
    extra.setdefault("contact_phone", "070-123 45 67")
    return make_case(
        description=extra.pop(
            "description",
            "Lampan är trasig. Ring mig, Anna Svensson, på 070-123 45 67 eller anna@example.se.",
        ),
        created_at=closed - timedelta(days=20),
        status=status,
        closed_at=closed,
        **extra,
    )


def stored(photo: Photo) -> bool:
    return photo.image.storage.exists(photo.image.name)


def test_contact_details_photos_and_personal_data_in_the_description_are_removed():
    case = closed_case()
    photo = make_photo(case)
    name = photo.image.name

    report = remove_expired_personal_data(now=NOW)

    case.refresh_from_db()
    photo.refresh_from_db()
    assert (case.contact_name, case.contact_email, case.contact_phone) == ("", "", "")
    assert case.personal_data_removed_at == NOW
    assert "Anna" not in case.description and "070" not in case.description and "@" not in case.description
    assert case.description.startswith("Lampan är trasig. Ring mig, [borttaget], på [borttaget]")
    assert not photo.image and photo.removed_at == NOW
    assert not FileSystemStorage().exists(name)
    assert Photo.objects.filter(pk=photo.pk).exists(), (
        "the row stays, so the timeline still says a photo came"
    )
    assert (report.cases, report.contact_fields, report.photos_removed, report.photos_failed) == (1, 3, 1, 0)
    assert report.description_redactions == 3


def test_the_case_itself_remains_a_public_document():
    case = closed_case(published_text="Lampan är trasig.")
    remove_expired_personal_data(now=NOW)
    case.refresh_from_db()
    assert (case.status, case.published_text, case.reference) == (
        Case.Status.CLOSED,
        "Lampan är trasig.",
        case.reference,
    )
    assert case.events.filter(kind=CaseEvent.Kind.RECEIVED).exists()


def test_the_event_records_counts_only_and_is_internal():
    case = closed_case()
    make_photo(case)
    remove_expired_personal_data(now=NOW)
    event = case.events.get(kind=CaseEvent.Kind.PERSONAL_DATA_REMOVED)
    assert not event.is_public
    assert event.data == {
        "contact_fields": 3,
        "description_redactions": 3,
        "photos_removed": 1,
        "photos_failed": 0,
    }
    assert "Anna" not in event.text and "070" not in event.text


@pytest.mark.parametrize(
    "kind",
    ["recently closed", "open", "fixed without being closed", "answered without being closed"],
)
def test_cases_not_closed_long_enough_keep_their_data(kind):
    case = {
        "recently closed": lambda: closed_case(days_ago=89),
        "open": lambda: make_case(created_at=LONG_AGO, status=Case.Status.IN_PROGRESS, contact_name="Anna"),
        "fixed without being closed": lambda: make_case(
            created_at=LONG_AGO, status=Case.Status.FIXED, answered_at=LONG_AGO, contact_name="Anna"
        ),
        "answered without being closed": lambda: make_case(
            created_at=LONG_AGO, status=Case.Status.ANSWERED, answered_at=LONG_AGO, contact_name="Anna"
        ),
    }[kind]()
    photo = make_photo(case)
    report = remove_expired_personal_data(now=NOW)
    case.refresh_from_db()
    photo.refresh_from_db()
    assert report.cases == 0
    assert case.contact_name and case.personal_data_removed_at is None
    assert stored(photo) and photo.removed_at is None


@pytest.mark.parametrize("status", [Case.Status.DUPLICATE, Case.Status.NOT_OURS])
def test_duplicates_and_forwarded_cases_count_from_closing_too(status):
    case = closed_case(status=status)
    remove_expired_personal_data(now=NOW)
    case.refresh_from_db()
    assert case.contact_email == "" and case.personal_data_removed_at == NOW


def test_a_reopened_case_is_left_alone_even_if_closed_at_was_kept():
    case = closed_case(status=Case.Status.IN_PROGRESS)
    remove_expired_personal_data(now=NOW)
    case.refresh_from_db()
    assert case.contact_email


def test_running_again_changes_nothing():
    case = closed_case()
    make_photo(case)
    remove_expired_personal_data(now=NOW)
    description = Case.objects.get(pk=case.pk).description

    report = remove_expired_personal_data(now=NOW + timedelta(days=1))

    assert report.cases == 0
    assert Case.objects.get(pk=case.pk).description == description
    assert case.events.filter(kind=CaseEvent.Kind.PERSONAL_DATA_REMOVED).count() == 1


def test_a_photo_that_cannot_be_deleted_is_tried_again_and_the_rest_goes_on(caplog):
    case = closed_case()
    stuck, fine = make_photo(case), make_photo(case)
    other = closed_case(contact_name="Bo Ek", contact_email="bo@example.se", contact_phone="")
    other_photo = make_photo(other)
    original_delete = FileSystemStorage.delete

    def failing_delete(storage, name):
        if name == stuck.image.name:
            raise PermissionError("read-only file system")
        return original_delete(storage, name)

    with mock.patch.object(FileSystemStorage, "delete", failing_delete):
        report = remove_expired_personal_data(now=NOW)

    stuck.refresh_from_db()
    fine.refresh_from_db()
    other_photo.refresh_from_db()
    assert (report.photos_removed, report.photos_failed, report.cases) == (2, 1, 2)
    assert stuck.removed_at is None and stored(stuck)
    assert fine.removed_at is not None and other_photo.removed_at is not None
    assert Case.objects.get(pk=case.pk).contact_email == "", "the contact details go even if a photo is stuck"
    assert "tried again" in caplog.text

    later = NOW + timedelta(days=1)
    report = remove_expired_personal_data(now=later)

    stuck.refresh_from_db()
    assert (report.cases, report.photos_removed, report.photos_failed) == (1, 1, 0)
    assert stuck.removed_at == later and not stuck.image
    retry = case.events.filter(kind=CaseEvent.Kind.PERSONAL_DATA_REMOVED).order_by("created_at").last()
    assert retry.data == {
        "contact_fields": 0,
        "description_redactions": 0,
        "photos_removed": 1,
        "photos_failed": 0,
    }


def test_the_residents_details_are_scrubbed_from_events_but_other_text_is_kept():
    case = closed_case()
    note = CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        text="Anna ringde från 070-123 45 67. Entreprenören nås på 08-530 610 00.",
    )
    emailed = CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.EMAILED, data={"ok": True, "to": ["ANNA.SVENSSON@example.se"]}
    )
    answer = CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.ANSWER, text="Hej Anna Svensson! Lampan är lagad.", is_public=True
    )

    remove_expired_personal_data(now=NOW)

    note.refresh_from_db()
    emailed.refresh_from_db()
    answer.refresh_from_db()
    assert note.text == "[borttaget] ringde från [borttaget]. Entreprenören nås på 08-530 610 00."
    assert emailed.data == {"ok": True, "to": ["[borttaget]"]}
    assert answer.text == "Hej [borttaget]! Lampan är lagad."


def test_what_the_resident_wrote_later_is_redacted_like_the_description():
    case = closed_case(contact_name="", contact_email="", contact_phone="")
    message = CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.RESIDENT,
        is_public=True,
        text="Ring min granne på 0701234567, personnummer 19811218-9876. Det hände 2026-03-01.",
    )
    note = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, text="Entreprenören: 08-530 610 00.")

    remove_expired_personal_data(now=NOW)

    message.refresh_from_db()
    note.refresh_from_db()
    assert "0701234567" not in message.text and "19811218-9876" not in message.text
    assert "2026-03-01" in message.text
    assert note.text == "Entreprenören: 08-530 610 00."


def test_the_residents_name_is_scrubbed_from_an_edited_published_text():
    case = closed_case(published_text="Anna Svenssons lampa är trasig.")
    remove_expired_personal_data(now=NOW)
    case.refresh_from_db()
    assert case.published_text == "[borttaget] lampa är trasig."


def test_the_residents_name_is_scrubbed_from_the_published_place():
    case = closed_case(published_place="Utanför Anna Svenssons port")
    remove_expired_personal_data(now=NOW)
    case.refresh_from_db()
    assert case.published_place == "Utanför [borttaget] port"


def test_a_dry_run_counts_and_changes_nothing():
    case = closed_case()
    photo = make_photo(case)

    report = remove_expired_personal_data(now=NOW, dry_run=True)

    assert (report.cases, report.contact_fields, report.photos_removed) == (1, 3, 1)
    case.refresh_from_db()
    assert case.contact_email and case.personal_data_removed_at is None
    assert stored(photo)
    assert not case.events.filter(kind=CaseEvent.Kind.PERSONAL_DATA_REMOVED).exists()


def test_cases_are_processed_in_batches():
    cases = [closed_case() for _ in range(5)]
    report = remove_expired_personal_data(now=NOW, batch_size=2)
    assert report.cases == 5
    assert not Case.objects.filter(
        pk__in=[c.pk for c in cases], personal_data_removed_at__isnull=True
    ).exists()


def test_the_retention_time_comes_from_the_settings(settings):
    settings.DIALOGUE_RETENTION_DAYS = 10
    case = closed_case(days_ago=11)
    remove_expired_personal_data(now=NOW)
    case.refresh_from_db()
    assert case.personal_data_removed_at is not None


def test_the_command_reports_counts_and_supports_a_dry_run():
    case = closed_case()
    out = StringIO()
    call_command("remove_expired_personal_data", "--dry-run", stdout=out)
    assert "1" in out.getvalue()
    assert Case.objects.get(pk=case.pk).contact_email

    out = StringIO()
    call_command("remove_expired_personal_data", stdout=out, stderr=StringIO())
    assert Case.objects.get(pk=case.pk).contact_email == ""
    assert "Anna" not in out.getvalue()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_command_can_queue_the_job():
    out = StringIO()
    call_command("remove_expired_personal_data", "--enqueue", stdout=out)
    [queued] = default_task_backend.results
    assert queued.task.name == "remove_expired_personal_data_task"
    assert queued.id in out.getvalue()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_the_task_runs_the_job_and_returns_counts():
    from framsteg.dialogue.tasks import remove_expired_personal_data_task

    closed_case()
    result = remove_expired_personal_data_task.enqueue()
    assert result.return_value["cases"] == 1
    assert result.return_value["contact_fields"] == 3
