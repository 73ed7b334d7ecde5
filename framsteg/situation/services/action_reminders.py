"""The daily reminder about actions whose outcome is late or due within two working days.

Each message goes to the action's responsible person when they have an account with an e-mail address,
otherwise to the owning organisation's partners and incident reporters; actions with the same recipients
share one message. An action is reminded of at most once a day (`Action.reminded_on`), so a second run on
the same day sends nothing. Nothing is sent on a day off unless forced. The message is in the staff's
language (settings.LANGUAGE_CODE).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.core.email import send_email
from framsteg.dialogue.workdays import STOCKHOLM, is_working_day, working_days_between
from framsteg.organisations.models import Membership
from framsteg.situation.models import Action
from framsteg.situation.selectors.meetings import due_soon_or_late_q

# Public functions here that only read or compute; every other public function is @audited.
READS = ("actions_to_remind", "reminders_for", "recipients_for", "action_url")

logger = logging.getLogger(__name__)


@dataclass
class ActionItem:
    action: Action
    working_days_late: int  # > 0 late; 0 or less: due today or in that many working days
    url: str

    @property
    def is_late(self) -> bool:
        return self.working_days_late > 0


@dataclass
class ActionReminder:
    recipients: list[str]
    items: list[ActionItem]

    @property
    def late(self) -> list[ActionItem]:
        return [item for item in self.items if item.is_late]

    @property
    def due_soon(self) -> list[ActionItem]:
        return [item for item in self.items if not item.is_late]


@dataclass
class ActionReminderReport:
    day: date
    dry_run: bool = False
    skipped: bool = False
    sent: list[ActionReminder] = field(default_factory=list)
    unreachable: list[ActionReminder] = field(default_factory=list)
    failed: list[ActionReminder] = field(default_factory=list)


def actions_to_remind(today: date) -> QuerySet[Action]:
    return (
        Action.objects.filter(due_soon_or_late_q(today))
        .exclude(reminded_on=today)
        .select_related("organisation", "responsible")
        .order_by("due_on", "pk")
    )


def recipients_for(action: Action) -> list[str]:
    """The responsible person's address, else those of the owning organisation's partners and reporters."""
    responsible = action.responsible
    if responsible is not None and responsible.is_active and responsible.email:
        return [responsible.email]
    members = Membership.objects.filter(
        organisation=action.organisation,
        role__in=(Membership.Role.PARTNER, Membership.Role.INCIDENT_REPORTER),
    )
    users = (
        get_user_model()
        .objects.filter(pk__in=members.values("user_id"), is_active=True, email__gt="")
        .order_by("email")
    )
    return list(dict.fromkeys(users.values_list("email", flat=True)))


def action_url(action: Action) -> str:
    return settings.SITE_URL + reverse("situation:action", kwargs={"pk": action.pk})


def reminders_for(today: date) -> list[ActionReminder]:
    grouped: dict[tuple[str, ...], list[ActionItem]] = {}
    for action in actions_to_remind(today):
        item = ActionItem(action, working_days_between(action.due_on, today), action_url(action))
        grouped.setdefault(tuple(recipients_for(action)), []).append(item)
    reminders = []
    for recipients, items in grouped.items():
        items.sort(key=lambda item: (-item.working_days_late, item.action.pk))
        reminders.append(ActionReminder(list(recipients), items))
    return reminders


@audited("situation.send_action_reminders")
def send_action_reminders(
    today: date | None = None, force: bool = False, dry_run: bool = False
) -> ActionReminderReport:
    """Send today's reminders about actions. Nothing is sent on a day off unless `force` is given."""
    today = today or timezone.localdate(timezone=STOCKHOLM)
    report = ActionReminderReport(day=today, dry_run=dry_run)
    if not force and not is_working_day(today):
        report.skipped = True
        nothing_changed()
        return report
    for reminder in reminders_for(today):
        if not reminder.recipients:
            logger.warning(
                "No one to remind about %d actions: neither the responsible person nor the owning "
                "organisation's members have an e-mail address.",
                len(reminder.items),
            )
            report.unreachable.append(reminder)
            continue
        if dry_run:
            report.sent.append(reminder)
            continue
        try:
            sent = _send(reminder, today)
        except Exception:  # one failing message must not stop the others
            logger.exception("An action reminder could not be sent.")
            report.failed.append(reminder)
        else:
            if sent:
                report.sent.append(reminder)
    nothing_changed()  # unless a reminder was sent and recorded
    return report


def _send(reminder: ActionReminder, today: date) -> bool:
    """Mark the actions reminded and send the message together; skip when another run got there first."""
    with transaction.atomic():
        ids = [item.action.pk for item in reminder.items]
        locked = Action.objects.select_for_update().filter(pk__in=ids)
        if locked.filter(reminded_on=today).exists():
            return False
        locked.update(reminded_on=today)
        send_email(
            reminder.recipients,
            subject_template="situation/email/action_reminder_subject.txt",
            body_template="situation/email/action_reminder.txt",
            context={"reminder": reminder, "today": today, "site_url": settings.SITE_URL},
            language=settings.LANGUAGE_CODE,
        )
        record(
            "situation.send_action_reminders",
            actor=NOBODY,
            target_type="situation.action",
            target_id=",".join(str(pk) for pk in ids),
            target_label=", ".join(item.action.title for item in reminder.items)[:300],
            details={"date": today.isoformat(), "actions": ids, "recipients": len(reminder.recipients)},
        )
    return True
