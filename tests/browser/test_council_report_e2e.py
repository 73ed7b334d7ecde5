"""From an owner's report to the council's documents, in the browser: a goal owner reports "Kan ej bedömas"
without a percentage and "Pågår" with one, the coordinator approves both at /personal/granska/, freezes the
period's report, downloads it as Word and PDF (both open: python-docx reads its headings, the PDF's text and
tags are read and its first page drawn as an image), and the page prints with its status chart drawn. axe
finds no violation on the new pages, in Swedish and English, on a desktop and a phone."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
from docx import Document as WordDocument

from framsteg.reports.models import Snapshot
from framsteg.steering.models import StatusUpdate
from tests import factories
from tests.browser.conftest import restore_default_statuses
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_dialogue_e2e import BAD_REQUEST, DESKTOP, PHONE, SCREENSHOTS, Visit
from tests.browser.test_status_print import coloured_pixels

pytestmark = pytest.mark.browser
ACCEPTED = ""  # 202 is a success: Chromium logs no error for it


@pytest.fixture
def plan(transactional_db):
    restore_default_statuses()
    council = factories.make_organisation("Kommunfullmäktige", kind="council", slug="kf")
    klf = factories.make_organisation(
        "Kommunledningsförvaltningen", "administration", slug="klf", parent=council
    )
    committee = factories.make_organisation("Utbildningsnämnden", slug="un", parent=council)
    owner = factories.make_user("gun", committee, ("goal_owner",), first_name="Gun", last_name="Ägare")
    coordinator = factories.make_user("cecilia", klf, ("coordinator",), first_name="Cecilia")
    politician = factories.make_user("per", council, ("reader",), first_name="Per")
    document = factories.make_document("Politisk plattform", slug="plattform")
    schools = factories.make_area(document, "Skola och förskola", slug="skola")
    preschool = factories.make_commitment(schools, "Fler barn ska börja förskolan", [committee])
    reading = factories.make_commitment(schools, "Alla barn ska kunna läsa", [committee])
    period = factories.make_period()
    return {
        "owner": owner,
        "coordinator": coordinator,
        "politician": politician,
        "preschool": preschool,
        "reading": reading,
        "period": period,
    }


def log_in(visit: Visit, base: str, username: str) -> None:
    page = visit.page
    visit.goto(base + "/personal/logga-in/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)


def report(visit: Visit, base: str, commitment, status: str, progress: str, comment: str) -> None:
    page = visit.page
    visit.goto(f"{base}/personal/rapportera/{commitment.pk}/")
    page.locator("select[name=status]").select_option(label=status)
    page.locator("input[name=progress]").fill(progress)
    page.locator("textarea[name=comment]").fill(comment)
    visit.click(page.locator("form.report-form button[type=submit]"))


def test_from_an_owners_report_to_the_councils_documents(live_server, browser, plan, tmp_path):
    base = live_server.url
    owner = Visit(browser.new_context(locale="sv-SE", **DESKTOP), "council-owner")
    log_in(owner, base, "gun")
    report(owner, base, plan["preschool"], "Kan ej bedömas", "", "Underlaget kommer i maj.")
    report(owner, base, plan["reading"], "Pågår", "40", "Läsprojektet har startat.")
    owner.context.close()
    updates = StatusUpdate.objects.order_by("pk")
    assert [(u.status.code, u.progress, u.needs_review) for u in updates] == [
        ("cannot_assess", None, True),
        ("in_progress", 40, True),
    ]

    visit = Visit(
        browser.new_context(locale="sv-SE", accept_downloads=True, **DESKTOP), "council-coordinator"
    )
    page = visit.page
    log_in(visit, base, "cecilia")
    for _ in range(2):
        visit.goto(base + "/personal/granska/")
        visit.click(page.locator("button[name=decision][value=approve]").first)
    assert StatusUpdate.objects.published().count() == 2

    visit.goto(base + "/personal/fullmaktige/")
    visit.audit("index")
    page.locator("input[name=scope][value=area]").check()
    visit.click(page.locator("form[action$='/ny/'] button[type=submit]"), status=400)
    visit.audit("index-errors", expected_error=BAD_REQUEST)
    assert page.locator("#error-summary").count() == 1
    page.locator("input[name=scope][value=plan]").check()
    visit.click(page.locator("form[action$='/ny/'] button[type=submit]"))
    snapshot = Snapshot.objects.get()
    assert page.url.endswith(snapshot.get_absolute_url())
    visit.audit("snapshot")
    assert page.get_by_text("Underlaget kommer i maj.").count() == 1

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Word (.docx)").click()
    word_path = tmp_path / "report.docx"
    download.value.save_as(word_path)
    word = WordDocument(str(word_path))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0][0] == "Heading 1" and headings[0][1].startswith("Uppföljning till kommunfullmäktige")
    assert ("Heading 2", "1. Skola och förskola") in headings
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert any("Kan ej bedömas" in cell for cell in cells)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    pdf_path = tmp_path / "report.pdf"
    download.value.save_as(pdf_path)
    pdf = pikepdf.open(pdf_path)
    assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "sv"
    assert str(pdf.docinfo.Title) == snapshot.title
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, check=True
        ).stdout.decode()
        words = " ".join(text.split())  # table cells wrap their lines
        assert "Kan ej bedömas" in words and "Läsprojektet har startat." in words
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf_path), str(tmp_path / "page")],
            check=True,
        )
        drawn = next(tmp_path.glob("page*.png"))
        SCREENSHOTS.mkdir(exist_ok=True)
        shutil.copy(drawn, SCREENSHOTS / "council-report-pdf-page-1.png")
        assert len(coloured_pixels(drawn.read_bytes())) > 5  # the status chart is drawn

    # Printed, the chart keeps its patterned parts and its legend keeps its symbols.
    page.emulate_media(media="print")
    chart = page.locator("img.document-figure__image").first
    assert chart.get_attribute("alt").startswith("Åtaganden efter status i perioden")
    assert len(coloured_pixels(chart.screenshot())) > 5
    assert page.locator(".staff-menu").first.is_hidden()
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed))
    assert printed.stat().st_size > 10_000
    page.screenshot(path=str(SCREENSHOTS / "council-report-print.png"), full_page=True)
    visit.context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_report_pages_pass_axe_for_a_politician(
    live_server, browser, plan, device, monkeypatch, settings
):
    from framsteg.reports.selectors.council import Scope
    from framsteg.reports.services import snapshots
    from framsteg.reports.services.snapshots import freeze_report

    # The download page of a large report, made in the background (no worker runs here: it waits).
    monkeypatch.setattr(snapshots, "BACKGROUND_ROWS", 0)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    factories.report(plan["preschool"], plan["period"], "cannot_assess", None)
    snapshot = freeze_report(plan["period"], Scope("plan"), by=plan["coordinator"])
    visit = Visit(
        browser.new_context(locale="sv-SE", **(PHONE if device == "phone" else DESKTOP)),
        f"council-{device}",
        phone=device == "phone",
    )
    log_in(visit, live_server.url, "per")
    for language in ("sv", "en"):
        visit.page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        visit.goto(live_server.url + "/personal/fullmaktige/")
        visit.audit(f"{language}-index")
        visit.goto(live_server.url + snapshot.get_absolute_url())
        visit.audit(f"{language}-snapshot")
        visit.goto(live_server.url + f"{snapshot.get_absolute_url()}pdf/", status=202)
        visit.audit(f"{language}-waiting", expected_error=ACCEPTED)
    visit.context.close()


def test_the_chart_is_drawn_in_patterns(plan):
    from framsteg.reports.selectors.council import Scope
    from framsteg.reports.services.snapshots import build_document

    factories.report(plan["preschool"], plan["period"], "cannot_assess", None)
    factories.report(plan["reading"], plan["period"], "in_progress", 40)
    document = build_document(plan["period"], Scope("plan"), built_by="test")
    figure = document.sections[0].blocks[1]
    assert "<pattern" in figure.svg and "Kan ej bedömas" in figure.svg
    assert "Kan ej bedömas: 1" in figure.description
