"""Find measurable quantities in Swedish text: amounts of money, shares, counts and target years.

In activity lists (`number_words=True`) numbers may be written as words ("fyra gånger per år", "två
trygghetsvandringar per termin"): the number words from två to hundra count when a noun follows (not a word
ending like an adjective: "de två största"), and "en"/"ett" only before "gång" with a rate ("en gång i
månaden"), since they are mostly articles.
A number only counts as a quantity when a unit follows it (a currency, "procent" or a noun such as
"bostäder"). A bare year counts only as a target year when a target word ("klimatneutral", "senast",
"till år" …) occurs in the same clause, so "under 2020" is ignored while "fossilfri 2030" is found.
Phone numbers, postcodes, dates, file names, law references and year spans are masked first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .words import split_words

__all__ = ["Quantity", "find_periods", "find_quantities", "sentence_span"]


@dataclass(frozen=True)
class Quantity:
    """A quantity as written in the document, with offsets into the document text."""

    text: str
    value: Decimal
    unit: str
    qualifier: str
    year: int | None
    context: str
    start: int
    end: int


_SPACE = "[ \u00a0\u202f]"
_NUMBER = re.compile(
    rf"(?<![\w.,:/–-])(?P<int>\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)(?:,(?P<frac>\d+))?(?![\d])(?!,\d)(?![.:]\d)"
)
_NUMBER_WORDS = {
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "nitton": 19,
    "tjugo": 20,
    "trettio": 30,
    "fyrtio": 40,
    "femtio": 50,
    "sextio": 60,
    "sjuttio": 70,
    "åttio": 80,
    "nittio": 90,
    "hundra": 100,
    "etthundra": 100,
}
_WORD_NUMBER = re.compile(
    r"(?<![\w-])(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
_ONCE = re.compile(r"(?<![\w-])(?P<word>en|ett)(?=[ \u00a0]+gång\s+(?:per|i|om|varje)\s)", re.IGNORECASE)
# "de tre stadsdelarna", "samtliga fyra skolor": a number word after these names a known set, not a quantity.
_DEFINITE = re.compile(
    r"(?<![\w-])(?:de|dessa|alla|samtliga|båda|våra|deras|sina|andra)[ \u00a0]+$", re.IGNORECASE
)
# After a number word a word ending like an adjective or adverb is no unit: "de två största", "tre olika".
_NOT_WORD_UNIT = re.compile(r"(?:[ae]|ast|igt|ligt)$")
_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_MASKS = [
    re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+"),
    re.compile(r"\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|pdf|docx?|xlsx?|pptx?)\b", re.IGNORECASE),
    re.compile(
        r"(?:\+46|\b0)\d{1,3}\s?[-–]\s?\d{2,4}(?:[ \u00a0]?\d{2,3}){0,3}"
    ),  # 070-291 11 89, 08-530 610 00
    re.compile(r"\+46[\d \u00a0-]{6,}"),
    re.compile(r"\b\d{3} \d{2}(?=\s+[A-ZÅÄÖ])"),  # postcode: 147 40 Tumba
    re.compile(rf"\b\d{{1,2}}(?:\s|\u00a0)+(?:{_MONTHS})\.?(?:\s+\d{{4}})?\b", re.IGNORECASE),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),
    re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?", re.IGNORECASE),
    re.compile(r"\b\d{4}:\d+\b"),  # SFS 2009:724
    re.compile(r"\b(?:19|20)\d{2}\s*[–—/-]\s*(?:19|20)?\d{2}\b"),  # year spans are periods, not quantities
    re.compile(r"[A-ZÅÄÖ][\wåäö]*(?:vägen|gatan|gränd|torget|backen|allé|stigen|platsen)\s+\d+\w?"),
    re.compile(r"\b(?:nr|sid|s|kap|§)\.?\s*\d+", re.IGNORECASE),
]
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*(?:[–—-]|/)\s*((?:19|20)?\d{2})\b")

_QUALIFIERS = {
    "ca": "ca",
    "ca.": "ca",
    "cirka": "ca",
    "omkring": "ca",
    "ungefär": "ca",
    "runt": "ca",
    "drygt": "drygt",
    "knappt": "knappt",
    "nästan": "knappt",
    "närmare": "knappt",
    "minst": "minst",
    "högst": "högst",
    "max": "högst",
    "maximalt": "högst",
    "upp till": "högst",
    "över": "över",
    "mer än": "över",
    "fler än": "över",
    "under": "under",
    "mindre än": "under",
    "färre än": "under",
}
_QUALIFIER = re.compile(
    r"(?<![\w])(" + "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_MULTIPLIERS = [
    (re.compile(r"(?:miljarder|miljard|mdkr|mdr)(?![\w])", re.IGNORECASE), Decimal(10) ** 9, False),
    (re.compile(r"(?:mnkr|mkr|msek)(?![\w])", re.IGNORECASE), Decimal(10) ** 6, True),
    (re.compile(r"(?:miljoner|miljon|milj\.|mn)(?![\w])", re.IGNORECASE), Decimal(10) ** 6, False),
    (re.compile(r"(?:tkr|tsek)(?![\w])", re.IGNORECASE), Decimal(1000), True),
    (re.compile(r"tusen(?![\w])", re.IGNORECASE), Decimal(1000), False),
]
_CURRENCY = re.compile(r"(?:kronor|kr\.?|sek|:-)(?![\w])", re.IGNORECASE)
_PERCENT = re.compile(r"(?:%|procentenheter|procent)(?![\w])", re.IGNORECASE)
_SYMBOL_UNITS = re.compile(r"(?:kvm|m2|m²|km|ton|kwh|mwh|gwh|kg|st\.?)(?![\w])", re.IGNORECASE)
_WORD = re.compile(r"[a-zåäöéü]+(?:-[a-zåäöéü]+)?(?![\w])")
_RATE = re.compile(
    r"\s+(?P<prep>per|om|i|varje)\s+(?P<what>året|år|månaden|månad|veckan|vecka|dagen|dag|terminen|termin"
    r"|kvartalet|kvartal|halvåret|halvår|invånare|elev|person|barn)"
    r"(?![\w])",
    re.IGNORECASE,
)
_RATE_NAMES = {
    "året": "år",
    "månaden": "månad",
    "veckan": "vecka",
    "dagen": "dag",
    "terminen": "termin",
    "kvartalet": "kvartal",
    "halvåret": "halvår",
}
# Words that can follow a number without being its unit: function words and common verbs.
_NOT_UNITS = set(
    split_words(
        """
        och eller men samt att som för till från med mot om på i av ur vid under över efter före
        inom utan än så då när där det den de detta denna dessa en ett var varav vilket vilka är var
        har hade ska skall kan kunde får fick blir blev bli finns fanns gör görs gjorde kommer ska
        vill måste bör skulle ungefär cirka ca också även redan nu sedan senare tidigare totalt
        sammanlagt respektive januari februari mars april maj juni juli augusti september oktober
        november december
        """
    )
)
_ADJECTIVES = {
    "nya",
    "fler",
    "extra",
    "ytterligare",
    "fasta",
    "egna",
    "lediga",
    "moderna",
    "billiga",
    "nybyggda",
    "riktade",
    "gemensamma",
    "planerade",
    "särskilda",
    "öppna",
    "olika",
    "regelbundna",
    "synliga",
    "trygghetsskapande",
    "förebyggande",
    "kommunala",
}
# After a number that looks like a year only plural nouns count ("2000 bostäder", not "2025 omfattar").
_PLURALISH = re.compile(r"(?:er|or|na|ingar)$")

_TARGET_WORDS = re.compile(
    r"klimatneutral|fossilfri|fossilbränslefri|fossiloberoende|koldioxidneutral|klimatpositiv|nettonoll"
    r"|\bsenast\b|\btill år\b|\btill och med\b|\bföre år\b|\binnan år\b|\bmålår|\buppnås\b|\buppnått\b"
    r"|\bhalveras\b|\bha halverat",
    re.IGNORECASE,
)
_YEAR_PREFIX = re.compile(r"(?:senast|till år|till och med|före år|innan år|till|år)\s+$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|\s(?:och|samt|men|medan)\s")
_LEADING_MARK = re.compile(r"^(?:[•·▪◦*–-]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = ("ca.", "bl.a.", "t.ex.", "m.m.", "kl.", "s.k.", "dvs.", "resp.", "nr.", "milj.", "jfr.")


def find_quantities(text: str, offset: int = 0, *, number_words: bool = False) -> list[Quantity]:
    """Return the quantities in `text`, in order; offsets are shifted by `offset`. With `number_words`,
    numbers written as words count too (activity lists such as a medborgarlöfte's)."""
    masked = _masked_spans(text)
    found: list[Quantity] = []
    matches = [(m, None) for m in _NUMBER.finditer(text)]
    if number_words:
        matches += [(m, Decimal(_NUMBER_WORDS[m.group("word").lower()])) for m in _WORD_NUMBER.finditer(text)]
        matches += [(m, Decimal(1)) for m in _ONCE.finditer(text)]
    for match, word_value in sorted(matches, key=lambda pair: pair[0].start()):
        if any(start < match.end() and match.start() < end for start, end in masked):
            continue
        if word_value is None:
            quantity = _quantity_at(text, match)
        else:
            quantity = _word_quantity_at(text, match, word_value)
        if quantity is None:
            continue
        found.append(
            Quantity(
                text=quantity[0],
                value=quantity[1],
                unit=quantity[2],
                qualifier=quantity[3],
                year=quantity[4],
                context=_context(text, quantity[5], quantity[6]),
                start=quantity[5] + offset,
                end=quantity[6] + offset,
            )
        )
    return found


def find_periods(text: str) -> list[tuple[int, int]]:
    """Year spans such as "2023–2026" or "2020/2021", first occurrence order, without duplicates."""
    periods: list[tuple[int, int]] = []
    for match in _PERIOD.finditer(text):
        first = int(match.group(1))
        second_text = match.group(2)
        second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
        if first < second <= first + 12 and (first, second) not in periods:
            periods.append((first, second))
    return periods


def _masked_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in _MASKS for m in pattern.finditer(text)]


