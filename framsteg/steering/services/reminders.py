"""Reminders to organisations that have not reported for the open follow-up period.

Run daily (`framsteg send-report-reminders`). For the open period with a due date, an organisation that
answers for current commitments and has not reported on all of them gets one reminder in the
`days_before` days before the due date (the due date included) and one after it has passed: each kind at
most once per period and organisation (`ReportReminder`, written in the same transaction as the sending, so
a second run, or two at once, sends nothing more). A report sent back by the coordinator does not count as
made. The message goes to the organisation's reporters and goal owners with an e-mail address, through
`framsteg.core.email.send_email`, in the staff's language (the site's language, settings.LANGUAGE_CODE, as
for the other staff reminders: staff accounts hold no language of their own). An organisation with nobody
to write to is reported and reminded once someone is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.core.access import Role
from framsteg.core.email import send_email
from framsteg.organisations.models import Membership, Organisation
from framsteg.steering.models import Commitment, FollowUpPeriod, ReportReminder
from framsteg.steering.selectors import unreported_by_organisation

# Public functions here that only read or compute; every other public function is @audited.
READS = ("reminder_kind", "recipients_for", "reminders_due")

DAYS_BEFORE = 7
STOCKHOLM = "Europe/Stockholm"

logger = logging.getLogger(__name__)


@dataclass
class Reminder:
    period: FollowUpPeriod
    organisation: Organisation
    kind: str
    unreported: list[Commitment]
    total: int
    recipients: list[str]


@dataclass
class ReminderReport:
    day: date
    period: FollowUpPeriod | None = None
    dry_run: bool = False
    sent: list[Reminder] = field(default_factory=list)
    unreachable: list[Reminder] = field(default_factory=list)
    failed: list[Reminder] = field(default_factory=list)


def reminder_kind(period: FollowUpPeriod, today: date, days_before: int = DAYS_BEFORE) -> str | None:
    """Which reminder is due for the period today: before the due date, after it, or none."""
    if period.report_due is None:
        return None
    if today > period.report_due:
        return ReportReminder.Kind.AFTER
    if today >= period.report_due - timedelta(days=days_before):
        return ReportReminder.Kind.BEFORE
    return None


def recipients_for(organisation: Organisation) -> list[str]:
    """The addresses of the organisation's own reporters and goal owners."""
    members = Membership.objects.filter(organisation=organisation, role__in=(Role.REPORTER, Role.GOAL_OWNER))
    users = (
        get_user_model()
        .objects.filter(pk__in=members.values("user_id"), is_active=True, email__gt="")
        .order_by("email")
    )
    return list(dict.fromkeys(users.values_list("email", flat=True)))


def reminders_due(
    today: date, days_before: int = DAYS_BEFORE
) -> tuple[FollowUpPeriod | None, list[Reminder]]:
    period = FollowUpPeriod.open_period()
    kind = reminder_kind(period, today, days_before) if period else None
    if kind is None:
        return period, []
    already = set(
        ReportReminder.objects.filter(period=period, kind=kind).values_list("organisation_id", flat=True)
    )
    rows = unreported_by_organisation(list(Organisation.objects.exclude(pk__in=already)), period)
    return period, [
        Reminder(period, row.organisation, kind, row.unreported, row.total, recipients_for(row.organisation))
        for row in rows
        if row.unreported
    ]


@audited("steering.send_report_reminders")
def send_report_reminders(
    today: date | None = None, *, days_before: int = DAYS_BEFORE, dry_run: bool = False
) -> ReminderReport:
    """Send the reminders due today; each (period, organisation, kind) once."""
    today = today or timezone.localdate(timezone=timezone.get_default_timezone())
    period, reminders = reminders_due(today, days_before)
    report = ReminderReport(day=today, period=period, dry_run=dry_run)
    for reminder in reminders:
        if not reminder.recipients:
            logger.warning(
                "No one to remind in %s: no reporter or goal owner with an e-mail address.",
                reminder.organisation,
            )
            report.unreachable.append(reminder)
            continue
        if dry_run:
            report.sent.append(reminder)
            continue
        try:
            sent = _send(reminder, today)
        except Exception:  # one failing message must not stop the others
            logger.exception("A reporting reminder could not be sent.")
            report.failed.append(reminder)
        else:
            if sent:
                report.sent.append(reminder)
    nothing_changed()  # unless a reminder was sent and recorded
    return report


def _send(reminder: Reminder, today: date) -> bool:
    """Write the reminder's row and send the message together; skip when another run got there first."""
    try:
        with transaction.atomic():
            row = ReportReminder.objects.create(
                period=reminder.period,
                organisation=reminder.organisation,
                kind=reminder.kind,
                recipients=len(reminder.recipients),
            )
            send_email(
                reminder.recipients,
                subject_template="steering/email/report_reminder_subject.txt",
                body_template="steering/email/report_reminder.txt",
                context={
                    "reminder": reminder,
                    "period": reminder.period,
                    "today": today,
                    "report_url": settings.SITE_URL + reverse("staff:report-many"),
                },
                language=settings.LANGUAGE_CODE,
                auto_submitted="auto-generated",
            )
            record(
                "steering.send_report_reminders",
                actor=NOBODY,
                target=reminder.organisation,
                details={
                    "period": reminder.period.short_label,
                    "kind": reminder.kind,
                    "unreported": len(reminder.unreported),
                    "recipients": len(reminder.recipients),
                    "reminder": row.pk,
                },
            )
    except IntegrityError:
        return False
    return True
