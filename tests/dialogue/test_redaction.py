import pytest

from framsteg.dialogue.redaction import (
    KIND_LABELS,
    KINDS,
    REVIEW_ONLY_KINDS,
    Redaction,
    _merge,
    find_personal_data,
    kind_label,
    redact,
    remove_bidi_controls,
)
from tests.dialogue import redaction_corpus
from tests.dialogue.redaction_corpus import CORE, CORE_KEEP, KEEP, REDACT


def expected_spans(text: str, expected: tuple[tuple[str, str], ...]) -> list[Redaction]:
    return [Redaction(*span) for span in redaction_corpus.expected_spans(text, expected)]


def test_corpus_sizes():
    assert len(REDACT) + len(KEEP) >= 300
    assert len(REDACT) >= 150
    assert len(KEEP) >= 100
    assert len(CORE) >= 50
    assert len(CORE_KEEP) >= 30


@pytest.mark.parametrize("text, names, expected", CORE, ids=[t for t, _, _ in CORE])
def test_finds_exactly_the_expected_spans(text, names, expected):
    assert find_personal_data(text, names) == expected_spans(text, expected)


@pytest.mark.parametrize("text, names, expected", CORE, ids=[t for t, _, _ in CORE])
def test_redact_keeps_other_text_byte_for_byte(text, names, expected):
    spans = [s for s in expected_spans(text, expected) if s.kind not in REVIEW_ONLY_KINDS]
    pieces, position = [], 0
    for span in spans:
        pieces += [text[position : span.start], "[borttaget]"]
        position = span.end
    pieces.append(text[position:])
    assert redact(text, names) == "".join(pieces)


@pytest.mark.parametrize("text, names", CORE_KEEP, ids=[t for t, _ in CORE_KEEP])
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
    assert redact("Annandag, Svenssonska, anna", ["Anna Svensson"]) == "Annandag, Svenssonska, [borttaget]"


def test_names_with_regex_characters_and_initials():
    assert (
        redact("J. (Jr) O'Brien ringde, J svarade", ["J. O'Brien"]) == "J. (Jr) [borttaget] ringde, J svarade"
    )


def test_no_names_and_empty_text():
    assert find_personal_data("", ["Anna"]) == []
    assert find_personal_data("lampa", ["", "  "]) == []
    assert redact("") == ""


def test_street_address_is_found_but_kept_by_redact_unless_asked():
    text = "Lampan vid Tumbavägen 12 är trasig."
    assert find_personal_data(text) == [Redaction(11, 24, "street_address")]
    assert redact(text) == text
    assert redact(text, keep=()) == "Lampan vid [borttaget] är trasig."


def test_home_address_is_redacted():
    assert redact("Jag bor på Hammarvägen 4, lgh 1102.") == "Jag bor på [borttaget]."


def test_names_in_running_text_are_redacted_with_the_contact_surname():
    text = "Hej! Det är Per Olsson som skriver. Min granne Karin Lindqvist håller med. mvh per olsson"
    assert (
        redact(text, ["Per"])
        == "Hej! Det är [borttaget] som skriver. Min granne [borttaget] håller med. mvh [borttaget]"
    )


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # Luhn check fails
        "OCR 4111111111111111",  # an OCR reference is not a card
        "Bilen IQV 123 finns inte",  # I, Q and V are not used on Swedish plates
        "LED 300",
        "Mötet är 01.02.2027.",
    ],
)
def test_numbers_that_fail_their_checks_are_left_alone(text):
    assert find_personal_data(text) == []


def test_an_iban_must_pass_its_check():
    assert [f.kind for f in find_personal_data("SE45 5000 0000 0583 9825 7466")] == ["bank_account"]
    assert "bank_account" not in [f.kind for f in find_personal_data("SE45 5000 0000 0583 9825 7467")]


def test_card_numbers_pass_the_luhn_check():
    assert [f.kind for f in find_personal_data("Kort 4111 1111 1111 1111")] == ["card"]


def test_every_kind_has_a_label_in_swedish_and_finnish():
    from django.utils import translation

    assert set(KIND_LABELS) == set(KINDS)
    with translation.override("en"):
        english = {kind: kind_label(kind) for kind in KINDS}
    for language in ("sv", "fi"):
        with translation.override(language):
            for kind in KINDS:
                assert kind_label(kind) != english[kind], (language, kind)
    with translation.override("sv"):
        assert kind_label("name") == "namn"
        assert kind_label("unknown") == "unknown"


def test_remove_bidi_controls():
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    text = "Lampan\u202e 0021-6202\u202c är" + controls + " trasig \u0627\u0644\u0634\u0627\u0631\u0639"
    assert remove_bidi_controls(text) == "Lampan 0021-6202 är trasig \u0627\u0644\u0634\u0627\u0631\u0639"
    assert remove_bidi_controls("") == ""
    # Joiners and other invisible characters that are not about direction are kept.
    assert remove_bidi_controls("a\u200db\u200cc") == "a\u200db\u200cc"


def test_a_long_text_is_handled():
    text = ("Lampan vid Tumba station är trasig sedan 2026-03-12. " * 400) + "Mvh Karin Lindqvist"
    found = find_personal_data(text)
    assert [text[f.start : f.end] for f in found] == ["Karin Lindqvist"]


@pytest.mark.parametrize(
    "text",
    [
        "Ange brevlådan som imaps://användare@server/INBOX.",
        "Svaret skickas som text/plain.",
        "Politiker / läsare",
        "Adressen är upplåst.",
        "Klassen åkte till Tumba.",
        "This field is required. Something else, or I am not sure.",
        "Edit what is published",
        "Enligt Dagens Nyheter är det farligt, enligt Wikipedia också.",
        "Kontakta Kundtjänst eller Hyresgästföreningen.",
        "Enligt Kommunfullmäktige ska vägen byggas.",
    ],
)
def test_ordinary_words_that_look_like_signatures_or_surnames_are_left_alone(text):
    assert find_personal_data(text) == []
