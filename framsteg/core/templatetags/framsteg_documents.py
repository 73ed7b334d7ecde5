"""Template tags for `framsteg.core.documents`: what kind a block is, and a cell's text or link."""

from django import template
from django.utils.html import format_html

from framsteg.core import documents

register = template.Library()

KINDS = (
    (documents.Section, "section"),
    (documents.Paragraph, "paragraph"),
    (documents.Note, "note"),
    (documents.Table, "table"),
)


@register.simple_tag
def block_kind(block) -> str:
    for cls, name in KINDS:
        if isinstance(block, cls):
            return name
    return ""


@register.simple_tag
def document_cell(value) -> str:
    if isinstance(value, documents.Link):
        return format_html('<a href="{}">{}</a>', value.url, value.text)
    return documents.cell_text(value)
