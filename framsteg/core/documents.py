"""Documents that are read on the site, printed, downloaded as PDF and exported to Word, from one description.

A report (the yearly lägesbild, the tertial analysis, a report to the council) is described once as a
`Document`: a title, a language and a list of `Section`s, each with a heading and blocks — paragraphs,
tables (caption, header row, rows, source) and notes with their source. That one description renders to

- HTML: `render_html` (a whole page, for the PDF) or the template `core/documents/_body.html` inside a
  site page (with `core/documents/document.css`, which also prints well);
- PDF: `render_pdf(render_html(document), ...)`, with WeasyPrint: a tagged PDF (PDF/UA-1) with the
  document's language, its title shown in the viewer's title bar and its fonts embedded, made without
  fetching anything from the network (`render_document_pdf` typesets a long document — hundreds of pages —
  with Typst instead, from the same description: `framsteg.core.typeset`);
- Word: `render_docx`, with python-docx: Heading 1–3 styles, tables whose first row repeats as a header
  row, the document's language and title in its properties.

A `Figure` is a chart that never stands alone: an SVG drawing (an image with its text alternative on the
page and in the PDF; Word gets the text alternative as a paragraph) followed by the table of its figures.
`to_data` and `from_data` turn a document into JSON-ready data and back, so that a report can be frozen as
it was handed over and rendered again, in every format, years later.

So the three formats always show the same figures.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from typing import Union
from xml.sax.saxutils import escape as xml_escape

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

PDF_STYLESHEET = "framsteg/documents-pdf.css"
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


class DocumentRendererMissing(RuntimeError):
    """The PDF renderer's system libraries (Pango) are not installed on this machine."""


@dataclass(frozen=True)
class Link:
    """A link inside a paragraph or a table cell; Word shows the address after the text."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


Cell = Union[str, int, float, Link, None]  # noqa: UP007 (a runtime alias)


@dataclass
class Paragraph:
    text: str | Link
    language: str = ""  # set when the text is in another language than the document (e.g. Swedish text)
    muted: bool = False


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Cell]]
    source: str = ""
    numeric: tuple[int, ...] = ()  # the columns holding figures (right-aligned)
    row_headers: bool = True  # the first cell of each row names the row
    empty: str = ""  # said instead of the table when it has no rows
    records: bool = False  # one row per item (e.g. commitments) rather than a summary of figures


@dataclass
class Note:
    """A figure's explanation: what it shows, the method, and where the figures come from."""

    text: str
    source: str = ""


@dataclass
class Figure:
    """A chart: `svg` (a whole <svg> drawing, patterns and symbols rather than colour alone), its text
    alternative `description`, and `table`, the same figures as a data table."""

    svg: str
    description: str
    table: Table


@dataclass
class Section:
    heading: str
    blocks: list[Paragraph | Table | Note | Figure | Section] = field(default_factory=list)
    slug: str = ""


@dataclass
class Document:
    title: str
    language: str
    sections: list[Section] = field(default_factory=list)
    subtitle: str = ""
    author: str = ""
    description: str = ""
    sources_label: str = "Source"  # the word written before a source ("Källa"), in the document's language

    def walk(self):
        """Every block with its heading level (sections are levels 2 and 3; the title is level 1)."""

        def visit(section: Section, level: int):
            yield level, section
            for block in section.blocks:
                if isinstance(block, Section):
                    yield from visit(block, min(level + 1, 3))
                else:
                    yield level, block

        for section in self.sections:
            yield from visit(section, 2)


# --- Frozen as data -------------------------------------------------------------------------------------


def _cell_data(value: Cell):
    if isinstance(value, Link):
        return {"link": value.text, "url": value.url}
    return value


def _cell_from(value) -> Cell:
    if isinstance(value, dict):
        return Link(value["link"], value["url"])
    return value


def _table_data(table: Table) -> dict:
    return {
        "kind": "table",
        "caption": table.caption,
        "headers": list(table.headers),
        "rows": [[_cell_data(value) for value in row] for row in table.rows],
        "source": table.source,
        "numeric": list(table.numeric),
        "row_headers": table.row_headers,
        "empty": table.empty,
        "records": table.records,
    }


