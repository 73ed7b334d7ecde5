"""Turn uploaded bytes into the plain text that the parser and the stored document share.

The returned text is stored verbatim and all offsets refer to it, so readers only normalise newlines
and render structure (headings, list items) as plain lines the parser can recognise.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

from django.utils.translation import gettext as _

__all__ = ["DocumentReadError", "read_document"]


class DocumentReadError(Exception):
    """A document cannot be read; the message is shown to the user and says what to do next."""


_IMAGE_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"RIFF",
    b"II*\x00",
    b"MM\x00*",
)
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<!--)", re.IGNORECASE)
_HTML_TAGS = re.compile(rb"<(p|div|h[1-6]|ul|ol|li|br|section|article)\b[^>]*>", re.IGNORECASE)


def read_document(data: bytes, filename: str) -> tuple[str, str]:
    """Return (text, format) with format "text", "html" or "docx", detected from content and extension."""
    name = filename.lower()
    if not data.strip():
        raise DocumentReadError(_("The file is empty. Choose a file that contains the document's text."))
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(data), "docx"
    if name.endswith((".docx", ".doc")):
        raise DocumentReadError(
            _(
                "The file is named .docx but is not a Word document that can be read. "
                "Save the document as .docx in Word again and upload it anew."
            )
        )
    if data.startswith(b"%PDF"):
        raise DocumentReadError(
            _(
                "PDF files cannot be imported. Save the document as Word (.docx), or copy the text "
                "into a text file (UTF-8) and upload that."
            )
        )
    if data.startswith(_IMAGE_SIGNATURES) or b"\x00" in data[:4096]:
        raise DocumentReadError(
            _(
                "The file seems to be an image or other binary file and holds no readable text. "
                "Upload the document as Word (.docx), HTML or a text file."
            )
        )
    text = _decode(data)
    if not text.strip():
        raise DocumentReadError(_("The file is empty. Choose a file that contains the document's text."))
    is_html = (
        name.endswith((".html", ".htm"))
        or bool(_HTML_START.match(data))
        or (not name.endswith((".txt", ".md")) and len(_HTML_TAGS.findall(data[:20000])) >= 2)
    )
    if is_html:
        html_text = html_to_text(text)
        if not html_text.strip():
            raise DocumentReadError(
                _("The web page holds no text to import. Check that the right file was chosen.")
            )
        return html_text, "html"
    return _normalise_newlines(text), "text"


def _decode(data: bytes) -> str:
    """Decode strictly as UTF-8: guessing another encoding silently corrupts å, ä and ö."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentReadError(
            _(
                "The file is not encoded as UTF-8, so letters such as å, ä and ö would come out wrong. "
                "Open the file in a text editor, save it as UTF-8 and upload it again."
            )
        ) from None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- HTML


class _HtmlToText(HTMLParser):
    """Render HTML as paragraphs, heading lines and bullet lines; navigation chrome is dropped."""

    SKIP = {
        "head",
        "title",
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "template",
        "form",
        "button",
        "svg",
    }
    BLOCK = {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "table",
        "tr",
        "dl",
        "dt",
        "dd",
        "figure",
    }
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []  # finished lines; "" marks a paragraph break
        self.current: list[str] = []
        self.skip_depth = 0
        self.lists: list[list[int]] = []  # stack of [is_ordered, counter]
        self.prefix = ""

    def _flush(self) -> None:
        line = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = []
        if line:
            self.blocks.append(self.prefix + line)
        self.prefix = ""

    def _break(self) -> None:
        self._flush()
        if self.blocks and self.blocks[-1] != "":
            self.blocks.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in self.HEADINGS or (tag in self.BLOCK and not self.lists):
            self._break()
        elif tag in ("ul", "ol"):
            if self.lists:
                self._flush()
            else:
                self._break()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._flush()
            indent = " " * (1 + 2 * max(len(self.lists) - 1, 0))
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.prefix = f"{indent}{self.lists[-1][1]}. "
            else:
                self.prefix = f"{indent}• "
        elif tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip_depth = max(self.skip_depth - 1, 0)
            return
        if self.skip_depth:
            return
        if tag in self.HEADINGS or (tag in self.BLOCK and not self.lists):
            self._break()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._break()
        elif tag == "li":
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.current.append(data)

    def text(self) -> str:
        self._break()
        return "\n".join(self.blocks).strip("\n") + "\n"


