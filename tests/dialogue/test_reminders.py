"""Once a working day, each responsible organisation is reminded of its late cases and those due soon."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_tasks import default_task_backend

from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.services.reminders import send_case_reminders
from framsteg.organisations.models import Membership
from tests import factories
from tests.dialogue.factories import make_case

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 3, 4)
THURSDAY = date(2026, 3, 5)
SATURDAY = date(2026, 3, 7)


@pytest.fixture(autouse=True)
def english_staff(settings):
    """The message is written in the staff's language; English here, as the catalogues may lag behind."""
    settings.LANGUAGE_CODE = "en"
    settings.SITE_URL = "https://framsteg.botkyrka.se"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisations():
    committee = factories.make_organisation("Samhällsbyggnadsnämnden")
    administration = factories.make_organisation(
        "Samhällsbyggnadsförvaltningen", kind="administration", parent=committee
    )
    streets = factories.make_organisation("Gatuavdelningen", kind="administration", parent=administration)
    parks = factories.make_organisation("Parkenheten", kind="administration", parent=administration)
    housing = factories.make_organisation("Botkyrkabyggen", kind="company")
    return {
        "committee": committee,
        "administration": administration,
        "streets": streets,
        "parks": parks,
        "housing": housing,
    }


@pytest.fixture
def anna(organisations):
    user = factories.make_user("anna", organisations["streets"], email="anna@botkyrka.se")
    factories.make_user("bo", organisations["streets"], email="")  # no address: cannot be reminded
    factories.make_user("ulla", organisations["streets"], email="ulla@botkyrka.se", is_active=False)
    return user


def late_case(organisation, **extra) -> Case:
    """Confirmed, but the answer was due on 16 February: 12 working days late on Wednesday 4 March."""
    extra.setdefault("status", Case.Status.IN_PROGRESS)
    return make_case(
        organisation=organisation,
        created_at=datetime(2026, 2, 2, 9, tzinfo=UTC),
        confirm_due=date(2026, 2, 4),
        confirmed_at=datetime(2026, 2, 3, 9, tzinfo=UTC),
        answer_due=date(2026, 2, 16),
        **extra,
    )


def case_due(organisation, confirm_due: date | None = None, answer_due: date | None = None, **extra) -> Case:
    if confirm_due is None:
        extra.setdefault("status", Case.Status.IN_PROGRESS)
        extra.setdefault("confirmed_at", datetime(2026, 3, 2, 9, tzinfo=UTC))
    return make_case(
        organisation=organisation,
        created_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
        confirm_due=confirm_due or date(2026, 3, 4),
        answer_due=answer_due or date(2026, 3, 16),
        **extra,
    )


def case_link(case: Case) -> str:
    """The staff page of the case, written with the reference as everyone sees it."""
    return f"https://framsteg.botkyrka.se/personal/arenden/{case.reference}/"


def test_one_message_per_organisation_lists_late_cases_and_those_due_today_or_tomorrow(organisations, anna):
    streets = organisations["streets"]
    late = late_case(streets)
    confirm_today = case_due(streets, confirm_due=WEDNESDAY)
    answer_tomorrow = case_due(streets, answer_due=THURSDAY)
    later = case_due(streets, answer_due=date(2026, 3, 10))
    closed = late_case(streets, status=Case.Status.CLOSED, closed_at=datetime(2026, 2, 20, tzinfo=UTC))
    fixed = late_case(streets, status=Case.Status.FIXED, answered_at=datetime(2026, 2, 20, tzinfo=UTC))

    report = send_case_reminders(today=WEDNESDAY)

    [message] = mail.outbox
    assert message.to == ["anna@botkyrka.se"]
    assert message.subject == "framsteg: 3 cases to deal with for Gatuavdelningen"
    body = message.body
    for case in (late, confirm_today, answer_tomorrow):
        assert case.reference in body
        assert case_link(case) in body
    for case in (later, closed, fixed):
        assert case.reference not in body
    assert f"{late.reference} Gatubelysning: not answered, 12 working days late (due 2026-02-16)" in body
    assert f"{confirm_today.reference} Gatubelysning: to be confirmed by 2026-03-04" in body
    assert f"{answer_tomorrow.reference} Gatubelysning: to be answered by 2026-03-05" in body
    assert body.index("Late (1 case)") < body.index(late.reference) < body.index("Due today or on the next")
    assert [reminder.organisation for reminder in report.sent] == [streets]


