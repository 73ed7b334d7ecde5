"""Find and remove personal data in residents' texts before they are published.

What residents type into free text becomes a public document once it is published, so this module finds
the personal data that they typically type, to highlight it for the case officer who reviews the text, to
keep a text with findings from being published automatically, and to remove it (`redact`).

Kinds of findings (`KIND_LABELS` gives the label a case officer reads):

* personal identity numbers (personnummer) and coordination numbers (samordningsnummer);
* phone numbers, also written with dots or slashes (070.123.45.67), without the plus (46701234567) or with
  "(0)";
* e-mail addresses, also written "anna [at] example.se", "anna(at)example dot se" or "anna snabel-a
  example.se";
* names: those from the contact fields, and names in running text: common first names and surnames from
  the lists in `names/` (see its README for sources and licences), names after cues such as "jag heter",
  "mvh", "min granne" or "dottern", and a first name followed by a capitalised word;
* home addresses (a street address after "jag bor på", "min adress", or with a flat number or floor) and
  street addresses (a street name with a house number and nothing that says it is someone's home);
* payment card numbers (13-19 digits that pass the Luhn check), vehicle registration numbers (ABC 123,
  ABC 12A), bank account numbers after a cue such as "kontonummer", and IBANs that pass their check.

A street address without a home cue is most often where the fault is ("the lamp at Tumbavägen 12"), so it
is a finding of its own kind, `street_address`: it is reported to the case officer to check (it may be
someone's home) and it keeps a text from being published automatically, but `redact` leaves it in the
text by default (`REVIEW_ONLY_KINDS`). Everything else is removed by `redact`.

The detection errs towards finding too much, because a published name or phone number costs far more
than a hidden word; dates, times, amounts, years, case references, percentages, indicator ids, postcodes
alone, house numbers alone, bus lines and lamp numbers are left alone.

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
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "phone"
EMAIL = "email"
NAME = "name"
HOME_ADDRESS = "home_address"
STREET_ADDRESS = "street_address"
CARD = "card"
VEHICLE = "vehicle"
BANK_ACCOUNT = "bank_account"

KINDS = (
    PERSONNUMMER,
    SAMORDNINGSNUMMER,
    CARD,
    BANK_ACCOUNT,
    EMAIL,
    PHONE,
    HOME_ADDRESS,
    STREET_ADDRESS,
    VEHICLE,
    NAME,
)
# Which kind a merged span keeps when two equally long matches overlap.
_PRIORITY = {kind: index for index, kind in enumerate(KINDS)}

KIND_LABELS = {
    PERSONNUMMER: gettext_lazy("personal identity number"),
    SAMORDNINGSNUMMER: gettext_lazy("coordination number"),
    PHONE: gettext_lazy("phone number"),
    EMAIL: gettext_lazy("e-mail address"),
    NAME: gettext_lazy("name"),
    HOME_ADDRESS: gettext_lazy("home address"),
    STREET_ADDRESS: gettext_lazy("street address (check whether it is someone's home)"),
    CARD: gettext_lazy("payment card number"),
    VEHICLE: gettext_lazy("vehicle registration number"),
    BANK_ACCOUNT: gettext_lazy("bank account number"),
}

# Found and shown to the case officer, but left in the text by `redact` unless asked for.
REVIEW_ONLY_KINDS = frozenset({STREET_ADDRESS})


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def kind_label(kind: str) -> str:
    """The label of a kind of finding, in the active language."""
    return str(KIND_LABELS.get(kind, kind))


@dataclass(frozen=True)
class Redaction:
    """A span of text[start:end] that holds personal data of the given kind."""

    start: int
    end: int
    kind: str


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def remove_bidi_controls(text: str) -> str:
    """Return `text` without the characters that change the direction of the text around them.

    Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the left-to-right and
    right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C) let a writer make published
    text read differently from what was reviewed; the page sets the direction itself.
    """
    return _BIDI_CONTROLS.sub("", text)


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


# ---------------------------------------------------------------------------------------------------------
# Identity numbers

_IDENTITY_NUMBER = re.compile(
    r"(?<![\d.,])(?P<date>\d{8}|\d{6})(?P<sep>[ \u00a0]?[-+–][ \u00a0]?|[ \u00a0]|)(?P<serial>\d{4})"
    r"(?![\d]|[.,]\d)"
)
_IDENTITY_CUE = re.compile(
    r"(?:person|samordnings|födelse|identitets)\s*(?:nummer|nr)|\bp-?nr\b|\bpers\.?\s*nr\b|\bid-?nr\b",
    re.IGNORECASE,
)
_CUE_DISTANCE = 40


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


# ---------------------------------------------------------------------------------------------------------
# Phone numbers

_SEP = r"(?:[ \u00a0]?[-–][ \u00a0]?|[ \u00a0])"
# Not glued to a word, to a "+", or to a number written like "2026-" or "12/".
_PHONE_START = r"(?<![\w+])(?<!\d[-–/.,:])"
_NATIONAL_PHONE = re.compile(rf"{_PHONE_START}(?:\(0[1-9]\d{{0,2}}\)[ \u00a0]?\d+|0[1-9]\d*)(?:{_SEP}\d+)*")
_INTERNATIONAL_PHONE = re.compile(
    rf"{_PHONE_START}(?:\+|00)[ \u00a0]?(?P<digits>[1-9]\d*(?:{_SEP}?\(0\){_SEP}?\d+)?(?:{_SEP}\d+)*)"
)
# Dots or slashes between the groups, the same separator throughout, starting with an area code or a
# mobile prefix (08, 0xx, 0xxx), so that dates such as 01.02.2026 are not phone numbers.
_DOTTED_PHONE = re.compile(
    r"(?<![\w+.,/])(?:08|0[1-9]\d{1,2})(?:[ \u00a0]?[-–./][ \u00a0]?|[ \u00a0])\d{2,4}"
    r"(?:(?:[ \u00a0]?[-–./][ \u00a0]?|[ \u00a0])\d{2,4}){0,3}(?![\w]|[./,:]\d)"
)
# Two times of day written as four digits each: 0700–0900.
_CLOCK_RANGE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d[ \u00a0]?[-–][ \u00a0]?(?:[01]\d|2[0-3])[0-5]\d")
_TIME_RANGE = re.compile(r"\d{1,2}[.:][0-5]\d[ \u00a0]*[-–]")
# Digits typed one by one: 0 7 0 1 2 3 4 5 6 7.
_SPACED_PHONE = re.compile(r"(?<![\d,.])0[ \u00a0.-][1-9](?:[ \u00a0.-]\d){6,8}(?![\d]|[.,]\d)")
# A Swedish number written with the country code but without the plus: 46 70 123 45 67, 46701234567.
_BARE_COUNTRY_CODE = re.compile(
    r"(?<![\w+.,/-])46[ \u00a0-]?(?:\(0\)[ \u00a0]?)?(?:7[02369]|8|[1-69]\d)(?:[ \u00a0-]?\d){6,7}"
    r"(?![\w]|[.,]\d)"
)
_PHONE_CUE = re.compile(r"\b(?:tel|telefon|mobil|mob|ring|nummer|nr|sms|whatsapp|phone)\b", re.IGNORECASE)


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
        if end is not None and not _CLOCK_RANGE.fullmatch(text, match.start(), end):
            found.append(Redaction(match.start(), end, PHONE))
    for match in _INTERNATIONAL_PHONE.finditer(text):
        digits = match["digits"]
        # +46 is followed by 7-9 digits; E.164 allows at most 15 digits after the "+".
        minimum, maximum = (9, 11) if digits.startswith("46") else (8, 15)
        end = _trim_digit_groups(text, match.start("digits"), match.end(), minimum, maximum, skip="(0)")
        if end is not None:
            found.append(Redaction(match.start(), end, PHONE))
    for match in _DOTTED_PHONE.finditer(text):
        value = match.group()
        digits = sum(c.isdigit() for c in value)
        if 8 <= digits <= 10 and ("." in value or "/" in value) and not _TIME_RANGE.search(value):
            found.append(Redaction(match.start(), match.end(), PHONE))
    for match in _SPACED_PHONE.finditer(text):
        found.append(Redaction(match.start(), match.end(), PHONE))
    for match in _BARE_COUNTRY_CODE.finditer(text):
        digits = sum(c.isdigit() for c in match.group())
        if 10 <= digits <= 11:
            found.append(Redaction(match.start(), match.end(), PHONE))
    return found


# ---------------------------------------------------------------------------------------------------------
# E-mail addresses

_EMAIL = re.compile(r"(?<![\w.+%-])[\w.%+-]+@(?:[\w-]+\.)+[^\W\d_]{2,}(?![\w-])")
# Top-level domains that an obfuscated address may end in; a plain "anna at example.se" needs one of
# them, so "vi ses at nine" is not an address.
_TLDS = r"(?:se|nu|com|net|org|fi|no|dk|eu|de|uk|info|io|me|biz|so|edu|gov)"
_AT = (
    r"(?:[ \u00a0]*(?:\[|\(|\{|<)[ \u00a0]*(?:at|@|snabel-?a|a)[ \u00a0]*(?:\]|\)|\}|>)[ \u00a0]*"
    r"|[ \u00a0]+(?:at|snabel-?a|snabela)[ \u00a0]+|[ \u00a0]+@[ \u00a0]*|[ \u00a0]*@[ \u00a0]+)"
)
_DOT = (
    r"(?:[ \u00a0]*(?:\[|\(|\{|<)[ \u00a0]*(?:dot|punkt|\.)[ \u00a0]*(?:\]|\)|\}|>)[ \u00a0]*"
    r"|[ \u00a0]+(?:dot|punkt)[ \u00a0]+|\.)"
)
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+%-])[\w%+-]+(?:(?:\.|[ \u00a0]+(?:punkt|dot)[ \u00a0]+)[\w%+-]+)*"
    rf"{_AT}(?:[\w-]+{_DOT})+{_TLDS}"
    r"(?![\w-])",
    re.IGNORECASE,
)


def _emails(text: str) -> list[Redaction]:
    found = [Redaction(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
    found += [Redaction(m.start(), m.end(), EMAIL) for m in _OBFUSCATED_EMAIL.finditer(text)]
    return found


# ---------------------------------------------------------------------------------------------------------
# Payment cards, bank accounts, vehicles

_CARD = re.compile(r"(?<![\d.,-])[2-6]\d{3}(?:[ \u00a0-]?\d){9,15}(?![\d]|[.,-]\d)")
_CARD_CUE = re.compile(r"\b(?:kort|kortnummer|kontokort|visa|mastercard|amex|card)", re.IGNORECASE)
_NOT_CARD_CUE = re.compile(r"\b(?:ocr|referens|ref|faktura|fakturanummer|bankgiro|plusgiro|bg|pg)\b", re.I)
_IBAN = re.compile(
    r"(?<![\w])(?P<iban>[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?)(?!\w)"
)
_ACCOUNT_CUE = re.compile(
    r"\b(?:konto(?:nummer|nr)?|kontonr|bankkonto|clearing(?:nummer|nr)?|clnr|clearing-?nr|account)\b"
    r"[\s.:]*(?:(?:är|nummer|nr|nr\.|:)\s*)?",
    re.IGNORECASE,
)
_ACCOUNT_NUMBER = re.compile(
    r"\d{4}(?:[ \u00a0]?[-–][ \u00a0]?\d)?(?:(?:,[ \u00a0]?|[ \u00a0-])?\d){5,12}(?!\d)"
)
_CLEARING_NUMBER = re.compile(r"\d{4}(?:[ \u00a0]?[-–][ \u00a0]?\d)?(?![\d]|[.,]\d)")
_VEHICLE = re.compile(
    r"(?<![\w-])(?P<letters>[A-HJ-PR-UW-ZÅÄÖ]{3})(?P<sep>[ \u00a0-]?)"
    r"(?P<digits>\d{2}[0-9A-HJ-PR-UW-Z])(?![\w-])"
)
_VEHICLE_LOWER = re.compile(
    r"(?<![\w-])(?P<letters>[a-hj-pr-uw-z]{3})(?P<digits>\d{2}[0-9a-hj-pr-uw-z])(?![\w-])"
)
_VEHICLE_LOWER_SPACED = re.compile(
    r"(?<![\w-])(?P<letters>[a-hj-pr-uw-z]{3})[ \u00a0-](?P<digits>\d{2}[0-9a-hj-pr-uw-z])(?![\w-])"
)
_VEHICLE_CUE = re.compile(
    r"\b(?:reg(?:istrerings)?(?:nummer|nr|\.?\s*nr)?|regnr|bil(?:en)?|bilar|lastbil(?:en)?|skåpbil(?:en)?|"
    r"moped(?:en)?|mc|motorcykel(?:n)?|husbil(?:en)?|släp(?:et|vagn(?:en)?)?|fordon(?:et)?|car|plate)\b",
    re.IGNORECASE,
)
# Three capital letters that are usually something else than a registration number.
_NOT_VEHICLE_LETTERS = _word_set(
    """LED SMS USB GPS SVT SOS VVS BRF HSB KTH SEK EUR USD ICA MVH TEL GDP ATG TCO LRF SJU SKR RFID SFI
    BVC BUP SOL LSS HVB MHN KSF CAD DVD CPU APP NKI KPI GIS OBS ETC TBA FAQ PDF JPG PNG MMS MAX MIN
    ABC ACK AHA AHA ALL AMS ANM API ARB BKT BUS BYG COP DEC DEL DIG EKO ELD FAS FEB FIX FOU GSM HUS
    JAN JUN JUL KOM KUL LGH MAR MAJ MOT NOV NYA OCH OKT SEP TIS TOR TUR VAR VID AKT BOX RUM IKT"""
)


def _cards(text: str) -> list[Redaction]:
    found = []
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if not 13 <= len(digits) <= 19 or not _luhn_valid(digits):
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        grouped = bool(
            re.fullmatch(
                r"\d{4}(?:[ \u00a0-]\d{4}){2,3}(?:[ \u00a0-]\d{1,3})?|\d{4}[ \u00a0-]\d{6}[ \u00a0-]\d{5}",
                match.group(),
            )
        )
        if _NOT_CARD_CUE.search(before) and not _CARD_CUE.search(before):
            continue
        if grouped or len(digits) in (15, 16) or _CARD_CUE.search(before):
            found.append(Redaction(match.start(), match.end(), CARD))
    return found


def _iban_valid(iban: str) -> bool:
    compact = iban.replace(" ", "").replace("\u00a0", "")
    lengths = {"SE": 24, "FI": 18, "NO": 15, "DK": 18, "DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24}
    if compact[:2] in lengths and len(compact) != lengths[compact[:2]]:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def _bank_accounts(text: str) -> list[Redaction]:
    found = [
        Redaction(m.start(), m.end(), BANK_ACCOUNT)
        for m in _IBAN.finditer(text)
        if _iban_valid(m["iban"]) and not m["iban"][:2].isdigit()
    ]
    for cue in _ACCOUNT_CUE.finditer(text):
        match = _ACCOUNT_NUMBER.match(text, cue.end())
        if match is None and cue.group().casefold().startswith(("clearing", "clnr")):
            match = _CLEARING_NUMBER.match(text, cue.end())
        if match:
            found.append(Redaction(match.start(), match.end(), BANK_ACCOUNT))
    return found


def _vehicles(text: str) -> list[Redaction]:
    found = []
    for match in _VEHICLE.finditer(text):
        if match["letters"] in _NOT_VEHICLE_LETTERS and not _near_vehicle_cue(text, match.start()):
            continue
        found.append(Redaction(match.start(), match.end(), VEHICLE))
    for match in _VEHICLE_LOWER_SPACED.finditer(text):
        if _near_vehicle_cue(text, match.start()):
            found.append(Redaction(match.start(), match.end(), VEHICLE))
    for match in _VEHICLE_LOWER.finditer(text):
        if match["letters"].upper() not in _NOT_VEHICLE_LETTERS or _near_vehicle_cue(text, match.start()):
            found.append(Redaction(match.start(), match.end(), VEHICLE))
    return found


def _near_vehicle_cue(text: str, start: int) -> bool:
    return bool(_VEHICLE_CUE.search(text[max(0, start - 30) : start]))


# ---------------------------------------------------------------------------------------------------------
# Addresses

# Suffixes of Swedish street names written as one word (Tumbavägen, Hammargränd, Sibbleallén).
_STREET_SUFFIXES = (
    r"vägen|väg|gatan|gata|gränd|gränden|backe|backen|torg|torget|stigen|stig|allé|allén|alle|allen|"
    r"slingan|slinga|promenaden|stråket|kajen|terrassen|ringen|leden|platsen|plan|gången|gårdsväg"
)
# Street names of two or more words (Sven Hedins väg, Tumba torg, Karl Johans gata).
_STREET_WORDS = r"väg|vägen|gata|gatan|gränd|torg|backe|allé|stig|plan|plats|slinga|gårdsväg|gård"
# Words ending like a street name that are ordinary nouns.
_STREET_NAME = re.compile(rf"[^\W\d_]{{2,}}(?:{_STREET_SUFFIXES})")
_NOT_STREETS = _word_set(
    """motorvägen gångvägen cykelvägen bilvägen landsvägen genvägen omvägen vägen gatan huvudgatan bakgatan
    sidogatan tvärgatan gång gången stigen backen torget planen detaljplanen översiktsplanen ringen leden
    platsen parkeringsplatsen arbetsplatsen busshållplatsen hållplatsen lekplatsen idrottsplatsen
    badplatsen grillplatsen marknadsplatsen skolgården skolvägen vårdplatsen slingan kajen bryggan
    förskolegården backe torg plan gata väg stig allé gränd infarten utfarten gångbanan cykelbanan
    tillfartsvägen infartsvägen allén trottoaren budgetplan handlingsplan gatuplan detaljplan"""
)
_HOUSE_NUMBER = (
    r"(?:[ \u00a0]+|[ \u00a0]*nr\.?[ \u00a0]*)"
    # A house number, a letter (12B, 12 B, 12b, or "12 b" at the end of a sentence) and a range (16-18).
    r"(?P<number>\d{1,3}"
    r"(?:[ \u00a0]?[A-Z](?![\w])|[a-z](?![\w])|[ \u00a0][a-z](?=[ \t]*(?:$|[,.;:!?)\n])))?"
    r"(?:[ \u00a0]?[-–][ \u00a0]?\d{1,3})?)"
    r"(?!\d|[.,:]\d|[ \u00a0]*(?:%|procent|kr\b|st\b|m\b|meter|km|år|gånger|lampor|minuter|min\b|timmar))"
)
_FLAT = (
    r"(?:,?[ \u00a0]*(?:lgh|lägenhet(?:snummer)?|lägenhetsnr|lgh\.?[ \u00a0]*nr)\.?[ \u00a0]*\d{3,4}"
    r"|,?[ \u00a0]*\d{1,2}[ \u00a0]*(?:tr|trappor|trappa|tr\.)(?!\w)"
    r"|,?[ \u00a0]*(?:vån|våning|plan)\.?[ \u00a0]*\d{1,2}(?!\d)"
    r"|,?[ \u00a0]*(?:nb|ög|bv|uppg(?:ång)?\.?[ \u00a0]*[A-Za-z0-9])(?!\w)"
    r"|,?[ \u00a0]*(?:flat|apt\.?|apartment|lägenhet)[ \u00a0]*(?:nr\.?|no\.?)?[ \u00a0]*\d{1,4}(?!\d)"
    r"|,?[ \u00a0]*c/o[ \u00a0]+[^\W\d_]+(?:[ \u00a0]+[^\W\d_]+)?)"
)
_POSTCODE = r"(?:,?[ \u00a0]*(?:SE-?)?\d{3}[ \u00a0]?\d{2}(?:[ \u00a0]+(?P<city>[^\W\d_]+))?)"
_STREET = (
    rf"(?P<street>(?:[A-ZÅÄÖ][^\W\d_]*[ \u00a0]+){{1,3}}(?:{_STREET_WORDS})"
    rf"|[^\W\d_]{{2,}}(?:-[^\W\d_]+)?(?:{_STREET_SUFFIXES}))"
)
_ADDRESS = re.compile(
    rf"(?<![\w-]){_STREET}(?![\w-])(?:{_HOUSE_NUMBER}(?P<flat>{_FLAT}*)(?P<postcode>{_POSTCODE}?))?",
)
_HOME_CUE = re.compile(
    r"(?:\b(?:bor|bodde|bott|boende|boendes|bosatt|live|lives|living)\b(?:\s+[^\W\d_]+){0,3}?\s+(?:på|i|vid|at|on|in)"
    r"|\bhem\s+till\s+(?:mig|oss|honom|henne|dem)(?:\s+på)?|\bmy\s+(?:address|home)(?:\s+is)?"
    r"|\b(?:min|mitt|vår|vårt|hans|hennes|deras)\s+(?:adress|hemadress|postadress|hem|lägenhet|hus|bostad|villa|radhus)"
    r"(?:\s+(?:är|ligger\s+på|på))?"
    r"|\bhemadress|\bbostadsadress|\badress(?:en)?\s*(?::|är)|\bhemma\s+(?:på|hos)|\bbor\s+på|\bboende\s+på"
    r"|\bflyttat?\s+till|\bmin\s+granne\s+på|\bgrannen\s+på|\bskicka\s+(?:till|hem\s+till)|\bpost\s+till"
    r"|\bbor\b)[\s,:]*$",
    re.IGNORECASE,
)


# "Hammarvägen 4 är där jag bor", "Tumbavägen 5, där vi bor", "Eskilsvägen 7 (mitt hem)".
_HOME_CUE_AFTER = re.compile(
    r"[\s,(–-]*(?:(?:är\s+)?där\s+(?:jag|vi|hon|han|de|mamma|pappa|min\s+\w+)\s+(?:bor|bodde)"
    r"|(?:är\s+)?(?:min|mitt|vår|vårt)\s+(?:adress|hem|hemadress|lägenhet|hus)"
    r"|(?:is\s+)?where\s+(?:i|we)\s+live|(?:is\s+)?my\s+(?:address|home))",
    re.IGNORECASE,
)


def _addresses(text: str) -> list[Redaction]:
    found = []
    for match in _ADDRESS.finditer(text):
        street = match["street"]
        start = match.start()
        if street.casefold() in _NOT_STREETS or (
            street.split()[-1].casefold() in _NOT_STREETS and " " not in street
        ):
            continue
        if " " in street:
            # The capitalised words before "väg"/"torg" may start with a word that is not part of the name
            # ("Vid Tumba torg"); keep the words that are.
            words = street.split()
            while len(words) > 2 and words[0].casefold() in _STOP_WORDS:
                start += len(words[0]) + (len(street) - len(street.lstrip())) + 1
                words = words[1:]
                street = " ".join(words)
            if words[0].casefold() in _STOP_WORDS:
                continue
        elif street[0].islower() and match["number"] is None:
            continue
        home = bool(_HOME_CUE.search(text[max(0, start - 40) : start])) or bool(
            _HOME_CUE_AFTER.match(text, match.end())
        )
        if match["flat"]:
            home = True
        if match["number"] is None and not home:
            continue
        end = match.end()
        city = match["city"]
        if city and not city[0].isupper() and city.casefold() not in _name_lists()[3]:
            end = match.start("city")
        while end > start and text[end - 1] in " ,\u00a0":
            end -= 1
        found.append(Redaction(start, end, HOME_ADDRESS if home else STREET_ADDRESS))
    return found


# ---------------------------------------------------------------------------------------------------------
# Names

_NAMES_DIR = Path(__file__).resolve().parent / "names"


def _read_list(filename: str) -> frozenset[str]:
    lines = (_NAMES_DIR / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """First names, surnames, names that are also ordinary words, and places (all casefolded)."""
    return (
        _read_list("first_names.txt"),
        _read_list("surnames.txt"),
        _read_list("name_words.txt"),
        _read_list("places.txt"),
    )


# Words that are never a name in these texts, even when capitalised: function words, greetings, months,
# weekdays, and the words a capitalised title or shouting starts with.
_STOP_WORDS = _word_set(
    """
    och att det som en ett är var har hade jag du han hon vi ni de den dem min mitt mina din ditt dina sin
    sitt sina vår vårt våra er ert era hans hennes deras man men eller för från till på i av med om utan
    under över vid mot efter innan sedan när då så nu här där hur vad vem vilken vilket vilka varför inte
    ingen inget inga alla allt mycket lite mer mest också bara även redan ändå kanske snälla tack hej hallå
    hejsan god dag kväll morgon mvh vänligen vänlig hälsning hälsningar med ja nej ok okej bra dålig dåligt
    kan ska skulle vill måste får fick blir blev bli gör gjorde göra går gick gå kom kommer komma står stod
    ligger låg finns fanns ser såg sa sade säger tror tycker vet visste ring ringde ring ringa skriv
    januari februari mars april maj juni juli augusti september oktober november december
    måndag tisdag onsdag torsdag fredag lördag söndag idag igår imorgon ikväll helgen påsk jul midsommar
    kommunen kommun botkyrka stockholm sverige region polisen trafikverket skolan förskolan biblioteket
    lampan lampor gatlampan gatlyktan vägen gatan parken lekplatsen bussen tåget pendeltåget stationen
    centrum torget badet hallen simhallen vårdcentralen apoteket ica coop willys lidl systembolaget
    sl hsb brf mtr arriva nobina telia tele2 google facebook instagram whatsapp tiktok youtube
    the and or but not my your his her our their is are was were be been have has had do does did will
    would can could should please thanks thank hello hi dear regards best kind sincerely yours from to at
    in on of for with by street road lamp broken light park bus this these those that what which who
    something nothing anything everything someone nobody
    herr fru fröken doktor dr mr mrs ms miss sir madam tant farbror familjen family
    lucia valborg advent nyår nyårsafton trettondagen allhelgona halloween eid ramadan
    ärende ärendet anmälan felanmälan synpunkt klagomål fråga svar status nytt ny nya gammal gamla
    stor stora liten små första andra tredje sista hela halva enligt angående gällande betr ang ps obs
    norra södra östra västra norr söder öster väster nordöstra sydöstra nordvästra sydvästra
    """
)
# Nouns that follow a name when the name is part of a place ("Sven Hedins väg", "Anna Whitlocks gymnasium").
_PLACE_NOUNS = _word_set(
    """väg vägen gata gatan gränd torg torget plan plats platsen park parken skola skolan gymnasium
    gymnasiet förskola förskolan hus huset hall hallen bad badet kyrka kyrkan center centrum station
    stationen sjukhus bro bron allé backe stig gård gården äng ängen skog skogen sjö sjön holme ö ön
    minnes minne pris priset"""
)
# Prepositions after which a capitalised ambiguous word is a place rather than a person ("i Lund").
_PLACE_PREPOSITIONS = _word_set(
    "i på vid från till mot utanför nära bakom genom via mellan runt längs in on at since sedan under efter "
    "före innan"
)

# Surname endings that make a word a surname even when it is not in the list.
_SURNAME_ENDING = re.compile(
    r"(?:[^\W\d_]{2,}(?:sson|ssen|ström|strom|qvist|kvist|quist|gren|berg|lund|holm|dahl|blad|stedt|"
    r"löf|lind|mark|ling|nen|inen|ić|ic|ovic|ović|ević|ski|ska|sky|oğlu|zadeh|yan|ian))$"
)
# Authorities, companies and other organisations ("Skatteverket", "Försäkringskassan").
_ORGANISATION_ENDINGS = tuple(
    _word_set(
        """verket kassan förmedlingen myndigheten inspektionen nämnden förvaltningen bolaget byggen bostäder
    kommun kommunen regionen polisen styrelsen rådet enheten centralen huset skolan hem hemmet föreningen
    förbundet fullmäktige tjänst tjänsten växeln receptionen vaktmästeriet kontoret avdelningen"""
    )
)
_SURNAME_ENDING_STRONG = re.compile(r"[^\W\d_]{2,}(?:sson|ström|qvist|kvist|quist)$")

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?::s|['’]s|['’])?")

# Cues after which the next one to three words are a name when they look like one. Strong cues accept a
# word in lower case that is a name on the lists even when it is also an ordinary word ("mvh bo").
_STRONG_CUES = re.compile(
    r"(?:\bjag\s+heter|\bmitt\s+namn\s+är|\bhon\s+heter|\bhan\s+heter|\bde\s+heter|\bheter\s+(?:hon|han)"
    r"|\bmvh|\bm\.v\.h\.?|\bmed\s+vänlig(?:a)?\s+hälsning(?:ar)?|\bvänliga\s+hälsningar|\bvänligen"
    r"|\bhälsningar|\bhälsning|\bhälsar|\b(?:bästa|varma)\s+hälsningar|\bkind\s+regards|\bbest\s+regards"
    r"|\bregards|\bmy\s+name\s+is|\bi\s+am\s+called|\bnamn\s*:|\bnamnet\s+är|\bkontaktperson\s*:?"
    r"|\banmälare\s*:|\bundertecknad\s*:?|\bmagacaygu\s+waa|\bmagacayga\s+waa|\bwaxaan\s+ahay|\bminun\s+nimeni\s+on|\bnimeni\s+on"
    r"|\bterveisin|\bystävällisin\s+terveisin|\bhilsen|\bhälsn|(?<!\S)/\s*(?=[^\W\d_]))[\s,:.-]*",
    re.IGNORECASE,
)
_WEAK_CUES = re.compile(
    r"(?:\b(?:min|mina|vår|våra|hans|hennes|deras|din)\s+(?:granne|grannar|grannes|dotter|son|man|fru|"
    r"sambo|flickvän|pojkvän|partner|make|maka|mamma|pappa|mor|far|mormor|morfar|farmor|farfar|bror|"
    r"syster|kusin|kollega|vän|kompis|chef|barn|barnbarn|dotterdotter|sonson|hyresvärd|fastighetsvärd)"
    r"|\bgrannen|\bgrannarna|\bgrannens|\bdottern|\bsonen|\bdotter|\bson|\bmannen|\bfrun|\bsambon|\bbarnet"
    r"|\bflickan|\bpojken|\btjejen|\bkillen|\bläraren|\bfröknarna|\bfröken|\bfru|\bherr|\bhr\.?|\bdoktor"
    r"|\bdr\.?|\bmr\.?|\bmrs\.?|\bms\.?|\bmiss|\btant|\bfarbror|\bmorbror|\bfaster|\bmoster|\bfamiljen"
    r"|\bhej|\bhejsan|\bhallå|\bkära|\bbäste|\bbästa|\bdear|\bhi|\bhello|\bvaktmästaren|\bvaktmästare"
    r"|\bhandläggaren|\bhandläggare|\bkontakta|\bfråga\s+efter|\bprata\s+med|\bringde\s+till|\bsa\s+till"
    r"|\benligt|\btillsammans\s+med|\banmält\s+av|\bskickat\s+av|\bskrivet\s+av|\bfrån\s*:|\bmy\s+neighbou?r|\bneighbou?r|\bmy\s+(?:son|daughter|wife|husband)"
    r"|\bnaapuri|\bnaapurini|\bderiskayga|\bgabadhayda|\bwiilkayga)[\s,:.-]+",
    re.IGNORECASE,
)


_END_OF_LINE = re.compile(r"[ \t\u00a0.,!:;)]*(?:\n|$)")
_TRAILING_INITIAL = re.compile(r"[ \u00a0](?:[A-ZÅÄÖ]\.(?!\w)|[^\W\d_]\.?(?=[ \t\u00a0]*(?:\n|$)))")
_ARABIC_CUES = re.compile(r"(?:اسمي|إسمي|أنا\s+اسمي|مع\s+تحيات|تحياتي|مع\s+الشكر)[\s:،,]*")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    word: str
    key: str  # casefolded, genitive removed when the rest is a known name
    capitalised: bool
    sentence_start: bool
    first: bool
    surname: bool
    ordinary: bool  # also an ordinary word (name_words.txt) or a stop word
    place: bool
    organisation: bool


def _is_organisation(key: str) -> bool:
    return key.endswith(_ORGANISATION_ENDINGS) and not any(
        key == ending or len(key) - len(ending) < 2
        for ending in _ORGANISATION_ENDINGS
        if key.endswith(ending)
    )


def _tokens(text: str) -> list[_Token]:
    first_names, surnames, name_words, places = _name_lists()
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        key = word.casefold()
        for ending in (":s", "'s", "’s", "'", "’"):
            if key.endswith(ending):
                key = key[: -len(ending)]
                break
        else:
            if (
                # The genitive "Annas"; in lower case only with an apostrophe, since "klass" is no "Klas".
                word[0].isupper()
                and key.endswith("s")
                and key not in first_names
                and key not in surnames
                and key not in _STOP_WORDS
            ):
                stem = key[:-1]
                if stem in first_names or stem in surnames:
                    key = stem
        before = text[max(0, match.start() - 12) : match.start()].rstrip(" \t\u00a0\"'“”«»(*-–•")
        if not before and match.start() > 12:
            before = text[: match.start()].rstrip(" \t\u00a0\"'“”«»(*-–•")
        sentence_start = not before or before[-1] in ".!?:;\n"
        is_first = key in first_names or all(part in first_names for part in key.split("-") if part)
        is_surname = key in surnames
        stop = key in _STOP_WORDS
        tokens.append(
            _Token(
                start=match.start(),
                end=match.end(),
                word=word,
                key=key,
                capitalised=word[0].isupper(),
                sentence_start=sentence_start,
                first=is_first and not stop,
                surname=is_surname and not stop,
                ordinary=key in name_words or stop,
                place=key in places or (key[:-1] in places and key.endswith("s")),
                organisation=not is_first and not is_surname and _is_organisation(key),
            )
        )
    return tokens


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens are separated only by spaces (a name does not run over a line or a comma)."""
    gap = text[left.end : right.start]
    return 0 < len(gap) <= 2 and gap.strip(" \u00a0") == ""


