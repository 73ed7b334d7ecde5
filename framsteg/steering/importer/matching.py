"""Suggest which commitments a document without commitments (such as a news item) is about.

Each candidate is scored by the share of its content-word stems that the document also uses, weighted
by idf over the candidates so that words every commitment shares ("utveckla", "Botkyrka") count little.
Stems are compared compound-aware: "trygghetskameror" relates to "trygghet" and to "kameror".
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .words import content_words, related, split_words, stem

__all__ = ["suggest_links"]

MIN_SCORE = 0.25
# Verbs and adjectives that every commitment uses; they say how, not what.
GENERIC = frozenset(
    split_words(
        """
        utveckla utvecklas utveckling stärka stärker stärks skapa skapar öka ökar utöka fortsätta
        fortsatt arbeta arbetar arbetet arbete främja värna bidra möjliggöra underlätta förbättra
        förbättrar säkerställa erbjuda erbjuder satsa satsar satsning satsningar insatser insats
        fler flera bra god goda bättre hela alla långsiktigt tydligt genom olika särskilt särskilda
        aktivt exempel annat möjlighet möjligheten möjligheter möjligheterna plats platser del delar
        sätt viktigt viktiga
        """
    )
)
_NAME = re.compile(r"(?<=[\w,;] )[A-ZÅÄÖ][\wåäö-]*")
# Partial length normalisation (as in BM25): long commitments are not punished for every extra word.
_LENGTH_WEIGHT = 0.5


def _features(text: str) -> list[str]:
    """Content stems without generic verbs and without proper names (the municipality's own name)."""
    without_names = _NAME.sub(" ", text)
    return [stem(w) for w in content_words(without_names) if w not in GENERIC]


def suggest_links(text: str, candidates: list[tuple[int, str]], limit: int = 5) -> list[tuple[int, float]]:
    """Return (candidate id, score 0..1) best first, only candidates scoring at least MIN_SCORE."""
    if not candidates:
        return []
    document = Counter(_features(text))
    candidate_stems = [(cid, set(_features(ctext))) for cid, ctext in candidates]
    top = math.log(1 + max(document.values(), default=1))
    frequency = Counter(s for _, words in candidate_stems for s in words)
    total = len(candidates)
    matched_cache: dict[str, int] = {}

    def document_count(word: str) -> int:
        if word not in matched_cache:
            matched_cache[word] = sum(
                count for doc_word, count in document.items() if related(word, doc_word)
            )
        return matched_cache[word]

    def weights_of(words: set[str]) -> dict[str, float]:
        return {w: math.log((total + 1) / frequency[w]) + 0.5 for w in words}

    lengths = [sum(weights_of(words).values()) for _, words in candidate_stems if words]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    scored: list[tuple[int, float]] = []
    for cid, words in candidate_stems:
        if not words:
            continue
        weights = weights_of(words)
        shared = 0.0
        for word, weight in weights.items():
            count = document_count(word)
            if count:
                shared += weight * (0.3 + 0.7 * min(1.0, math.log(1 + count) / top))
        score = min(1.0, shared / (_LENGTH_WEIGHT * sum(weights.values()) + (1 - _LENGTH_WEIGHT) * average))
        if score >= MIN_SCORE:
            scored.append((cid, round(score, 3)))
    scored.sort(key=lambda item: -item[1])
    return scored[:limit]
