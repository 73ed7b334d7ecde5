from decimal import Decimal

from framsteg.steering.importer.matching import suggest_links

from .helpers import DEBRIS, botkyrka

NEWS = "nyhet-botkyrka-satsar-pa-tryggheten-2018.txt"


def test_news_item_quantities_without_areas():
    doc = botkyrka(NEWS, expect_commitments=False)
    assert doc.title == "Botkyrka satsar på tryggheten"
    assert doc.areas == []
    assert [(q.text, q.value, q.unit) for q in doc.quantities] == [
        ("22 miljoner", Decimal(22_000_000), "SEK")
    ]
    for word in (*DEBRIS[:-3], "Eldningsförbud", ", foto"):
        assert word not in doc.preamble, word


def test_news_links_to_safety_and_crime_commitments():
    platform = botkyrka("politisk-plattform-2023-2026.txt")
    candidates, area_of = [], {}
    for number, area in enumerate(platform.areas, start=1):
        for commitment in area.commitments:
            area_of[len(candidates)] = number
            candidates.append((len(candidates), commitment.text))
    news = botkyrka(NEWS, expect_commitments=False)
    suggestions = suggest_links(news.text, candidates)
    assert 3 <= len(suggestions) <= 5
    assert all(area_of[cid] in (4, 5) for cid, _ in suggestions[:4])
    top_texts = [candidates[cid][1] for cid, _ in suggestions]
    assert any("trygghetskameror" in t for t in top_texts)
    assert any(t.startswith("Samverka med polisen") for t in top_texts)
    scores = [score for _, score in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_unrelated_text_gets_no_suggestions():
    candidates = [(1, "Bygga fler bostäder för unga"), (2, "Förbättra cykelvägarna")]
    assert suggest_links("Biblioteket får nya öppettider under sommaren.", candidates) == []
    assert suggest_links("anything", []) == []