def test_each_listed_case_gets_an_internal_reminded_event(organisations, anna):
    late = late_case(organisations["streets"])
    send_case_reminders(today=WEDNESDAY)
    event = late.events.get(kind=CaseEvent.Kind.REMINDED)
    assert not event.is_public
    assert event.data == {
        "date": "2026-03-04",
        "deadline": "answer",
        "working_days_late": 12,
        "recipients": 1,
    }


def test_running_twice_on_the_same_day_sends_nothing_the_second_time(organisations, anna):
    late = late_case(organisations["streets"])
    send_case_reminders(today=WEDNESDAY)
    report = send_case_reminders(today=WEDNESDAY)
    assert len(mail.outbox) == 1
    assert report.sent == []
    assert late.events.filter(kind=CaseEvent.Kind.REMINDED).count() == 1

    send_case_reminders(today=THURSDAY)
    assert len(mail.outbox) == 2, "the next working day it is reminded of again"
    assert "13 working days late" in mail.outbox[1].body


def test_nothing_is_sent_on_a_weekend_or_holiday_unless_the_date_is_forced(organisations, anna):
    late_case(organisations["streets"])
    assert send_case_reminders(today=SATURDAY).skipped
    assert send_case_reminders(today=date(2026, 4, 6)).skipped, "annandag påsk"
    assert mail.outbox == []

    report = send_case_reminders(today=SATURDAY, force=True)
    assert not report.skipped and len(mail.outbox) == 1


def test_an_organisation_without_members_falls_back_to_the_one_above_it(organisations):
    factories.make_user("sara", organisations["administration"], email="sara@botkyrka.se")
    case = late_case(organisations["parks"])
    send_case_reminders(today=WEDNESDAY)
    [message] = mail.outbox
    assert message.to == ["sara@botkyrka.se"]
    assert case.reference in message.body
    assert "no one at Parkenheten has an e-mail address" in message.body


def test_without_anyone_above_the_coordinators_are_reminded(organisations):
    coordinator = factories.make_user("cecilia", email="cecilia@botkyrka.se")
    Membership.objects.create(
        user=coordinator, organisation=organisations["committee"], role=Membership.Role.COORDINATOR
    )
    housing_case = late_case(organisations["housing"])
    unrouted = late_case(None, category=None, kind=CaseKind.FEEDBACK)

    send_case_reminders(today=WEDNESDAY)

    assert [message.to for message in mail.outbox] == [["cecilia@botkyrka.se"], ["cecilia@botkyrka.se"]]
    housing_message, unrouted_message = sorted(mail.outbox, key=lambda m: "Botkyrkabyggen" not in m.subject)
    assert housing_case.reference in housing_message.body
    assert "as a coordinator" in housing_message.body
    assert unrouted.reference in unrouted_message.body
    assert unrouted_message.subject == "framsteg: 1 case without a responsible organisation"


def test_when_nobody_can_be_reached_a_warning_is_logged_and_printed(organisations, caplog):
    case = late_case(organisations["housing"])
    err = StringIO()

    call_command("send_case_reminders", "--date", "2026-03-04", stdout=StringIO(), stderr=err)

    assert mail.outbox == []
    assert case.reference in err.getvalue() and "Botkyrkabyggen" in err.getvalue()
    assert "No one to remind" in caplog.text
    assert not case.events.filter(kind=CaseEvent.Kind.REMINDED).exists(), "tried again tomorrow"


