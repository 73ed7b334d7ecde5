"""`{{ value|sv }}`, `{{ value|in_lang:code }}`, `{{ value|ltr }}` and `{% lang_sv %}`.

See framsteg.core.marking."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from framsteg.core import marking

register = template.Library()

register.filter("in_lang", marking.in_lang)
register.filter("sv", marking.sv)
register.filter("ltr", marking.ltr)


@register.simple_tag
def lang_sv():
    """` lang="sv"` for an element holding Swedish-only content, on pages in other languages."""
    return mark_safe(' lang="sv" dir="ltr"') if marking.page_language() != "sv" else ""
