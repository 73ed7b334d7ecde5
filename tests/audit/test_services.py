"""record, record_read and @audited: who, with which roles, from where, and what."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from framsteg.audit.context import AuditOriginMiddleware
from framsteg.audit.models import AuditEntry
from framsteg.audit.services import NOBODY, audited, nothing_changed, record, record_read
from framsteg.organisations.models import Organisation


def test_record_fills_the_user_and_their_roles(people, orgs):
    entry = record("test.change", target=orgs["technical"], actor=people["case_officer"], before=1, after=2)
    assert entry.user == people["case_officer"]
    assert entry.username == "olle"
    assert entry.roles == "case_officer: Tekniska förvaltningen"
    assert entry.kind == AuditEntry.Kind.CHANGE
    assert (entry.target_type, entry.target_id, entry.target_label) == (
        "organisations.organisation",
        str(orgs["technical"].pk),
        "Tekniska förvaltningen",
    )
    assert entry.changes == {"before": 1, "after": 2}


def test_record_takes_the_user_address_and_browser_from_the_request(people):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox/140")
    request.user = people["administrator"]
    found = {}

    def view(request):
        found["entry"] = record("test.change")
        found["without"] = record("test.resident", actor=NOBODY, with_origin=False)
        return HttpResponse()

    AuditOriginMiddleware(view)(request)
    entry = found["entry"]
    assert entry.user == people["administrator"]
    assert entry.roles == "administrator: Kommunledningsförvaltningen"
    assert (entry.ip_address, entry.user_agent) == ("203.0.113.7", "Firefox/140")
    resident = found["without"]
    assert resident.user is None and resident.username == "" and resident.roles == ""
    assert resident.ip_address is None and resident.user_agent == ""


def test_an_anonymous_request_records_no_user(db):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1")
    request.user = AnonymousUser()
    entry = AuditOriginMiddleware(lambda request: record("test.anonymous"))(request)
    assert entry.user is None and entry.username == "" and entry.ip_address == "198.51.100.1"


def test_record_read_is_a_read(people, orgs):
    entry = record_read("test.read", target=orgs["police"], actor=people["coordinator"])
    assert entry.kind == AuditEntry.Kind.READ and entry.user == people["coordinator"]


@audited("test.rename")
def rename(organisation: Organisation, name: str, by) -> None:
    Organisation.objects.filter(pk=organisation.pk).update(name=name)


@audited("test.rename_recorded")
def rename_recorded(organisation: Organisation, name: str, by) -> None:
    before = organisation.name
    Organisation.objects.filter(pk=organisation.pk).update(name=name)
    record("test.rename_recorded", target=organisation, actor=by, before=before, after=name)


@audited("test.maybe")
def maybe(organisation: Organisation, change: bool, user=None) -> None:
    if not change:
        nothing_changed()


@audited("test.outer")
def outer(organisation: Organisation, by) -> None:
    rename_recorded(organisation, "Nytt namn", by)


def test_audited_finds_the_actor_given_by_position(people, orgs):
    rename(orgs["technical"], "Teknik", people["case_officer"])
    entry = AuditEntry.objects.get(action="test.rename")
    assert entry.user == people["case_officer"]
    assert entry.target_id == str(orgs["technical"].pk)


def test_audited_prefers_by_to_a_user_acted_on(people, orgs):
    @audited("test.assign")
    def assign(organisation, user, by):
        pass

    assign(orgs["technical"], people["reader"], people["coordinator"])
    entry = AuditEntry.objects.get(action="test.assign")
    assert entry.user == people["coordinator"] and entry.target_type == "organisations.organisation"


def test_audited_finds_a_user_parameter_given_by_keyword(people, orgs):
    maybe(orgs["technical"], True, user=people["reader"])
    maybe(orgs["technical"], True, people["partner"])
    assert [e.username for e in AuditEntry.objects.filter(action="test.maybe").order_by("pk")] == [
        "rut",
        "pelle",
    ]


def test_a_service_that_records_its_own_entry_gets_no_second_one(people, orgs):
    rename_recorded(orgs["technical"], "Teknik", people["case_officer"])
    entries = list(AuditEntry.objects.all())
    assert [(e.action, e.changes) for e in entries] == [
        ("test.rename_recorded", {"before": "Tekniska förvaltningen", "after": "Teknik"})
    ]


def test_nested_services_record_once(people, orgs):
    outer(orgs["technical"], people["case_officer"])
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["test.rename_recorded"]


def test_a_service_that_changed_nothing_records_nothing(people, orgs):
    maybe(orgs["technical"], False, people["reader"])
    assert not AuditEntry.objects.exists()


def test_a_failing_service_records_nothing(people, orgs):
    @audited("test.fails")
    def fails(organisation, by):
        raise ValueError("no")

    with pytest.raises(ValueError):
        fails(orgs["technical"], people["reader"])
    assert not AuditEntry.objects.exists()
