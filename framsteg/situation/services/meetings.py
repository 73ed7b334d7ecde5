"""The weekly meeting and its actions (insatser): the meeting of a week with its participants, priorities and
minutes; the problems actions answer; each action with its owner, place, period and outcome.

Closed minutes are the record of the meeting: only a coordinator amends them afterwards, and the amendment
is audited with the text before and after. The callers check `rules.may_run_meeting` and
`rules.may_record_outcome`; the services check again what only a coordinator may do.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.organisations.models import Membership, Organisation
from framsteg.places.models import Area, District
from framsteg.situation import rules
from framsteg.situation.models import Action, IncidentCategory, Meeting, NamedPlace, Problem, week_start
from framsteg.steering.models import Commitment

# Public functions here that only read or compute; every other public function is @audited.
READS = ("meeting_state", "action_state", "check_action", "responsible_candidates")

OPEN_STATUSES = (Action.Status.PLANNED, Action.Status.ONGOING)


def _ids(related) -> list[int]:
    return sorted(related.values_list("pk", flat=True))


def meeting_state(meeting: Meeting) -> dict:
    return {
        "held_on": meeting.held_on.isoformat() if meeting.held_on else None,
        "participants": _ids(meeting.participants),
        "priority_districts": _ids(meeting.priority_districts),
        "priority_areas": _ids(meeting.priority_areas),
        "priority_places": _ids(meeting.priority_places),
        "minutes": meeting.minutes,
        "closed_at": meeting.closed_at.isoformat() if meeting.closed_at else None,
    }


def action_state(action: Action) -> dict:
    def day(value):
        return value.isoformat() if value else None

    state = {
        "title": action.title,
        "description": action.description,
        "meeting_id": action.meeting_id,
        "problem_id": action.problem_id,
        "organisation_id": action.organisation_id,
        "responsible_id": action.responsible_id,
        "responsible_name": action.responsible_name,
        "named_place_id": action.named_place_id,
        "district_id": action.district_id,
        "area_id": action.area_id,
        "starts_on": day(action.starts_on),
        "ends_on": day(action.ends_on),
        "due_on": day(action.due_on),
        "status": action.status,
        "outcome": action.outcome,
    }
    if action.pk:
        state["categories"] = _ids(action.categories)
        state["commitments"] = _ids(action.commitments)
    return state


# The meeting ----------------------------------------------------------------------------------------------


@audited("situation.open_meeting")
def open_meeting(week: datetime.date, *, by=None) -> Meeting:
    """The meeting of the week `week` falls in, made when it does not exist yet."""
    monday = week_start(week)
    with transaction.atomic():
        meeting, created = Meeting.objects.get_or_create(week=monday, defaults={"created_by": by})
        if created:
            record("situation.open_meeting", target=meeting, actor=by, after=meeting_state(meeting))
        else:
            nothing_changed()
    return meeting


def _require_open_or_coordinator(meeting: Meeting, by) -> None:
    if meeting.closed_at is not None and not rules.is_coordinator(by):
        raise PermissionDenied(_("The minutes are closed: only a coordinator can amend them."))


@audited("situation.set_meeting_details")
def set_meeting_details(
    meeting: Meeting,
    *,
    held_on: datetime.date | None = None,
    participants=(),
    priority_districts=(),
    priority_areas=(),
    priority_places=(),
    by=None,
) -> Meeting:
    """Who took part and which districts, statistical areas and places (hot spots) the meeting prioritises."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require_open_or_coordinator(meeting, by)
        before = meeting_state(meeting)
        meeting.held_on = held_on
        meeting.save(update_fields=["held_on"])
        meeting.participants.set(participants)
        meeting.priority_districts.set(priority_districts)
        meeting.priority_areas.set(priority_areas)
        meeting.priority_places.set(priority_places)
        after = meeting_state(meeting)
        if after != before:
            details = {"amended_after_closing": True} if meeting.closed_at else None
            record(
                "situation.set_meeting_details",
                target=meeting,
                actor=by,
                before=before,
                after=after,
                details=details,
            )
        else:
            nothing_changed()
    return meeting


