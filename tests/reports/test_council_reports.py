"""Reports to the council: built from approved reports, frozen, the same in HTML, Word and PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile

import pikepdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from docx import Document as WordDocument

from framsteg.core import documents
from framsteg.reports.models import ReportFile, Snapshot
from framsteg.reports.selectors.council import LONG_TERM, ORGANISATION, Scope, find_period
from framsteg.reports.services.snapshots import freeze_report
from framsteg.steering.models import Area, StatusReview
from framsteg.steering.services.reporting import approve_report
from tests import factories

TITLE = "Uppföljning till kommunfullmäktige: Tertialrapport (januari–april) 2026"


@pytest.fixture
def plan(db):
    council = factories.make_organisation("Kommunfullmäktige", kind="council", slug="kf")
    committee = factories.make_organisation("Utbildningsnämnden", slug="un", parent=council)
    school = factories.make_organisation(
        "Utbildningsförvaltningen", "administration", slug="uf", parent=committee
    )
    social = factories.make_organisation("Socialförvaltningen", "administration", slug="sf")
    coordinator = factories.make_user("cecilia", council, ("coordinator",))
    politician = factories.make_user("per", council, ("reader",), first_name="Per")
    owner = factories.make_user("gun", committee, ("goal_owner",), first_name="Gun")
    document = factories.make_document("Politisk plattform", slug="plattform")
    long_term = factories.make_document("Ett hållbart Botkyrka", kind="other", slug="hallbart")
    health = factories.make_area(long_term, "Folkhälsa", slug="folkhalsa", kind=Area.Kind.LONG_TERM_GOAL)
    schools = factories.make_area(document, "Skola och förskola", slug="skola", parent=health)
    safety = factories.make_area(document, "Trygghet", slug="trygghet")
    preschool = factories.make_commitment(
        schools, "Fler barn ska börja förskolan", [school], budget_sek=50_000_000
    )
    reading = factories.make_commitment(schools, "Alla barn ska kunna läsa", [school])
    lights = factories.make_commitment(safety, "Bättre belysning i centrum", [social])
    period = factories.make_period()
    earlier = factories.make_period("annual", 2025, is_open=False)
    factories.report(preschool, earlier, "in_progress", 30, comment="Förra året.")
    approved = factories.report(
        preschool,
        period,
        "cannot_assess",
        None,
        needs_review=True,
        author=owner,
        comment="Underlaget saknas än.",
    )
    approve_report(approved, by=coordinator)
    factories.report(
        reading, period, "done", 100, needs_review=True, author=owner, comment="UTKAST som inte syns"
    )
    returned = factories.report(lights, period, "delayed", 20, needs_review=True, author=owner)
    StatusReview.objects.create(update=returned, decision=StatusReview.Decision.RETURNED)
    factories.report(lights, period, "in_progress", 45, comment="Arbetet pågår i Fittja.")
    from framsteg.budget.models import Budget, FinanceImport, FollowUp

    version = document.current_version
    finance = FinanceImport.objects.create(period=period, filename="utfall-t1.csv", sha256="0" * 64, rows=1)
    Budget.objects.create(
        year=2026,
        organisation=school,
        commitment=preschool,
        amount_sek=50_000_000,
        source_version=version,
        source_start=0,
        source_end=9,
    )
    FollowUp.objects.create(
        period=period,
        organisation=school,
        commitment=preschool,
        outcome_sek=20_000_000,
        forecast_sek=53_000_000,
        finance_import=finance,
        source_row=2,
        comment="Fler barn än väntat.",
    )
    from framsteg.steering.models import GoalJudgement

    GoalJudgement.objects.create(
        goal=schools,
        period=period,
        judgement="partly_met",
        analysis="Förskolan växer men läsningen släpar.",
        author_name="Gun Ägare",
    )
    GoalJudgement.objects.create(
        goal=safety,
        period=period,
        judgement="met",
        analysis="UTKAST till bedömning",
        author_name="Gun Ägare",
        needs_review=True,
    )
    return {
        "coordinator": coordinator,
        "politician": politician,
        "period": period,
        "preschool": preschool,
        "reading": reading,
        "lights": lights,
        "committee": committee,
        "schools": schools,
    }


def texts(document) -> str:
    return documents.render_html(document)


def test_only_approved_reports_of_the_period_count(plan):
    snapshot = freeze_report(plan["period"], Scope("plan"), by=plan["coordinator"])
    html = texts(documents.from_data(snapshot.document))
    assert snapshot.title == TITLE
    assert "Underlaget saknas än." in html  # approved: in
    assert "UTKAST som inte syns" not in html  # a draft waiting for review: out
    assert "Försenad" not in html  # sent back: out
    assert "Arbetet pågår i Fittja." in html
    # "Kan ej bedömas" carries no percentage, and the history shows the status before the period.
    assert "Kan ej bedömas" in html and "före: " in html
    assert "Ej rapporterat i perioden" in html  # the reading commitment's report is only a draft
    # The budget follow-up: budget, outcome, forecast, deviation (budget − forecast), comment and sources.
    for amount in ("50\xa0000\xa0000", "20\xa0000\xa0000", "53\xa0000\xa0000", "-3\xa0000\xa0000"):
        assert amount in html, amount
    assert "Fler barn än väntat." in html and "utfall-t1.csv, rad 2" in html
    # The goals' judgements: the approved one with its analysis; a draft judgement is not in it.
    assert "Bedömning: Delvis uppfyllt." in html and "Förskolan växer men läsningen släpar." in html
    assert "UTKAST till bedömning" not in html and "Ej bedömt" in html


def test_a_frozen_report_stays_as_it_was_handed_over(plan, client):
    snapshot = freeze_report(plan["period"], Scope("plan"), by=plan["coordinator"])
    factories.report(plan["lights"], plan["period"], "done", 100, comment="Rättat efteråt.")
    client.force_login(plan["politician"])
    page = client.get(reverse("reports:snapshot", args=[snapshot.pk])).content.decode()
    assert "Arbetet pågår i Fittja." in page and "Rättat efteråt." not in page
    assert 'lang="sv"' in page
    again = freeze_report(plan["period"], Scope("plan"), by=plan["coordinator"])
    assert "Rättat efteråt." in texts(documents.from_data(again.document))


def test_scopes_organisation_and_long_term(plan):
    by_committee = freeze_report(plan["period"], Scope(ORGANISATION, organisation=plan["committee"]))
    html = texts(documents.from_data(by_committee.document))
    assert "Fler barn ska börja förskolan" in html and "Bättre belysning" not in html
    long_term = freeze_report(plan["period"], Scope(LONG_TERM))
    html = texts(documents.from_data(long_term.document))
    assert "Folkhälsa" in html and "Fler barn ska börja förskolan" in html and "Bättre belysning" not in html


def test_the_staff_freeze_a_report_and_download_word_and_pdf(plan, client):
    client.force_login(plan["coordinator"])
    response = client.post(reverse("reports:freeze"), {"period": plan["period"].pk, "scope": "area"})
    assert response.status_code == 400
    assert "Välj området som rapporten omfattar." in response.content.decode()
    response = client.post(reverse("reports:freeze"), {"period": plan["period"].pk, "scope": "plan"})
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302 and response["Location"] == snapshot.get_absolute_url()
    docx = client.get(reverse("reports:file", args=[snapshot.pk, "docx"]))
    assert docx.status_code == 200
    word = WordDocument(io.BytesIO(docx.content))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", TITLE)
    assert ("Heading 2", "Sammanfattning") in headings
    assert ("Heading 2", "1. Skola och förskola") in headings
    assert ("Heading 2", "Källor och metod") in headings
    assert word.core_properties.language == "sv-SE"
    pdf = client.get(reverse("reports:file", args=[snapshot.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert ReportFile.objects.filter(state="ready").count() == 2
    opened = pikepdf.open(io.BytesIO(pdf.content))
    assert "/StructTreeRoot" in opened.Root and str(opened.Root.Lang) == "sv"
    assert str(opened.docinfo.Title) == TITLE
    kinds = set()

    def walk(element, depth=0):
        if depth > 60:
            return
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            kinds.add(str(element.S))
            if str(element.S) == "/Figure":
                assert "/Alt" in element and "Åtaganden efter status" in str(element.Alt)
        kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid, depth + 1)
        elif isinstance(kids, pikepdf.Dictionary):
            walk(kids, depth + 1)

    walk(opened.Root.StructTreeRoot)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    if shutil.which("pdftotext") is None:
        pytest.skip("Poppler's pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    words = " ".join(text.split())  # table cells wrap their lines
    assert "Fler barn ska börja förskolan" in words and "Kan ej bedömas" in words


def test_the_report_command_writes_each_format(plan, tmp_path):
    call_command("report", period="latest", format="html", output=tmp_path / "r.html")
    assert "Fler barn ska börja förskolan" in (tmp_path / "r.html").read_text()
    call_command(
        "report", period="2026-tertial", scope="area", area="skola", format="docx", output=tmp_path / "r.docx"
    )
    word = WordDocument(str(tmp_path / "r.docx"))
    assert any("Skola och förskola" in p.text for p in word.paragraphs)
    with pytest.raises(CommandError, match="2026-tertial"):
        call_command("report", period="2019-tertial", format="html", output=tmp_path / "x.html")
    with pytest.raises(CommandError, match="--area"):
        call_command("report", period="latest", scope="area", format="html", output=tmp_path / "x.html")
    assert find_period("latest") == plan["period"]


def test_the_example_follow_up_is_labelled_everywhere_and_removable(db, client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    document = factories.make_document("Politisk plattform", slug="plattform")
    area = factories.make_area(document, "Trygghet", slug="trygghet")
    organisation = factories.make_organisation("Socialförvaltningen", "administration", slug="sf")
    for index in range(6):
        factories.make_commitment(area, f"Åtagande {index}", [organisation])
    factories.make_period("tertial", 2025, is_open=False)
    period = factories.make_period("annual", 2025, is_open=False)
    assert "EXEMPELDATA" not in client.get("/").content.decode()
    call_command("load_example_follow_up")
    assert "EXEMPELDATA" in client.get("/").content.decode()
    snapshot = freeze_report(period, Scope("plan"))
    assert snapshot.is_example
    html = texts(documents.from_data(snapshot.document))
    assert "EXEMPELDATA" in html and "Exempeldata: målet bedöms" in html  # the goal's example judgement
    with pytest.raises(CommandError, match="redan"):
        call_command("load_example_follow_up")
    call_command("load_example_follow_up", remove=True)
    assert "EXEMPELDATA" not in client.get("/").content.decode()
    assert not Snapshot.objects.exists()
    from framsteg.steering.models import StatusUpdate

    assert not StatusUpdate.objects.exists()
    from framsteg.steering.models import GoalJudgement

    assert not GoalJudgement.objects.exists()


def test_the_read_costs_the_same_queries_however_large_the_plan(plan, django_assert_max_num_queries):
    from framsteg.reports.selectors.council import council_data

    with django_assert_max_num_queries(16):
        data = council_data(plan["period"], Scope("plan"))
    assert len(data.rows) == 3


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_large_report_is_made_in_the_background_and_the_page_says_how_far_it_is(plan, client, monkeypatch):
    from framsteg.reports.services import snapshots

    monkeypatch.setattr(snapshots, "BACKGROUND_ROWS", 1)
    snapshot = freeze_report(plan["period"], Scope("plan"), by=plan["coordinator"])
    client.force_login(plan["politician"])
    url = reverse("reports:file", args=[snapshot.pk, "pdf"])
    waiting = client.get(url)
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert "Väntar på att skapas" in page and "framsteg db_worker" in page and "<progress" in page
    file = ReportFile.objects.get()
    assert file.state == ReportFile.State.QUEUED
    assert client.get(url).status_code == 202  # asked again: queued once
    assert ReportFile.objects.count() == 1
    snapshots.make_file(file.pk)  # what the worker does
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_the_background_task_makes_the_file(plan, monkeypatch):
    from framsteg.reports.services import snapshots

    monkeypatch.setattr(snapshots, "BACKGROUND_ROWS", 1)
    snapshot = freeze_report(plan["period"], Scope("plan"))
    file = snapshots.request_file(snapshot, "docx")
    assert file.state == ReportFile.State.READY and file.size > 1000


def test_a_long_reports_pdf_is_typeset_as_a_tagged_pdf_with_the_same_figures(plan, monkeypatch):
    monkeypatch.setattr(documents, "TYPESET_ABOVE", 0)
    snapshot = freeze_report(plan["period"], Scope("plan"))
    document = documents.from_data(snapshot.document)
    pdf = pikepdf.open(io.BytesIO(documents.render_document_pdf(document, base_url="http://testserver")))
    assert "Typst" in str(pdf.docinfo.get("/Creator", "")) + str(pdf.docinfo.get("/Producer", ""))
    assert str(pdf.Root.Lang) == "sv"
    assert str(pdf.docinfo["/Title"]) == document.title
    assert pdf.Root.ViewerPreferences.DisplayDocTitle
    assert pdf.Root.MarkInfo.Marked
    tags = structure_tags(pdf)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= tags, tags
    figures = [element for element in structure_elements(pdf) if element.get("/S") == "/Figure"]
    assert figures and all(str(figure.get("/Alt", "")) for figure in figures)
    if shutil.which("pdftotext") is None:
        pytest.skip("Poppler's pdftotext is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        pdf.save(file.name)
        text = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, check=True).stdout.decode()
    # A word broken across lines in a narrow column carries a soft hyphen, which readers leave out.
    words = " ".join(text.replace("\u00ad\n", "").split())
    assert "Fler barn ska börja förskolan" in words
    assert "Kan ej bedömas" in words and "Utbildningsförvaltningen" in words


def structure_elements(pdf):
    """Every element of the PDF's structure tree."""
    found = []
    pending = [pdf.Root.StructTreeRoot]
    while pending:
        node = pending.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append(node)
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                pending.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                pending.append(kids)
    return found


def structure_tags(pdf) -> set[str]:
    return {str(element.get("/S")) for element in structure_elements(pdf)}