def _parse_number(match: re.Match[str]) -> Decimal:
    digits = re.sub(r"\D", "", match.group("int"))
    frac = match.group("frac")
    return Decimal(f"{digits}.{frac}") if frac else Decimal(digits)


def _quantity_at(
    text: str, match: re.Match[str]
) -> tuple[str, Decimal, str, str, int | None, int, int] | None:
    """(text, value, unit, qualifier, year, start, end) for the number at `match`, or None."""
    number = _parse_number(match)
    is_year_like = (
        match.group("frac") is None and re.fullmatch(r"\d{4}", match.group("int")) and 1900 <= number <= 2100
    )
    unit, multiplier, end = _read_unit(text, match.end(), strict_nouns=bool(is_year_like))
    qualifier_match = _QUALIFIER.search(text, max(0, match.start() - 20), match.start())
    qualifier = _QUALIFIERS[qualifier_match.group(1).lower()] if qualifier_match else ""
    start = qualifier_match.start() if qualifier_match else match.start()
    if not unit:
        if not is_year_like:
            return None
        return _year_target(text, match)
    value = number * multiplier
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    year = _year_for(text, match.start(), end)
    return text[start:end], value, unit, qualifier, year, start, end


def _word_quantity_at(
    text: str, match: re.Match[str], value: Decimal
) -> tuple[str, Decimal, str, str, int | None, int, int] | None:
    """A number written as a word: a quantity only with a plural noun or "gång" after it."""
    if _DEFINITE.search(text, max(0, match.start() - 12), match.start()):
        return None
    noun, end = _read_noun(text, match.end(), strict=False)
    if not noun or _NOT_WORD_UNIT.search(noun.split(" per ")[0]):
        return None
    qualifier_match = _QUALIFIER.search(text, max(0, match.start() - 20), match.start())
    qualifier = _QUALIFIERS[qualifier_match.group(1).lower()] if qualifier_match else ""
    start = qualifier_match.start() if qualifier_match else match.start()
    return text[start:end], value, noun, qualifier, _year_for(text, match.start(), end), start, end


