"""The daily reminder to the organisations responsible for cases that are late or due soon.

Once a working day, each responsible organisation gets one e-mail listing its open cases that were not
confirmed or answered in time, and those whose confirmation or answer is due today or on the next working
day. The message goes to the organisation's members; an organisation without members with an e-mail address
falls back to the nearest organisation above it that has some, then to the coordinators. Cases without a
responsible organisation go to the coordinators, who route them.

Every listed case gets a REMINDED event carrying the date, so running the job twice on the same day sends
nothing the second time. The message is written in the staff's language (settings.LANGUAGE_CODE).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.core.email import send_email
from framsteg.dialogue.models import Case, CaseEvent
from framsteg.dialogue.services.handling import due_soon_q, overdue_q
from framsteg.dialogue.workdays import STOCKHOLM, add_working_days, is_working_day, working_days_between
from framsteg.organisations.models import Membership, Organisation

# Public functions here that only read or compute; every other public function is @audited.
READS = ("cases_to_remind", "reminders_for", "recipients_for", "case_url")


logger = logging.getLogger(__name__)


@dataclass
class CaseReminder:
    """One case in a reminder, with the deadline that matters most: the answer's once it has passed."""

    case: Case
    deadline: str  # "confirm" or "answer"
    due: date
    working_days_late: int  # 0 or less: due today or later
    url: str

    @property
    def is_late(self) -> bool:
        return self.working_days_late > 0


@dataclass
class Reminder:
    """The one message an organisation gets on a day."""

    organisation: Organisation | None
    recipients: list[str]
    fallback: str  # "" (own members), "parent" or "coordinators"
    cases: list[CaseReminder]

    @property
    def late(self) -> list[CaseReminder]:
        return [item for item in self.cases if item.is_late]

    @property
    def due_soon(self) -> list[CaseReminder]:
        return [item for item in self.cases if not item.is_late]


@dataclass
class ReminderReport:
    day: date
    dry_run: bool = False
    skipped: bool = False  # not a working day
    sent: list[Reminder] = field(default_factory=list)
    unreachable: list[Reminder] = field(default_factory=list)
    failed: list[Reminder] = field(default_factory=list)  # sending failed; tried again on the next run

    def as_dict(self) -> dict[str, Any]:
        def summary(reminder: Reminder) -> dict[str, Any]:
            return {
                "organisation": reminder.organisation.name if reminder.organisation else None,
                "recipients": len(reminder.recipients),
                "cases": [item.case.reference for item in reminder.cases],
            }

        return {
            "date": self.day.isoformat(),
            "dry_run": self.dry_run,
            "skipped": self.skipped,
            "sent": [summary(reminder) for reminder in self.sent],
            "unreachable": [summary(reminder) for reminder in self.unreachable],
            "failed": [summary(reminder) for reminder in self.failed],
        }


@audited("dialogue.send_case_reminders")
def send_case_reminders(
    today: date | None = None, force: bool = False, dry_run: bool = False
) -> ReminderReport:
    """Send today's reminders. Nothing is sent on a day off unless `force` is given."""
    today = today or timezone.localdate(timezone=STOCKHOLM)
    report = ReminderReport(day=today, dry_run=dry_run)
    if not force and not is_working_day(today):
        report.skipped = True
        return report
    for reminder in reminders_for(today):
        if not reminder.recipients:
            logger.warning(
                "No one to remind about %d cases of %s: no member or coordinator has an e-mail address.",
                len(reminder.cases),
                reminder.organisation or "cases without a responsible organisation",
            )
            report.unreachable.append(reminder)
            continue
        if dry_run:
            report.sent.append(reminder)
            continue
        try:
            sent = _send(reminder, today)
        except Exception:  # a mail server that fails for one organisation must not stop the others
            logger.exception(
                "The reminder to %s could not be sent.", reminder.organisation or "the coordinators"
            )
            report.failed.append(reminder)
        else:
            if sent:
                report.sent.append(reminder)
    nothing_changed()  # unless a reminder was sent and recorded
    return report


def cases_to_remind(today: date) -> QuerySet[Case]:
    """Open cases that are late, or whose confirmation or answer is due today or on the next working day,
    and that have not been in a reminder today."""
    reminded_today = CaseEvent.objects.filter(kind=CaseEvent.Kind.REMINDED, data__date=today.isoformat())
    return (
        Case.objects.filter(overdue_q(today) | due_soon_q(today, working_days=1))
        .exclude(pk__in=reminded_today.values("case_id"))
        .select_related("category", "organisation")
        .order_by("answer_due", "confirm_due", "year", "number")
    )


