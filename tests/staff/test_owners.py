"""Coordinators edit who answers for a commitment in the staff pages, through an audited service."""

from django.urls import reverse

from framsteg.audit.models import AuditEntry
from framsteg.steering.models import Responsibility
from framsteg.steering.services.commitments import set_owners


def url(commitment) -> str:
    return reverse("staff:owners", args=[commitment.pk])


def test_set_owners_adds_and_removes_and_records_both(small_plan, people):
    preschool = small_plan["commitments"][0]
    schools, housing = small_plan["organisations"]
    set_owners(preschool, [housing], by=people["coordinator"])
    assert list(preschool.responsible.all()) == [housing]
    assert Responsibility.objects.get(commitment=preschool).basis == "assigned"
    entry = AuditEntry.objects.get(action="steering.set_owners")
    assert entry.changes["before"]["owners"][0]["organisation"] == schools.name
    assert entry.changes["after"]["owners"] == [{"organisation": housing.name, "basis": "assigned"}]


def test_an_unchanged_set_records_nothing(small_plan, people):
    preschool = small_plan["commitments"][0]
    set_owners(preschool, list(preschool.responsible.all()), by=people["coordinator"])
    assert not AuditEntry.objects.filter(action="steering.set_owners").exists()


def test_a_coordinator_edits_owners_on_the_staff_page(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    schools, housing = small_plan["organisations"]
    client = as_user(people["coordinator"])
    page = client.get(url(preschool))
    assert page.status_code == 200
    assert page.context["form"].initial["owners"] == [schools]
    response = client.post(url(preschool), {"owners": [schools.pk, housing.pk]})
    assert response.status_code == 302
    assert set(preschool.responsible.all()) == {schools, housing}


def test_reporters_may_not_edit_owners(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    client = as_user(people["reporter"])
    assert client.get(url(preschool)).status_code == 403
    assert client.post(url(preschool), {"owners": []}).status_code == 403
    assert preschool.responsible.count() == 1


def test_an_unknown_organisation_is_refused(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    response = as_user(people["coordinator"]).post(url(preschool), {"owners": ["99999"]})
    assert response.status_code == 400
    assert preschool.responsible.count() == 1