def _read_unit(text: str, pos: int, *, strict_nouns: bool) -> tuple[str, Decimal, int]:
    """Read the unit after a number: (normalised unit, multiplier, end offset); unit "" when there is none."""
    rest_start = pos + len(text[pos:]) - len(text[pos:].lstrip(" \u00a0\u202f"))
    if rest_start - pos > 2 or "\n" in text[pos:rest_start]:
        return "", Decimal(1), pos
    for pattern in (_PERCENT,):
        hit = pattern.match(text, rest_start)
        if hit:
            unit = "procentenheter" if hit.group(0).lower() == "procentenheter" else "procent"
            return unit, Decimal(1), hit.end()
    for pattern, multiplier, is_money in _MULTIPLIERS:
        hit = pattern.match(text, rest_start)
        if not hit:
            continue
        end = hit.end()
        if is_money:
            unit, end = _with_rate(text, "SEK", end)
            return unit, multiplier, end
        currency = re.compile(r"\s+").match(text, end)
        after = currency.end() if currency else end
        cur = _CURRENCY.match(text, after)
        if cur:
            unit, end = _with_rate(text, "SEK", cur.end())
            return unit, multiplier, end
        noun, noun_end = _read_noun(text, end, strict=False)
        if noun:
            return noun, multiplier, noun_end
        if multiplier >= 10**6:
            return "SEK", multiplier, end
        return "", Decimal(1), pos
    cur = _CURRENCY.match(text, rest_start)
    if cur:
        unit, end = _with_rate(text, "SEK", cur.end())
        return unit, Decimal(1), end
    symbol = _SYMBOL_UNITS.match(text, rest_start)
    if symbol:
        unit = symbol.group(0).lower().rstrip(".").replace("m2", "m²")
        unit = {"st": "stycken", "kvm": "m²"}.get(unit, unit)
        unit, end = _with_rate(text, unit, symbol.end())
        return unit, Decimal(1), end
    noun, end = _read_noun(text, pos, strict=strict_nouns)
    if noun:
        return noun, Decimal(1), end
    return "", Decimal(1), pos


