"""The yearly lägesbild and åtgärdsplan as a page, a tagged PDF and a Word document, with the same figures."""

import datetime
import io
import shutil
import subprocess
from html.parser import HTMLParser

import pikepdf
import pytest
from django.urls import reverse
from docx import Document as WordDocument
from docx.oxml.ns import qn

from framsteg.situation.services import yearly
from tests import factories
from tests.situation.test_reports import people, picture  # noqa: F401 (fixtures)

TITLE = "Lägesbild och åtgärdsplan 2025"


class Cells(HTMLParser):
    """The cell texts of the document's tables in a page, row by row."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside div.document-table
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "document-table") in attrs:
            self.depth = 1
        elif tag == "div" and self.depth:
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


@pytest.fixture
def lagesbild(client, people, picture):  # noqa: F811
    document = factories.make_document("Politisk plattform", slug="plattform")
    safety = factories.make_area(document, "Trygghet", position=4, slug="trygghet")
    commitment = factories.make_commitment(safety, "Öka tryggheten i centrumområdena")
    coordinator = people["coordinator"]
    yearly.save_yearly_picture(2025, {"analysis": "Klottret följer skolloven."}, by=coordinator)
    problem = yearly.add_problem(2025, yearly.ProblemData(title="Klotter i Fittja"), by=coordinator)
    yearly.plan_action(
        2025,
        yearly.PlannedAction(
            title="Snabbsanering",
            organisation=picture["housing"],
            starts_on=datetime.date(2025, 5, 1),
            ends_on=datetime.date(2025, 12, 31),
            problem=problem,
            commitments=[commitment],
        ),
        by=coordinator,
    )
    client.force_login(people["politician"])
    url = reverse("situation:reports-year", args=[2025])
    page = client.get(url)
    pdf = client.get(url + "?format=pdf")
    docx = client.get(url + "?format=docx")
    assert (page.status_code, pdf.status_code, docx.status_code) == (200, 200, 200)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="lagesbild-och-atgardsplan-2025.pdf"'
    assert docx["Content-Disposition"] == 'attachment; filename="lagesbild-och-atgardsplan-2025.docx"'
    return {"html": page.content.decode(), "pdf": pdf.content, "docx": docx.content}


def test_the_pdf_is_tagged_with_language_title_and_embedded_fonts(lagesbild):
    pdf = pikepdf.open(io.BytesIO(lagesbild["pdf"]))
    assert "/StructTreeRoot" in pdf.Root
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.Root.Lang) == "sv"
    assert str(pdf.docinfo.Title) == TITLE
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert "/ToUnicode" in font


def test_the_word_document_has_headings_header_rows_language_and_title(lagesbild):
    word = WordDocument(io.BytesIO(lagesbild["docx"]))
    assert word.core_properties.title == TITLE
    assert word.core_properties.language == "sv-SE"
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", TITLE)
    assert ("Heading 2", "Kartläggning av brott och ordningsstörningar") in headings
    assert ("Heading 3", "Veckodag och timme") in headings
    assert ("Heading 2", "Åtgärdsplan") in headings
    for table in word.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_page_the_pdf_and_the_word_document_show_the_same_figures(lagesbild):
    parser = Cells()
    parser.feed(lagesbild["html"])
    html_rows = [row for row in parser.rows if row]
    word = WordDocument(io.BytesIO(lagesbild["docx"]))
    word_rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    # Word shows a link's address after its text; the page links it.
    word_rows = [[cell.split(" (http")[0] for cell in row] for row in word_rows]
    assert html_rows == word_rows
    assert ["Fittja", "30", "0", "30"] in html_rows  # the kommundel: crime, disorder, total
    # 2024 had a day more than 2025: the rate per week rose by a little more than 500 %.
    assert ["Klotter", "Brott", "30", "5", "+502 % (tydlig ökning)"] in html_rows
    assert any(row[:2] == ["Snabbsanering", "Klotter i Fittja"] for row in html_rows)
    if shutil.which("pdftotext") is None:
        pytest.skip("Poppler's pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=lagesbild["pdf"], capture_output=True, check=True
    ).stdout.decode()
    words = set(text.split())
    for row in html_rows:
        for cell in row:
            for word in cell.split():
                assert word in words or word in text, f"{word!r} of {row} is not in the PDF"
    assert "Klottret följer skolloven." in text
