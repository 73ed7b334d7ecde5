"""Each partner's list of actions with due dates in working days, the action page where the owner records
the outcome, the daily reminders, and the feedback to reporters."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from framsteg.situation import summaries
from framsteg.situation.models import Action, Incident
from framsteg.situation.selectors.feedback import actions_answering
from framsteg.situation.services.action_reminders import send_action_reminders
from tests import factories
from tests.dialogue.factories import make_districts
from tests.situation import factories as situation

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 9)


@pytest.fixture
def world():
    make_districts()
    municipality = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    police = situation.make_partner("Polisen")
    housing = situation.make_partner("Botkyrkabyggen", kind="company")
    people = {
        "coordinator": factories.make_user("cecilia", municipality, ("coordinator",)),
        "police": factories.make_user("pelle", police, ("partner",), email="pelle@polisen.se"),
        "police_reporter": factories.make_user(
            "rita", police, ("incident_reporter",), email="rita@polisen.se"
        ),
        "housing": factories.make_user("hugo", housing, ("partner",), email="hugo@bkb.se"),
    }
    category = situation.make_category("Klotter")
    place = situation.make_place()
    return {"people": people, "police": police, "housing": housing, "category": category, "place": place}


def make_action(world, organisation=None, **extra) -> Action:
    values = {
        "title": "Kvällsvandringar",
        "organisation": organisation or world["police"],
        "starts_on": MONDAY - datetime.timedelta(days=14),
        "ends_on": MONDAY - datetime.timedelta(days=1),
        "due_on": MONDAY,
        "named_place": world["place"],
        "responsible_name": "Kim",
    }
    values.update(extra)
    action = Action.objects.create(**values)
    action.categories.set([world["category"]])
    return action


def test_each_partner_sees_its_own_actions_and_late_ones_are_marked(client, world):
    late = make_action(world, title="Sen insats", due_on=datetime.date(2026, 3, 2))
    other = make_action(world, organisation=world["housing"], title="Bättre belysning")
    client.force_login(world["people"]["police"])
    body = client.get(reverse("situation:actions")).content.decode()
    assert "Sen insats" in body and "Bättre belysning" not in body
    assert f'id="action-{late.pk}" class="row--overdue"' in body
    client.force_login(world["people"]["coordinator"])
    body = client.get(reverse("situation:actions")).content.decode()
    assert "Sen insats" in body and "Bättre belysning" in body
    filtered = client.get(
        reverse("situation:actions"), {"organisation": world["housing"].pk}
    ).content.decode()
    assert "Bättre belysning" in filtered and "Sen insats" not in filtered
    assert other.pk


def test_the_owner_records_the_outcome_and_others_cannot(client, world):
    action = make_action(world)
    url = reverse("situation:action", kwargs={"pk": action.pk})
    client.force_login(world["people"]["housing"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"outcome-status": "done", "outcome-outcome": "x"}).status_code == 403
    client.force_login(world["people"]["police_reporter"])
    response = client.post(url, {"outcome-status": "done", "outcome-outcome": "Tolv kvällar, två möten."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.outcome == "Tolv kvällar, två möten."
    assert client.post(url, {"outcome-status": "nonsense"}).status_code == 400
    page = client.get(url).content.decode()
    assert "How the follow-up is computed" in page or "Så räknas uppföljningen" in page


def test_reminders_go_to_the_responsible_person_once_a_day(world):
    responsible = world["people"]["police"]
    make_action(
        world, responsible=responsible, responsible_name="", due_on=MONDAY + datetime.timedelta(days=1)
    )
    make_action(
        world, organisation=world["housing"], title="Belysning", due_on=MONDAY - datetime.timedelta(days=3)
    )
    make_action(world, title="Långt bort", due_on=MONDAY + datetime.timedelta(days=20))
    make_action(world, title="Klar", due_on=MONDAY, outcome_recorded_at=timezone.now(), outcome="Klart")
    report = send_action_reminders(today=MONDAY)
    assert sorted(reminder.recipients[0] for reminder in report.sent) == ["hugo@bkb.se", "pelle@polisen.se"]
    assert len(mail.outbox) == 2
    housing_mail = next(message for message in mail.outbox if message.to == ["hugo@bkb.se"])
    assert "Belysning" in housing_mail.body
    assert Action.objects.filter(reminded_on=MONDAY).count() == 2
    assert send_action_reminders(today=MONDAY).sent == []
    assert len(mail.outbox) == 2
    assert send_action_reminders(today=datetime.date(2026, 3, 14)).skipped  # a Saturday


def test_the_reminder_command_runs_dry(world, capsys):
    make_action(world, due_on=MONDAY)
    call_command("send_action_reminders", "--date", MONDAY.isoformat(), "--dry-run")
    assert "Kvällsvandringar" in capsys.readouterr().out
    assert mail.outbox == []


def test_feedback_names_the_actions_that_answer_a_report(world):
    category, place = world["category"], world["place"]
    occurred = timezone.make_aware(datetime.datetime(2026, 3, 4, 21))
    incident = situation.make_incident(category, occurred_at=occurred, named_place=place)
    answering = make_action(
        world, title="Svarar", starts_on=datetime.date(2026, 3, 9), ends_on=datetime.date(2026, 3, 22)
    )
    make_action(world, title="Före", starts_on=datetime.date(2026, 2, 1), ends_on=datetime.date(2026, 2, 14))
    other_type = make_action(world, title="Annan typ", starts_on=datetime.date(2026, 3, 9), ends_on=MONDAY)
    other_type.categories.set([situation.make_category("Bråk")])
    elsewhere = situation.make_place(name="Tumba centrum", latitude=59.1996, longitude=17.8333)
    make_action(world, title="Annan plats", named_place=elsewhere, starts_on=datetime.date(2026, 3, 9))
    assert actions_answering(incident) == [answering]

    from framsteg.situation.models import Problem

    problem = Problem.objects.create(title="Klotter i centrum", named_place=place)
    problem.categories.set([category])
    ongoing = make_action(
        world,
        title="Pågående",
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 3, 31),
        problem=problem,
        named_place=None,
        district=incident.district,
    )
    assert actions_answering(incident) == [ongoing, answering]


def test_the_feedback_template_says_whether_the_report_counts(world, rf):
    from django.template.loader import render_to_string

    incident = situation.make_incident(
        world["category"], named_place=world["place"], status=Incident.Status.REPORTED
    )
    text = render_to_string("situation/partner/_incident_feedback.html", {"incident": incident})
    assert "incident-feedback" in text
    make_action(
        world,
        title="Svarar",
        starts_on=timezone.localdate() + datetime.timedelta(days=1),
        ends_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    Incident.objects.filter(pk=incident.pk).update(status=Incident.Status.INCLUDED)
    incident.refresh_from_db()
    summaries.changed(summaries.footprint(incident))
    text = render_to_string("situation/partner/_incident_feedback.html", {"incident": incident})
    assert "Svarar" in text