def html_to_text(html: str) -> str:
    """Convert HTML to the plain-text layout the parser understands."""
    parser = _HtmlToText()
    parser.feed(_normalise_newlines(html))
    parser.close()
    return parser.text()


# --------------------------------------------------------------------------- DOCX


def _read_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            is_docx = "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        is_docx = False
    if not is_docx:
        raise DocumentReadError(
            _(
                "The file is a zip archive but not a Word document. Unpack the archive and upload "
                "the document as Word (.docx), HTML or a text file."
            )
        )
    try:
        return docx_to_text(data)
    except DocumentReadError:
        raise
    except Exception:
        raise DocumentReadError(
            _("The Word document could not be read. Open it in Word, save it as .docx and try again.")
        ) from None


def docx_to_text(data: bytes) -> str:
    """Paragraphs in order; headings as their own paragraph, list paragraphs as bullet or number lines."""
    import docx  # python-docx is only needed for Word files

    document = docx.Document(io.BytesIO(data))
    formats = _numbering_formats(document)
    lines: list[str] = []
    counters: dict[tuple[str, int], int] = {}
    in_list = False
    for paragraph in document.paragraphs:
        text = re.sub(r"[ \t]+", " ", paragraph.text).strip()
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        num_id, level = _num_props(paragraph)
        lowered = style.lower()
        is_list = num_id is not None or lowered.startswith(("list bullet", "list number"))
        if not text:
            if in_list:
                lines.append("")
                in_list = False
                counters.clear()
            continue
        if is_list:
            if num_id is None:
                match = re.search(r"(\d+)$", style)
                level = int(match.group(1)) - 1 if match else 0
            ordered = "number" in lowered or (
                num_id is not None and formats.get((num_id, level), "bullet") != "bullet"
            )
            if not in_list and lines and lines[-1] != "":
                lines.append("")
            indent = " " * (1 + 2 * level)
            if ordered:
                key = (num_id or style, level)
                counters[key] = counters.get(key, 0) + 1
                for other in [k for k in counters if k[0] == key[0] and k[1] > level]:
                    del counters[other]
                lines.append(f"{indent}{counters[key]}. {text}")
            else:
                lines.append(f"{indent}• {text}")
            in_list = True
            continue
        if lines and lines[-1] != "":
            lines.append("")
        in_list = False
        counters.clear()
        lines.append(text)
        lines.append("")
    return "\n".join(lines).strip("\n") + "\n"


def _num_props(paragraph: object) -> tuple[str | None, int]:
    """The paragraph's numbering id and level, from its own properties or its style."""
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None:
        return None, 0
    num_id = num_pr.numId.val if num_pr.numId is not None else None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    if num_id in (None, 0):
        return None, 0
    return str(num_id), int(level)


def _numbering_formats(document: object) -> dict[tuple[str, int], str]:
    """Map (numId, level) to the numFmt ("bullet", "decimal" …) so numbered lists keep their numbers."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    except Exception:
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for node in numbering.iter(f"{ns}abstractNum"):
        levels = {}
        for lvl in node.iter(f"{ns}lvl"):
            fmt = lvl.find(f"{ns}numFmt")
            levels[int(lvl.get(f"{ns}ilvl", "0"))] = fmt.get(f"{ns}val") if fmt is not None else "bullet"
        abstract[node.get(f"{ns}abstractNumId", "")] = levels
    formats: dict[tuple[str, int], str] = {}
    for num in numbering.iter(f"{ns}num"):
        ref = num.find(f"{ns}abstractNumId")
        levels = abstract.get(ref.get(f"{ns}val", "") if ref is not None else "", {})
        for level, fmt in levels.items():
            formats[(num.get(f"{ns}numId", ""), level)] = fmt
    return formats
