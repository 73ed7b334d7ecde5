"""Recognise web-page debris: navigation words, image names and captions, contact details, social links.

Scraped pages mix site chrome into the text. These rules are generic (a lexicon plus patterns), so the
same page template from another municipality is cleaned the same way.
"""

from __future__ import annotations

import re

__all__ = ["is_caption_cluster", "is_debris_line", "opens_debris_block"]

NAVIGATION = frozenset(
    """
    translate|telefon|kontakt|kontakta oss|öppna mobilmenyn|stäng mobilmenyn|öppna meny|stäng meny|meny|menu|
    sök|search|sök på webbplatsen|skriv ut|dela|dela sidan|dela på facebook|tipsa en vän|tillbaka|till toppen|
    hoppa till innehåll|gå till innehåll|logga in|logga ut|dölj meddelande|visa meddelande|stäng|lyssna|
    läs upp|lyssna på sidan|cookies|startsida|start|english|other languages|languages|språk|hitta direkt|
    genvägar|följ oss|relaterade sidor|relaterat|på den här sidan|innehåll på sidan|mer information|
    e-tjänster|självservice|bilder|bild|foto|visa fler|visa alla|nyheter|senaste nytt|till startsidan
    """.replace("\n", "").split("|")
)
_NAV = {item.strip() for item in NAVIGATION if item.strip()}

_PATTERNS = [
    re.compile(r"^läs mer\b", re.IGNORECASE),
    re.compile(r"^(senast (uppdaterad|ändrad|granskad)|sidan (uppdaterades|granskades))\b", re.IGNORECASE),
    re.compile(r"^(publicerad|uppdaterad|granskad)( den)?:?\s*\d", re.IGNORECASE),
    re.compile(r"^\S+\.(jpe?g|png|gif|webp|svg|bmp|tiff?|pdf)$", re.IGNORECASE),  # file names
    re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$"),  # slugs and alt texts such as "sol-has-bg"
    re.compile(r"^(tel(efon)?|mobil|fax|växel)?\.?:?\s*(\+46|0)[\d\s–-]{6,}$", re.IGNORECASE),  # phone
    re.compile(r"^(facebook|instagram|twitter|x|linkedin|youtube|tiktok|flickr)\b.{0,40}$", re.IGNORECASE),
    re.compile(r"^(foto|bild|illustration|fotograf)\s*:", re.IGNORECASE),
    re.compile(r",\s*foto$", re.IGNORECASE),  # image captions that end with ", foto"
    re.compile(r"^(besöksadress|postadress|adress|e-post|epost|mejl|org\.?\s*nr)\b", re.IGNORECASE),
    re.compile(r"^https?://\S+$|^www\.\S+$"),
]
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_ADDRESS = re.compile(r"^[A-ZÅÄÖ][\wåäö]*(vägen|gatan|gränd|torget|backen|allé|stigen|platsen)\s+\d+\w?\b")
_POSTCODE_PLACE = re.compile(r"\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][\wåäö]+$")
_BLOCK_OPENERS = re.compile(
    r"^(störningsinformation|driftinformation|viktigt meddelande|cookie)", re.IGNORECASE
)


def _normal(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip().rstrip(":").strip().lower()


def is_debris_line(line: str, *, list_item: bool = False) -> bool:
    """True for a line that is site chrome rather than document content. List items may be short
    lowercase phrases ("i Fittja"), so the alt-text rule does not apply to them."""
    text = line.strip()
    if not text:
        return False
    if _normal(text) in _NAV:
        return True
    if any(pattern.search(text) for pattern in _PATTERNS):
        return True
    words = text.split()
    if _EMAIL.search(text) and len(words) <= 8:
        return True
    if _ADDRESS.search(text) or (_POSTCODE_PLACE.search(text) and len(words) <= 6):
        return True
    # A lone lowercase word or two without punctuation is an image alt text ("kvinna").
    return not list_item and len(words) <= 3 and text[0].islower() and not re.search(r"[.:;!?]$", text)


def opens_debris_block(line: str) -> bool:
    """A line that starts a site message; the rest of its block is dropped with it."""
    return bool(_BLOCK_OPENERS.match(line.strip()))


def is_caption_cluster(lines: list[str]) -> bool:
    """Several very short unpunctuated lines in one block are image alt texts or menu entries."""
    return len(lines) >= 2 and all(
        len(line.split()) <= 4 and not re.search(r"[.:;!?,]$", line.strip()) for line in lines
    )
