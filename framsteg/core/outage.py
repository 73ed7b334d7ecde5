"""While the database cannot be reached, every request gets a clean 503 with Retry-After, never a 500.

`DatabaseOutageMiddleware` sits near the top of the middleware. A database error that means the server is
unreachable (`OperationalError` or `InterfaceError`, on connecting or in the middle of a request) becomes a
503 wherever it happens:

- in a view (or the template it renders), through `process_exception`;
- in the middleware below this one (the session, authentication and messages middleware load and save
  the session in the database): Django turns such an error into a 500 response before it reaches this
  middleware, so the `got_request_exception` signal marks the request, and the 500 is replaced here;
- in the error page that Django renders for it, which is caught here too.

The answer is built without any database query: a higher app may register a handler for its own addresses
(`register`), such as Open311's error documents or a form that keeps what the resident typed; anything else
gets the static page `503.html`, rendered without the context processors. The database connection that
failed is closed, so the next request connects afresh and the site recovers by itself when the database
returns (together with CONN_HEALTH_CHECKS for connections kept between requests).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again (the Retry-After header).
RETRY_AFTER_SECONDS = 30
# Headers set by the middleware below this one that the 503 answer keeps when it replaces their response.
KEPT_HEADERS = (
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "Strict-Transport-Security",
    "Content-Language",
    "Vary",
)
# Seconds between two log lines about the same outage in one process.
LOG_INTERVAL_SECONDS = 60

Handler = Callable[[HttpRequest], HttpResponse | None]
_handlers: list[Handler] = []
_last_logged = 0.0


def register(handler: Handler) -> None:
    """Add a handler that may answer a request during an outage (None: not mine). Called from `ready()`.

    A handler must not touch the database. Handlers are asked in the order they were registered.
    """
    if handler not in _handlers:
        _handlers.append(handler)


# OperationalErrors that are the query's own fault, whatever the state of the server: SQLite names them in
# its message, PostgreSQL gives them the SQLSTATE class 54 (program limit exceeded). They stay errors (500),
# so that a client cannot make the site look unreachable with an oversized query, and the bug is seen.
_QUERY_LIMITS = (
    "too many sql variables",
    "expression tree is too large",
    "too many terms in compound select",
    "parser stack overflow",
    "string or blob too big",
    "no such table",
    "no such column",
)
_QUERY_LIMIT_SQLSTATE_CLASS = "54"


def is_database_outage(error: BaseException | None) -> bool:
    """Whether `error` means the database cannot be reached (rather than a bad query or a bug)."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None) or ""
    if sqlstate.startswith(_QUERY_LIMIT_SQLSTATE_CLASS):
        return False
    message = str(error).lower()
    return not any(limit in message for limit in _QUERY_LIMITS)


def retry_after(response: HttpResponse) -> HttpResponse:
    """Mark a 503 answer: try again in RETRY_AFTER_SECONDS, and never keep it in a cache."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def language_of(request: HttpRequest) -> str:
    """The resident's language, without the database: as chosen by LocaleMiddleware, or from the request."""
    return getattr(request, "LANGUAGE_CODE", "") or translation.get_language_from_request(request)


def csrf_token(request: HttpRequest) -> str:
    """A CSRF token for a form on an outage page (no database needed: the secret is in a cookie)."""
    return get_token(request)


def keep_csrf_cookie(request: HttpRequest, response: HttpResponse) -> None:
    """Set the CSRF cookie when `csrf_token` had to make a new secret (the request came without one)."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and "CSRF_COOKIE" in request.META:
        response.set_cookie(
            settings.CSRF_COOKIE_NAME,
            request.META["CSRF_COOKIE"],
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )


def static_page(request: HttpRequest) -> HttpResponse:
    """The site's own 503 page: static, in the visitor's language, rendered without any context processor."""
    context = {"municipality_name": settings.MUNICIPALITY_NAME, "retry_seconds": RETRY_AFTER_SECONDS}
    html = render_to_string("503.html", context)
    return HttpResponse(html, status=503, content_type="text/html; charset=utf-8")


def outage_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer for `request`: a registered handler's, or the static page; always with Retry-After."""
    with translation.override(language_of(request)):
        response = None
        for handler in _handlers:
            try:
                response = handler(request)
            except Exception:
                logger.exception("The outage handler %r failed; the static 503 page is used", handler)
                response = None
            if response is not None:
                break
        if response is None:
            response = static_page(request)
        response.status_code = 503
        response.setdefault("Content-Language", translation.get_language())
        # Logged here at most once a minute (`_log`), not once per request by django.request.
        response._has_been_logged = True
    return retry_after(response)


def _forget_broken_connections() -> None:
    """Close connections that failed, so that the next request connects again rather than reuse them."""
    for connection in connections.all(initialized_only=True):
        try:
            if connection.connection is not None and not connection.is_usable():
                connection.close()
        except Exception:
            # Closing a dead connection can fail too; what matters is that Django drops it.
            connection.connection = None


def _log(request: HttpRequest, error: BaseException) -> None:
    """A warning at most every LOG_INTERVAL_SECONDS, so that an outage does not flood the log."""
    global _last_logged
    now = time.monotonic()
    if now - _last_logged < LOG_INTERVAL_SECONDS:
        return
    _last_logged = now
    logger.warning(
        "The database cannot be reached (%s: %s); answering 503 to %s %s and later requests",
        error.__class__.__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
        request.method,
        request.path,
    )


def _mark(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Receiver of got_request_exception: note a database outage on the request for the middleware."""
    error = sys.exc_info()[1]
    if request is not None and is_database_outage(error):
        request.database_outage = error


got_request_exception.connect(_mark, dispatch_uid="framsteg.core.outage")


class DatabaseOutageMiddleware:
    """Answer 503 (see the module's description) when the database cannot be reached during a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except Exception as error:
            # The error page Django renders for an outage may itself need the database.
            if not is_database_outage(error) and not hasattr(request, "database_outage"):
                raise
            request.database_outage = getattr(request, "database_outage", error)
            response = None
        error = getattr(request, "database_outage", None)
        if error is None or (response is not None and response is getattr(request, "outage_answer", None)):
            return response
        return self.replace(request, response, error)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_outage(exception):
            return None
        return self.replace(request, None, exception)

    def replace(
        self, request: HttpRequest, response: HttpResponse | None, error: BaseException
    ) -> HttpResponse:
        request.database_outage = error
        _log(request, error)
        _forget_broken_connections()
        answer = outage_response(request)
        if response is not None:
            for header in KEPT_HEADERS:
                if header in response and header not in answer:
                    answer[header] = response[header]
        # __call__ passes on what process_exception answered, unless a later step turned it into an error.
        request.outage_answer = answer
        return answer
