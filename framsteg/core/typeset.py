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
    """A cell of `documents.to_data` (a value, or a link as {"link", "url"}) as its text and address."""
    from framsteg.core.documents import cell_text

    if isinstance(value, dict):
        return {"text": value["link"], "url": value["url"]}
    return {"text": cell_text(value), "url": ""}


def _widest(table: dict) -> int:
    """The column given most of the width: the one with the longest texts (never a column of figures)."""
    lengths = [0] * len(table["headers"])
    for row in table["rows"][:200]:
        for index, value in enumerate(row[: len(lengths)]):
            if index not in table["numeric"]:
                lengths[index] += len(value["text"])
    return max(range(len(lengths)), key=lambda index: lengths[index]) if lengths else 0


def _written(block: dict) -> dict:
    """The block with every cell written as text, and each table's widest column named."""
    kind = block["kind"]
    if kind == "section":
        return {**block, "blocks": [_written(inner) for inner in block["blocks"]]}
    if kind == "paragraph":
        return {**block, "text": _cell(block["text"])}
    if kind == "figure":
        return {**block, "table": _written(block["table"])}
    if kind == "table":
        table = {**block, "rows": [[_cell(value) for value in row] for row in block["rows"]]}
        table["headers"] = [str(header) for header in table["headers"]]
        return {**table, "wide": _widest(table)}
    return block


def document_data(document) -> dict:
    """What the Typst template reads: `documents.to_data` with every cell already written as text."""
    from framsteg.core.documents import to_data

    data = to_data(document)
    data["description"] = data["description"] or data["title"]
    data["sections"] = [_written(section) for section in data["sections"]]
    return data


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
