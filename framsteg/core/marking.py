"""Marking text for the language it is in and for the direction it reads.

`sv(area.title)` marks content that exists only in Swedish (plan texts, titles, names written by staff) with
`lang="sv"` when the page is in another language, so that screen readers pronounce it as Swedish and the page
says honestly which parts are not translated. `in_lang(value, code)` does the same for content whose
language is known (a status label that fell back to Swedish). `ltr(value)` isolates a token that reads left
to right (a reference such as 2026-00005, a KPI id, an ISO date) so that it is not turned around inside
right-to-left text.
The template filters of the same names (`{% load framsteg_lang %}`) call these.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info


def page_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def in_lang(value, language: str):
    """`value` in an element marked with `language`, when that is not the page's language."""
    if value in (None, "") or not language or language[:2] == page_language():
        return value
    if not any(character.isalpha() for character in str(value)):  # a symbol or a number: no language
        return value
    direction = "rtl" if get_language_info(language[:2]).get("bidi") else "ltr"
    return format_html('<span lang="{}" dir="{}">{}</span>', language, direction, value)


def sv(value):
    """`value`, written only in Swedish, marked as Swedish on pages in other languages."""
    return in_lang(value, "sv")


def ltr(value):
    """`value` isolated as left-to-right text: a reference, a date in digits, a number with its sign."""
    if value in (None, ""):
        return value
    return format_html('<bdi dir="ltr">{}</bdi>', value)
