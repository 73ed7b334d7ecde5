"""The similarity that suggests which adopted commitments take up a proposal's point, measured on a labelled
set of Swedish texts written for the purpose (tests/importer/similarity_pairs.py).

On this set (170 pairs, 40 of them matches) the suggestion threshold gives a precision of 0.93 and a recall
of 0.95; the best-scoring commitment is the right one for 37 of the 40 points. The set was written by the
same hand as the method and shares its blind spots (a point in wholly other words — "bussförbindelser" for
"kollektivtrafik" — is missed), so the thresholds asserted are set below the figures measured, and staff
confirm every suggestion before anything is shown to the public.
"""

import pytest

from framsteg.steering.importer.similarity import SUGGEST_AT, Corpus, content_stems, snowball_stem
from tests.importer.similarity_pairs import COMMITMENTS, MATCHES, corpus_texts, labelled_pairs


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("bostäderna", "bostäd"),
        ("bostäder", "bostäd"),
        ("tryggheten", "trygg"),
        ("trygghet", "trygg"),
        ("kommundelarna", "kommundel"),
        ("handläggningstiderna", "handläggningstid"),
        ("fritidsgårdarna", "fritidsgård"),
        ("klassrummen", "klassrumm"),
        ("lovskola", "lovskol"),
        ("företagens", "företag"),
        ("hopplöst", "hopplös"),
        ("kärleksfullt", "kärleksfull"),
        ("ekonomiskt", "ekonomisk"),
    ],
)
def test_the_swedish_snowball_stemmer(word, stem):
    assert snowball_stem(word) == stem


def test_stop_words_and_generic_verbs_carry_no_weight():
    assert content_stems("Därför ska kommunen jobba med att utveckla och stärka elevhälsa") == ["elevhäls"]
    # Snowball leaves the definite "-an" ("elevhälsan"); the character n-grams still meet "elevhälsa".
    assert content_stems("elevhälsan") == ["elevhälsan"]


def test_the_labelled_set_has_at_least_a_hundred_pairs_of_both_kinds():
    pairs = labelled_pairs()
    assert len(pairs) >= 100
    assert 30 <= sum(1 for *_, match in pairs if match) < len(pairs) - 60


def confusion(threshold: float) -> tuple[int, int, int]:
    corpus = Corpus(corpus_texts())
    scored = [(corpus.similarity(point, commitment), match) for point, commitment, match in labelled_pairs()]
    true_positives = sum(1 for score, match in scored if match and score >= threshold)
    false_positives = sum(1 for score, match in scored if not match and score >= threshold)
    false_negatives = sum(1 for score, match in scored if match and score < threshold)
    return true_positives, false_positives, false_negatives


def test_precision_and_recall_at_the_suggestion_threshold():
    tp, fp, fn = confusion(SUGGEST_AT)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    # Measured: precision 0.927 (38 of 41), recall 0.950 (38 of 40).
    assert precision >= 0.85, (precision, tp, fp)
    assert recall >= 0.9, (recall, tp, fn)


def test_the_best_scoring_commitment_is_usually_the_one_that_takes_the_point_up():
    corpus = Corpus(corpus_texts())
    candidates = list(enumerate(COMMITMENTS.values()))
    keys = list(COMMITMENTS)
    right = 0
    for point, key in MATCHES:
        best = corpus.rank(point, candidates, limit=1)
        right += bool(best) and keys[best[0][0]] == key
    assert right / len(MATCHES) >= 0.85  # measured: 37 of 40


def test_similarity_is_symmetric_and_bounded():
    corpus = Corpus(corpus_texts())
    a, b = MATCHES[0][0], COMMITMENTS[MATCHES[0][1]]
    assert corpus.similarity(a, b) == corpus.similarity(b, a)
    assert 0 < corpus.similarity(a, b) <= 1
    assert corpus.similarity(a, a) == pytest.approx(1)
    assert corpus.similarity("och att ska", b) == 0
