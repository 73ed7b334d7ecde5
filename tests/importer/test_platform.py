from decimal import Decimal

from .helpers import DEBRIS, all_text, botkyrka

PLATFORM = "politisk-plattform-2023-2026.txt"


def test_eight_areas_with_commitment_counts_in_order():
    doc = botkyrka(PLATFORM)
    assert doc.title == "Politisk plattform"
    assert [len(a.commitments) for a in doc.areas] == [13, 9, 7, 5, 9, 11, 4, 8]
    assert sum(len(a.commitments) for a in doc.areas) == 66


def test_areas_get_distinct_names_from_content():
    doc = botkyrka(PLATFORM)
    assert [a.title for a in doc.areas] == [
        "Skola och förskola",
        "Vård och omsorg",
        "Bostäder",
        "Trygga och levande kommundelar",
        "Brottslighet och kriminalitet",
        "Klimat och miljö",
        "Demokrati och delaktighet",
        "Arbete och näringsliv",
    ]
    assert all(a.title_inferred for a in doc.areas)


def test_lead_in_and_wrapped_bullets():
    doc = botkyrka(PLATFORM)
    assert {a.lead_in for a in doc.areas} == {"Därför ska kommunen jobba med att:"}
    texts = [c.text for a in doc.areas for c in a.commitments]
    assert (
        "Erbjuda skolpersonal kontinuerlig fortbildning inom området neuropsykiatriska funktionsnedsättningar"
        in texts
    )
    assert (
        "Stärka den upplevda trygghetskänslan genom till exempel bättre belysning och trygghetskameror"
        in texts
    )
    assert any(t.endswith("säkerställa att våra dricksvattenreservoarer inte hotas") for t in texts)
    assert not any(t.startswith("•") or "\n" in t for t in texts)


def test_offsets_cover_the_item_in_the_document():
    doc = botkyrka(PLATFORM)
    for area in doc.areas:
        assert area.start <= area.end
        for commitment in area.commitments:
            span = doc.text[commitment.start : commitment.end]
            assert span.startswith("•")
            assert " ".join(span.lstrip("• ").split()) == commitment.text
            assert area.start <= commitment.start < commitment.end <= area.end


def test_intro_goes_to_preamble_not_to_the_first_area():
    doc = botkyrka(PLATFORM)
    assert doc.preamble.startswith("Den politiska plattformen beskriver")
    assert "Plattformen är inte" in doc.preamble
    first = doc.areas[0]
    assert first.narrative.startswith("Alla barn ska få rätt förutsättningar")
    assert "Plattformen" not in first.narrative
    assert first.narrative.endswith("Alla Botkyrkaelever ska gå i skolor som håller hög kvalitet.")
    # Each narrative runs from the previous list to the area's own lead-in.
    assert doc.areas[1].narrative.startswith("Vi har en åldrande befolkning")
    assert "Därför ska kommunen jobba med att" not in doc.areas[1].narrative


def test_no_debris_in_content():
    text = all_text(botkyrka(PLATFORM))
    for word in DEBRIS:
        assert word not in text, word


def test_quantities_and_period():
    doc = botkyrka(PLATFORM)
    housing = next(c for c in doc.areas[2].commitments if "bostäder per år" in c.text)
    (quantity,) = housing.quantities
    assert quantity.text == "ca 500 bostäder per år"
    assert (quantity.value, quantity.unit, quantity.qualifier) == (Decimal(500), "bostäder per år", "ca")
    assert doc.text[quantity.start : quantity.end] == quantity.text

    years = {q.value: q for q in doc.quantities if q.unit == "år"}
    assert "klimatneutral" in years[Decimal(2025)].context
    assert years[Decimal(2025)].year == 2025
    assert "fossilbränslefri" in years[Decimal(2030)].context
    assert years[Decimal(2030)] in doc.areas[5].quantities

    turnout = next(q for q in doc.quantities if q.unit == "procent")
    assert (turnout.text, turnout.value) == ("64,6 procent", Decimal("64.6"))
    assert turnout in doc.areas[6].quantities
    assert (2023, 2026) in doc.periods
    # Years without a target ("I kommunvalet 2022") are not quantities.
    assert Decimal(2022) not in years