def _read_noun(text: str, pos: int, *, strict: bool) -> tuple[str, int]:
    """A lowercase noun (optionally after one adjective such as "nya") and an optional rate ("per år")."""
    space = re.compile(r"[ \u00a0\u202f]{1,2}").match(text, pos)
    if not space:
        return "", pos
    word = _WORD.match(text, space.end())
    if word and word.group(0) in _ADJECTIVES:
        space2 = re.compile(r"[ \u00a0\u202f]{1,2}").match(text, word.end())
        nxt = _WORD.match(text, space2.end()) if space2 else None
        if nxt:
            word = nxt
    if not word:
        return "", pos
    noun = word.group(0)
    if noun in _NOT_UNITS:
        return "", pos
    if len(noun) < 2 or (strict and not _PLURALISH.search(noun)):
        return "", pos
    return _with_rate(text, noun, word.end())


def _with_rate(text: str, unit: str, end: int) -> tuple[str, int]:
    rate = _RATE.match(text, end)
    if rate:
        what = rate.group("what").lower()
        return f"{unit} per {_RATE_NAMES.get(what, what)}", rate.end()
    return unit, end


def _year_target(text: str, match: re.Match[str]) -> tuple[str, Decimal, str, str, int, int, int] | None:
    """A bare year is a quantity only when its clause states a target ("klimatneutral 2025")."""
    before = text[max(0, match.start() - 40) : match.start()]
    if re.search(r"[A-ZÅÄÖ][\wåäö]*\s+$", before) and not _YEAR_PREFIX.search(before):
        return None  # part of a name such as "Agenda 2030"
    sentence_start, sentence_end = sentence_span(text, match.start())
    clause_start, clause_end = sentence_start, sentence_end
    for brk in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end):
        if brk.end() <= match.start():
            clause_start = brk.end()
        elif brk.start() >= match.end():
            clause_end = brk.start()
            break
    if not _TARGET_WORDS.search(text[clause_start:clause_end]):
        return None
    prefix = _YEAR_PREFIX.search(text, max(clause_start, match.start() - 20), match.start())
    start = prefix.start() if prefix else match.start()
    qualifier = "senast" if prefix and prefix.group(0).lower().startswith("senast") else ""
    year = int(match.group("int"))
    return text[start : match.end()], Decimal(year), "år", qualifier, year, start, match.end()


def _year_for(text: str, start: int, end: int) -> int | None:
    """The year a quantity is tied to: a year in the same clause, as in "500 bostäder till år 2030"."""
    sentence_start, sentence_end = sentence_span(text, start)
    left = max(text.rfind(",", sentence_start, start), text.rfind(";", sentence_start, start), sentence_start)
    right_candidates = [
        i for i in (text.find(",", end, sentence_end), text.find(";", end, sentence_end)) if i >= 0
    ]
    right = min(right_candidates) if right_candidates else sentence_end
    years = [
        m
        for m in re.finditer(r"(?<![\d/–-])(?:19|20)\d{2}(?![\d/–-])", text[left:right])
        if left + m.start() < start or left + m.start() >= end
    ]
    return int(years[0].group(0)) if years else None


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around `pos`: paragraph and list-item breaks end sentences too."""
    start = 0
    for brk in re.finditer(r"\n[ \t\u00a0]*\n|\n(?=[ \t\u00a0]*(?:[•·▪*–-]|\d{1,2}[.)])\s)", text[:pos]):
        start = brk.end()
    end_break = re.compile(r"\n[ \t\u00a0]*\n|\n(?=[ \t\u00a0]*(?:[•·▪*–-]|\d{1,2}[.)])\s)").search(text, pos)
    end = end_break.start() if end_break else len(text)
    sentence_start = start
    for stop in re.finditer(r"[.!?](?=\s+[\"”A-ZÅÄÖ0-9–-])", text[start:end]):
        absolute = start + stop.end()
        if _is_abbreviation(text, start + stop.start()):
            continue
        if absolute <= pos:
            sentence_start = absolute
        else:
            end = absolute
            break
    while sentence_start < end and text[sentence_start].isspace():
        sentence_start += 1
    while end > sentence_start and text[end - 1].isspace():
        end -= 1
    return sentence_start, end


def _is_abbreviation(text: str, dot: int) -> bool:
    head = text[max(0, dot - 6) : dot + 1].lower()
    return any(
        head.endswith(abbr) and (dot - len(abbr) + 1 == 0 or not text[dot - len(abbr)].isalnum())
        for abbr in _ABBREVIATIONS
    )


def _context(text: str, start: int, end: int) -> str:
    sentence_start, sentence_end = sentence_span(text, start)
    sentence = text[sentence_start : max(sentence_end, end)]
    return _LEADING_MARK.sub("", re.sub(r"\s+", " ", sentence).strip())
