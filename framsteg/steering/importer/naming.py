"""Name policy areas that the document left without a heading.

Each area is scored against a lexicon of municipal policy topics by word stems; words in commitments
weigh more than words in the narrative, because the commitments say what the area is about while the
narrative also sets the scene with neighbouring topics.
"""

from __future__ import annotations

import re

from .words import content_words

__all__ = ["TOPICS", "name_area"]

# (name, stems). A stem matches a word that starts with it or contains it as a later compound part.
TOPICS: list[tuple[str, tuple[str, ...]]] = [
    (
        "Skola och förskola",
        (
            "skol",
            "förskol",
            "elev",
            "lärare",
            "undervisning",
            "studiero",
            "pedagog",
            "läskunnig",
            "lässlust",
            "läslust",
            "fortbildning",
            "klassrum",
            "grundskol",
            "gymnasi",
            "kunskapskrav",
            "betyg",
        ),
    ),
    (
        "Vård och omsorg",
        (
            "omsorg",
            "äldre",
            "vård",
            "brukare",
            "hemtjänst",
            "lss",
            "demens",
            "anhörig",
            "välfärdsteknik",
            "omvårdnad",
            "underskötersk",
            "fallolyck",
            "ensamhet",
        ),
    ),
    (
        "Bostäder",
        (
            "bostad",
            "bostäder",
            "byggtakt",
            "planberedskap",
            "hyresrätt",
            "bostadsgaranti",
            "svartkontrakt",
            "upplåtelseform",
            "trångbodd",
            "boendemiljö",
            "byggnad",
            "bygga",
        ),
    ),
    (
        "Trygga och levande kommundelar",
        (
            "trygghet",
            "trygg",
            "kommundel",
            "stadsdel",
            "stadsplanering",
            "stadsutveckling",
            "belysning",
            "trygghetskamera",
            "grannsamverkan",
            "nattvandr",
            "utemiljö",
            "mötesplats",
            "levande",
            "felanmäl",
        ),
    ),
    (
        "Brottslighet och kriminalitet",
        (
            "kriminal",
            "kriminell",
            "brott",
            "gäng",
            "polis",
            "droghandel",
            "narkotika",
            "avhoppar",
            "våld",
            "heder",
            "utsatta",
            "rekrytering",
        ),
    ),
    (
        "Klimat och miljö",
        (
            "klimat",
            "miljö",
            "fossil",
            "natur",
            "mångfald",
            "solcell",
            "koldioxid",
            "grönstråk",
            "elbil",
            "vatten",
            "jordbruk",
            "utsläpp",
            "cirkulär",
            "livsmedel",
        ),
    ),
    (
        "Demokrati och delaktighet",
        (
            "demokrati",
            "demokrat",
            "valdeltagand",
            "delaktighet",
            "medborgar",
            "synpunkt",
            "dialog",
            "inflytande",
            "röst",
            "förtroende",
        ),
    ),
    (
        "Arbete och näringsliv",
        (
            "företag",
            "näringsliv",
            "jobb",
            "arbetsmarknad",
            "entreprenör",
            "arbetstillfälle",
            "etablering",
            "vuxenutbildning",
            "arbetsförmedling",
            "tillväxt",
            "komvux",
            "anställningsbar",
            "arbetssök",
        ),
    ),
    (
        "Kultur och fritid",
        ("kultur", "bibliotek", "fritid", "idrott", "konst", "musik", "simhall", "fritidsgård"),
    ),
    ("Folkhälsa", ("folkhälsa", "hälsa", "ohälsa", "tobak", "alkohol", "motion", "friskvård")),
    (
        "Socialtjänst",
        (
            "socialtjänst",
            "socialsekreterar",
            "bistånd",
            "försörjningsstöd",
            "missbruk",
            "beroende",
            "placering",
            "handläggning",
            "ensamkommande",
            "socialnämnd",
        ),
    ),
    ("Ekonomi", ("ekonomi", "budget", "skatt", "resultat", "kostnad", "effektivisering", "investering")),
    (
        "Kollektivtrafik och infrastruktur",
        (
            "kollektivtrafik",
            "buss",
            "pendel",
            "trafik",
            "infrastruktur",
            "cykelväg",
            "gångväg",
            "vägar",
            "tunnelbana",
        ),
    ),
    ("Digitalisering", ("digital", "e-tjänst", "bredband", "automatisering", "it-")),
    (
        "Integration",
        ("integration", "nyanländ", "sfi", "etableringsuppdrag", "språkintroduktion", "mottagande"),
    ),
    ("Barn och unga", ("barn", "unga", "ungdom", "barnkonvention", "barnrätt")),
    ("Jämställdhet och jämlikhet", ("jämställd", "jämlik", "diskriminering", "mänskliga rättigheter")),
    (
        "Personal och arbetsgivare",
        ("medarbetare", "arbetsgivare", "arbetsmiljö", "kompetensförsörjning", "lön"),
    ),
]

_COMMITMENT_WEIGHT = 3
_MIN_SCORE = 4
_FALLBACK_WORDS = 5
_TRAILING_SMALL = {
    "och",
    "att",
    "för",
    "med",
    "i",
    "på",
    "till",
    "av",
    "som",
    "en",
    "ett",
    "den",
    "det",
    "de",
}


def _matches(stem: str, word: str) -> bool:
    if word.startswith(stem):
        return True
    position = word.find(stem, 3)
    return position >= 3 and len(stem) >= 4


def _score(words: list[str], stems: tuple[str, ...]) -> int:
    return sum(1 for word in words if any(_matches(stem, word) for stem in stems))


def topic_scores(narrative: str, commitments: list[str]) -> list[tuple[int, str]]:
    """(score, name) for every lexicon topic, best first; ties keep lexicon order."""
    narrative_words = content_words(narrative)
    commitment_words = content_words(" ".join(commitments))
    scored = [
        (_score(narrative_words, stems) + _COMMITMENT_WEIGHT * _score(commitment_words, stems), index, name)
        for index, (name, stems) in enumerate(TOPICS)
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(score, name) for score, _, name in scored]


def name_area(narrative: str, commitments: list[str], taken: set[str]) -> str:
    """A Swedish area name from content that is not in `taken`; falls back to the first commitment."""
    lowered_taken = {name.casefold() for name in taken}
    for score, name in topic_scores(narrative, commitments):
        if score < _MIN_SCORE:
            break
        if name.casefold() not in lowered_taken:
            return name
    source = commitments[0] if commitments else narrative
    name = _short_phrase(source) or "Övrigt"
    candidate, counter = name, 2
    while candidate.casefold() in lowered_taken:
        candidate = f"{name} ({counter})"
        counter += 1
    return candidate


def _short_phrase(text: str) -> str:
    """The first few words of a sentence, without a dangling small word, capitalised."""
    first = re.split(r"[.:;!?,]", text.strip(), maxsplit=1)[0]
    words = first.split()[:_FALLBACK_WORDS]
    while words and words[-1].lower() in _TRAILING_SMALL:
        words.pop()
    phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:]