def _table_from(data: dict) -> Table:
    return Table(
        caption=data["caption"],
        headers=list(data["headers"]),
        rows=[[_cell_from(value) for value in row] for row in data["rows"]],
        source=data.get("source", ""),
        numeric=tuple(data.get("numeric", ())),
        row_headers=data.get("row_headers", True),
        empty=data.get("empty", ""),
        records=data.get("records", False),
    )


def _block_data(block) -> dict:
    if isinstance(block, Section):
        return {
            "kind": "section",
            "heading": block.heading,
            "slug": block.slug,
            "blocks": [_block_data(inner) for inner in block.blocks],
        }
    if isinstance(block, Paragraph):
        return {
            "kind": "paragraph",
            "text": _cell_data(block.text),
            "language": block.language,
            "muted": block.muted,
        }
    if isinstance(block, Note):
        return {"kind": "note", "text": block.text, "source": block.source}
    if isinstance(block, Figure):
        return {
            "kind": "figure",
            "svg": block.svg,
            "description": block.description,
            "table": _table_data(block.table),
        }
    return _table_data(block)


def _block_from(data: dict):
    kind = data["kind"]
    if kind == "section":
        return Section(
            data["heading"], [_block_from(inner) for inner in data["blocks"]], data.get("slug", "")
        )
    if kind == "paragraph":
        return Paragraph(_cell_from(data["text"]), data.get("language", ""), data.get("muted", False))
    if kind == "note":
        return Note(data["text"], data.get("source", ""))
    if kind == "figure":
        return Figure(data["svg"], data["description"], _table_from(data["table"]))
    return _table_from(data)


def to_data(document: Document) -> dict:
    """The document as JSON-ready data (dicts, lists, strings and numbers), for a frozen snapshot."""
    return {
        "title": document.title,
        "language": document.language,
        "subtitle": document.subtitle,
        "author": document.author,
        "description": document.description,
        "sources_label": document.sources_label,
        "sections": [_block_data(section) for section in document.sections],
    }


def from_data(data: dict) -> Document:
    """The document `to_data` described, ready to render again."""
    return Document(
        title=data["title"],
        language=data["language"],
        sections=[_block_from(section) for section in data["sections"]],
        subtitle=data.get("subtitle", ""),
        author=data.get("author", ""),
        description=data.get("description", ""),
        sources_label=data.get("sources_label", "Source"),
    )


def count_rows(document: Document) -> int:
    """How many table rows the document holds: a measure of how long it takes to render."""
    total = 0
    for _level, block in document.walk():
        if isinstance(block, Table):
            total += len(block.rows)
        elif isinstance(block, Figure):
            total += len(block.table.rows)
    return total


def cell_text(value: Cell) -> str:
    if value is None:
        return "–"
    if isinstance(value, Link):
        return value.text
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _html_cell(value: Cell) -> str:
    if isinstance(value, Link):
        return f'<a href="{escape(value.url)}">{escape(value.text)}</a>'
    return escape(cell_text(value))


def _html_table(table: Table, document: Document) -> str:
    parts = ['<div class="document-table">\n']
    if table.rows:
        caption = escape(table.caption)
        parts.append(f'<div class="table-wrap" role="region" aria-label="{caption}" tabindex="0">\n')
        parts.append(f'<table class="data-table">\n  <caption>{caption}</caption>\n  <thead><tr>')
        for index, header in enumerate(table.headers):
            numeric = ' class="numeric"' if index in table.numeric else ""
            parts.append(f'<th scope="col"{numeric}>{escape(header)}</th>')
        parts.append("</tr></thead>\n  <tbody>")
        for row in table.rows:
            parts.append("\n    <tr>")
            for index, value in enumerate(row):
                if index == 0 and table.row_headers:
                    parts.append(f'<th scope="row">{_html_cell(value)}</th>')
                else:
                    numeric = ' class="numeric"' if index in table.numeric else ""
                    parts.append(f"<td{numeric}>{_html_cell(value)}</td>")
            parts.append("</tr>")
        parts.append("\n  </tbody>\n</table>\n</div>\n")
    else:
        parts.append(f'<p class="document-caption">{escape(table.caption)}</p>\n')
        parts.append(f'<p class="muted">{escape(table.empty)}</p>')
    if table.source:
        parts.append(
            f'\n<p class="document-source">{escape(document.sources_label)}: {escape(table.source)}</p>'
        )
    parts.append("\n</div>\n")
    return "".join(parts)


