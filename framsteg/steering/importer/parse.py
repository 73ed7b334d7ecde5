"""Parse a steering document's text into a title, a preamble and policy areas with commitments.

The rules are generic rather than tuned to one layout:

- Areas start at headings of the document's top heading style (markdown level, then all-uppercase, then
  plain short lines). Lower-level headings followed by a list are group labels for the commitments.
- Commitments are the leaf items of bullet or numbered lists. A nested list makes its parent a group
  label: each child is its own commitment, with the parent text recorded in `group`.
- A list is usually introduced by a lead-in: a paragraph ending in ":" or a known phrase such as
  "Mål för Socialnämnden", "… ska arbeta för att" or "Vi vill".
- A document without headings (or the part before the first heading) is split into areas at each
  "narrative, lead-in, list" cycle; such areas are named from their content (naming.py).
- A short item followed by an indented description is a topic: it becomes an area of its own, and the
  text around topic lists goes to the preamble.
- Only when a document has no lists at all, "Vi vill …" sentences become the commitments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .naming import name_area
from .quantities import Quantity, find_periods, find_quantities, sentence_span
from .readers import DocumentReadError
from .structure import Unit, split_units

__all__ = [
    "NoCommitmentsFound",
    "ParsedArea",
    "ParsedCommitment",
    "ParsedDocument",
    "Quantity",
    "find_organisations",
    "parse_document",
]


class NoCommitmentsFound(DocumentReadError):
    """The document was read but holds no commitments (and no topics) to import."""


@dataclass(frozen=True)
class ParsedCommitment:
    text: str
    start: int
    end: int
    quantities: list[Quantity]
    organisations: list[str]
    group: str = ""  # the sub-heading or parent item the commitment is listed under, if any
    owners: tuple[str, ...] = ()  # in a citizen promise: "municipality", "police" or both


@dataclass(frozen=True)
class ParsedArea:
    title: str
    title_inferred: bool
    narrative: str
    lead_in: str
    start: int
    end: int
    commitments: list[ParsedCommitment]
    quantities: list[Quantity]
    organisations: list[str]


@dataclass(frozen=True)
class ParsedDocument:
    text: str
    format: str
    title: str
    preamble: str
    areas: list[ParsedArea]
    quantities: list[Quantity]
    periods: list[tuple[int, int]]


_LEAD_IN_PHRASES = [
    re.compile(r"^mål för (?P<org>[^:]+?)\s*:?$", re.IGNORECASE),
    re.compile(r"^(?:våra|nämndens|följande|vi har följande)?\s*mål\s*:?$", re.IGNORECASE),
    re.compile(r"\bska (?:arbeta|jobba|verka) (?:för|med) att\s*:?$", re.IGNORECASE),
    re.compile(r"^vi vill\s*:?$", re.IGNORECASE),
    re.compile(r"^det innebär att vi ska\s*:?$", re.IGNORECASE),
    re.compile(r"^vi har särskilt fokuserat på\s*:?$", re.IGNORECASE),
]
_AREA_FROM_LEAD_IN = re.compile(r"^mål för (?P<name>[^:]+?)\s*:?$", re.IGNORECASE)
_ORGANISATION = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäö]*(?:- (?:och|samt) [a-zåäö]*)?"
    r"(?:nämnden|nämnd|styrelsen|förvaltningen|fullmäktige|utskottet|bolaget|förbundet"
    r"|förmedlingen|myndigheten|kassan|verket|inspektionen|byggen)\b"
)
# Paragraphs that talk about the document itself ("Den politiska plattformen beskriver …") introduce it.
_ABOUT_DOCUMENT = re.compile(
    r"\b\w*(?:plattformen|dokumentet|programmet|handlingsplanen|styrdokumentet|budgeten|avtalet"
    r"|överenskommelsen|strategin|planen)\b"
    r"|\b(?:denna|detta|den här|det här|vår|vårt)\s+(?:\w+\s+)?"
    r"(?:plattform|dokument|program|handlingsplan|plan|budget|avtal|strategi)\b",
    re.IGNORECASE,
)
_WE_WANT = re.compile(r"^vi vill\s", re.IGNORECASE)


@dataclass
class _Draft:
    """An area while it is being collected."""

    title: str = ""
    title_inferred: bool = False
    heading: Unit | None = None
    narrative: list[Unit] = field(default_factory=list)
    lead_in: Unit | None = None
    commitments: list[tuple[str, int, int, str]] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)  # everything, for the span
    topic: bool = False


def parse_document(text: str, format: str = "text", *, expect_commitments: bool = True) -> ParsedDocument:
    """Parse `text` (as returned by read_document). With expect_commitments=False (news items and other
    kinds without commitments) no areas are built and nothing is raised; quantities are still found."""
    units, debris = split_units(text)
    title, units = _take_title(units)
    quantities = [q for q in find_quantities(text) if not any(s <= q.start < e for s, e in debris)]
    periods = find_periods(text)
    if not expect_commitments:
        preamble = "\n\n".join(u.text for u in units)
        return ParsedDocument(text, format, title, preamble, [], quantities, periods)

    _classify(units)
    preamble_units, drafts = _drafts(units)
    if not any(d.commitments for d in drafts):
        _we_want_commitments(text, drafts)
    if not any(d.commitments or d.topic for d in drafts):
        raise NoCommitmentsFound(
            _(
                "No commitments were found in the document. Check that the commitments are bullet lists or "
                "numbered lists (or sentences beginning “Vi vill”), or add them by hand."
            )
        )
    drafts = [d for d in drafts if d.commitments or d.topic or d.heading is not None or d.narrative]
    areas = _finish(drafts, quantities)
    preamble = "\n\n".join(u.text for u in preamble_units)
    return ParsedDocument(text, format, title, preamble, areas, quantities, periods)


def find_organisations(text: str) -> list[str]:
    """Names of municipal bodies and agencies ("Utbildningsnämnden", "Samhällsbyggnadsförvaltningen")."""
    found: list[str] = []
    for match in _ORGANISATION.finditer(text):
        if match.group(0) not in found:
            found.append(match.group(0))
    return found


def _nice_title(title: str) -> str:
    """All-uppercase headings read better in sentence case: "BOSTÄDER" → "Bostäder"."""
    title = title.strip().rstrip(":").strip()
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        return title[:1] + title[1:].lower()
    return title


def _take_title(units: list[Unit]) -> tuple[str, list[Unit]]:
    """The first unit is the title when it is a heading or a short line; a markdown heading that recurs at
    the same level later is an area heading instead, and "Mål för X" before a list is a lead-in."""
    if not units:
        return "", units
    first = units[0]
    if len(units) > 1 and units[1].kind == "item" and _AREA_FROM_LEAD_IN.match(first.text):
        return "", units  # "Mål för X" directly before a list introduces the list
    if first.kind == "heading":
        if first.style[0] < 9 and any(u.kind == "heading" and u.style == first.style for u in units[1:]):
            return "", units
        return _nice_title(first.text), units[1:]
    if (
        first.kind == "para"
        and first.lines == 1
        and len(first.text.split()) <= 10
        and not first.text.endswith(".")
    ):
        return _nice_title(first.text), units[1:]
    return "", units


def _next_content(units: list[Unit], index: int) -> Unit | None:
    for unit in units[index + 1 :]:
        if unit.kind != "group":
            return unit
    return None


def _classify(units: list[Unit]) -> None:
    """Turn heading units into area headings, group labels or lead-ins, and find lead-in paragraphs."""
    for index, unit in enumerate(units):
        if unit.kind != "heading":
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        previous = units[index - 1] if index > 0 else None
        if following is not None and following.kind == "item" and _AREA_FROM_LEAD_IN.match(unit.text):
            unit.kind = "leadin" if unit.style[0] == 9 else "heading"
        elif (
            unit.style == (9, 1)
            and following is not None
            and following.kind == "item"
            and previous is not None
            and previous.kind == "para"
            and previous.text.endswith(":")
        ):
            unit.kind = "group"
    styles = sorted({u.style for u in units if u.kind == "heading"})
    top = styles[0] if styles else None
    for index, unit in enumerate(units):
        if unit.kind == "heading" and unit.style != top:
            following = units[index + 1] if index + 1 < len(units) else None
            unit.kind = "group" if following is not None and following.kind == "item" else "para"
    for index, unit in enumerate(units):
        if unit.kind != "para":
            continue
        following = _next_content(units, index)
        if following is not None and following.kind == "item" and _is_lead_in(unit.text):
            unit.kind = "leadin"


def _is_lead_in(text: str) -> bool:
    return (text.endswith(":") and len(text.split()) <= 30) or any(p.search(text) for p in _LEAD_IN_PHRASES)


def _sections(units: list[Unit]) -> list[tuple[Unit | None, list[Unit]]]:
    sections: list[tuple[Unit | None, list[Unit]]] = [(None, [])]
    for unit in units:
        if unit.kind == "heading":
            sections.append((unit, []))
        else:
            sections[-1][1].append(unit)
    return sections


def _drafts(units: list[Unit]) -> tuple[list[Unit], list[_Draft]]:
    """Collect area drafts and the units that belong to the preamble."""
    sections = _sections(units)
    has_topics = any(u.kind == "item" and u.description is not None for u in units)
    preamble: list[Unit] = []
    drafts: list[_Draft] = []
    for heading, body in sections:
        if heading is None and not body:
            continue
        if heading is None and len(sections) > 1 and not any(u.kind == "item" for u in body):
            preamble.extend(body)  # text between the title and the first heading
            continue
        section_drafts = _section_drafts(heading, body)
        if heading is None and section_drafts:
            first = section_drafts[0]
            while first.narrative and _ABOUT_DOCUMENT.search(first.narrative[0].text):
                intro = first.narrative.pop(0)
                first.units.remove(intro)
                preamble.append(intro)
        if has_topics:
            for draft in section_drafts:
                if draft.commitments or draft.topic:
                    drafts.append(draft)
                else:
                    preamble.extend(
                        u for u in draft.units if u.kind in ("para", "leadin", "heading", "group")
                    )
        else:
            drafts.extend(section_drafts)
    return preamble, drafts


def _section_drafts(heading: Unit | None, body: list[Unit]) -> list[_Draft]:
    """One area per headed section; an untitled section is split at every narrative-list cycle."""
    last_item = max((i for i, u in enumerate(body) if u.kind == "item"), default=-1)
    drafts: list[_Draft] = []
    current = _Draft(heading=heading)
    if heading is not None:
        current.title = _nice_title(heading.text)
        current.units.append(heading)
        name = _AREA_FROM_LEAD_IN.match(current.title)
        if name:
            current.lead_in, current.title = heading, name.group("name")
    stack: list[Unit] = []
    group = ""
    for index, unit in enumerate(body):
        if unit.kind == "item" and unit.description is not None:
            topic = _Draft(title=unit.text, heading=unit, topic=True, units=[unit, unit.description])
            topic.narrative.append(unit.description)
            if current.units or current.narrative:
                drafts.append(current)
                current = _Draft()
            drafts.append(topic)
            continue
        list_ended = bool(current.commitments) and unit.kind in ("para", "leadin")
        if list_ended and heading is None and index < last_item:
            drafts.append(current)
            current = _Draft()
        if unit.kind in ("para", "leadin"):
            stack.clear()
            group = ""
        current.units.append(unit)
        if unit.kind == "para":
            current.narrative.append(unit)
        elif unit.kind == "leadin":
            if current.lead_in is None:
                current.lead_in = unit
                name = _AREA_FROM_LEAD_IN.match(unit.text)
                if name and not current.title:
                    current.title = name.group("name")
            else:
                current.narrative.append(unit)
        elif unit.kind == "group":
            stack.clear()
            group = unit.text
        elif unit.kind == "item":
            _add_item(current, stack, unit, group)
    if current.units or current.narrative:
        drafts.append(current)
    return drafts


def _is_child(unit: Unit, parent: Unit) -> bool:
    return unit.indent > parent.indent or (unit.mark_kind == "letter" and parent.mark_kind != "letter")


def _add_item(draft: _Draft, stack: list[Unit], unit: Unit, group: str) -> None:
    """Add a list item; an item that turns out to have children becomes their group label instead."""
    while stack and not _is_child(unit, stack[-1]):
        stack.pop()
    if stack:
        parent = stack[-1]
        draft.commitments = [c for c in draft.commitments if (c[1], c[2]) != (parent.start, parent.end)]
        parents = [p.text.rstrip(":") for p in stack]
        unit_group = ": ".join(parents)
    else:
        unit_group = group
    draft.commitments.append((unit.text, unit.start, unit.end, unit_group))
    stack.append(unit)


def _we_want_commitments(text: str, drafts: list[_Draft]) -> None:
    """Without any lists, each "Vi vill …" sentence is a commitment of its area."""
    for draft in drafts:
        kept: list[Unit] = []
        for unit in draft.narrative:
            rest: list[str] = []
            position = unit.start
            while position < unit.end:
                start, end = sentence_span(text, position)
                start, end = max(start, unit.start), min(end, unit.end)
                if end <= position:
                    end = unit.end
                sentence = re.sub(r"\s+", " ", text[start:end]).strip()
                if _WE_WANT.match(sentence):
                    draft.commitments.append((sentence, start, end, ""))
                elif sentence:
                    rest.append(sentence)
                position = end + 1
            if rest:
                kept.append(Unit("para", " ".join(rest), unit.start, unit.end))
        draft.narrative = kept


def _finish(drafts: list[_Draft], quantities: list[Quantity]) -> list[ParsedArea]:
    taken = {d.title for d in drafts if d.title}
    areas: list[ParsedArea] = []
    for draft in drafts:
        title, inferred = draft.title, False
        narrative = "\n\n".join(u.text for u in draft.narrative)
        if not title:
            title = name_area(narrative, [c[0] for c in draft.commitments], taken)
            taken.add(title)
            inferred = True
        spans = [(u.start, u.end) for u in draft.units] + [(c[1], c[2]) for c in draft.commitments]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        commitments = [
            ParsedCommitment(
                text=c_text,
                start=c_start,
                end=c_end,
                quantities=[q for q in quantities if c_start <= q.start < c_end],
                organisations=find_organisations(c_text),
                group=c_group,
            )
            for c_text, c_start, c_end, c_group in draft.commitments
        ]
        in_commitments = {id(q) for c in commitments for q in c.quantities}
        lead_in = draft.lead_in.text if draft.lead_in is not None else ""
        heading_text = draft.heading.text if draft.heading is not None and not draft.topic else ""
        areas.append(
            ParsedArea(
                title=title,
                title_inferred=inferred,
                narrative=narrative,
                lead_in=lead_in,
                start=start,
                end=end,
                commitments=commitments,
                quantities=[q for q in quantities if start <= q.start < end and id(q) not in in_commitments],
                organisations=find_organisations(f"{heading_text}\n{lead_in}"),
            )
        )
    return areas
