"""The error pages a visitor may meet: 400, 403, 404, 429 and 500, in the site's frame and the visitor's
language.

They are drawn without the request's context processors and without touching the database, so that the
same page can be shown when the database or a context processor is what failed. The visitor's language is
the one LocaleMiddleware chose for the request (Swedish when the failure came before it).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    429: "errors/429.html",
    500: "errors/500.html",
}


def error_page(status: int, **context) -> HttpResponse:
    """The error page for `status`, drawn from settings alone (no request, no database)."""
    content = loader.render_to_string(
        TEMPLATES[status], {"municipality_name": settings.MUNICIPALITY_NAME, "status": status, **context}
    )
    return HttpResponse(content, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None) -> HttpResponse:
    return error_page(400)


def permission_denied(request, exception=None) -> HttpResponse:
    return error_page(403)


def page_not_found(request, exception=None) -> HttpResponse:
    return error_page(404)


def server_error(request) -> HttpResponse:
    return error_page(500)


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """A form sent without its security token, usually because the page was open too long."""
    logger.info("CSRF check failed: %s", reason)
    return error_page(403, form_expired=True)


def too_many_requests(retry_after: int) -> HttpResponse:
    """429 with Retry-After: the visitor sent too much in too short a time."""
    retry_after = max(1, int(retry_after))
    response = error_page(429, retry_minutes=-(-retry_after // 60))
    response["Retry-After"] = str(retry_after)
    return response
