"""The detection corpus as a whole: recall on what must be found, false positives on what must be left alone.

The thresholds are what a case officer can rely on: at most one piece of personal data in twenty is missed
outright (not even partly covered), and at most three texts in a hundred without personal data get a
finding that the officer must dismiss. bench/detection.py prints the figures.
"""

import pytest

from framsteg.dialogue.redaction import find_personal_data
from tests.dialogue.redaction_corpus import evaluate

RECALL_COVERED = 0.97
RECALL_EXACT = 0.93
RECALL_PER_KIND = 0.85
FALSE_POSITIVE_RATE = 0.03


@pytest.fixture(scope="module")
def figures():
    return evaluate(find_personal_data)


def test_recall_on_must_be_found(figures):
    assert figures["recall_covered"] >= RECALL_COVERED, figures["misses"]
    assert figures["recall_exact"] >= RECALL_EXACT, figures["misses"]


def test_recall_per_kind(figures):
    for kind, (hit, total) in figures["recall_per_kind"].items():
        assert hit / total >= RECALL_PER_KIND, (kind, [m for m in figures["misses"] if m[2] == kind])


def test_false_positives_on_must_be_left_alone(figures):
    assert figures["false_positive_rate"] <= FALSE_POSITIVE_RATE, figures["false_positives"]


def test_the_corpus_covers_every_kind(figures):
    assert set(figures["recall_per_kind"]) == {
        "personnummer",
        "samordningsnummer",
        "phone",
        "email",
        "name",
        "home_address",
        "street_address",
        "card",
        "vehicle",
        "bank_account",
    }
    assert figures["must_be_found_texts"] + figures["must_be_left_alone_texts"] >= 300