def _surname_like(token: _Token, lowercase_ok: bool) -> bool:
    """Whether `token` can be the surname after a first name."""
    if token.place or token.key in _STOP_WORDS or token.key in _PLACE_NOUNS or token.organisation:
        return False
    if _STREET_NAME.fullmatch(token.key):
        # "Erik Dahlbergsgatan" is a street named after a person.
        return False
    if token.capitalised:
        return not token.word.isupper() or len(token.word) > 3 or token.surname
    if not lowercase_ok:
        return False
    return (token.surname and not token.ordinary) or bool(_SURNAME_ENDING_STRONG.fullmatch(token.key))


def _followed_by_place_noun(tokens: list[_Token], index: int, text: str) -> bool:
    if index + 1 < len(tokens) and _adjacent(text, tokens[index], tokens[index + 1]):
        following = tokens[index + 1]
        return following.key in _PLACE_NOUNS and not following.capitalised
    return False


def _name_run(tokens: list[_Token], index: int, text: str, lowercase_ok: bool) -> int:
    """The index after the last surname-like token that follows tokens[index]."""
    end = index + 1
    while end < len(tokens) and end - index < 4:
        if not _adjacent(text, tokens[end - 1], tokens[end]) or not _surname_like(tokens[end], lowercase_ok):
            break
        end += 1
    return end


