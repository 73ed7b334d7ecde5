"""Long documents of `framsteg.core.documents` as tagged PDFs typeset with Typst.

WeasyPrint lays out a page of HTML at about a tenth of a second, which is right for a report of a few dozen
pages and too slow for a whole plan of thousands of commitments (hundreds of pages). Typst typesets the same
description, from its data rather than from HTML, in a few seconds: headings, paragraphs (with the language
of those in another language), notes with their sources, tables whose header row repeats on every page and
whose first column heads its row, and charts as images with their text alternative followed by their data
table. The result is PDF/UA-1: a structure tree, the document's language and its title shown in the viewer's
title bar, every font embedded; Typst refuses to write it otherwise.

The document is handed over as JSON (`sys.inputs.document`), never as markup, so no text in it can change
the layout. Nothing is fetched from the network.
"""

from __future__ import annotations

import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "typst" / "document.typ"


class TypesetterMissing(RuntimeError):
    """The Typst compiler (the `typst` package) is not installed."""


def _cell(value) -> dict:
    from framsteg.core.documents import Link, cell_text

    if isinstance(value, Link):
        return {"text": value.text, "url": value.url}
    return {"text": cell_text(value), "url": ""}


def _widest(table) -> int:
    """The column given the remaining width: the one with the longest texts (never a column of figures)."""
    lengths = [0] * len(table.headers)
    for row in table.rows[:200]:
        for index, value in enumerate(row[: len(lengths)]):
            if index not in table.numeric:
                lengths[index] += len(_cell(value)["text"])
    return max(range(len(lengths)), key=lambda index: lengths[index]) if lengths else 0


def _table(table) -> dict:
    return {
        "wide": _widest(table),
        "kind": "table",
        "caption": table.caption,
        "headers": [str(header) for header in table.headers],
        "rows": [[_cell(value) for value in row] for row in table.rows],
        "source": table.source,
        "numeric": list(table.numeric),
        "row_headers": table.row_headers,
        "empty": table.empty,
    }


def _block(block) -> dict:
    from framsteg.core.documents import Figure, Note, Paragraph, Section

    if isinstance(block, Section):
        return {
            "kind": "section",
            "heading": block.heading,
            "blocks": [_block(inner) for inner in block.blocks],
        }
    if isinstance(block, Paragraph):
        return {
            "kind": "paragraph",
            "text": _cell(block.text),
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
            "table": _table(block.table),
        }
    return _table(block)


def document_data(document) -> dict:
    """What the Typst template reads: the document with every cell already written as text."""
    return {
        "title": document.title,
        "language": document.language,
        "subtitle": document.subtitle,
        "author": document.author,
        "description": document.description or document.title,
        "sources_label": document.sources_label,
        "sections": [_block(section) for section in document.sections],
    }


def render_pdf(document) -> bytes:
    """The document (`framsteg.core.documents.Document`) as a tagged PDF/UA-1 file."""
    try:
        import typst
    except ImportError as error:
        raise TypesetterMissing(
            "Long PDF documents need the typst package: `make install` installs it."
        ) from error
    data = json.dumps(document_data(document), ensure_ascii=False)
    return typst.compile(
        TEMPLATE.read_bytes(),
        format="pdf",
        pdf_standards=["ua-1"],
        sys_inputs={"document": data},
        root=str(TEMPLATE.parent),
    )
