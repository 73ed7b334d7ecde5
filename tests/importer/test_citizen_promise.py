"""Medborgarlöften in the polisen.se layout: activities per party become commitments with their owners.

The three texts in documents/ are constructed examples in the layout polisen.se uses (title, period,
situation, priorities, "Kommunen ska"/"Polisen ska", signatures); they are not real promises. One uses
lists under priority headings, one running sentences, one is text copied from a PDF with page numbers.
"""

from decimal import Decimal

import pytest

from framsteg.steering.importer.promise import JOINT, MUNICIPALITY, POLICE, owner_of_lead_in, parse_promise
from framsteg.steering.importer.quantities import find_quantities
from framsteg.steering.importer.readers import read_document

from .helpers import DOCUMENTS

M, P = (MUNICIPALITY,), (POLICE,)


def promise(name: str):
    text, fmt = read_document((DOCUMENTS / name).read_bytes(), name)
    return parse_promise(text, fmt)


def activities(doc):
    return [(c.owners, c.text) for area in doc.areas for c in area.commitments]


def quantities(doc):
    found = [q for area in doc.areas for c in area.commitments for q in c.quantities]
    return {(q.text.replace("\n  ", " "), q.value, q.unit, q.qualifier) for q in found}


def test_lists_under_priority_headings():
    doc = promise("medborgarlofte-listor.txt")
    assert doc.title == "Medborgarlöfte för Haninge 2025"
    assert doc.periods[0] == (2025, 2025)
    assert [a.title for a in doc.areas] == [
        "Trygghet i Handen och Brandbergen kvällstid",
        "Förebygga att unga begår brott",
        "Det här ska vi åstadkomma tillsammans",
    ]
    found = activities(doc)
    assert [owners for owners, _text in found] == [M, M, M, P, P, M, M, P, JOINT]
    assert found[3] == (P, "Vara synlig i Handens centrum minst 100 kvällar under året.")
    assert doc.areas[0].commitments[2].organisations == ["Samhällsbyggnadsförvaltningen"]
    assert quantities(doc) >= {
        ("två trygghetsvandringar per termin", Decimal(2), "trygghetsvandringar per termin", ""),
        ("minst 100 kvällar", Decimal(100), "kvällar", "minst"),
        ("fyra riktade insatser", Decimal(4), "insatser", ""),
        ("minst 300 ungdomar", Decimal(300), "ungdomar", "minst"),
        ("minst fyra gånger per år", Decimal(4), "gånger per år", "minst"),
    }
    # The situation, the priorities, the follow-up and the signatures are the preamble, not commitments.
    assert "Situationen idag" in doc.preamble
    assert "• Förebygga att unga begår brott" in doc.preamble
    assert "lokalpolisområdeschef" in doc.preamble
    assert "följs upp två gånger per år" in doc.preamble
    assert not any("följs upp" in text for _owners, text in found)


def test_running_sentences():
    doc = promise("medborgarlofte-meningar.txt")
    assert doc.title == "Medborgarlöfte Norrtälje 2024–2025"
    assert doc.periods[0] == (2024, 2025)
    assert [a.title for a in doc.areas] == [
        "Ordningsstörningar i Norrtälje stad",
        "Trafiksäkerhet kring skolorna",
    ]
    found = activities(doc)
    assert found == [
        (
            M,
            "Kommunen ska anställa sommarvärdar som rör sig i Societetsparken och hamnen under juni, "
            "juli och augusti.",
        ),
        (
            M,
            "Kommunen ska också se över belysningen i Societetsparken och rusta upp tre gångstråk "
            "under 2024.",
        ),
        (P, "Polisen ska genomföra minst tio gemensamma helgkvällar med kommunens sommarvärdar."),
        (P, "Polisen kommer att ha en kontaktpolis på plats vid busstationen två kvällar i veckan."),
        (
            P,
            "Polisen ska göra hastighetskontroller vid skolorna i Rimbo och Hallstavik varje vecka under "
            "skolstarten.",
        ),
        (M, "Norrtälje kommun ska bygga om skolskjutsplatsen vid Grind skola."),
        (JOINT, "Tillsammans ska vi informera föräldrar om säkra skolvägar på fem föräldramöten."),
    ]
    assert doc.areas[1].narrative == "Många föräldrar oroar sig för trafiken vid skolorna."
    assert quantities(doc) >= {
        ("tre gångstråk", Decimal(3), "gångstråk", ""),
        ("minst tio gemensamma helgkvällar", Decimal(10), "helgkvällar", "minst"),
        ("två kvällar i veckan", Decimal(2), "kvällar per vecka", ""),
        ("fem föräldramöten", Decimal(5), "föräldramöten", ""),
    }
    assert "Lars Holm, lokalpolisområdeschef Norrtälje" in doc.preamble


