"""Plain-text documents in other shapes: markdown headings, numbered lists, "Vi vill", nested bullets."""

from decimal import Decimal

import pytest

from framsteg.steering.importer.parse import NoCommitmentsFound, parse_document

from .helpers import DOCUMENTS, document


def test_markdown_headings_and_mixed_bullets():
    doc = document("mal-och-budget-2025.md")
    assert doc.title == "Mål och budget 2025"
    assert doc.preamble.startswith("Kommunfullmäktige fastställer i detta dokument")
    assert (2026, 2027) in doc.periods
    assert [a.title for a in doc.areas] == ["Förskola och skola", "Äldreomsorg", "Ekonomi"]
    assert [len(a.commitments) for a in doc.areas] == [3, 3, 2]
    school, care, economy = doc.areas
    assert school.lead_in == "Utbildningsnämnden ska arbeta för att:"
    assert school.organisations == ["Utbildningsnämnden"]
    assert school.commitments[1].text == (
        "Minska barngrupperna i förskolan till högst 15 barn per grupp "
        "och följa upp gruppstorleken varje termin"
    )
    assert school.commitments[0].quantities[0].qualifier == "minst"
    assert care.lead_in == ""  # a heading followed directly by a list
    assert economy.lead_in == "Det innebär att vi ska:"
    limit = economy.commitments[1].quantities[0]
    assert (limit.value, limit.unit, limit.qualifier) == (Decimal(1_200_000_000), "SEK per år", "under")


def test_numbered_lists_with_dot_and_parenthesis():
    doc = document("numrerade-mal.txt")
    assert [a.title for a in doc.areas] == ["Kultur", "Fritid"]
    culture, leisure = doc.areas
    assert culture.commitments[0].text == "Öka bibliotekens öppettider med 10 timmar per vecka"
    assert len(leisure.commitments) == 3
    assert leisure.lead_in == "Mål för Kultur- och fritidsnämnden"
    assert leisure.organisations == ["Kultur- och fritidsnämnden"]
    assert leisure.commitments[0].quantities[0].value == Decimal(90_000_000)


def test_we_want_sentences_without_lists():
    doc = document("vi-vill.txt")
    assert [a.title for a in doc.areas] == ["Skola", "Klimat", "Äldreomsorg"]
    school, climate, care = doc.areas
    assert [c.text for c in school.commitments] == [
        "Vi vill att fler lärare ska anställas i skolor med stora behov.",
        "Vi vill införa mobilfria klassrum i alla grundskolor.",
    ]
    assert school.narrative == "Alla elever ska få en bra start i livet. Skolan ska vara trygg."
    assert climate.commitments[0].quantities[0].year == 2030
    homes, target = care.commitments[0].quantities
    assert (homes.value, homes.unit, homes.year) == (Decimal(200), "trygghetsbostäder", 2030)
    assert (target.text, target.unit) == ("till år 2030", "år")
    text = (DOCUMENTS / "vi-vill.txt").read_text()
    first = school.commitments[0]
    assert text[first.start : first.end] == first.text


def test_nested_bullets_become_commitments_under_their_parent():
    doc = document("nastlade-punkter.txt")
    (area,) = doc.areas
    assert area.title == "Trygghet i kommundelarna"
    assert area.lead_in == "Därför ska kommunen:"
    assert [(c.group, c.text) for c in area.commitments] == [
        ("Förbättra belysningen", "på gång- och cykelvägar"),
        ("Förbättra belysningen", "i parker och vid tunnlar"),
        ("", "Anställa fler fältassistenter"),
        ("Utöka trygghetsvandringarna", "i Fittja"),
        ("Utöka trygghetsvandringarna", "i Alby"),
    ]


def test_headless_numbered_list_with_letter_sub_items():
    text = (
        "Mål för Miljönämnden\n\n1. Minska utsläppen\na) från transporter\nb) från uppvärmning\n2. Plantera"
    )
    (area,) = parse_document(text).areas
    assert area.title == "Miljönämnden"
    assert [(c.group, c.text) for c in area.commitments] == [
        ("Minska utsläppen", "från transporter"),
        ("Minska utsläppen", "från uppvärmning"),
        ("", "Plantera"),
    ]


def test_prose_without_commitments_raises():
    with pytest.raises(NoCommitmentsFound, match="Inga åtaganden hittades"):
        document("prosa-utan-atanden.txt")


def test_prose_is_fine_when_no_commitments_are_expected():
    text = (DOCUMENTS / "prosa-utan-atanden.txt").read_text()
    doc = parse_document(text, expect_commitments=False)
    assert doc.areas == []
    assert doc.preamble.startswith("Kommunen står inför stora utmaningar")
