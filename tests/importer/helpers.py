"""Shared paths and loaders for the importer tests."""

from __future__ import annotations

from pathlib import Path

from framsteg.steering.importer.parse import ParsedDocument, parse_document
from framsteg.steering.importer.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
BOTKYRKA = ROOT / "data" / "botkyrka"
DOCUMENTS = Path(__file__).resolve().parent / "documents"

DEBRIS = (
    "Translate",
    "Telefon",
    "Kontakt",
    "Öppna mobilmenyn",
    "Läs mer",
    ".jpg",
    "Skriv ut",
    "Senast uppdaterad",
    "Störningsinformation",
    "Dölj meddelande",
    "Vit Circle",
    "@",
    "Ombudsman",
    "sol-has-bg",
)


def botkyrka(name: str, *, expect_commitments: bool = True) -> ParsedDocument:
    data = (BOTKYRKA / name).read_bytes()
    text, fmt = read_document(data, name)
    return parse_document(text, fmt, expect_commitments=expect_commitments)


def document(name: str) -> ParsedDocument:
    text, fmt = read_document((DOCUMENTS / name).read_bytes(), name)
    return parse_document(text, fmt)


def all_text(doc: ParsedDocument) -> str:
    """Everything the parser kept as content: preamble, titles, narratives, lead-ins and commitments."""
    parts = [doc.title, doc.preamble]
    for area in doc.areas:
        parts += [area.title, area.narrative, area.lead_in]
        parts += [c.text for c in area.commitments]
    return "\n".join(parts)