@audited("situation.set_minutes")
def set_minutes(meeting: Meeting, minutes: str, *, by=None) -> Meeting:
    """Write the minutes; once closed, only a coordinator amends them (recorded as an amendment)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require_open_or_coordinator(meeting, by)
        before = {"minutes": meeting.minutes}
        meeting.minutes = minutes.strip()
        meeting.save(update_fields=["minutes"])
        after = {"minutes": meeting.minutes}
        if after != before:
            details = {"amended_after_closing": True} if meeting.closed_at else None
            record(
                "situation.set_minutes", target=meeting, actor=by, before=before, after=after, details=details
            )
        else:
            nothing_changed()
    return meeting


@audited("situation.close_minutes")
def close_minutes(meeting: Meeting, *, by=None) -> Meeting:
    """Close the minutes: from now on they are the meeting's record."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.closed_at is not None:
            nothing_changed()
            return meeting
        if not meeting.minutes.strip():
            raise ValidationError({"minutes": _("Write the minutes before closing them.")})
        meeting.closed_at = timezone.now()
        meeting.held_on = meeting.held_on or timezone.localdate()
        meeting.save(update_fields=["closed_at", "held_on"])
        record(
            "situation.close_minutes",
            target=meeting,
            actor=by,
            before={"closed_at": None},
            after={"closed_at": meeting.closed_at.isoformat(), "held_on": meeting.held_on.isoformat()},
        )
    return meeting


# Problems -------------------------------------------------------------------------------------------------


@dataclass
class ProblemData:
    title: str
    description: str = ""
    categories: list[IncidentCategory] = field(default_factory=list)
    named_place: NamedPlace | None = None
    district: District | None = None
    area: Area | None = None
    year: int | None = None


@audited("situation.record_problem")
def record_problem(data: ProblemData, *, by=None) -> Problem:
    """Name a problem the picture shows (a kind of event at a place), which actions then answer."""
    if not data.title.strip():
        raise ValidationError({"problem_title": _("Name the problem.")})
    with transaction.atomic():
        problem = Problem.objects.create(
            title=data.title.strip(),
            description=data.description.strip(),
            named_place=data.named_place,
            district=data.district,
            area=data.area,
            year=data.year,
            created_by=by,
        )
        problem.categories.set(data.categories)
        record(
            "situation.record_problem",
            target=problem,
            actor=by,
            after={
                "title": problem.title,
                "categories": _ids(problem.categories),
                "named_place_id": problem.named_place_id,
                "district_id": problem.district_id,
                "area_id": problem.area_id,
            },
        )
    return problem


# Actions --------------------------------------------------------------------------------------------------


@dataclass
class ActionData:
    title: str
    organisation: Organisation
    starts_on: datetime.date
    ends_on: datetime.date
    description: str = ""
    responsible: object | None = None  # a user of the organisation
    responsible_name: str = ""
    named_place: NamedPlace | None = None
    district: District | None = None
    area: Area | None = None
    due_on: datetime.date | None = None
    problem: Problem | None = None
    new_problem_title: str = ""
    categories: list[IncidentCategory] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)


def responsible_candidates(organisation: Organisation | None):
    """The people who may be responsible for an action of the organisation: its active members."""
    users = get_user_model().objects.filter(is_active=True)
    if organisation is None:
        return users.filter(memberships__isnull=False).distinct().order_by("first_name", "last_name")
    member_ids = Membership.objects.filter(organisation=organisation).values("user_id")
    return users.filter(pk__in=member_ids).order_by("first_name", "last_name", "pk")


