"""How alike two short Swedish texts are: which adopted commitments may take up a proposal's point.

The method, stated on the comparison pages too:

1. Words. The texts are split into lower-case words; Swedish stop words ("och", "att", "ska") and the verbs
   and adjectives every plan uses ("utveckla", "stärka", "fler", "öka") are dropped, and every word is
   reduced to its stem with the Snowball stemmer for Swedish (M. F. Porter's algorithm, written out below):
   "bostäderna" → "bostäd", "tryggheten" → "trygg".
2. Two vectors per text, each weighted by TF-IDF over all the texts compared (the adopted commitments and the
   proposals' points), so that words every text uses count little and rare shared words much:
   - the stems;
   - character 4-grams of each stem, within the word ("_tryg", "tryg", "rygg", "ygg_"), so that compounds
     and their parts meet: "trygghetskameror" and "kameror", "modulbostäder" and "bostäder".
3. The similarity is the mean of the two vectors' cosines, a number from 0 to 1. A pair scoring at least
   `SUGGEST_AT` is suggested to staff, who confirm or reject it; only confirmed pairs are ever shown to the
   public as a match. The threshold and the method's precision and recall are tested on a labelled set of
   Swedish texts in tests/importer/test_similarity.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from .words import STOPWORDS, split_words

__all__ = ["SUGGEST_AT", "Corpus", "content_stems", "snowball_stem"]

# Suggested to staff from this similarity on (0..1); chosen on the labelled set (see the tests).
SUGGEST_AT = 0.2
NGRAM = 4

# Words that say how rather than what: every plan and every proposal uses them.
GENERIC = frozenset(
    split_words(
        """
        utveckla utvecklas utveckling stärka stärker stärks skapa skapar öka ökar ökad ökade ökat utöka
        fortsätta fortsatt fortsatta arbeta arbetar jobba jobbar främja värna bidra möjliggöra underlätta
        förbättra förbättrar säkerställa erbjuda erbjuder satsa satsar satsning satsningar insatser insats
        fler flera bra god goda bättre hela alla långsiktigt tydligt genom olika särskilt särskilda aktivt
        exempel annat möjlighet möjligheten möjligheter möjligheterna sätt viktigt viktiga verka verkar
        ta tar tillsammans arbetet arbete initiera inför införa utreda verka vidare samt mer mindre
        botkyrka botkyrkas kommunen kommunens kommun kommunala vår våra vårt vi ska
        """
    )
)

_WORD = re.compile(r"[a-zåäöéü]+(?:-[a-zåäöéü]+)*", re.IGNORECASE)

# The Snowball stemmer for Swedish (https://snowballstem.org/algorithms/swedish/stemmer.html).
_VOWELS = frozenset("aeiouyäåö")
_STEP1 = sorted(
    split_words(
        """
        a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter or as
        arnas ernas ornas es ades andes ens arens hetens erns at andet het ast
        """
    ),
    key=len,
    reverse=True,
)
_S_ENDING = frozenset("bcdfghjklmnoprtvy")
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")


def _r1(word: str) -> int:
    """Where R1 starts: after the first non-vowel that follows a vowel, but at least at position 3."""
    for index in range(1, len(word)):
        if word[index] not in _VOWELS and word[index - 1] in _VOWELS:
            return max(index + 1, 3)
    return len(word)


def snowball_stem(word: str) -> str:
    """The Swedish Snowball stem of one lower-case word."""
    r1 = _r1(word)
    # Step 1: the main suffixes, the longest found in R1.
    for suffix in _STEP1:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in _S_ENDING:
            word = word[:-1]
    # Step 2: a double or similar consonant ending in R1 loses its last letter.
    if any(word.endswith(pair) and len(word) - len(pair) >= r1 for pair in _STEP2):
        word = word[:-1]
    # Step 3: derivational suffixes in R1.
    for suffix, replacement in (("fullt", "full"), ("löst", "lös"), ("lig", ""), ("els", ""), ("ig", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + replacement
            break
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning; a hyphenated compound counts as its parts."""
    stems = []
    for token in _WORD.findall(text.lower()):
        for word in token.split("-"):
            if len(word) > 2 and word not in STOPWORDS and word not in GENERIC:
                stems.append(snowball_stem(word))
    return stems


def _ngrams(stem: str) -> list[str]:
    padded = f"_{stem}_"
    if len(padded) <= NGRAM:
        return [padded]
    return [padded[i : i + NGRAM] for i in range(len(padded) - NGRAM + 1)]


def _features(text: str) -> tuple[Counter, Counter]:
    stems = content_stems(text)
    return Counter(stems), Counter(gram for stem in stems for gram in _ngrams(stem))


class Corpus:
    """The texts compared, for their inverse document frequencies; then the similarity of any two of them."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._features: dict[str, tuple[Counter, Counter]] = {}
        stem_df: Counter = Counter()
        gram_df: Counter = Counter()
        count = 0
        for text in texts:
            stems, grams = self._features_of(text)
            stem_df.update(stems.keys())
            gram_df.update(grams.keys())
            count += 1
        self._size = max(count, 1)
        self._stem_df = stem_df
        self._gram_df = gram_df
        self._vectors: dict[str, tuple[dict[str, float], dict[str, float]]] = {}

    def _features_of(self, text: str) -> tuple[Counter, Counter]:
        if text not in self._features:
            self._features[text] = _features(text)
        return self._features[text]

    def _idf(self, frequency: Counter, term: str) -> float:
        # Smoothed, as in scikit-learn: a term no text has still gets a finite weight.
        return math.log((1 + self._size) / (1 + frequency[term])) + 1

    def _weighted(self, counts: Counter, frequency: Counter) -> dict[str, float]:
        vector = {term: (1 + math.log(n)) * self._idf(frequency, term) for term, n in counts.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {term: value / norm for term, value in vector.items()}

    def vectors(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        if text not in self._vectors:
            stems, grams = self._features_of(text)
            self._vectors[text] = (
                self._weighted(stems, self._stem_df),
                self._weighted(grams, self._gram_df),
            )
        return self._vectors[text]

    def similarity(self, a: str, b: str) -> float:
        """From 0 (nothing in common) to 1 (the same content words)."""
        stems_a, grams_a = self.vectors(a)
        stems_b, grams_b = self.vectors(b)
        return round((_cosine(stems_a, stems_b) + _cosine(grams_a, grams_b)) / 2, 4)

    def rank(
        self, text: str, candidates: Iterable[tuple[int, str]], limit: int = 5
    ) -> list[tuple[int, float]]:
        """(candidate id, similarity) of the candidates scoring at least SUGGEST_AT, best first."""
        scored = [(cid, self.similarity(text, candidate)) for cid, candidate in candidates]
        scored = [(cid, score) for cid, score in scored if score >= SUGGEST_AT]
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:limit]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())
