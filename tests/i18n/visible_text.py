"""Finding text in a page that is not in the page's language.

A page in Arabic or Somali may show content that exists only in Swedish (a plan text, an organisation's name)
or English, but only inside an element that says so with a `lang` attribute. Everything else a visitor sees
or hears must be in the page's language. Two things give an untranslated interface string away:

- its English msgid or its Swedish translation (Django falls back to the default language, Swedish, for a
  msgid without translation) appears in the text;
- the text is English or Swedish: it holds words that occur in the catalogue's English msgids (or its
  Swedish translations) but in none of the translations into the page's language. This also catches
  Django's own strings, which are not in framsteg's catalogue and fall back to Swedish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from lxml import html

LOCALE_DIR = Path(settings.BASE_DIR) / "framsteg" / "locale"
# Elements whose text nobody sees or hears.
HIDDEN_ELEMENTS = {"script", "style", "template", "noscript"}
# Elements whose text cannot mark a part of itself with a language: the document's title and an SVG's title
# and description. What they hold is shown in the page as well, marked there.
UNMARKABLE_ELEMENTS = {
    "title",
    "desc",
    "{http://www.w3.org/2000/svg}title",
    "{http://www.w3.org/2000/svg}desc",
}
# Attributes that are read aloud or shown.
SPOKEN_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
# Names and technical terms that are the same in every language.
SAME_IN_EVERY_LANGUAGE = {
    "framsteg",
    "botkyrka",
    "kolada",
    "javascript",
    "wcag",
    "axe-core",
    "atom",
    "open311",
    "csv",
    "api",
    "word",
    "docx",
}
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+(?:[-'][A-Za-z]+)*")


@dataclass(frozen=True)
class Finding:
    text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.text!r}"


def _strings(message) -> list[str]:
    values = message.string if isinstance(message.string, tuple) else (message.string,)
    return [value for value in values if value]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _catalogue(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language)


# What in a catalogue's text is not words of the language: placeholders and markup.
NOT_WORDS = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]*>|&\w+;")


def _words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(NOT_WORDS.sub(" ", text))}


@dataclass(frozen=True)
class Vocabulary:
    untranslated: frozenset[str]  # English msgids and their Swedish fallbacks, as they would show
    english: frozenset[str]  # words that give English text away
    swedish: frozenset[str]  # words that give Swedish text away


@cache
def vocabulary(language: str) -> Vocabulary:
    target, swedish = _catalogue(language), _catalogue("sv")
    swedish_by_id = {_ids(message)[0]: _strings(message) for message in swedish if message.id}
    untranslated: set[str] = set()
    english: set[str] = set()
    translated_words: set[str] = set()
    swedish_words: set[str] = set()
    for message in swedish:
        if message.id:
            for text in _strings(message):
                swedish_words |= {word for word in _words(text) if len(word) >= 4}
    english_ids: set[str] = set()
    for message in target:
        if not message.id:
            continue
        for text in _ids(message):
            english |= {word for word in _words(text) if len(word) >= 3}
        for text in _ids(message):
            english_ids |= _words(text)
        strings = _strings(message)
        if strings and not message.fuzzy:
            for text in strings:
                translated_words |= _words(text)
            continue
        for text in _ids(message) + swedish_by_id.get(_ids(message)[0], []):
            shown = re.sub(r"%\(\w+\)[sd]|\{\w+\}|%%", " ", text).strip()
            if len(shown) >= 12:  # short words such as "No" are too common to tell anything
                untranslated.add(_normalise(shown))
    english -= translated_words | swedish_words | SAME_IN_EVERY_LANGUAGE
    swedish_words -= translated_words | english_ids | SAME_IN_EVERY_LANGUAGE
    return Vocabulary(frozenset(untranslated), frozenset(english), frozenset(swedish_words))


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _marked(element) -> bool:
    """Whether `element` or an ancestor below the root states its language."""
    while element is not None and element.tag != "html":
        if element.get("lang") is not None:
            return True
        element = element.getparent()
    return False


def unmarked_texts(page: str) -> list[str]:
    """The texts of `page` a visitor sees or hears that no element below the root marks with a language."""
    tree = html.document_fromstring(page)
    texts = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in HIDDEN_ELEMENTS:
            continue
        if any(ancestor.tag in HIDDEN_ELEMENTS for ancestor in element.iterancestors()):
            continue
        marked = _marked(element) or element.tag in UNMARKABLE_ELEMENTS
        if not marked:
            if element.text and element.text.strip():
                texts.append(element.text)
            texts.extend(element.get(name) for name in SPOKEN_ATTRIBUTES if element.get(name))
        # The tail belongs to the parent's language.
        parent = element.getparent()
        if element.tail and element.tail.strip() and parent is not None and not _marked(parent):
            texts.append(element.tail)
    return [_normalise(text) for text in texts if text.strip()]


def foreign_text(page: str, language: str) -> list[Finding]:
    """What in `page`, shown in `language`, is an untranslated interface string or English."""
    words = vocabulary(language)
    findings = []
    for text in unmarked_texts(page):
        if any(untranslated in text for untranslated in words.untranslated if len(untranslated) <= len(text)):
            findings.append(Finding(text, "untranslated interface text"))
            continue
        for name, vocabulary_words in (("English", words.english), ("Swedish", words.swedish)):
            found = sorted(_words(text) & vocabulary_words)
            if len(found) >= 2 or (found and len(_words(text)) == len(found)):
                findings.append(Finding(text, f"{name} ({', '.join(found)})"))
                break
    return findings


# A case reference such as 2026-00005: digits around a hyphen, which
# right-to-left text turns around ("00005-2026") unless the reference is isolated left to right.
REFERENCE = re.compile(r"\b\d{4}-\d{5}\b")


def unisolated_references(page: str) -> list[str]:
    """References in the text of `page` that no element marked `dir="ltr"` isolates."""
    tree = html.document_fromstring(page)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in HIDDEN_ELEMENTS | UNMARKABLE_ELEMENTS:
            continue
        isolated = any(node.get("dir") == "ltr" for node in [element, *element.iterancestors()])
        parent = element.getparent()
        parent_isolated = parent is not None and any(
            node.get("dir") == "ltr" for node in [parent, *parent.iterancestors()]
        )
        if element.text and not isolated:
            found += REFERENCE.findall(element.text)
        if element.tail and not parent_isolated:
            found += REFERENCE.findall(element.tail)
    return found