def _html_block(block, document: Document, level: int) -> str:
    if isinstance(block, Section):
        return _html_section(block, document, level)
    if isinstance(block, Paragraph):
        lang = (
            f' lang="{escape(block.language)}"'
            if block.language and block.language != document.language
            else ""
        )
        muted = ' class="muted"' if block.muted else ""
        return f"<p{lang}{muted}>{_html_cell(block.text)}</p>\n"
    if isinstance(block, Note):
        source = ""
        if block.source:
            label = escape(document.sources_label)
            source = f' <span class="document-source">{label}: {escape(block.source)}</span>'
        return f'<p class="document-note">{escape(block.text)}{source}</p>\n'
    if isinstance(block, Figure):
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        return (
            '<figure class="document-figure">\n'
            f'<img class="document-figure__image" src="data:image/svg+xml;base64,{data}" '
            f'alt="{escape(block.description)}">\n'
            f'<figcaption class="document-caption">{escape(block.description)}</figcaption>\n'
            f"{_html_table(block.table, document)}</figure>\n"
        )
    return _html_table(block, document)


def _html_section(section: Section, document: Document, level: int) -> str:
    slug = f' id="{escape(section.slug)}"' if section.slug else ""
    tag = "h2" if level == 2 else "h3"
    inner = "".join(_html_block(block, document, 3) for block in section.blocks)
    heading = f"<{tag}>{escape(section.heading)}</{tag}>"
    return f'<section class="document-section"{slug}>\n{heading}\n{inner}</section>\n'


def render_body(document: Document) -> str:
    """The document's sections as HTML (what `core/documents/_body.html` shows inside a site page), written
    directly rather than through templates so that a report of thousands of rows renders in a moment."""
    return mark_safe("".join(_html_section(section, document, 2) for section in document.sections))


def render_html(document: Document) -> str:
    """The whole document as one HTML page (no site frame), the source of the PDF."""
    return render_to_string("core/documents/document.html", {"document": document})


# A document with more table rows than this is typeset with Typst (`framsteg.core.typeset`) rather than laid
# out by WeasyPrint, which takes about a tenth of a second a page.
TYPESET_ABOVE = 600


def render_document_pdf(document: Document, *, base_url: str) -> bytes:
    """The document as a tagged PDF (PDF/UA-1). A long one (more than `TYPESET_ABOVE` table rows, such as a
    whole plan of thousands of commitments) is typeset with Typst from the same description, so that it is
    made in seconds rather than minutes; a shorter one is the HTML page printed by WeasyPrint."""
    if count_rows(document) > TYPESET_ABOVE:
        from framsteg.core import typeset

        return typeset.render_pdf(document)
    return render_pdf(
        render_html(document), base_url=base_url, title=document.title, language=document.language
    )


def _weasyprint():
    try:
        import weasyprint
    except OSError as error:  # cffi could not load Pango
        raise DocumentRendererMissing(
            "PDF documents need the Pango text layout library, which is not installed. On Debian or Ubuntu "
            f"install the packages {PANGO_PACKAGES} (and fonts-dejavu-core for the fonts): `make tools` "
            f"does it. ({error})"
        ) from error
    # WeasyPrint switches on Pillow's acceptance of truncated images for the whole process when it is
    # imported; residents' photos must still be refused when they are cut off, so the default is restored.
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return weasyprint


