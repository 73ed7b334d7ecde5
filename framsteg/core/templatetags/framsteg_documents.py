"""Template tags for `framsteg.core.documents`: what kind a block is, and a cell's text or link."""

import base64

from django import template
from django.utils.html import format_html

from framsteg.core import documents

register = template.Library()

KINDS = (
    (documents.Section, "section"),
    (documents.Paragraph, "paragraph"),
    (documents.Note, "note"),
    (documents.Table, "table"),
    (documents.Figure, "figure"),
)


@register.simple_tag
def block_kind(block) -> str:
    for cls, name in KINDS:
        if isinstance(block, cls):
            return name
    return ""


@register.simple_tag
def document_body(document) -> str:
    return documents.render_body(document)


@register.simple_tag
def figure_image(figure) -> str:
    """The figure's drawing as an image with its text alternative (a data: URL: no inline SVG styles, and
    the PDF tags it as a figure with /Alt)."""
    data = base64.b64encode(figure.svg.encode("utf-8")).decode("ascii")
    return format_html(
        '<img class="document-figure__image" src="data:image/svg+xml;base64,{}" alt="{}">',
        data,
        figure.description,
    )


@register.simple_tag
def document_cell(value) -> str:
    if isinstance(value, documents.Link):
        return format_html('<a href="{}">{}</a>', value.url, value.text)
    return documents.cell_text(value)
