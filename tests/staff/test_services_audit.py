"""Every write of the plan goes through a service that records an audit entry with before and after."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from framsteg.audit.models import AuditEntry
from framsteg.steering.models import DocumentLink, StatusUpdate
from framsteg.steering.services import links, reporting
from tests import factories
from tests.staff.test_report import form_data, url


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def a_report(plan, commitment=None, code="in_progress", progress=40, **extra) -> reporting.Report:
    return reporting.Report(
        commitment=commitment or plan["commitments"][0],
        period=plan["period"],
        status=factories.status(code),
        progress=progress,
        organisation=plan["organisations"][0],
        **extra,
    )


def test_a_report_records_the_commitment_before_and_after(small_plan):
    reporter = small_plan["reporter"]
    first = reporting.report_status(a_report(small_plan), by=reporter)
    second = reporting.report_status(a_report(small_plan, code="done", progress=100), by=reporter)

    recorded = entries("steering.report_status")
    assert len(recorded) == 2
    assert recorded[0].user == reporter
    assert recorded[0].target_type == "steering.commitment"
    assert recorded[0].target_id == str(small_plan["commitments"][0].pk)
    assert "before" not in recorded[0].changes
    assert recorded[1].changes["before"] == {
        "update": first.pk,
        "status": "in_progress",
        "progress": 40,
        "period": small_plan["period"].short_label,
        "organisation": "Utbildningsnämnden",
        "state": "draft",
    }
    assert recorded[1].changes["after"]["update"] == second.pk
    assert recorded[1].changes["after"]["status"] == "done"
    assert recorded[1].changes["after"]["progress"] == 100


def test_a_correction_records_the_update_it_corrects_as_before(small_plan):
    reporter = small_plan["reporter"]
    wrong = reporting.report_status(a_report(small_plan, progress=90), by=reporter)
    correction = reporting.report_status(
        a_report(small_plan, progress=30, corrects=wrong, correction_note="Fel siffra"), by=reporter
    )

    assert correction.corrects == wrong
    [recorded] = entries("steering.correct_status")
    assert recorded.changes["before"]["update"] == wrong.pk
    assert recorded.changes["before"]["progress"] == 90
    assert recorded.changes["after"]["progress"] == 30
    assert len(entries("steering.report_status")) == 1


def test_evidence_is_recorded_one_entry_each(small_plan):
    update = reporting.report_status(
        a_report(small_plan),
        by=small_plan["reporter"],
        links=[("Beslut", "https://www.botkyrka.se/beslut"), ("", "")],
        upload=SimpleUploadedFile("rapport.txt", b"Rapport", content_type="text/plain"),
    )

    assert [str(item) for item in update.evidence.order_by("pk")] == ["Beslut", "rapport.txt"]
    recorded = entries("steering.add_evidence")
    assert [entry.changes["after"]["title"] for entry in recorded] == ["Beslut", "rapport.txt"]
    assert recorded[0].changes["after"]["link"] == "https://www.botkyrka.se/beslut"


def test_reporting_many_records_each_commitment(small_plan):
    preschool, reading, _building = small_plan["commitments"]
    factories.report(reading, small_plan["period"], progress=10)
    updates = reporting.report_many(
        [a_report(small_plan, preschool), a_report(small_plan, reading, code="done", progress=100)],
        by=small_plan["reporter"],
    )

    assert StatusUpdate.objects.filter(pk__in=[update.pk for update in updates]).count() == 2
    recorded = entries("steering.report_status")
    assert [entry.target_id for entry in recorded] == [str(preschool.pk), str(reading.pk)]
    assert "before" not in recorded[0].changes
    assert recorded[1].changes["before"]["progress"] == 10
    assert recorded[1].changes["after"]["status"] == "done"


def test_deciding_a_link_records_its_state_before_and_after(small_plan):
    news = factories.make_document("Nyhet", kind="other", slug="nyhet")
    link = DocumentLink.objects.create(document=news, commitment=small_plan["commitments"][0], score=0.4)

    links.decide_link(link, DocumentLink.State.REJECTED, by=small_plan["reporter"])

    [recorded] = entries("steering.decide_link")
    assert recorded.target_type == "steering.documentlink"
    assert recorded.changes["before"] == {"state": "suggested"}
    assert recorded.changes["after"]["state"] == "rejected"
    with pytest.raises(ValueError):
        links.decide_link(link, DocumentLink.State.SUGGESTED, by=small_plan["reporter"])


def test_the_report_page_records_who_reported(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    response = as_user(people["reporter"]).post(url(preschool), form_data(comment="Fler platser"))

    assert response.status_code == 302
    [recorded] = entries("steering.report_status")
    assert recorded.username == people["reporter"].username
    assert recorded.target_id == str(preschool.pk)
