from decimal import Decimal

import pytest

from framsteg.steering.importer.quantities import find_periods, find_quantities


def one(text: str):
    (quantity,) = find_quantities(text)
    return quantity


@pytest.mark.parametrize(
    ("text", "matched", "value", "unit"),
    [
        ("Endast 64,6 procent röstade.", "64,6 procent", Decimal("64.6"), "procent"),
        ("Vi bygger 8 000 bostäder.", "8 000 bostäder", Decimal(8000), "bostäder"),
        ("Vi bygger 8\u00a0000 bostäder.", "8\u00a0000 bostäder", Decimal(8000), "bostäder"),
        ("Vi bygger 8000 bostäder.", "8000 bostäder", Decimal(8000), "bostäder"),
        ("Budgeten är 1,5 miljarder kronor.", "1,5 miljarder kronor", Decimal(1_500_000_000), "SEK"),
        ("Nämnden får 11 mnkr extra.", "11 mnkr", Decimal(11_000_000), "SEK"),
        ("Projektet kostar 3 MSEK.", "3 MSEK", Decimal(3_000_000), "SEK"),
        ("Bidraget höjs med 500 tkr.", "500 tkr", Decimal(500_000), "SEK"),
        ("Andelen ska vara 12 % år 2026.", "12 %", Decimal(12), "procent"),
        ("Kommunen skjuter till 11 miljoner för löner.", "11 miljoner", Decimal(11_000_000), "SEK"),
        ("Det ger 200 platser om året.", "200 platser om året", Decimal(200), "platser per år"),
        ("Vi bygger 500 bostäder per år.", "500 bostäder per år", Decimal(500), "bostäder per år"),
        ("Vi bygger 300 nya bostäder.", "300 nya bostäder", Decimal(300), "bostäder"),
        ("Investeringar om 900 kr per invånare.", "900 kr per invånare", Decimal(900), "SEK per invånare"),
    ],
)
def test_swedish_number_formats(text, matched, value, unit):
    quantity = one(text)
    assert (quantity.text, quantity.value, quantity.unit) == (matched, value, unit)
    assert text[quantity.start : quantity.end] == matched
    assert quantity.context == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("ca 500 bostäder", "ca"),
        ("cirka 500 bostäder", "ca"),
        ("minst 85 procent", "minst"),
        ("högst 15 barn", "högst"),
        ("över 50 miljoner kronor", "över"),
        ("under 12 %", "under"),
        ("drygt 40 elever", "drygt"),
        ("knappt 3 procent", "knappt"),
        ("mer än 100 deltagare", "över"),
    ],
)
def test_qualifiers(text, qualifier):
    quantity = one(text)
    assert quantity.qualifier == qualifier
    assert quantity.text == text


def test_offset_is_added():
    quantity = one("Vi bygger 500 bostäder.")
    shifted = find_quantities("Vi bygger 500 bostäder.", offset=100)[0]
    assert shifted.start == quantity.start + 100


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Organisationen ska vara klimatneutral 2025.", 2025),
        ("Kommunen ska vara fossilfri senast 2030.", 2030),
        ("Utsläppen ska halveras till år 2030.", 2030),
        ("Botkyrka som plats ska vara fossilbränslefri 2030.", 2030),
    ],
)
def test_year_targets(text, year):
    quantity = one(text)
    assert (quantity.value, quantity.unit, quantity.year) == (Decimal(year), "år", year)


def test_year_target_needs_target_word_in_the_same_clause():
    text = (
        "Organisationen ska 2025, det vill säga under mandatperioden, vara klimatneutral "
        "och kommunen ska vara fossilfri 2030."
    )
    assert [q.year for q in find_quantities(text)] == [2025, 2030]
    assert find_quantities("Under 2020 byggdes en ny skola.") == []
    assert find_quantities("I kommunvalet 2022 var valdeltagandet lågt, och det ska öka.") == []
    assert find_quantities("Kommunen arbetar med Agenda 2030 och ska bli klimatneutral.") == []
    assert find_quantities("Under både 2019 och 2020 riktat mest resurser.") == []


def test_quantity_is_tied_to_a_year_in_its_clause():
    quantities = find_quantities("Till år 2030 ska 500 nya bostäder byggas.")
    homes = next(q for q in quantities if q.unit == "bostäder")
    assert homes.year == 2030


@pytest.mark.parametrize(
    "text",
    [
        "Ring 070-291 11 89 eller 08-530 610 00.",
        "Nedergårdsvägen 24, 147 40 Tumba",
        "Publicerad 30 januari 2018 kl. 10.00",
        "Datum: 2018-01-30",
        "pexels-helena-lopes-4453115.jpg",
        "enligt lagen (2009:724) om nationella minoriteter",
        "Mandatperioden 2023–2026 och 2020/2021",
        "Ring alltid 112 för att larma polisen.",
        "Fyra skolbarn och 3 av dem",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_periods():
    assert find_periods("mandatperioden 2023–2026, satsning 2020/2021 och 2023-2026 igen") == [
        (2023, 2026),
        (2020, 2021),
    ]
    assert find_periods("mellan 2019 och 2020") == []