def check_action(data: ActionData) -> None:
    """Refuse what cannot be an action, with every problem at once (field → messages)."""
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors.setdefault("title", []).append(_("Say what the action is."))
    if data.organisation is None:
        errors.setdefault("organisation", []).append(_("Choose the partner that owns the action."))
    if (
        data.responsible is not None
        and data.organisation is not None
        and not responsible_candidates(data.organisation).filter(pk=data.responsible.pk).exists()
    ):
        errors.setdefault("responsible", []).append(
            _("The responsible person must be a member of %(organisation)s.")
            % {"organisation": data.organisation.name}
        )
    if data.responsible is None and not data.responsible_name.strip():
        errors.setdefault("responsible", []).append(_("Name the responsible person."))
    places = [place for place in (data.named_place, data.district, data.area) if place is not None]
    if len(places) != 1:
        errors.setdefault("named_place", []).append(
            _("Choose one place: a named place, a district or a statistical area.")
        )
    if data.starts_on is None:
        errors.setdefault("starts_on", []).append(_("Say when the action starts."))
    if data.ends_on is None:
        errors.setdefault("ends_on", []).append(_("Say when the action ends."))
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        errors.setdefault("ends_on", []).append(_("The period cannot end before it starts."))
    if data.due_on and data.starts_on and data.due_on < data.starts_on:
        errors.setdefault("due_on", []).append(_("The outcome cannot be due before the action starts."))
    if not data.categories:
        errors.setdefault("categories", []).append(_("Choose the event types the action targets."))
    if data.problem is not None and data.new_problem_title.strip():
        errors.setdefault("problem", []).append(_("Choose an existing problem or name a new one, not both."))
    if errors:
        raise ValidationError(errors)


@audited("situation.record_action")
def record_action(data: ActionData, *, meeting: Meeting | None = None, plan_year=None, by=None) -> Action:
    """Record an action decided at a meeting (or in the yearly åtgärdsplan), with the problem it answers:
    an existing one, or a new one named here for the same place and event types."""
    check_action(data)
    with transaction.atomic():
        problem = data.problem
        if data.new_problem_title.strip():
            problem = record_problem(
                ProblemData(
                    title=data.new_problem_title,
                    categories=list(data.categories),
                    named_place=data.named_place,
                    district=data.district,
                    area=data.area,
                ),
                by=by,
            )
        action = Action.objects.create(
            meeting=meeting,
            plan_year=plan_year,
            problem=problem,
            title=data.title.strip(),
            description=data.description.strip(),
            organisation=data.organisation,
            responsible=data.responsible,
            responsible_name="" if data.responsible else data.responsible_name.strip(),
            named_place=data.named_place,
            district=data.district,
            area=data.area,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            due_on=data.due_on,
            created_by=by,
        )
        action.categories.set(data.categories)
        action.commitments.set(data.commitments)
        record("situation.record_action", target=action, actor=by, after=action_state(action))
    return action


@audited("situation.set_action_status")
def set_action_status(action: Action, status: str, *, by=None) -> Action:
    """Move an action along planned → ongoing → done, or cancel it."""
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if not rules.may_record_outcome(by, action):
            raise PermissionDenied
        before = {"status": action.status}
        action.status = status
        action.save(update_fields=["status"])
        if action.status != before["status"]:
            record(
                "situation.set_action_status",
                target=action,
                actor=by,
                before=before,
                after={"status": action.status},
            )
        else:
            nothing_changed()
    return action


@audited("situation.record_outcome")
def record_outcome(action: Action, outcome: str, *, status: str | None = None, by=None) -> Action:
    """Say how the action went (what was done, what was seen), optionally with its new status."""
    if not outcome.strip():
        raise ValidationError({"outcome": _("Describe the outcome.")})
    if status is not None and status not in Action.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if not rules.may_record_outcome(by, action):
            raise PermissionDenied
        before = {"outcome": action.outcome, "status": action.status}
        action.outcome = outcome.strip()
        if status:
            action.status = status
        after = {"outcome": action.outcome, "status": action.status}
        if after != before:
            action.outcome_recorded_at = timezone.now()
            action.save(update_fields=["outcome", "status", "outcome_recorded_at"])
            record("situation.record_outcome", target=action, actor=by, before=before, after=after)
        else:
            nothing_changed()
    return action
