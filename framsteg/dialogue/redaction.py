"""Find and remove personal data in residents' texts before they are published.

Submitted feedback becomes a public document, and the municipality publishes it
without names. This module removes the personal data that residents typically type
into free text: personal identity numbers (personnummer), coordination numbers
(samordningsnummer), phone numbers, e-mail addresses and the names given in the
contact fields. It errs towards removing too much, because a leaked personnummer
costs far more than a hidden invoice number; dates, amounts, years, case references,
times, addresses with postcodes, percentages and indicator ids are left alone.

Identity-number policy, where date part means YYMMDD with month 01-12 and day 01-31
(61-91 for samordningsnummer):

* never redacted when the date part is invalid;
* always redacted when written with a separator (-, +, en dash or a space), whatever
  the check digit, because people mistype and the separator shows intent;
* always redacted in the 12-digit form (century 18, 19 or 20) without separator;
* the bare 10-digit form is redacted when its Luhn check digit is valid, or when a
  word such as "personnummer" or "pnr" precedes it closely. A bare 10-digit number
  with a wrong check digit and no such word is more likely an invoice or OCR number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "phone"
EMAIL = "email"
NAME = "name"

# Which kind a merged span keeps when two equally long matches overlap.
_PRIORITY = {PERSONNUMMER: 0, SAMORDNINGSNUMMER: 1, EMAIL: 2, PHONE: 3, NAME: 4}


@dataclass(frozen=True)
class Redaction:
    """A span of text[start:end] that holds personal data of the given kind."""

    start: int
    end: int
    kind: str


_IDENTITY_NUMBER = re.compile(
    r"(?<!\d)(?P<date>\d{8}|\d{6})(?P<sep>[ \u00a0]?[-+–][ \u00a0]?|[ \u00a0]|)(?P<serial>\d{4})(?!\d)"
)
_IDENTITY_CUE = re.compile(
    r"(?:person|samordnings|födelse|identitets)\s*(?:nummer|nr)|\bp-?nr\b|\bpers\.?\s*nr\b|\bid-?nr\b",
    re.IGNORECASE,
)
_CUE_DISTANCE = 40

_SEP = r"(?:[ \u00a0]?[-–][ \u00a0]?|[ \u00a0])"
# Not glued to a word, to a "+", or to a number written like "2026-" or "12/".
_PHONE_START = r"(?<![\w+])(?<!\d[-–/.,:])"
_NATIONAL_PHONE = re.compile(rf"{_PHONE_START}(?:\(0[1-9]\d{{0,2}}\)[ \u00a0]?\d+|0[1-9]\d*)(?:{_SEP}\d+)*")
_INTERNATIONAL_PHONE = re.compile(
    rf"{_PHONE_START}(?:\+|00)[ \u00a0]?(?P<digits>[1-9]\d*(?:{_SEP}?\(0\){_SEP}?\d+)?(?:{_SEP}\d+)*)"
)
_EMAIL = re.compile(r"(?<![\w.+%-])[\w.%+-]+@(?:[\w-]+\.)+[^\W\d_]{2,}(?![\w-])")


def _luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _identity_numbers(text: str) -> list[Redaction]:
    found = []
    for match in _IDENTITY_NUMBER.finditer(text):
        date_part, separator = match["date"], match["sep"]
        if len(date_part) == 8:
            if date_part[:2] not in {"18", "19", "20"}:
                continue
            date_part = date_part[2:]
        month, day = int(date_part[2:4]), int(date_part[4:6])
        if not 1 <= month <= 12:
            continue
        if 1 <= day <= 31:
            kind = PERSONNUMMER
        elif 61 <= day <= 91:
            kind = SAMORDNINGSNUMMER
        else:
            continue
        bare_ten_digits = not separator and len(match["date"]) == 6
        if bare_ten_digits and not _luhn_valid(date_part + match["serial"]):
            before = text[max(0, match.start() - _CUE_DISTANCE) : match.start()]
            if not _IDENTITY_CUE.search(before):
                continue
        found.append(Redaction(match.start(), match.end(), kind))
    return found


def _trim_digit_groups(
    text: str, start: int, end: int, minimum: int, maximum: int, skip: str = ""
) -> int | None:
    """Return the end of the longest prefix of digit groups with minimum..maximum digits.

    The phone patterns are greedy and may swallow a following number ("070-123 45 67 2
    gånger"), so trailing groups are dropped until the digit count fits.
    """
    groups = [m for m in re.finditer(r"\(0\)|\d+", text[start:end]) if m.group() != skip]
    total = sum(len(m.group()) for m in groups)
    while total > maximum and len(groups) > 1:
        total -= len(groups.pop().group())
    if minimum <= total <= maximum:
        return start + groups[-1].end()
    return None


def _phone_numbers(text: str) -> list[Redaction]:
    found = []
    for match in _NATIONAL_PHONE.finditer(text):
        # Swedish numbers have 8-10 digits including the leading 0.
        end = _trim_digit_groups(text, match.start(), match.end(), 8, 10)
        if end is not None:
            found.append(Redaction(match.start(), end, PHONE))
    for match in _INTERNATIONAL_PHONE.finditer(text):
        digits = match["digits"]
        # +46 is followed by 7-9 digits; E.164 allows at most 15 digits after the "+".
        minimum, maximum = (9, 11) if digits.startswith("46") else (8, 15)
        end = _trim_digit_groups(text, match.start("digits"), match.end(), minimum, maximum, skip="(0)")
        if end is not None:
            found.append(Redaction(match.start(), end, PHONE))
    return found


def _emails(text: str) -> list[Redaction]:
    return [Redaction(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Build one pattern for all name parts, so "Anna Svensson" becomes a single span.

    Each part of each name (split on spaces and hyphens, whole hyphenated names kept
    too) matches as a whole word, case-insensitively, optionally in the genitive
    ("Annas", "Anna's", "Anna’s", "SMHI:s", "Anders'"). A run of parts separated by
    spaces ("Anna Svensson", "Svensson Anna") is matched as one span.
    """
    parts: set[str] = set()
    for name in names:
        for word in name.split():
            word = word.strip(".,;:()\"'")
            parts.update(p for p in [word, *word.split("-")] if len(p) >= 2)
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    part = rf"(?:{alternatives})(?:['’]s|:s|s|['’])?"
    return re.compile(rf"(?<!\w){part}(?:[ \u00a0]+{part})*(?!\w)", re.IGNORECASE)


def _names(text: str, names: Iterable[str]) -> list[Redaction]:
    pattern = _name_pattern(names)
    if pattern is None:
        return []
    return [Redaction(m.start(), m.end(), NAME) for m in pattern.finditer(text)]


def _merge(redactions: list[Redaction]) -> list[Redaction]:
    """Merge overlapping or touching spans; the merged span keeps the kind of its longest part."""
    merged: list[tuple[int, int, Redaction]] = []
    for item in sorted(redactions, key=lambda r: (r.start, -r.end)):
        if merged and item.start <= merged[-1][1]:
            start, end, leader = merged[-1]
            if (item.end - item.start, -_PRIORITY[item.kind]) > (
                leader.end - leader.start,
                -_PRIORITY[leader.kind],
            ):
                leader = item
            merged[-1] = (start, max(end, item.end), leader)
        else:
            merged.append((item.start, item.end, item))
    return [Redaction(start, end, leader.kind) for start, end, leader in merged]


def find_personal_data(text: str, names: Iterable[str] = ()) -> list[Redaction]:
    """Return the non-overlapping spans of personal data in `text`, in order.

    `names` are the names from the contact fields of the same submission; they are
    the only names recognised, since free text cannot be searched for names reliably.
    """
    found = _identity_numbers(text) + _phone_numbers(text) + _emails(text) + _names(text, names)
    return _merge(found)


def redact(text: str, names: Iterable[str] = (), placeholder: str = "[borttaget]") -> str:
    """Return `text` with every span of personal data replaced by `placeholder`.

    Everything outside the spans is kept exactly as written.
    """
    pieces = []
    position = 0
    for redaction in find_personal_data(text, names):
        pieces.append(text[position : redaction.start])
        pieces.append(placeholder)
        position = redaction.end
    pieces.append(text[position:])
    return "".join(pieces)
