"""One description of a document renders to HTML, a tagged PDF and Word with the same figures."""

import io
import shutil
import subprocess

import pikepdf
import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from framsteg.core import documents
from framsteg.core.documents import Document, Link, Note, Paragraph, Section, Table

SITE = "http://127.0.0.1:8000/"


def sample() -> Document:
    return Document(
        title="Lägesbild och åtgärdsplan 2026",
        language="sv",
        subtitle="Botkyrka kommun",
        sources_label="Källa",
        sections=[
            Section(
                "Kartläggning av brott och ordningsstörningar",
                [
                    Paragraph("Skadegörelse och otrygga platser i Fittja, Alby och Hallunda-Norsborg."),
                    Table(
                        "Händelser per händelsetyp",
                        ["Händelsetyp", "Händelser", "Förändring"],
                        [["Klotter", 1234, "+12 %"], ["Glaskross", 56, "−3 %"], ["Otrygg plats", 7, None]],
                        source="Händelserapporter från Polisen och Botkyrkabyggen",
                        numeric=(1,),
                    ),
                    Section(
                        "Veckodag och timme", [Note("Per veckodag och timme.", source="Samma rapporter")]
                    ),
                ],
            ),
            Section("Åtgärdsplan", [Paragraph(Link("Åtagande 4.2", "/plan/atagande/42/"))]),
        ],
    )


def test_html_has_the_title_headings_and_a_table_with_its_header_row():
    html = documents.render_html(sample())
    assert '<html lang="sv">' in html
    assert "<title>Lägesbild och åtgärdsplan 2026</title>" in html
    assert "<h2>Kartläggning av brott och ordningsstörningar</h2>" in html
    assert "<h3>Veckodag och timme</h3>" in html
    assert "<caption>Händelser per händelsetyp</caption>" in html
    assert '<th scope="col" class="numeric">Händelser</th>' in html
    assert '<th scope="row">Klotter</th>' in html
    assert "Källa: Händelserapporter från Polisen och Botkyrkabyggen" in html
    assert '<a href="/plan/atagande/42/">Åtagande 4.2</a>' in html


@pytest.fixture(scope="module")
def pdf() -> pikepdf.Pdf:
    document = sample()
    data = documents.render_pdf(
        documents.render_html(document), base_url=SITE, title=document.title, language="sv"
    )
    assert data.startswith(b"%PDF-")
    return pikepdf.open(io.BytesIO(data))


def test_the_pdf_is_tagged(pdf):
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked) is True
    kinds = set()

    def collect(element, depth=0):
        if depth > 12 or not isinstance(element, pikepdf.Dictionary):
            return
        if "/S" in element:
            kinds.add(str(element.S))
        children = element.get("/K")
        if isinstance(children, pikepdf.Array):
            for child in children:
                collect(child, depth + 1)
        elif isinstance(children, pikepdf.Dictionary):
            collect(children, depth + 1)

    collect(root.StructTreeRoot)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/P"} <= kinds


def test_the_pdf_has_its_language_and_title_shown_in_the_title_bar(pdf):
    assert str(pdf.Root.Lang) == "sv"
    assert str(pdf.docinfo.Title) == "Lägesbild och åtgärdsplan 2026"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True


def test_the_pdf_embeds_its_fonts_with_unicode_maps(pdf):
    fonts = {}
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            fonts[str(font.BaseFont)] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
        assert "/ToUnicode" in font, name


def test_the_pdf_links_are_absolute(pdf):
    uris = [
        str(annotation.A.URI)
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation and "/URI" in annotation.A
    ]
    assert "http://127.0.0.1:8000/plan/atagande/42/" in uris


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="Poppler's pdftotext is not installed")
def test_the_pdf_text_is_extractable_with_its_figures(tmp_path):
    document = sample()
    path = tmp_path / "document.pdf"
    path.write_bytes(
        documents.render_pdf(
            documents.render_html(document), base_url=SITE, title=document.title, language="sv"
        )
    )
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Lägesbild och åtgärdsplan 2026", "Klotter", "1234", "Glaskross", "−3 %", "Källa"):
        assert expected in text


def test_the_pdf_fetches_nothing_from_the_network():
    html = documents.render_html(sample()).replace(
        "</head>", '<link rel="stylesheet" href="https://example.invalid/x.css"></head>'
    )
    data = documents.render_pdf(html, base_url=SITE, title="x", language="sv")
    assert data.startswith(b"%PDF-")


def test_a_missing_pango_is_named_with_the_packages_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(documents.DocumentRendererMissing, match=r"libpango-1\.0-0 libpangoft2-1\.0-0"):
        documents.render_pdf("<p>x</p>", base_url=SITE, title="x", language="sv")


def word(document: Document) -> WordDocument:
    return WordDocument(io.BytesIO(documents.render_docx(document, base_url=SITE)))


def test_word_has_headings_tables_with_header_rows_language_and_title():
    result = word(sample())
    headings = [(p.style.name, p.text) for p in result.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Lägesbild och åtgärdsplan 2026"),
        ("Heading 2", "Kartläggning av brott och ordningsstörningar"),
        ("Heading 3", "Veckodag och timme"),
        ("Heading 2", "Åtgärdsplan"),
    ]
    assert result.core_properties.title == "Lägesbild och åtgärdsplan 2026"
    assert result.core_properties.language == "sv-SE"
    lang = result.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    (table,) = result.tables
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert [cell.text for cell in header.cells] == ["Händelsetyp", "Händelser", "Förändring"]
    assert [cell.text for cell in table.rows[1].cells] == ["Klotter", "1234", "+12 %"]
    assert table.rows[3].cells[2].text == "–"
    texts = "\n".join(p.text for p in result.paragraphs)
    assert "Källa: Händelserapporter från Polisen och Botkyrkabyggen" in texts
    assert "Åtagande 4.2 (http://127.0.0.1:8000/plan/atagande/42/)" in texts


def test_an_empty_table_says_so_in_every_format():
    document = Document(
        title="T",
        language="sv",
        sections=[Section("S", [Table("Tom tabell", ["A"], [], empty="Inga händelser.")])],
    )
    assert "Inga händelser." in documents.render_html(document)
    assert "Inga händelser." in "\n".join(p.text for p in word(document).paragraphs)
