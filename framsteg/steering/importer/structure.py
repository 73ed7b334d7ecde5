"""Split document text into units: paragraphs, list items, headings and lead-ins, with offsets.

Rules:
- list items start with • · ▪ - * – or "1." "1)" "a)"; a following line without a blank line in between
  that is indented or starts in lowercase continues the item (wrapped bullets are joined);
- an indented paragraph right after a short item is that item's description (the item is a topic);
- debris lines (see debris.py) are dropped; a block of short unpunctuated lines is a caption cluster;
- headings are markdown "#" lines, all-uppercase short lines, or short lines without final
  punctuation that are followed by more content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .debris import is_caption_cluster, is_debris_line, opens_debris_block

__all__ = ["Unit", "split_units"]

_ITEM = re.compile(
    r"^(?P<indent>[ \t\u00a0]*)(?P<mark>[•·▪◦‣●○■►*–—-]|\d{1,2}[.)]|[a-zåäö]\))"
    r"[ \t\u00a0]+(?P<body>\S.*?)\s*$"
)
_MARKDOWN_HEADING = re.compile(r"^\s*(?P<hashes>#{1,6})\s+(?P<body>.+?)\s*#*\s*$")
_QUOTE = re.compile(r",\s*(säger|sa|skriver|menar)\s", re.IGNORECASE)
_FINAL_PUNCTUATION = re.compile(r"[.!?:;,…]$")
MAX_HEADING_WORDS = 10


@dataclass
class Unit:
    """A paragraph ("para"), list item ("item") or heading ("heading") with its span in the text."""

    kind: str
    text: str
    start: int
    end: int
    indent: int = 0
    mark: str = ""
    style: tuple[int, int] = (0, 0)  # heading rank: (markdown level or 9 for upper/plain, 0 upper / 1 plain)
    lines: int = 1
    description: Unit | None = None

    @property
    def mark_kind(self) -> str:
        if self.mark[:1].isdigit():
            return "number"
        if self.mark[:1].isalpha():
            return "letter"
        return "bullet"


@dataclass
class _Line:
    text: str
    start: int
    end: int

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t\u00a0"))


def _lines(text: str) -> list[_Line]:
    result, position = [], 0
    for raw in text.split("\n"):
        result.append(_Line(raw, position, position + len(raw)))
        position += len(raw) + 1
    return result


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.stripped:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _content_span(line: _Line) -> tuple[int, int]:
    lead = line.indent
    return line.start + lead, line.start + len(line.text.rstrip())


def split_units(text: str) -> tuple[list[Unit], list[tuple[int, int]]]:
    """Return (units, debris spans) for the document text."""
    units: list[Unit] = []
    debris: list[tuple[int, int]] = []
    for block in _blocks(_lines(text)):
        if opens_debris_block(block[0].text):
            debris.append((block[0].start, block[-1].end))
            continue
        plain = [line.stripped for line in block if not _ITEM.match(line.text)]
        if len(plain) == len(block) and is_caption_cluster(plain):
            debris.append((block[0].start, block[-1].end))
            continue
        units.extend(_block_units(block, units, debris))
    _attach_descriptions(units)
    _mark_headings(units)
    return [u for u in units if u.kind != "gone"], debris


def _block_units(block: list[_Line], previous: list[Unit], debris: list[tuple[int, int]]) -> list[Unit]:
    result: list[Unit] = []
    para: list[_Line] = []

    def close_para() -> None:
        if para:
            start, _ = _content_span(para[0])
            _, end = _content_span(para[-1])
            joined = " ".join(line.stripped for line in para)
            result.append(Unit("para", joined, start, end, indent=para[0].indent, lines=len(para)))
            para.clear()

    for line in block:
        item = _ITEM.match(line.text)
        last = result[-1] if result else None
        if item and not _is_quote(item):
            close_para()
            body = item.group("body")
            if is_debris_line(body, list_item=True):
                debris.append((line.start, line.end))
                continue
            start = line.start + item.start("mark")
            result.append(
                Unit(
                    "item",
                    body,
                    start,
                    start + len(line.text.strip()),
                    indent=item.start("mark"),
                    mark=item.group("mark"),
                )
            )
            continue
        continues_item = (
            not para
            and last is not None
            and last.kind == "item"
            and (line.indent > last.indent or line.stripped[0].islower())
        )
        if continues_item:
            assert last is not None
            last.text = f"{last.text} {line.stripped}"
            last.end = _content_span(line)[1]
            continue
        if is_debris_line(line.text):
            close_para()
            debris.append((line.start, line.end))
            continue
        para.append(line)
    close_para()
    return result


def _is_quote(item: re.Match[str]) -> bool:
    """A dash-led paragraph ending in ", säger N.N." is a quotation, not a list item."""
    return item.group("mark") in "–—-" and bool(_QUOTE.search(item.group("body")))


def _attach_descriptions(units: list[Unit]) -> None:
    """An indented paragraph after a short item describes it: the item is a topic with a description."""
    for index in range(1, len(units)):
        unit, before = units[index], units[index - 1]
        if (
            unit.kind == "para"
            and before.kind == "item"
            and unit.indent > before.indent
            and len(before.text.split()) <= 8
            and not _FINAL_PUNCTUATION.search(before.text)
        ):
            before.description = unit
            unit.kind = "gone"


def _mark_headings(units: list[Unit]) -> None:
    live = [u for u in units if u.kind != "gone"]
    for index, unit in enumerate(live):
        if unit.kind != "para" or unit.lines != 1:
            continue
        markdown = _MARKDOWN_HEADING.match(unit.text)
        if markdown:
            unit.kind, unit.text = "heading", markdown.group("body").strip()
            unit.style = (len(markdown.group("hashes")), 0)
            continue
        words = unit.text.split()
        letters = [c for c in unit.text if c.isalpha()]
        if not letters or len(words) > MAX_HEADING_WORDS or _FINAL_PUNCTUATION.search(unit.text):
            continue
        if not unit.text[0].isupper() and not unit.text[0].isdigit():
            continue
        if all(c.isupper() for c in letters) and len(letters) > 1:
            unit.kind, unit.style = "heading", (9, 0)
        elif index + 1 < len(live):
            unit.kind, unit.style = "heading", (9, 1)
