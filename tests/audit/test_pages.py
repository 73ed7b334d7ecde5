"""The audit log's pages: for administrators only; search, one entry, and a CSV export that is recorded."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framsteg.audit.models import AuditEntry
from framsteg.audit.services import record, record_read
from framsteg.core.csv import spreadsheet_safe as safe_cell
from tests.audit.conftest import backdate, client_for

LOG = "/personal/logg/"
CSV = "/personal/logg.csv"


@pytest.fixture
def entry(people, orgs):
    return record(
        "organisations.rename",
        target=orgs["technical"],
        actor=people["case_officer"],
        before={"name": "Tekniska kontoret"},
        after={"name": "Tekniska förvaltningen"},
    )


def test_the_urls_are_the_audit_apps():
    assert reverse("audit:log") == LOG
    assert reverse("audit:entry", args=[7]) == "/personal/logg/7/"
    assert reverse("audit:log-csv") == CSV


@pytest.mark.parametrize("url", [LOG, CSV, "/personal/logg/1/"])
def test_anonymous_visitors_are_sent_to_log_in(db, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


@pytest.mark.parametrize("who", ["coordinator", "case_officer", "partner", "reader"])
def test_only_administrators_read_the_log(people, entry, who):
    client = client_for(people[who])
    for url in (LOG, CSV, f"/personal/logg/{entry.pk}/"):
        assert client.get(url).status_code == 403, url
    assert not AuditEntry.objects.filter(action="audit.export").exists()


def test_a_user_without_any_role_is_refused(db, entry):
    nobody = get_user_model().objects.create_user("nils", password="x" * 20)
    assert client_for(nobody).get(LOG).status_code == 403


def test_an_administrator_reads_the_log(people, entry):
    client = client_for(people["administrator"])
    response = client.get(LOG)
    assert response.status_code == 200
    page = response.content.decode()
    assert "organisations.rename" in page and "Olle" in page and "Tekniska förvaltningen" in page
    assert f'href="/personal/logg/{entry.pk}/"' in page
    assert client.get(f"/personal/logg/{entry.pk}/").status_code == 200
    assert client.get("/personal/logg/999999/").status_code == 404


def test_a_superuser_reads_the_log(db, entry):
    admin = get_user_model().objects.create_superuser("root", password="x" * 20)
    assert client_for(admin).get(LOG).status_code == 200


def test_the_log_only_answers_get(people):
    assert client_for(people["administrator"]).post(LOG).status_code == 405


def test_the_menu_links_to_the_log_for_administrators_only(people):
    link = f'href="{LOG}"'
    assert link in client_for(people["administrator"]).get("/personal/arenden/").content.decode()
    assert link not in client_for(people["coordinator"]).get("/personal/arenden/").content.decode()


def test_the_entry_page_shows_before_and_after(people, entry):
    page = client_for(people["administrator"]).get(f"/personal/logg/{entry.pk}/").content.decode()
    assert "Tekniska kontoret" in page and "Tekniska förvaltningen" in page
    assert "case_officer: Tekniska förvaltningen" in page
    assert "Before" in page and "After" in page


# --- Search ------------------------------------------------------------------------------------------------


@pytest.fixture
def many(people, orgs):
    """Entries by different people, of different kinds and actions, on different days."""
    return {
        "rename": record("organisations.rename", target=orgs["technical"], actor=people["case_officer"]),
        "read": record_read("case.personal_data", target=orgs["police"], actor=people["coordinator"]),
        "old": backdate(
            record("steering.apply_import", target=orgs["municipality"], actor=people["reader"]), 20
        ),
        "system": record("dialogue.send_case_reminders", target_label="Tekniska förvaltningen"),
    }


def found(people, query: dict) -> list[int]:
    response = client_for(people["administrator"]).get(LOG, query)
    assert response.status_code == 200
    return [entry.pk for entry in response.context["page"].object_list]


def test_without_a_search_every_entry_is_listed_newest_first(people, many):
    assert found(people, {}) == [many["system"].pk, many["read"].pk, many["rename"].pk, many["old"].pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"person": "olle"}, ["rename"]),
        ({"person": "Olle Ek"}, ["rename"]),
        ({"person": "ceci"}, ["read"]),
        ({"kind": "read"}, ["read"]),
        ({"action": "steering.apply_import"}, ["old"]),
        ({"object_type": "organisations.organisation", "object": "Polisen"}, ["read"]),
        ({"object": "tekniska"}, ["system", "rename"]),
    ],
)
def test_each_search_field(people, many, query, expected):
    assert found(people, query) == [many[name].pk for name in expected]


def test_searching_an_object_by_its_id(people, many, orgs):
    assert found(people, {"object": str(orgs["municipality"].pk)}) == [many["old"].pk]


def test_searching_a_time_range(people, many):
    today = timezone.localdate()
    recent = {"date_from": (today - timedelta(days=1)).isoformat(), "date_to": today.isoformat()}
    assert many["old"].pk not in found(people, recent) and len(found(people, recent)) == 3
    day = (today - timedelta(days=20)).isoformat()
    assert found(people, {"date_from": day, "date_to": day}) == [many["old"].pk]


def test_the_form_keeps_what_was_typed_and_names_a_wrong_field(people, many):
    response = client_for(people["administrator"]).get(
        LOG, {"person": "olle", "date_from": "2026-13-45", "date_to": timezone.localdate().isoformat()}
    )
    page = response.content.decode()
    assert 'value="olle"' in page and 'value="2026-13-45"' in page
    assert 'role="alert"' in page and "From date" in page
    assert [e.pk for e in response.context["page"].object_list] == [many["rename"].pk]


def test_a_to_date_before_the_from_date_is_refused_in_words(people, many):
    response = client_for(people["administrator"]).get(
        LOG, {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert "The to date must not be before the from date." in response.content.decode()


def test_the_log_is_paginated(people):
    for number in range(53):
        record("test.bulk", target_label=f"item {number}")
    client = client_for(people["administrator"])
    first = client.get(LOG, {"action": "test.bulk"})
    assert len(first.context["page"].object_list) == 50
    assert 'rel="next"' in first.content.decode() and "action=test.bulk" in first.content.decode()
    second = client.get(LOG, {"action": "test.bulk", "page": 2})
    assert [e.target_label for e in second.context["page"].object_list] == ["item 2", "item 1", "item 0"]


def test_searching_needs_few_queries_however_many_entries(people, django_assert_max_num_queries):
    for number in range(60):
        record("test.bulk", actor=people["case_officer"], target_label=f"item {number}")
    client = client_for(people["administrator"])
    client.get(LOG)
    with django_assert_max_num_queries(12):
        client.get(LOG, {"person": "olle"})


# --- Export ------------------------------------------------------------------------------------------------


def rows_of(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_the_export_is_the_current_search_and_is_recorded(people, many):
    response = client_for(people["administrator"]).get(CSV, {"kind": "read"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0][:3] == ["When", "Kind", "Action"]
    assert [row[2] for row in rows[1:]] == ["case.personal_data"]
    export = AuditEntry.objects.get(action="audit.export")
    assert export.kind == AuditEntry.Kind.READ and export.user == people["administrator"]
    assert export.changes["after"] == {"search": {"kind": "read"}, "rows": 1}


def test_the_export_neutralises_formulas_in_every_cell(people):
    record(
        "test.formula",
        target_label='=HYPERLINK("http://evil.example","click")',
        target_id="+1",
        after={"x": "@SUM(A1)"},
    )
    record("test.formula", target_label="Gatan 1;=cmd|' /C calc'!A0", target_id="-2")
    rows = rows_of(client_for(people["administrator"]).get(CSV, {"action": "test.formula"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert "'+1" in cells and "'-2" in cells
    assert "Gatan 1;'=cmd|' /C calc'!A0" in cells
    assert not any(";=" in cell or "; =" in cell for cell in cells)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("a;=1", "a;'=1"),
        ("a; -1", "a; '-1"),
        ("a,+1", "a,'+1"),
        ("Anna Svensson", "Anna Svensson"),
        ("2026-00012", "2026-00012"),
        (None, ""),
    ],
)
def test_safe_cell(value, safe):
    assert safe_cell(value) == safe


# --- Admin -------------------------------------------------------------------------------------------------


def test_the_admin_shows_entries_read_only_to_superusers(db, entry):
    root = get_user_model().objects.create_superuser("root", password="x" * 20)
    client = client_for(root)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    change = client.get(f"/admin/audit/auditentry/{entry.pk}/change/")
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"action": "x"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == "organisations.rename"


def test_the_admin_hides_entries_from_other_staff(db, entry):
    from django.contrib.auth.models import Permission

    staff = get_user_model().objects.create_user("stina", password="x" * 20, is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="audit"))
    client = client_for(staff)
    # The admin answers administrators only: anyone else is sent to the staff log-in.
    for url in ("/admin/audit/auditentry/", f"/admin/audit/auditentry/{entry.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert (
            "/personal/logga-in/" in response.headers["Location"]
            or "/admin/login/" in response.headers["Location"]
        )
