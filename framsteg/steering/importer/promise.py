"""Parse a medborgarlöfte (a citizen promise of the police and the municipality) in the polisen.se layout.

A medborgarlöfte has a title ("Medborgarlöfte för Huddinge 2025"), a period, a narrative ("Situationen
idag", "Lägesbild"), priorities ("Vi prioriterar …"), activities per party and a signature. The activities
become commitments, each with its owner:

- after a lead-in or heading "Kommunen ska:", "Kommunen åtar sig att:", "Huddinge kommun kommer att:" the
  list items belong to the municipality; after "Polisen ska:", "Polisen åtar sig att:", "Lokalpolisområde
  Huddinge ska:" to the police; after "Tillsammans ska vi:", "Det här ska vi åstadkomma tillsammans:",
  "Kommunen och polisen ska:" to both;
- sentences in running text that begin that way ("Kommunen ska genomföra …", "Polisen kommer att …",
  "Tillsammans ska vi …") are commitments of their own;
- a heading above activities (a priority such as "Trygghet i Vårby centrum", or "Aktiviteter") is their
  area; activities before any such heading go to an area named after the lead-in.

The narrative sections, the list of priorities, the follow-up statements and the signatures are kept as the
document's preamble. Page numbers and running heads of text copied from a PDF are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .parse import NoCommitmentsFound, ParsedArea, ParsedCommitment, ParsedDocument, find_organisations
from .quantities import find_periods, find_quantities, sentence_span
from .structure import Unit, split_units

__all__ = ["JOINT", "MUNICIPALITY", "POLICE", "owner_of_lead_in", "parse_promise"]

MUNICIPALITY = "municipality"
POLICE = "police"
JOINT = (MUNICIPALITY, POLICE)

_MUNICIPALITY_WORDS = (
    r"(?:kommunen|[A-ZÅÄÖ][\wåäö-]+ kommun|kommunstyrelsen|[A-ZÅÄÖ][\wåäö]*(?:förvaltningen|nämnden))"
)
_POLICE_WORDS = (
    r"(?:polisen(?: i [A-ZÅÄÖ][\wåäö-]+)?|lokalpolisområde(?:t)? [A-ZÅÄÖ][\wåäö-]+|lokalpolisområdet)"
)
_PROMISE_VERB = r"(?:ska|skall|kommer att|åtar sig att|lovar att|tar på sig att)"
_BOTH = (
    rf"(?:tillsammans ska vi|vi ska tillsammans|gemensamt ska vi|vi ska gemensamt"
    rf"|(?:det här|detta) ska vi (?:åstadkomma|uppnå|göra) tillsammans|detta gör vi tillsammans"
    rf"|gemensamma (?:aktiviteter|åtaganden)|tillsammans|gemensamt"
    rf"|(?:{_MUNICIPALITY_WORDS}|{_POLICE_WORDS}) och (?:{_MUNICIPALITY_WORDS}|{_POLICE_WORDS})"
    rf"(?: tillsammans| gemensamt)? {_PROMISE_VERB})"
)
# A lead-in or heading that introduces one party's activities (the whole line).
_LEAD_IN = re.compile(
    rf"^(?:(?P<both>{_BOTH})|(?P<police>{_POLICE_WORDS})(?: \w+)? {_PROMISE_VERB}"
    rf"|(?P<municipality>{_MUNICIPALITY_WORDS})(?: \w+)? {_PROMISE_VERB}"
    rf"|(?P<police_noun>polisens (?:aktiviteter|åtaganden|löften))"
    rf"|(?P<municipality_noun>kommunens (?:aktiviteter|åtaganden|löften)))"
    rf"(?: (?:följande|detta|det här))?\s*:?$",
    re.IGNORECASE,
)
# A sentence of running text that is an activity ("Polisen ska genomföra …").
_SENTENCE = re.compile(
    rf"^(?:(?P<both>(?:tillsammans|gemensamt) ska (?:vi|kommunen och polisen|polisen och kommunen)"
    rf"|vi ska (?:tillsammans|gemensamt)"
    rf"|(?:{_MUNICIPALITY_WORDS}|{_POLICE_WORDS}) och (?:{_MUNICIPALITY_WORDS}|{_POLICE_WORDS})"
    rf"(?: tillsammans| gemensamt)? {_PROMISE_VERB})"
    rf"|(?P<police>{_POLICE_WORDS}) {_PROMISE_VERB}"
    rf"|(?P<municipality>{_MUNICIPALITY_WORDS}) {_PROMISE_VERB})\s+\w",
    re.IGNORECASE,
)
# "Det här ska vi åstadkomma tillsammans": the promise's joint outcomes, an area of their own.
_OUTCOME = re.compile(r"^(?:det här|detta) ska vi (?:åstadkomma|uppnå)", re.IGNORECASE)
_CONTEXT_HEADING = re.compile(
    r"^(?:situationen (?:idag|i dag)|nulägesbild|lägesbild|gemensam lägesbild|bakgrund|om medborgarlöften?"
    r"|vad är (?:ett )?medborgarlöften?|inledning|så tog vi fram|varför medborgarlöfte)\b",
    re.IGNORECASE,
)
_PRIORITY_HEADING = re.compile(
    r"^(?:vi prioriterar|prioriteringar?|prioriterade (?:områden|frågor|problem)|våra prioriteringar"
    r"|utifrån lägesbilden (?:har vi valt att )?prioritera[rs]? vi|fokusområden?)\b",
    re.IGNORECASE,
)
_FOLLOW_UP_HEADING = re.compile(
    r"^(?:uppföljning|så följer vi upp|så här följer vi upp|återkoppling|hur följer vi upp)\b", re.IGNORECASE
)
_SIGNATURE_HEADING = re.compile(
    r"^(?:underskrifter|undertecknat(?: av)?|undertecknare|signaturer|medborgarlöftet (?:är )?undertecknat"
    r"|för (?:kommunen|polisen|[A-ZÅÄÖ][\wåäö-]+ kommun)\s*:?$)",
    re.IGNORECASE,
)
_SIGNATORY = re.compile(
    r"\b(?:kommunstyrelsens ordförande|kommunstyrelsens vice ordförande|kommundirektör|kommunalråd"
    r"|lokalpolisområdeschef|polisområdeschef|chef för lokalpolisområde|områdespolis|kommunpolis)\b",
    re.IGNORECASE,
)
# Running heads and page numbers of text copied from a PDF.
_PAGE_LINE = re.compile(
    r"^\s*(?:(?:sida|sid\.?|page)\s*\d+(?:\s*(?:av|\(|/)\s*\d+\)?)?"
    r"|\d{1,3}\s*(?:\(\d{1,3}\)|/\s*\d{1,3}|av \d{1,3})?|\f)\s*$",
    re.IGNORECASE,
)
_RUNNING_HEAD = re.compile(
    r"^\s*(?:polismyndigheten|polisen)\s*(?:\S.{0,60})?\s+\d{1,3}\s*\(\d{1,3}\)\s*$", re.IGNORECASE
)
_SECTIONS = [
    ("context", _CONTEXT_HEADING),
    ("priorities", _PRIORITY_HEADING),
    ("follow_up", _FOLLOW_UP_HEADING),
    ("signatures", _SIGNATURE_HEADING),
]
_YEAR = re.compile(r"(?<![\d/–-])(20\d{2})(?![\d/–-])")
_VALID = re.compile(
    r"(?:gäller|giltigt|avser|löftet gäller|period)[^.\n]{0,40}?\b(20\d{2})(?:-\d{2}-\d{2})?"
    r"(?:\s*(?:[–—-]|till|och)\s*(20\d{2}))?",
    re.IGNORECASE,
)


@dataclass
class _Area:
    title: str
    heading: Unit | None
    narrative: list[str] = field(default_factory=list)
    lead_in: str = ""
    items: list[tuple[str, int, int, tuple[str, ...]]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    from_lead_in: bool = False


def owner_of_lead_in(text: str) -> tuple[str, ...] | None:
    """The owners a lead-in line introduces, or None when the line is no such lead-in."""
    found = _LEAD_IN.match(_clean(text))
    if not found:
        return None
    if found.group("both"):
        return JOINT
    if found.group("police") or found.group("police_noun"):
        return (POLICE,)
    return (MUNICIPALITY,)


def owner_of_sentence(sentence: str) -> tuple[str, ...] | None:
    found = _SENTENCE.match(_clean(sentence))
    if not found:
        return None
    if found.group("both"):
        return JOINT
    return (POLICE,) if found.group("police") else (MUNICIPALITY,)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lstrip("#").strip())


def without_pdf_furniture(text: str) -> str:
    """Blank out page numbers, running heads and form feeds (same length, so offsets stay valid)."""
    lines = text.split("\n")
    kept = []
    for line in lines:
        if _PAGE_LINE.match(line) or _RUNNING_HEAD.match(line):
            kept.append(" " * len(line))
        else:
            kept.append(line.replace("\f", " "))
    return "\n".join(kept)


def parse_promise(text: str, format: str = "text") -> ParsedDocument:
    """Parse a medborgarlöfte into areas whose commitments carry their owners (MUNICIPALITY, POLICE)."""
    cleaned = without_pdf_furniture(text)
    units, debris = split_units(cleaned)
    units = _rejoin_page_breaks(cleaned, units)
    quantities = [
        q for q in find_quantities(cleaned, number_words=True) if not any(s <= q.start < e for s, e in debris)
    ]
    title, units = _take_title(units)
    preamble: list[str] = []
    areas: list[_Area] = []
    current: _Area | None = None
    section = "context"  # context, priorities, activities, follow_up, signatures
    owners: tuple[str, ...] | None = None
    for unit in units:
        line = _clean(unit.text)
        lead_owner = owner_of_lead_in(line) if unit.kind != "item" and len(line.split()) <= 12 else None
        if lead_owner is not None:
            owners, section = lead_owner, "activities"
            if current is None or current.from_lead_in or _OUTCOME.match(line):
                current = _Area(title=line.rstrip(":"), heading=None, from_lead_in=True)
                areas.append(current)
            current.lead_in = current.lead_in or line
            current.spans.append((unit.start, unit.end))
            continue
        if unit.kind == "heading" or (unit.kind == "para" and _is_section_line(line)):
            owners = None
            for name, pattern in _SECTIONS:
                if pattern.match(line):
                    section, current = name, None
                    preamble.append(line)
                    break
            else:
                section = "activities"
                current = _Area(title=line.rstrip(":"), heading=unit, spans=[(unit.start, unit.end)])
                areas.append(current)
            continue
        if unit.kind == "item":
            item_owners = owners or (
                owner_of_sentence(line) if section in ("activities", "priorities") else None
            )
            if item_owners is not None:
                if current is None:
                    current = _Area(title="Aktiviteter", heading=None)
                    areas.append(current)
                current.items.append((unit.text, unit.start, unit.end, item_owners))
                current.spans.append((unit.start, unit.end))
            elif current is not None and section == "activities":
                current.narrative.append("• " + line)
                current.spans.append((unit.start, unit.end))
            else:
                preamble.append("• " + line)
            continue
        owners = None
        if section not in ("activities", "priorities") or (
            _SIGNATORY.search(line) and len(line.split()) < 12
        ):
            preamble.append(line)
            continue
        found, rest = _activity_sentences(cleaned, unit)
        if found:
            if current is None:
                current = _Area(title="Aktiviteter", heading=None)
                areas.append(current)
            current.items.extend(found)
            current.spans.extend((start, end) for _text, start, end, _owners in found)
        if rest:
            if current is not None and section == "activities":
                current.narrative.append(rest)
                current.spans.append((unit.start, unit.end))
            else:
                preamble.append(rest)
    # Short signature lines ("Anna Ek, kommunstyrelsens ordförande") look like captions to the splitter.
    for start, end in debris:
        if _SIGNATORY.search(cleaned[start:end]):
            preamble.append(_clean(cleaned[start:end]))
    areas = [area for area in areas if area.items]
    if not areas:
        raise NoCommitmentsFound(
            _(
                "No activities were found in the citizen promise. Check that they follow a lead-in such as "
                "“Kommunen ska:” or “Polisen åtar sig att:”, or are sentences beginning “Kommunen ska …”, "
                "“Polisen ska …” or “Tillsammans ska vi …”."
            )
        )
    parsed_areas = [_finish(area, quantities) for area in areas]
    return ParsedDocument(
        text, format, title, "\n\n".join(preamble), parsed_areas, quantities, _periods(text, title)
    )


def _take_title(units: list[Unit]) -> tuple[str, list[Unit]]:
    """The first short line, without a letterhead ("Polismyndigheten"); "Medborgarlöfte" alone on its line
    takes the next short line with it ("Medborgarlöfte" + "Södertälje 2025–2026")."""
    while units and re.fullmatch(r"(?:polismyndigheten|polisen)", _clean(units[0].text), re.IGNORECASE):
        units = units[1:]
    if not units or units[0].kind == "item" or len(units[0].text.split()) > 14:
        return "", units
    title = _clean(units[0].text).rstrip(".:")
    units = units[1:]
    alone = title.casefold() in ("medborgarlöfte", "medborgarlöften")
    if alone and units and len(units[0].text.split()) <= 5:
        title = f"{title} {_clean(units[0].text)}"
        units = units[1:]
    return title, units


def _is_section_line(line: str) -> bool:
    """A one-line paragraph that names a known section ("Situationen idag", "Uppföljning")."""
    if len(line.split()) > 8 or line.endswith("."):
        return False
    return any(
        pattern.match(line)
        for pattern in (_CONTEXT_HEADING, _PRIORITY_HEADING, _FOLLOW_UP_HEADING, _SIGNATURE_HEADING)
    )


def _activity_sentences(text: str, unit: Unit) -> tuple[list[tuple[str, int, int, tuple[str, ...]]], str]:
    """The activity sentences of a paragraph ("Polisen ska …") with their owners, and the other sentences."""
    found: list[tuple[str, int, int, tuple[str, ...]]] = []
    rest: list[str] = []
    position = unit.start
    while position < unit.end:
        start, end = sentence_span(text, position)
        start, end = max(start, unit.start), min(end, unit.end)
        if end <= position:
            end = unit.end
        sentence = _clean(text[start:end])
        owners = owner_of_sentence(sentence)
        if owners is not None and len(sentence.split()) >= 4:
            found.append((sentence, start, end, owners))
        elif sentence:
            rest.append(sentence)
        position = end + 1
    return found, " ".join(rest)


def _rejoin_page_breaks(text: str, units: list[Unit]) -> list[Unit]:
    """A list item or paragraph broken by a page break goes on in lowercase after the blanked page line."""
    joined: list[Unit] = []
    for unit in units:
        if unit.kind == "item" and unit.description is not None and unit.description.text[:1].islower():
            unit.text = f"{unit.text} {unit.description.text}"
            unit.end = unit.description.end
            unit.description = None
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and unit.kind == "para"
            and unit.text[:1].islower()
            and previous.kind in ("item", "para")
            and not re.search(r"[.!?:]$", previous.text)
        ):
            previous.text = f"{previous.text} {unit.text}"
            previous.end = unit.end
            continue
        joined.append(unit)
    return joined


def _finish(area: _Area, quantities) -> ParsedArea:
    start = min(s for s, _e in area.spans)
    end = max(e for _s, e in area.spans)
    commitments = [
        ParsedCommitment(
            text=re.sub(r"\s+", " ", item_text).strip(),
            start=item_start,
            end=item_end,
            quantities=[q for q in quantities if item_start <= q.start < item_end],
            organisations=find_organisations(item_text),
            owners=owners,
        )
        for item_text, item_start, item_end, owners in area.items
    ]
    in_commitments = {id(q) for c in commitments for q in c.quantities}
    return ParsedArea(
        title=area.title[:300],
        title_inferred=False,
        narrative="\n\n".join(area.narrative),
        lead_in=area.lead_in,
        start=start,
        end=end,
        commitments=commitments,
        quantities=[q for q in quantities if start <= q.start < end and id(q) not in in_commitments],
        organisations=[],
    )


def _periods(text: str, title: str) -> list[tuple[int, int]]:
    """The promise's period: "gäller 2025–2026", a year span, else the year in the title."""
    valid = _VALID.search(text)
    if valid:
        first = int(valid.group(1))
        last = int(valid.group(2) or first)
        if first <= last <= first + 4:
            return [(first, last)]
    spans = find_periods(title) or find_periods(text[:600])
    if spans:
        return spans[:1]
    year = _YEAR.search(title)
    return [(int(year.group(1)), int(year.group(1)))] if year else []
