"""The weekly meeting: its services (audited, closed minutes amended only by a coordinator) and its page,
run by coordinators and read by partners."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from framsteg.audit.models import AuditEntry
from framsteg.places.models import District
from framsteg.situation.models import Action, Meeting, Problem
from framsteg.situation.services import meetings as services
from tests import factories
from tests.dialogue.factories import make_districts
from tests.situation import factories as situation

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 3, 2)


@pytest.fixture
def people():
    make_districts()
    municipality = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    police = situation.make_partner("Polisen")
    housing = situation.make_partner("Botkyrkabyggen", kind="company")
    return {
        "coordinator": factories.make_user("cecilia", municipality, ("coordinator",)),
        "police": factories.make_user("pelle", police, ("partner",), email="pelle@polisen.se"),
        "housing": factories.make_user("hugo", housing, ("partner",)),
        "police_org": police,
        "housing_org": housing,
    }


def action_data(people, **extra):
    data = {
        "title": "Kvällsvandringar i Fittja centrum",
        "organisation": people["police_org"],
        "responsible": people["police"],
        "starts_on": WEEK + datetime.timedelta(days=7),
        "ends_on": WEEK + datetime.timedelta(days=20),
        "due_on": WEEK + datetime.timedelta(days=21),
        "named_place": situation.make_place(),
        "categories": [situation.make_category("Klotter")],
    }
    data.update(extra)
    return services.ActionData(**data)


def test_the_meeting_of_a_week_is_opened_once(people):
    first = services.open_meeting(WEEK + datetime.timedelta(days=3), by=people["coordinator"])
    again = services.open_meeting(WEEK, by=people["coordinator"])
    assert first == again and first.week == WEEK
    assert AuditEntry.objects.filter(action="situation.open_meeting").count() == 1


def test_closed_minutes_are_amended_by_a_coordinator_only_and_audited(people):
    meeting = services.open_meeting(WEEK, by=people["coordinator"])
    with pytest.raises(ValidationError):
        services.close_minutes(meeting, by=people["coordinator"])
    services.set_minutes(meeting, "Fokus på Fittja centrum.", by=people["coordinator"])
    services.close_minutes(meeting, by=people["coordinator"])
    meeting.refresh_from_db()
    assert meeting.closed_at is not None and meeting.held_on is not None
    with pytest.raises(PermissionDenied):
        services.set_minutes(meeting, "Ändrat", by=people["police"])
    services.set_minutes(meeting, "Fokus på Fittja centrum och Alby.", by=people["coordinator"])
    entry = AuditEntry.objects.filter(action="situation.set_minutes").latest("pk")
    assert entry.changes["before"] == {"minutes": "Fokus på Fittja centrum."}
    assert entry.changes["after"] == {"minutes": "Fokus på Fittja centrum och Alby."}
    assert entry.changes["details"] == {"amended_after_closing": True}


def test_priorities_and_participants_are_recorded_with_before_and_after(people):
    meeting = services.open_meeting(WEEK, by=people["coordinator"])
    fittja = District.objects.get(name="Fittja")
    place = situation.make_place(is_hot_spot=True)
    services.set_meeting_details(
        meeting,
        participants=[people["police_org"], people["housing_org"]],
        priority_districts=[fittja],
        priority_places=[place],
        by=people["coordinator"],
    )
    assert list(meeting.priority_places.all()) == [place]
    entry = AuditEntry.objects.filter(action="situation.set_meeting_details").get()
    assert entry.changes["before"]["priority_districts"] == []
    assert entry.changes["after"]["priority_districts"] == [fittja.pk]


def test_an_action_with_a_new_problem_is_recorded_and_audited(people):
    meeting = services.open_meeting(WEEK, by=people["coordinator"])
    action = services.record_action(
        action_data(people, new_problem_title="Klotter vid centrumentrén"),
        meeting=meeting,
        by=people["coordinator"],
    )
    problem = Problem.objects.get()
    assert action.problem == problem and problem.named_place == action.named_place
    assert list(problem.categories.all()) == list(action.categories.all())
    entry = AuditEntry.objects.filter(action="situation.record_action").get()
    assert entry.changes["after"]["organisation_id"] == people["police_org"].pk
    assert AuditEntry.objects.filter(action="situation.record_problem").count() == 1


def test_an_action_needs_a_member_as_responsible_one_place_types_and_a_sane_period(people):
    with pytest.raises(ValidationError) as error:
        services.record_action(
            action_data(
                people,
                responsible=people["housing"],
                district=District.objects.get(name="Fittja"),
                categories=[],
                ends_on=WEEK,
            ),
            by=people["coordinator"],
        )
    assert set(error.value.message_dict) >= {"responsible", "named_place", "categories", "ends_on"}
    named = services.record_action(
        action_data(people, responsible=None, responsible_name="Kim på fältet"), by=people["coordinator"]
    )
    assert named.responsible_name == "Kim på fältet"


def test_the_owner_or_a_coordinator_records_the_outcome(people):
    action = services.record_action(action_data(people), by=people["coordinator"])
    with pytest.raises(PermissionDenied):
        services.record_outcome(action, "Klart", by=people["housing"])
    services.record_outcome(action, "Tio kvällar, lugnt.", status=Action.Status.DONE, by=people["police"])
    action.refresh_from_db()
    assert action.status == "done" and action.outcome_recorded_at is not None
    entry = AuditEntry.objects.filter(action="situation.record_outcome").get()
    assert entry.changes["before"] == {"outcome": "", "status": "planned"}
    services.set_action_status(action, Action.Status.ONGOING, by=people["coordinator"])
    assert AuditEntry.objects.filter(action="situation.set_action_status").count() == 1


# The page -------------------------------------------------------------------------------------------------


def meeting_url(week=WEEK):
    year, number, _ = week.isocalendar()
    return reverse("situation:meeting", kwargs={"week": f"{year}-W{number:02d}"})


def test_the_coordinator_walks_the_meeting_and_records_an_action(client, people):
    category = situation.make_category("Klotter")
    place = situation.make_place()
    situation.make_incident(category, occurred_at=situation_time(WEEK), named_place=place)
    client.force_login(people["coordinator"])
    response = client.get(meeting_url())
    assert response.status_code == 200
    body = response.content.decode()
    for heading in ("followup-heading", "picture-heading", "priorities-heading", "new-actions-heading"):
        assert heading in body
    assert "Klotter" in body  # the week's summary

    fields = {
        "form": "action",
        "action-title": "Kvällsvandringar",
        "action-organisation": people["police_org"].pk,
        "action-responsible": people["police"].pk,
        "action-named_place": place.pk,
        "action-starts_on": "2026-03-09",
        "action-ends_on": "2026-03-22",
        "action-due_on": "2026-03-23",
        "action-categories": [category.pk],
        "action-new_problem_title": "Klotter vid entrén",
    }
    response = client.post(meeting_url(), fields)
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.meeting.week == WEEK and action.problem.title == "Klotter vid entrén"

    fields["action-title"] = ""
    fields["action-named_place"] = ""
    response = client.post(meeting_url(), fields)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()

    response = client.post(meeting_url(), {"form": "close", "minutes-minutes": "Beslut: kvällsvandringar."})
    assert response.status_code == 302
    assert Meeting.objects.get().closed_at is not None

    # Next week's meeting follows the action up.
    next_week = client.get(meeting_url(WEEK + datetime.timedelta(days=7))).content.decode()
    assert "Kvällsvandringar" in next_week and "followup-table" in next_week


def test_partners_read_the_meeting_but_cannot_run_it(client, people):
    services.open_meeting(WEEK, by=people["coordinator"])
    client.force_login(people["police"])
    response = client.get(meeting_url())
    assert response.status_code == 200
    assert 'name="form"' not in response.content.decode()
    assert client.post(meeting_url(), {"form": "minutes", "minutes-minutes": "x"}).status_code == 403
    assert client.get(reverse("situation:meetings")).status_code == 200
    assert client.get("/personal/lagesbild/mote/2026-W60/").status_code == 404


def situation_time(week):
    from django.utils import timezone

    return timezone.make_aware(
        datetime.datetime.combine(week + datetime.timedelta(days=1), datetime.time(21))
    )
