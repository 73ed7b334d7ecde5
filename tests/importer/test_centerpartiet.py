from decimal import Decimal

from .helpers import DEBRIS, all_text, botkyrka

PAGE = "centerpartiet-socialnamnden.txt"


def test_goals_for_the_committee():
    doc = botkyrka(PAGE)
    (area,) = doc.areas
    assert area.title == "Socialnämnden"
    assert area.lead_in == "Mål för Socialnämnden"
    assert area.organisations == ["Socialnämnden"]
    assert len(area.commitments) == 11
    assert area.commitments[-1].organisations == ["Utbildningsnämnden"]
    assert area.narrative.startswith("Botkyrka står inför både en stor utmaning")


def test_money_in_the_narrative():
    doc = botkyrka(PAGE)
    (area,) = doc.areas
    (money,) = area.quantities
    assert (money.text, money.value, money.unit) == ("11 miljoner", Decimal(11_000_000), "SEK")
    assert "sol-has-bg" not in all_text(doc)
    for word in DEBRIS:
        assert word not in all_text(doc), word