def _names_in_running_text(
    text: str, contact_keys: frozenset[str], taken: list[Redaction]
) -> list[Redaction]:
    tokens = _tokens(text)
    # Tokens inside a number, an e-mail address or a street address are not names.
    spans = sorted((r.start, r.end) for r in taken)
    taken_tokens: set[int] = set()
    position = 0
    for index, token in enumerate(tokens):
        while position < len(spans) and spans[position][1] <= token.start:
            position += 1
        if position < len(spans) and spans[position][0] < token.end:
            taken_tokens.add(index)
    token_index = {id(token): index for index, token in enumerate(tokens)}

    def free(token: _Token) -> bool:
        return token_index[id(token)] not in taken_tokens

    found: list[Redaction] = []
    named = [False] * len(tokens)

    def add(first: int, last: int) -> bool:
        if _followed_by_place_noun(tokens, last - 1, text):
            return False
        end = tokens[last - 1].end
        # An initial after the name: "Petra S."
        initial = _TRAILING_INITIAL.match(text, end)
        if initial:
            end = initial.end()
            last += 1
        for i in range(first, min(last, len(tokens))):
            named[i] = True
        found.append(Redaction(tokens[first].start, end, NAME))
        return True

    by_start = {token.start: i for i, token in enumerate(tokens)}

    # Names after a cue.
    for cues, strong in ((_STRONG_CUES, True), (_WEAK_CUES, False)):
        for cue in cues.finditer(text):
            i = by_start.get(cue.end())
            if i is None:
                continue
            end = i
            while end < len(tokens) and end - i < 3 and free(tokens[end]):
                token = tokens[end]
                if end > i and not _adjacent(text, tokens[end - 1], token):
                    break
                if token.key in _STOP_WORDS or token.place or token.key in _PLACE_NOUNS or token.organisation:
                    break
                if token.capitalised and not (token.word.isupper() and len(token.word) <= 3):
                    pass
                elif token.first or token.surname:
                    if token.ordinary and not strong and end == i:
                        break
                elif _SURNAME_ENDING.fullmatch(token.key) and (strong or end > i):
                    pass
                elif (
                    strong
                    and end == i
                    and len(token.key) >= 3
                    and text[cue.start() : cue.end()].strip().casefold() in {"mvh", "hälsningar"}
                ):
                    # A signature in lower case: "mvh kalle"; one word, unknown names included.
                    pass
                else:
                    break
                end += 1
            if end > i and cue.group().lstrip().startswith("/"):
                # A slash signs only at the end of a line: "Tack! /Malin", not "politiker / läsare".
                rest = text[tokens[end - 1].end :]
                if not _END_OF_LINE.match(rest):
                    continue
            if end > i:
                add(i, end)

    # Names after a cue in Arabic script ("اسمي محمد علي"): the next one or two words.
    for cue in _ARABIC_CUES.finditer(text):
        i = by_start.get(cue.end())
        if i is None or not _ARABIC_WORD.fullmatch(tokens[i].word):
            continue
        end = i + 1
        if (
            end < len(tokens)
            and _adjacent(text, tokens[i], tokens[end])
            and _ARABIC_WORD.fullmatch(tokens[end].word)
            and not tokens[end].word.startswith("و")
        ):
            end += 1
        add(i, end)

    for i, token in enumerate(tokens):
        if named[i] or not free(token) or token.key in _STOP_WORDS:
            continue
        # The resident's own first name followed by a surname (only the first name was in the contact field).
        if token.key in contact_keys:
            end = _name_run(tokens, i, text, lowercase_ok=True)
            if end > i + 1:
                add(i, end)
            continue
        if token.first:
            end = _name_run(tokens, i, text, lowercase_ok=True)
            run = tokens[i + 1 : end]
            if run and (
                token.capitalised or all(t.surname or _SURNAME_ENDING_STRONG.fullmatch(t.key) for t in run)
            ):
                # Part of a place's name when a place noun follows ("Gustav Vasa kyrka").
                add(i, end)
                continue
            if (
                i + 1 < len(tokens)
                and _adjacent(text, token, tokens[i + 1])
                and tokens[i + 1].capitalised
                and (
                    _followed_by_place_noun(tokens, i + 1, text) or _STREET_NAME.fullmatch(tokens[i + 1].key)
                )
            ):
                continue
            if token.ordinary:
                if not token.capitalised or token.sentence_start or token.word.isupper():
                    continue
                previous = tokens[i - 1] if i else None
                if previous and previous.key in _PLACE_PREPOSITIONS:
                    continue
                add(i, i + 1)
            elif token.capitalised or len(token.key) >= 4:
                add(i, i + 1)
            continue
        if token.surname and not token.ordinary and (token.capitalised or len(token.key) >= 5):
            if token.capitalised or _SURNAME_ENDING_STRONG.fullmatch(token.key):
                add(i, i + 1)
            continue
        if token.capitalised and _SURNAME_ENDING_STRONG.fullmatch(token.key) and not token.place:
            add(i, i + 1)
            continue
        # An initial before a surname: "A. Svensson".
        if (
            len(token.word) == 1
            and token.capitalised
            and text[token.end : token.end + 1] == "."
            and i + 1 < len(tokens)
            and tokens[i + 1].start - token.end <= 2
            and tokens[i + 1].capitalised
            and (tokens[i + 1].surname or _SURNAME_ENDING.fullmatch(tokens[i + 1].key))
            and not tokens[i + 1].ordinary
        ):
            add(i, i + 2)

    # A capitalised word joined by "och", "&" or "and" to a name is a name too: "Mohammad och Fatemeh".
    for i in range(len(tokens) - 1):
        if not named[i] or named[i + 1]:
            continue
        gap = text[tokens[i].end : tokens[i + 1].start].strip()
        if gap == "&":
            other = i + 1
        elif gap == "" and tokens[i + 1].key in {"och", "and", "o", "eller"} and i + 2 < len(tokens):
            other = i + 2
        else:
            continue
        candidate = tokens[other]
        if (
            candidate.capitalised
            and not candidate.word.isupper()
            and not named[other]
            and free(candidate)
            and candidate.key not in _STOP_WORDS
            and not candidate.place
            and not candidate.organisation
            and not candidate.ordinary
            and text[tokens[other - 1].end : candidate.start].strip() in {"", "&"}
        ):
            add(other, other + 1)
    return found