def reminders_for(today: date) -> list[Reminder]:
    """One reminder per responsible organisation, the latest cases first."""
    by_organisation: dict[int | None, list[CaseReminder]] = {}
    organisations: dict[int | None, Organisation | None] = {None: None}
    for case in cases_to_remind(today):
        by_organisation.setdefault(case.organisation_id, []).append(_case_reminder(case, today))
        organisations[case.organisation_id] = case.organisation
    reminders = []
    for organisation_id, items in by_organisation.items():
        organisation = organisations[organisation_id]
        recipients, fallback = recipients_for(organisation)
        items.sort(key=lambda item: (-item.working_days_late, item.due, item.case.reference))
        reminders.append(Reminder(organisation, recipients, fallback, items))
    reminders.sort(key=lambda reminder: reminder.organisation.name if reminder.organisation else "")
    return reminders


def recipients_for(organisation: Organisation | None) -> tuple[list[str], str]:
    """E-mail addresses to remind and whether they are a fallback: the organisation's members, else the
    nearest organisation above it with members, else the coordinators."""
    current, fallback = organisation, ""
    while current is not None:
        addresses = _addresses(Membership.objects.filter(organisation=current))
        if addresses:
            return addresses, fallback
        current, fallback = current.parent, "parent"
    return _addresses(Membership.objects.filter(role=Membership.Role.COORDINATOR)), "coordinators"


def _addresses(memberships: QuerySet[Membership]) -> list[str]:
    users = (
        get_user_model()
        .objects.filter(pk__in=memberships.values("user_id"), is_active=True, email__gt="")
        .order_by("email")
    )
    return list(dict.fromkeys(users.values_list("email", flat=True)))


def _case_reminder(case: Case, today: date) -> CaseReminder:
    """The confirmation is what matters until it is given, unless the answer is already late."""
    confirmation_due = (
        case.status == Case.Status.RECEIVED
        and case.confirmed_at is None
        and case.confirm_due is not None
        and case.confirm_due <= add_working_days(today, 1)
    )
    answer_late = case.answered_at is None and case.answer_due is not None and case.answer_due < today
    if confirmation_due and not answer_late:
        deadline, due = "confirm", case.confirm_due
    else:
        deadline, due = "answer", case.answer_due
    return CaseReminder(case, deadline, due, working_days_between(due, today), case_url(case))


def case_url(case: Case) -> str:
    """The case's page in the staff interface, as a full address for an e-mail."""
    try:
        path = reverse("cases:detail", args=[case.year, f"{case.number:05d}"])
    except NoReverseMatch:
        path = f"/personal/arenden/{case.reference}/"
    return settings.SITE_URL + path


def _send(reminder: Reminder, today: date) -> bool:
    """Write the events and send the message together: if sending fails, no case counts as reminded.

    The cases are locked first and sending is skipped if another run reminded of them meanwhile, so two runs
    at the same time cannot both send. Returns whether the message was sent.
    """
    with translation.override(settings.LANGUAGE_CODE):
        organisation = reminder.organisation.name if reminder.organisation else "–"
        text = ngettext(
            "Reminder e-mailed to %(count)d person (%(organisation)s).",
            "Reminder e-mailed to %(count)d people (%(organisation)s).",
            len(reminder.recipients),
        ) % {"count": len(reminder.recipients), "organisation": organisation}
    with transaction.atomic():
        case_ids = [item.case.pk for item in reminder.cases]
        list(Case.objects.select_for_update().filter(pk__in=case_ids).values_list("pk", flat=True))
        reminded = CaseEvent.objects.filter(
            case_id__in=case_ids, kind=CaseEvent.Kind.REMINDED, data__date=today.isoformat()
        )
        if reminded.exists():
            return False
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case=item.case,
                kind=CaseEvent.Kind.REMINDED,
                text=text,
                is_public=False,
                data={
                    "date": today.isoformat(),
                    "deadline": item.deadline,
                    "working_days_late": item.working_days_late,
                    "recipients": len(reminder.recipients),
                },
            )
            for item in reminder.cases
        )
        send_email(
            reminder.recipients,
            subject_template="dialogue/email/reminder_subject.txt",
            body_template="dialogue/email/reminder.txt",
            context={"reminder": reminder, "today": today, "site_url": settings.SITE_URL},
        )
        record(
            "dialogue.send_case_reminders",
            target=reminder.organisation,
            actor=NOBODY,
            target_label="" if reminder.organisation else organisation,
            details={
                "date": today.isoformat(),
                "cases": [item.case.reference for item in reminder.cases],
                "recipients": len(reminder.recipients),
            },
        )
    return True
