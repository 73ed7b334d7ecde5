"""Open311 documents as XML or JSON, and the spec's error responses.

A document is built once as plain Python data (dicts, lists, strings, numbers, booleans, None) and written
in either format. JSON follows the spec's "Spark convention": a list at the root is a bare array, and a list
inside a document is an array. In XML a list becomes a container element whose children are named after
`ITEM_TAGS` (services/service, attributes/attribute, ...).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpResponse

XML = "xml"
JSON = "json"
FORMATS = (XML, JSON)
CONTENT_TYPES = {XML: "text/xml; charset=utf-8", JSON: "application/json; charset=utf-8"}
MEDIA_TYPES = ["text/xml", "application/json"]

ITEM_TAGS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "commitments": "commitment",
}

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# Characters XML 1.0 cannot carry at all, even escaped; residents' texts may hold them (pasted from Word).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_IN_XML.sub("", str(value))


def _append(parent: ET.Element, tag: str, value: Any) -> None:
    element = ET.SubElement(parent, tag)
    _fill(element, tag, value)


def _fill(element: ET.Element, tag: str, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _append(element, ITEM_TAGS[tag], item)
    else:
        element.text = _text(value)


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, root, value)
    return (XML_DECLARATION + ET.tostring(element, encoding="unicode")).encode()


def to_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def document(fmt: str, root: str, value: Any, status: int = 200) -> HttpResponse:
    """A response holding `value`, with `root` naming the XML root element (JSON has no root name)."""
    body = to_xml(root, value) if fmt == XML else to_json(value)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, descriptions: list[str]) -> HttpResponse:
    """The spec's error document: one entry per problem, each carrying the HTTP status as its code."""
    body = [{"code": status, "description": str(description)} for description in descriptions]
    return document(fmt if fmt in FORMATS else XML, "errors", body, status=status)


class Open311Error(Exception):
    """A request that cannot be answered: rendered as the spec's error document with `status`.

    `headers` are added to the response, e.g. Retry-After on a 429.
    """

    def __init__(self, status: int, *descriptions: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = list(descriptions)
        self.headers = headers or {}

    def response(self, fmt: str) -> HttpResponse:
        response = errors(fmt, self.status, self.descriptions)
        for name, value in self.headers.items():
            response[name] = value
        return response
