from decimal import Decimal

from .helpers import DEBRIS, all_text, botkyrka

PAGE = "socialdemokraterna-politik.txt"


def test_uppercase_headings_become_areas():
    doc = botkyrka(PAGE)
    assert [a.title for a in doc.areas] == ["Trygghet", "Utbildning", "Omsorg", "Bostäder"]
    assert not any(a.title_inferred for a in doc.areas)
    assert doc.preamble.startswith("Tillsammans - så vi skapar förändring.")


def test_bullets_only_and_groups_kept():
    doc = botkyrka(PAGE)
    counts = {a.title: len(a.commitments) for a in doc.areas}
    assert counts == {"Trygghet": 0, "Utbildning": 6, "Omsorg": 10, "Bostäder": 0}
    education = doc.areas[1]
    assert education.lead_in == "Vi har särskilt fokuserat på:"
    assert education.commitments[0].text == "Undervisningens kvalitet"
    assert education.commitments[-1].text.rstrip(".") == "Förstärkt elevhälsoarbete"
    care = doc.areas[2]
    groups = [c.group for c in care.commitments]
    assert groups == (
        ["Vi ökar bemanningen och skapar fler trygga anställningar"] * 3
        + ["Vi stärker kompetensen"] * 4
        + ["Vi skapar fler mötesplatser och trygga relationer"] * 3
    )
    assert care.commitments[-1].text == "Öppnar en mötesplats för äldre i Alby"


def test_we_want_sentences_are_not_commitments_when_lists_exist():
    doc = botkyrka(PAGE)
    texts = [c.text for a in doc.areas for c in a.commitments]
    assert not any(t.startswith("Vi vill") for t in texts)
    assert "Vi vill bryta bostadssegregationen." in doc.areas[3].narrative


def test_no_contact_block_or_images():
    text = all_text(botkyrka(PAGE))
    for word in (
        *DEBRIS,
        "Nedergårdsvägen",
        "070-291",
        "Facebook",
        "Instagram",
        "kvinna",
        "Ung man",
        "pexels",
    ):
        assert word not in text, word


def test_quantities():
    doc = botkyrka(PAGE)
    money = next(q for q in doc.quantities if q.unit == "SEK")
    assert (money.text, money.value, money.qualifier) == (
        "över 50 miljoner kronor",
        Decimal(50_000_000),
        "över",
    )
    assert money in doc.areas[1].quantities
    homes = next(q for q in doc.quantities if q.unit == "bostäder")
    assert (homes.text, homes.value) == ("8000 bostäder", Decimal(8000))
    # Phone number, postcode and address in the contact block are not quantities.
    assert len(doc.quantities) == 2