def _contact_name_parts(names: Iterable[str]) -> set[str]:
    parts: set[str] = set()
    for name in names:
        for word in name.split():
            word = word.strip(".,;:()\"'")
            parts.update(p for p in [word, *word.split("-")] if len(p) >= 2)
    return parts


def _name_pattern(parts: set[str]) -> re.Pattern[str] | None:
    """Build one pattern for all name parts, so "Anna Svensson" becomes a single span.

    Each part of each name (split on spaces and hyphens, whole hyphenated names kept
    too) matches as a whole word, case-insensitively, optionally in the genitive
    ("Annas", "Anna's", "Anna’s", "SMHI:s", "Anders'"). A run of parts separated by
    spaces ("Anna Svensson", "Svensson Anna") is matched as one span.
    """
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    part = rf"(?:{alternatives})(?:['’]s|:s|s|['’])?"
    return re.compile(rf"(?<!\w){part}(?:[ \u00a0]+{part})*(?!\w)", re.IGNORECASE)


def _names(text: str, names: Iterable[str], taken: list[Redaction]) -> list[Redaction]:
    parts = _contact_name_parts(names)
    pattern = _name_pattern(parts)
    found = [] if pattern is None else [Redaction(m.start(), m.end(), NAME) for m in pattern.finditer(text)]
    contact_keys = frozenset(p.casefold() for p in parts)
    return found + _names_in_running_text(text, contact_keys, taken)


