"""The readable text of a message: HTML as plain text, format=flowed lines joined, signatures removed, and in
a reply the quoted earlier messages left out."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# "On 10 March, X wrote:", and "Den 10 mars skrev X:" with the name after the verb, as Swedish clients put it.
ATTRIBUTION = re.compile(r"\b(wrote|skrev|kirjoitti|schrieb|a écrit|escribió|كتب)\b.*:\s*$", re.I)
ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{3,}\s*(original message|ursprungligt meddelande|alkuperäinen viesti)\s*-{3,}\s*$", re.I
)
OUTLOOK_SEPARATOR = re.compile(r"^\s*_{10,}\s*$")
OUTLOOK_FROM = re.compile(r"^\s*(from|från|lähettäjä)\s*:", re.I)
# "Sent from my iPhone" and its kind, in the languages residents write in; only ever removed as the last line.
MOBILE_SIGNATURE = re.compile(
    r"^\s*(skickat från|sent from|hämta outlook|get outlook for|lähetetty|laga soo diray|"
    r"تم الإرسال من|أرسلت من|مرسل من)",
    re.I,
)


def unflow(text: str, delete_space: bool = False) -> str:
    """Join the lines of format=flowed text (RFC 3676): a line ending in a space continues on the next."""
    lines, pending = [], ""
    for line in text.split("\n"):
        if line.startswith(" "):  # space-stuffing
            line = line[1:]
        if line.endswith(" ") and line != "-- ":
            pending += line[:-1] if delete_space else line
            continue
        lines.append(pending + line)
        pending = ""
    if pending:
        lines.append(pending)
    return "\n".join(lines)


class _HtmlText(HTMLParser):
    """The text of an HTML message with its line breaks; scripts, styles and (in replies) quotes left out."""

    BLOCKS = {
        "div",
        "tr",
        "ul",
        "ol",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "pre",
        "hr",
    }
    PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl"}
    HIDDEN = {"script", "style", "head", "title", "template", "noscript"}
    QUOTE_CLASSES = {"gmail_quote", "moz-cite-prefix", "yahoo_quoted"}
    SIGNATURE_CLASSES = {"gmail_signature", "moz-signature"}

    def __init__(self, drop_quotes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_quotes = drop_quotes
        self.pieces: list[str] = []
        self.hidden = 0
        # While inside an element that is left out: its tag name and how deep the same tag is nested in it.
        self.skipping: tuple[str, int] | None = None
        self.preformatted = 0

    def _skip_element(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        classes = set((dict(attrs).get("class") or "").split())
        if classes & self.SIGNATURE_CLASSES:
            return True
        return self.drop_quotes and (tag == "blockquote" or bool(classes & self.QUOTE_CLASSES))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping is not None:
            name, depth = self.skipping
            if tag == name:
                self.skipping = (name, depth + 1)
            return
        if tag in self.HIDDEN:
            self.hidden += 1
        elif self._skip_element(tag, attrs):
            self.skipping = (tag, 1)
        elif tag == "br":
            self.pieces.append("\n")
        elif tag == "li":
            self.pieces.append("\n- ")
        elif tag in self.PARAGRAPHS:
            self.pieces.append("\n\n")
        elif tag in self.BLOCKS:
            self.pieces.append("\n")
            if tag == "pre":
                self.preformatted += 1
        elif tag in ("td", "th"):
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            name, depth = self.skipping
            if tag == name:
                self.skipping = (name, depth - 1) if depth > 1 else None
            return
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.PARAGRAPHS:
            self.pieces.append("\n\n")
        elif tag in self.BLOCKS:
            self.pieces.append("\n")
            if tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden or self.skipping is not None:
            return
        data = data.replace("\xa0", " ")
        self.pieces.append(data if self.preformatted else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        return "".join(self.pieces)


def html_to_text(html: str, drop_quotes: bool = False) -> str:
    """Plain text of an HTML message: tags removed, line breaks kept, nothing executed or fetched."""
    parser = _HtmlText(drop_quotes)
    parser.feed(html)
    parser.close()
    text = "\n".join(line.strip() for line in parser.text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_text(text: str, is_reply: bool = False) -> str:
    """The text without its signature and, in a reply, without the quoted earlier messages."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    for index, line in enumerate(lines):
        if line.rstrip() == "--":  # the standard signature separator "-- "
            lines = lines[:index]
            break
    if is_reply:
        lines = _without_quoted_chain(lines)
    lines = [line.rstrip() for line in lines]
    while lines and (not lines[-1].strip() or (len(lines[-1]) < 80 and MOBILE_SIGNATURE.match(lines[-1]))):
        lines.pop()
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _without_quoted_chain(lines: list[str]) -> list[str]:
    def next_text_line(start: int) -> str:
        return next((line for line in lines[start:] if line.strip()), "")

    for index, line in enumerate(lines):
        if ORIGINAL_MESSAGE.match(line):
            return lines[:index]
        if OUTLOOK_SEPARATOR.match(line) and OUTLOOK_FROM.match(next_text_line(index + 1)):
            return lines[:index]
        if ATTRIBUTION.search(line) and next_text_line(index + 1).startswith(">"):
            return lines[:index]
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith(">")):
        lines = lines[:-1]
    return lines
