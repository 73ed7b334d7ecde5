"""HTML and Word documents go through read_document first."""

import io

import docx

from framsteg.steering.importer.parse import parse_document
from framsteg.steering.importer.readers import read_document

from .helpers import DOCUMENTS


def test_html_drops_chrome_and_keeps_structure():
    text, fmt = read_document((DOCUMENTS / "kommun.html").read_bytes(), "kommun.html")
    assert fmt == "html"
    for chrome in ("Startsida", "Bo och bygga", "tracking", "color", "Läs mer om bygglov", "08-530", "<"):
        assert chrome not in text
    assert " • Detaljplanera för minst 600 bostäder per år\n" in text
    assert "   • fler hyresrätter i villaområden\n" in text
    assert " 1. Bygga 5 km ny cykelväg\n 2. Förbättra busstrafiken till Södra porten\n" in text
    assert "\n\nBostäder\n\n" in text

    doc = parse_document(text, fmt)
    assert doc.title == "Samhällsbyggnadsnämndens mål 2025"
    assert [a.title for a in doc.areas] == ["Bostäder", "Trafik"]
    housing, traffic = doc.areas
    assert housing.lead_in == "Nämnden ska arbeta för att:"
    assert [(c.group, c.text) for c in housing.commitments] == [
        ("", "Detaljplanera för minst 600 bostäder per år"),
        ("Blanda upplåtelseformer", "fler hyresrätter i villaområden"),
        ("Blanda upplåtelseformer", "fler bostadsrätter i miljonprogramsområden"),
    ]
    assert housing.commitments[0].quantities[0].unit == "bostäder per år"
    assert len(traffic.commitments) == 2


def test_html_detected_from_content():
    data = b"<html><body><h2>Skola</h2><ul><li>Fler l\xc3\xa4rare</li></ul></body></html>"
    text, fmt = read_document(data, "sida")
    assert fmt == "html"
    assert text == "Skola\n\n • Fler lärare\n"


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Mål och budget 2026", level=1)
    document.add_paragraph("Nämnden har fått ett utökat uppdrag inför 2026.")
    document.add_heading("Skola", level=2)
    document.add_paragraph("Alla elever ska nå målen.")
    document.add_paragraph("Nämnden ska arbeta för att:")
    document.add_paragraph("Öka andelen behöriga lärare till 90 procent", style="List Bullet")
    document.add_paragraph("Minska frånvaron", style="List Bullet")
    document.add_paragraph("särskilt på högstadiet", style="List Bullet 2")
    document.add_heading("Omsorg", level=2)
    document.add_paragraph("Öppna två nya boenden", style="List Number")
    document.add_paragraph("Anställa 40 undersköterskor", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_headings_and_lists():
    text, fmt = read_document(_docx(), "plan.docx")
    assert fmt == "docx"
    assert " • Minska frånvaron\n   • särskilt på högstadiet\n" in text
    assert " 1. Öppna två nya boenden\n 2. Anställa 40 undersköterskor\n" in text

    doc = parse_document(text, fmt)
    assert doc.title == "Mål och budget 2026"
    assert doc.preamble == "Nämnden har fått ett utökat uppdrag inför 2026."
    assert [a.title for a in doc.areas] == ["Skola", "Omsorg"]
    school, care = doc.areas
    assert school.lead_in == "Nämnden ska arbeta för att:"
    assert [(c.group, c.text) for c in school.commitments] == [
        ("", "Öka andelen behöriga lärare till 90 procent"),
        ("Minska frånvaron", "särskilt på högstadiet"),
    ]
    assert [c.text for c in care.commitments] == ["Öppna två nya boenden", "Anställa 40 undersköterskor"]
    assert care.commitments[1].quantities[0].unit == "undersköterskor"