# ---------------------------------------------------------------------------------------------------------


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

    `names` are the names from the contact fields of the same submission; they are found wherever they
    appear, in addition to the names found in running text. Spans of the kind `street_address` are
    street addresses without anything saying they are a home: to be checked, see `REVIEW_ONLY_KINDS`.
    """
    numbers = (
        _identity_numbers(text)
        + _cards(text)
        + _bank_accounts(text)
        + _phone_numbers(text)
        + _emails(text)
        + _vehicles(text)
    )
    numbers = _merge(numbers)
    addresses = [a for a in _addresses(text) if not any(a.start < n.end and n.start < a.end for n in numbers)]
    found = numbers + addresses
    found += _names(text, names, found)
    return _merge(found)


def redact(
    text: str,
    names: Iterable[str] = (),
    placeholder: str = "[borttaget]",
    *,
    keep: Iterable[str] = REVIEW_ONLY_KINDS,
) -> str:
    """Return `text` with every span of personal data replaced by `placeholder`.

    Spans of the kinds in `keep` (by default street addresses without a home cue) are left in place.
    Everything outside the spans is kept exactly as written.
    """
    keep = frozenset(keep)
    pieces = []
    position = 0
    for redaction in find_personal_data(text, names):
        if redaction.kind in keep:
            continue
        pieces.append(text[position : redaction.start])
        pieces.append(placeholder)
        position = redaction.end
    pieces.append(text[position:])
    return "".join(pieces)
