import pytest

from framsteg.dialogue.redaction import Redaction, _merge, find_personal_data, redact
from tests.dialogue.redaction_corpus import KEEP, REDACT


def expected_spans(text: str, expected: tuple[tuple[str, str], ...]) -> list[Redaction]:
    """Locate each expected substring after the previous one, so repeats are unambiguous."""
    spans = []
    position = 0
    for substring, kind in expected:
        start = text.index(substring, position)
        position = start + len(substring)
        spans.append(Redaction(start, position, kind))
    return spans


def test_corpus_sizes():
    assert len(REDACT) >= 50
    assert len(KEEP) >= 25


@pytest.mark.parametrize("text, names, expected", REDACT, ids=[t for t, _, _ in REDACT])
def test_redacts_exactly_the_expected_spans(text, names, expected):
    assert find_personal_data(text, names) == expected_spans(text, expected)


@pytest.mark.parametrize("text, names, expected", REDACT, ids=[t for t, _, _ in REDACT])
def test_redact_keeps_other_text_byte_for_byte(text, names, expected):
    spans = expected_spans(text, expected)
    pieces, position = [], 0
    for span in spans:
        pieces += [text[position : span.start], "[borttaget]"]
        position = span.end
    pieces.append(text[position:])
    assert redact(text, names) == "".join(pieces)


@pytest.mark.parametrize("text, names", KEEP, ids=[t for t, _ in KEEP])
def test_leaves_ordinary_text_alone(text, names):
    assert find_personal_data(text, names) == []
    assert redact(text, names) == text


def test_bare_ten_digits_with_wrong_check_digit_and_no_cue_are_kept():
    # Likely an invoice or OCR number; the same digits after "personnummer" are redacted.
    assert redact("Fakturanummer 8503121234 gäller mars.") == "Fakturanummer 8503121234 gäller mars."
    assert redact("Personnummer 8503121234") == "Personnummer [borttaget]"


def test_separator_redacts_despite_wrong_check_digit():
    assert redact("Fakturanummer 850312-1234") == "Fakturanummer [borttaget]"


@pytest.mark.parametrize(
    "text", ["851312-1234", "850332-1234", "850300-1234", "850392-1234", "17850312-1234"]
)
def test_invalid_date_part_is_not_an_identity_number(text):
    assert find_personal_data(text) == []


def test_overlapping_matches_are_merged():
    # "050312-1234" is both a valid personnummer and shaped like a phone number.
    assert find_personal_data("050312-1234") == [Redaction(0, 11, "personnummer")]
    # The name parts inside the e-mail address merge into the address.
    text = "anna.svensson@example.se"
    assert find_personal_data(text, ["Anna Svensson"]) == [Redaction(0, len(text), "email")]


def test_touching_and_nested_spans_are_merged_keeping_the_longest_kind():
    spans = [
        Redaction(10, 14, "name"),
        Redaction(0, 4, "name"),
        Redaction(4, 10, "phone"),
        Redaction(20, 30, "email"),
        Redaction(22, 25, "name"),
    ]
    assert _merge(spans) == [Redaction(0, 14, "phone"), Redaction(20, 30, "email")]


def test_custom_placeholder_and_multiple_lines():
    text = "Hej,\n\nring 070-123 45 67.\n\tMvh Anna Svensson\n"
    assert redact(text, ["Anna Svensson"], placeholder="***") == "Hej,\n\nring ***.\n\tMvh ***\n"


def test_names_are_whole_words_only():
    assert redact("Annandag, Annika, Svenssonska, anna", ["Anna Svensson"]) == (
        "Annandag, Annika, Svenssonska, [borttaget]"
    )


def test_names_with_regex_characters_and_initials():
    assert (
        redact("J. (Jr) O'Brien ringde, J svarade", ["J. O'Brien"]) == "J. (Jr) [borttaget] ringde, J svarade"
    )


def test_no_names_and_empty_text():
    assert find_personal_data("", ["Anna"]) == []
    assert find_personal_data("Anna", []) == []
    assert find_personal_data("Anna", ["", "  "]) == []
    assert redact("") == ""
