"""Refuse report bodies larger than any report can be, before a byte of them is read.

Django reads an upload to the end (into a temporary file) before a view can look at it, so a body of
hundreds of megabytes would be received in full only to be refused. The limit here is what the largest
honest report needs: the allowed number of photos at their largest, plus room for the text. A web server in
front should have a limit of its own (nginx `client_max_body_size`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from framsteg.dialogue.open311.render import FORMATS, XML, errors

TEXT_ALLOWANCE = 2 * 1024 * 1024
# Where residents and Open311 clients send reports; staff uploads have limits of their own.
REPORT_PATHS = ("/anmal/", "/arende/", "/open311/")


def max_request_bytes() -> int:
    return settings.DIALOGUE_PHOTOS_PER_CASE * settings.DIALOGUE_PHOTO_MAX_BYTES + TEXT_ALLOWANCE


class RequestSizeLimitMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes() and request.path.startswith(REPORT_PATHS):
            return self.too_large(request)
        return self.get_response(request)

    def too_large(self, request: HttpRequest) -> HttpResponse:
        megabytes = settings.DIALOGUE_PHOTO_MAX_BYTES // (1024 * 1024)
        if request.path.startswith("/open311/"):
            fmt = request.path.rsplit(".", 1)[-1] if "." in request.path else XML
            return errors(fmt if fmt in FORMATS else XML, 413, [_("The request is too large.")])
        response = render(
            request,
            "dialogue/resident/too_large.html",
            {
                "nav": "dialogue",
                "photos": settings.DIALOGUE_PHOTOS_PER_CASE,
                "megabytes": megabytes,
            },
            status=413,
        )
        # The body was not read: close the connection rather than leave the rest of it on the wire.
        response["Connection"] = "close"
        return response
