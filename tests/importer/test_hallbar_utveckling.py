from .helpers import DEBRIS, all_text, botkyrka

PAGE = "hallbar-utveckling.txt"


def test_topics_become_areas_without_commitments():
    doc = botkyrka(PAGE)
    assert [a.title for a in doc.areas] == [
        "Folkhälsa",
        "Tillgänglighet och funktionsrätt",
        "Jämlikhet",
        "Nationella minoriteter",
        "Kansalliset vähemmistöt ja vähemmistökielet",
        "Samverkan med idéburna organisationer",
        "Barnrätt",
        "Interkulturalitet",
    ]
    assert all(not a.commitments and not a.title_inferred for a in doc.areas)
    assert doc.areas[0].narrative.startswith("Kommunen arbetar på flera sätt")
    assert doc.areas[-1].narrative.startswith("Botkyrka har en interkulturell strategi")


def test_intro_is_preamble():
    doc = botkyrka(PAGE)
    assert doc.title == "Hållbar utveckling"
    assert doc.preamble.startswith("Botkyrka kommun styrs utifrån dokumentet Ett Hållbart Botkyrka")
    assert "Vägen mot ett hållbart Botkyrka" in doc.preamble
    assert not any("Kommunen arbetar på flera sätt" in a for a in [doc.preamble])


def test_law_reference_is_not_a_quantity_and_no_debris():
    doc = botkyrka(PAGE)
    assert [q.text for q in doc.quantities] == ["30 år"]
    for word in DEBRIS:
        assert word not in all_text(doc), word
