"""Reminders to organisations that have not reported for the open period, before and after the due date,
each once, by e-mail."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from framsteg.audit.models import AuditEntry
from framsteg.steering.models import ReportReminder, StatusReview
from framsteg.steering.services.reminders import reminder_kind, send_report_reminders
from tests import factories

DUE = date(2026, 5, 10)


@pytest.fixture
def plan(small_plan):
    period = small_plan["period"]
    period.report_due = DUE
    period.save()
    small_plan["reporter"].email = "anna@botkyrka.se"
    small_plan["reporter"].save()
    factories.make_user("sam", small_plan["organisations"][1], ("goal_owner",), email="sam@botkyrka.se")
    return small_plan


def test_the_kind_follows_the_due_date(plan):
    period = plan["period"]
    assert reminder_kind(period, date(2026, 5, 2)) is None
    assert reminder_kind(period, date(2026, 5, 3)) == "before"
    assert reminder_kind(period, DUE) == "before"
    assert reminder_kind(period, date(2026, 5, 11)) == "after"
    period.report_due = None
    assert reminder_kind(period, date(2026, 5, 11)) is None


def test_nothing_is_sent_early(plan):
    report = send_report_reminders(date(2026, 4, 20))
    assert report.sent == [] and mail.outbox == []


def test_each_organisation_missing_reports_is_reminded_once_before_and_once_after(plan):
    preschool, reading, _ = plan["commitments"]
    factories.report(preschool, plan["period"])
    factories.report(reading, plan["period"])  # Utbildningsnämnden has reported on everything

    send_report_reminders(date(2026, 5, 5))
    assert [message.to for message in mail.outbox] == [["sam@botkyrka.se"]]
    message = mail.outbox[0]
    assert "Samhällsbyggnadsnämnden" in message.subject and "2026-05-10" in message.subject
    assert "500 bostäder" in message.body
    assert "/personal/rapportera/" in message.body
    assert message.extra_headers["Content-Language"] == "sv"

    send_report_reminders(date(2026, 5, 6))
    send_report_reminders(date(2026, 5, 10))
    assert len(mail.outbox) == 1  # the reminder before the due date goes once

    send_report_reminders(date(2026, 5, 11))
    send_report_reminders(date(2026, 5, 12))
    assert len(mail.outbox) == 2
    assert ReportReminder.objects.count() == 2
    assert AuditEntry.objects.filter(action="steering.send_report_reminders").count() == 2


def test_a_report_sent_back_counts_as_missing(plan, people):
    preschool, reading, building = plan["commitments"]
    factories.report(preschool, plan["period"])
    draft = factories.report(reading, plan["period"], needs_review=True)
    StatusReview.objects.create(update=draft, decision="returned", note="Komplettera")
    factories.report(building, plan["period"])
    send_report_reminders(date(2026, 5, 11))
    assert [message.to for message in mail.outbox] == [["anna@botkyrka.se"]]
    assert "Öka insatser för läslust" in mail.outbox[0].body


def test_an_organisation_without_addresses_is_reported_and_reminded_later(plan):
    plan["reporter"].email = ""
    plan["reporter"].save()
    report = send_report_reminders(date(2026, 5, 11))
    assert [reminder.organisation.name for reminder in report.unreachable] == ["Utbildningsnämnden"]
    plan["reporter"].email = "anna@botkyrka.se"
    plan["reporter"].save()
    send_report_reminders(date(2026, 5, 12))
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@botkyrka.se", "sam@botkyrka.se"]


def test_the_command_dry_run_sends_nothing(plan):
    out = StringIO()
    call_command("send_report_reminders", "--date", "2026-05-11", "--dry-run", stdout=out)
    assert "Samhällsbyggnadsnämnden" in out.getvalue()
    assert mail.outbox == [] and not ReportReminder.objects.exists()
    call_command("send_report_reminders", "--date", "2026-05-11", stdout=StringIO())
    call_command("send_report_reminders", "--date", "2026-05-11", stdout=out)
    assert len(mail.outbox) == 2
    assert out.getvalue().rstrip().endswith("2026-05-11.")  # "no reminders due" on that day