def test_a_dry_run_sends_and_records_nothing(organisations, anna):
    case = late_case(organisations["streets"])
    out = StringIO()
    call_command("send_case_reminders", "--date", "2026-03-04", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert not case.events.filter(kind=CaseEvent.Kind.REMINDED).exists()
    assert "Would remind Gatuavdelningen (anna@botkyrka.se) about 1 case" in out.getvalue()
    assert case.reference in out.getvalue()


def test_if_sending_fails_no_case_counts_as_reminded_and_the_others_are_still_sent(organisations, anna):
    factories.make_user("pia", organisations["parks"], email="pia@botkyrka.se")
    failing = late_case(organisations["streets"])
    other = late_case(organisations["parks"])
    real_send = mail.EmailMessage.send

    def send(message, *args, **kwargs):
        if message.to == ["anna@botkyrka.se"]:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", send):
        report = send_case_reminders(today=WEDNESDAY)

    assert [reminder.organisation for reminder in report.failed] == [organisations["streets"]]
    assert [message.to for message in mail.outbox] == [["pia@botkyrka.se"]]
    assert not failing.events.filter(kind=CaseEvent.Kind.REMINDED).exists()
    assert other.events.filter(kind=CaseEvent.Kind.REMINDED).exists()

    send_case_reminders(today=WEDNESDAY)
    assert [message.to for message in mail.outbox] == [["pia@botkyrka.se"], ["anna@botkyrka.se"]]


def test_the_command_fails_visibly_when_a_reminder_could_not_be_sent(organisations, anna):
    late_case(organisations["streets"])
    with (
        mock.patch.object(mail.EmailMessage, "send", side_effect=ConnectionRefusedError),
        pytest.raises(CommandError, match="Gatuavdelningen"),
    ):
        call_command("send_case_reminders", "--date", "2026-03-04", stdout=StringIO())


def test_a_case_reminded_of_by_another_run_meanwhile_is_not_sent_again(organisations, anna):
    from framsteg.dialogue.services import reminders

    case = late_case(organisations["streets"])
    [reminder] = reminders.reminders_for(WEDNESDAY)
    send_case_reminders(today=WEDNESDAY)
    assert reminders._send(reminder, WEDNESDAY) is False
    assert len(mail.outbox) == 1
    assert case.events.filter(kind=CaseEvent.Kind.REMINDED).count() == 1


def test_the_command_prints_what_it_sent_and_skips_days_off(organisations, anna):
    case = late_case(organisations["streets"])
    out = StringIO()
    with mock.patch("framsteg.dialogue.services.reminders.timezone.localdate", return_value=SATURDAY):
        call_command("send_case_reminders", stdout=out)
    assert "2026-03-07 is not a working day" in out.getvalue()
    assert mail.outbox == []

    out = StringIO()
    call_command("send_case_reminders", "--date", "2026-03-07", stdout=out)
    assert f"Reminded Gatuavdelningen (anna@botkyrka.se) about 1 case: {case.reference}" in out.getvalue()

    out = StringIO()
    call_command("send_case_reminders", "--date", "2026-03-07", stdout=out)
    assert "No cases to remind about on 2026-03-07." in out.getvalue()


def test_a_wrong_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_case_reminders", "--date", "4/3/2026", stdout=StringIO())


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_command_can_queue_the_job():
    out = StringIO()
    call_command("send_case_reminders", "--enqueue", "--date", "2026-03-04", stdout=out)
    [queued] = default_task_backend.results
    assert queued.task.name == "send_case_reminders_task"
    assert queued.kwargs == {"on": "2026-03-04", "dry_run": False}
    assert queued.id in out.getvalue()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_the_task_sends_the_reminders(organisations, anna):
    from framsteg.dialogue.tasks import send_case_reminders_task

    case = late_case(organisations["streets"])
    result = send_case_reminders_task.enqueue(on="2026-03-04")
    assert result.return_value["sent"] == [
        {"organisation": "Gatuavdelningen", "recipients": 1, "cases": [case.reference]}
    ]
    assert len(mail.outbox) == 1
