"""Requests that no page can use are refused before any view sees them."""

from __future__ import annotations

import re

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

# NUL and the other C0 control characters but tab, line feed and carriage return: no form, query or path of
# the site takes them, and databases refuse some of them (PostgreSQL cannot store NUL in text).
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class InvalidCharactersMiddleware:
    """Answer 400 to a request whose path, query or form fields hold control characters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._invalid(request):
            return HttpResponseBadRequest(
                _("The request contains characters that are not allowed."), content_type="text/plain"
            )
        return self.get_response(request)

    @staticmethod
    def _invalid(request) -> bool:
        if _INVALID.search(request.path):
            return True
        for key, values in request.GET.lists():
            if _INVALID.search(key) or any(_INVALID.search(value) for value in values):
                return True
        content_type = request.content_type or ""
        if request.method == "POST" and content_type in FORM_TYPES:
            try:
                fields = request.POST.lists()
            except Exception:  # a malformed body is for the view's own error handling
                return False
            for key, values in fields:
                if _INVALID.search(key) or any(isinstance(v, str) and _INVALID.search(v) for v in values):
                    return True
        return False
