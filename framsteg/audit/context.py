"""Where a request comes from, kept for the duration of the request so services need not pass it along."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    user: object | None = None
    ip_address: str | None = None
    user_agent: str = ""


NOWHERE = Origin()
_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar("framsteg_audit_origin", default=None)
# How many entries have been recorded in the current call of an audited service (None outside one; -1 when
# the service said it changed nothing).
recorded: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "framsteg_audit_recorded", default=None
)


def current() -> Origin:
    return _origin.get() or NOWHERE


@contextmanager
def origin(value: Origin):
    token = _origin.set(value)
    try:
        yield value
    finally:
        _origin.reset(token)


class AuditOriginMiddleware:
    """Keeps the request's user and address for the audit entries its services record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        value = Origin(
            user=user,
            ip_address=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        with origin(value):
            return self.get_response(request)