def render_pdf(html: str, *, base_url: str, title: str, language: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of the HTML: structure tree, /Lang, a /Title shown in the title bar
    (DisplayDocTitle), the fonts embedded. Links are resolved against `base_url` (the site's address)."""
    weasyprint = _weasyprint()
    stylesheet = finders.find(PDF_STYLESHEET)
    stylesheets = [weasyprint.CSS(filename=stylesheet)] if stylesheet else []
    # Only files and data: URLs are fetched: a document never waits for, or leaks to, the network.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("file", "data"))
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=stylesheets
    )
    # The HTML's <title> and lang are the document's; these make sure of it whatever the template holds.
    document.metadata.title = title
    document.metadata.lang = language
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


# --- Word ---------------------------------------------------------------------------------------------


def _set_language(docx_document, language: str) -> None:
    """The language of every run that does not say otherwise: in the styles' run defaults."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = docx_document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    tag = _language_tag(language)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


def _language_tag(language: str) -> str:
    return {"sv": "sv-SE", "fi": "fi-FI", "en": "en-GB", "ar": "ar-SA", "so": "so-SO"}.get(language, language)


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _add_text(paragraph, value: Cell | str, *, bold: bool = False) -> None:
    if isinstance(value, Link):
        paragraph.add_run(value.text).bold = bold
        paragraph.add_run(f" ({value.url})")
    else:
        paragraph.add_run(cell_text(value) if not isinstance(value, str) else value).bold = bold


def render_docx(document: Document, *, base_url: str = "") -> bytes:
    """The document as Word (.docx): headings, paragraphs, tables with a repeated header row, sources."""
    from docx import Document as WordDocument
    from docx.shared import Pt

    word = WordDocument()
    word.core_properties.title = document.title
    word.core_properties.language = _language_tag(document.language)
    word.core_properties.author = document.author
    word.core_properties.subject = document.description
    _set_language(word, document.language)
    word.styles["Normal"].font.name = "DejaVu Sans"
    word.styles["Normal"].font.size = Pt(10)

    def absolute(value):
        if isinstance(value, Link) and value.url.startswith("/") and base_url:
            return Link(value.text, base_url.rstrip("/") + value.url)
        return value

    word.add_heading(document.title, level=1)
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    for level, block in document.walk():
        if isinstance(block, Section):
            word.add_heading(block.heading, level=level)
        elif isinstance(block, Paragraph):
            _add_text(word.add_paragraph(), absolute(block.text))
        elif isinstance(block, Note):
            paragraph = word.add_paragraph()
            paragraph.add_run(block.text).italic = True
            if block.source:
                paragraph.add_run(f" {document.sources_label}: {block.source}").italic = True
        elif isinstance(block, Figure):
            word.add_paragraph(block.description)
            _add_table(word, block.table, document, absolute)
        elif isinstance(block, Table):
            _add_table(word, block, document, absolute)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


# Characters XML 1.0 refuses (control characters other than tab, newline and carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run_xml(text: str, *, bold: bool = False) -> str:
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{xml_escape(_NOT_XML.sub("", text))}</w:t></w:r>'


def _add_rows(table, block: Table, absolute) -> None:
    """The table's body rows, written as WordprocessingML in one piece: building tens of thousands of cells
    one python-docx object at a time would take most of a large report's time. The same markup as python-docx
    makes (a cell width from the grid, one paragraph per cell, right-aligned figures, bold row headers)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    widths = [column.w for column in table._tbl.tblGrid.gridCol_lst]
    parts = [f"<w:tbl {nsdecls('w')}>"]
    for row in block.rows:
        parts.append("<w:tr>")
        for index, value in enumerate(row):
            width = widths[index] if index < len(widths) else None
            properties = f'<w:tcPr><w:tcW w:type="dxa" w:w="{int(width.twips)}"/></w:tcPr>' if width else ""
            bold = block.row_headers and index == 0
            value = absolute(value)
            if isinstance(value, Link):
                runs = _run_xml(value.text, bold=bold) + _run_xml(f" ({value.url})")
            else:
                runs = _run_xml(value if isinstance(value, str) else cell_text(value), bold=bold)
            alignment = '<w:pPr><w:jc w:val="right"/></w:pPr>' if index in block.numeric else ""
            parts.append(f"<w:tc>{properties}<w:p>{alignment}{runs}</w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    for row in list(parse_xml("".join(parts))):
        table._tbl.append(row)


def _add_table(word, block: Table, document: Document, absolute) -> None:
    """A table with its caption, a header row repeated on every page, and its source."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    word.add_paragraph(block.caption, style="Caption")
    if not block.rows:
        word.add_paragraph(block.empty)
    else:
        table = word.add_table(rows=1, cols=len(block.headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        _mark_header_row(header)
        for index, text in enumerate(block.headers):
            cell = header.cells[index]
            cell.text = ""
            _add_text(cell.paragraphs[0], text, bold=True)
        _add_rows(table, block, absolute)
    if block.source:
        word.add_paragraph(f"{document.sources_label}: {block.source}").runs[0].italic = True