def test_text_from_a_pdf_with_page_numbers():
    doc = promise("medborgarlofte-pdf.txt")
    assert doc.title == "Medborgarlöfte Södertälje 2025–2026"
    assert doc.periods[0] == (2025, 2026)
    found = activities(doc)
    assert [owners for owners, _text in found] == [P, P, M, M, M, JOINT]
    # An item broken by a page break is one commitment; page numbers and running heads are gone.
    assert found[3] == (
        M,
        "Utföra en trygghetsinventering av samtliga lekplatser i de tre stadsdelarna under 2025.",
    )
    text = " ".join(t for _o, t in found) + doc.preamble
    for furniture in ("1 (2)", "2 (2)", "Sida 3 av 4", "Polismyndigheten"):
        assert furniture not in text
    assert quantities(doc) >= {
        ("minst 40 riktade insatser", Decimal(40), "insatser", "minst"),
        ("tre medborgardialoger per år", Decimal(3), "medborgardialoger per år", ""),
        ("sex nya fältassistenter", Decimal(6), "fältassistenter", ""),
        ("minst 200 föräldrar per år", Decimal(200), "föräldrar per år", "minst"),
        ("en gång per termin", Decimal(1), "gång per termin", ""),
    }
    # "de tre stadsdelarna" names a known set: no quantity.
    assert not any(q[0] == "tre stadsdelarna" for q in quantities(doc))


@pytest.mark.parametrize(
    ("line", "owners"),
    [
        ("Kommunen ska:", M),
        ("Kommunen åtar sig att:", M),
        ("Huddinge kommun kommer att:", M),
        ("Polisen ska:", P),
        ("Polisen åtar sig att", P),
        ("Polisen i Huddinge åtar sig att:", P),
        ("Lokalpolisområde Huddinge ska:", P),
        ("Tillsammans ska vi:", JOINT),
        ("Det här ska vi åstadkomma tillsammans:", JOINT),
        ("Kommunen och polisen ska gemensamt:", None),
        ("Kommunen och polisen ska:", JOINT),
        ("Situationen idag", None),
        ("Polisen har under året arbetat med trygghet.", None),
    ],
)
def test_lead_ins(line, owners):
    assert owner_of_lead_in(line) == owners


@pytest.mark.parametrize(
    ("text", "matched", "value", "unit", "qualifier"),
    [
        ("Polisen ska vara på plats minst 100 kvällar.", "minst 100 kvällar", 100, "kvällar", "minst"),
        ("Vi träffas fyra gånger per år.", "fyra gånger per år", 4, "gånger per år", ""),
        (
            "Två trygghetsvandringar per termin.",
            "Två trygghetsvandringar per termin",
            2,
            "trygghetsvandringar per termin",
            "",
        ),
        ("Kommunen anställer tio fältassistenter.", "tio fältassistenter", 10, "fältassistenter", ""),
        ("Möte en gång i månaden.", "en gång i månaden", 1, "gång per månad", ""),
        ("Minst tolv helger om året.", "Minst tolv helger om året", 12, "helger per år", "minst"),
    ],
)
def test_number_words(text, matched, value, unit, qualifier):
    (quantity,) = find_quantities(text, number_words=True)
    assert find_quantities(text) == [] or text[0].isdigit() or "100" in text
    assert (quantity.text, quantity.value, quantity.unit, quantity.qualifier) == (
        matched,
        Decimal(value),
        unit,
        qualifier,
    )


@pytest.mark.parametrize(
    "text", ["de två största skolorna", "ett tryggare Botkyrka", "tre av fem", "en gång", "två stora parker"]
)
def test_number_words_without_quantity(text):
    assert find_quantities(text, number_words=True) == []
