"""Requests that no page can use are refused before any view sees them; every response carries the site's
Content-Security-Policy and Permissions-Policy."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from framsteg.core.errors import error_page

# NUL and the other C0 control characters but tab, line feed and carriage return: no form, query or path of
# the site takes them, and databases refuse some of them (PostgreSQL cannot store NUL in text).
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Programs read these; people get the 400 page.
MACHINE_PATHS = ("/api/", "/open311/")


class InvalidCharactersMiddleware:
    """Answer 400 to a request whose path, query or form fields hold control characters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._invalid(request):
            return self._refusal(request)
        return self.get_response(request)

    @staticmethod
    def _refusal(request):
        """The 400: the addressed view's own error document when the view offers one as its
        ``invalid_characters(request, **kwargs)`` attribute (an API whose errors have a documented form),
        else plain text for programs and the 400 page for people."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        render = getattr(match.func, "invalid_characters", None) if match else None
        if render is not None:
            return render(request, **match.kwargs)
        if request.path.startswith(MACHINE_PATHS):
            return HttpResponseBadRequest(
                _("The request contains characters that are not allowed."), content_type="text/plain"
            )
        return error_page(400)

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


# Content-Security-Policy: everything from the site itself, nothing inline. Apps that need another origin (a
# map's tile server, say) add it with `allow_source` when Django starts; the header is built on first use.
CONTENT_SECURITY_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
EXTENDABLE_DIRECTIVES = ("img-src", "connect-src", "script-src", "style-src", "font-src")
_extra_sources: dict[str, list[str]] = {}
_built: dict[str, str] = {}

# Features no page uses are refused for the site and anything it might embed; the report form may ask for
# the device's position (the "use my position" button), so geolocation stays with the site itself.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "encrypted-media": "()",
    "fullscreen": "(self)",
    "geolocation": "(self)",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "publickey-credentials-get": "()",
    "screen-wake-lock": "()",
    "serial": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}

_SOURCE = re.compile(r"'(self|none|sha256-[A-Za-z0-9+/=]+)'|data:|https?://(\*\.)?[A-Za-z0-9.\-]+(:\d+)?")


def origin_of(url: str) -> str:
    """The CSP source for a URL or URL template: `https://{s}.tile.example.se/{z}/{x}/{y}.png` gives
    `https://*.tile.example.se`; a port is kept, the path dropped."""
    scheme, _sep, rest = url.partition("://")
    if not _sep or scheme.lower() not in ("http", "https"):
        raise ValueError(f"{url!r} is not an http(s) address")
    host = rest.split("/", 1)[0].split("?", 1)[0]
    host = re.sub(r"^\{[^}]*\}\.", "*.", host)
    source = f"{scheme.lower()}://{host.lower()}"
    if not _SOURCE.fullmatch(source):
        raise ValueError(f"{url!r} does not name a host a browser can be allowed to load from")
    return source


def allow_source(directive: str, source: str) -> None:
    """Let pages load from `source` (an origin, or a URL or URL template whose origin is taken) for one
    of the extendable directives: `allow_source("img-src", settings.MAP_TILES)`."""
    if directive not in EXTENDABLE_DIRECTIVES:
        raise ValueError(f"{directive} cannot be extended (one of {', '.join(EXTENDABLE_DIRECTIVES)})")
    if not _SOURCE.fullmatch(source):
        source = origin_of(source)
    sources = _extra_sources.setdefault(directive, [])
    if source not in sources:
        sources.append(source)
    _built.clear()


def content_security_policy() -> str:
    if "policy" not in _built:
        directives = {name: list(sources) for name, sources in CONTENT_SECURITY_POLICY.items()}
        for name, sources in _extra_sources.items():
            directives[name] += [s for s in sources if s not in directives[name]]
        _built["policy"] = "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())
    return _built["policy"]


def permissions_policy() -> str:
    return ", ".join(f"{feature}={allowed}" for feature, allowed in PERMISSIONS_POLICY.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (Django's SecurityMiddleware sets
    the others: nosniff, Referrer-Policy, Cross-Origin-Opener-Policy, HSTS in production).

    The Django admin works under the same policy: its templates load every script from a file (the one
    inline <style>, in a change list with no actions on top or at the bottom, is never rendered here), so it
    needs no exception."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            # Django's debug pages (development only) carry their own inline styles and scripts.
            response.headers.setdefault("Permissions-Policy", permissions_policy())
            return response
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", permissions_policy())
        return response
