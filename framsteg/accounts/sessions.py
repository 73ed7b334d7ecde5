"""What a staff session remembers about itself: when it started, when it was last used, whether its user
has given the second factor, and a log-in waiting for its second factor.

These live in the session itself, so checking them costs no query. Ending all of a user's sessions at once
goes through `AccountSession` rows (see services).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model

STARTED = "framsteg_started"
SEEN = "framsteg_seen"
VERIFIED = "framsteg_second_factor"
PENDING = "framsteg_pending_login"
ENROLMENT_SECRET = "framsteg_enrolment_secret"
# A session's last-use time is written back at most this often, so most requests do not save the session.
SEEN_RESOLUTION_SECONDS = 60
PENDING_SECONDS = 10 * 60


def start(session) -> None:
    now = time.time()
    session[STARTED] = now
    session[SEEN] = now


def ended(session, now: float | None = None) -> str | None:
    """ "idle" or "lifetime" when the session has run out, otherwise None."""
    now = now if now is not None else time.time()
    started = session.get(STARTED)
    seen = session.get(SEEN)
    if started is not None and now - started > settings.SESSION_MAX_HOURS * 3600:
        return "lifetime"
    if seen is not None and now - seen > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def touch(session, now: float | None = None) -> None:
    now = now if now is not None else time.time()
    if STARTED not in session:
        session[STARTED] = now
    if now - session.get(SEEN, 0) >= SEEN_RESOLUTION_SECONDS:
        session[SEEN] = now


def mark_verified(session, user) -> None:
    session[VERIFIED] = user.pk


def is_verified(session, user) -> bool:
    return session.get(VERIFIED) == user.pk


def begin_pending(session, user, next_url: str) -> None:
    """The password was right; the log-in waits for the second factor (or its enrolment)."""
    session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]),
        "next": next_url,
        "at": time.time(),
    }


def pending(session) -> dict | None:
    value = session.get(PENDING)
    if not value or time.time() - value.get("at", 0) > PENDING_SECONDS:
        return None
    return value


def pending_user(session):
    value = pending(session)
    if value is None:
        return None
    user = get_user_model().objects.filter(pk=value["user"], is_active=True).first()
    if user is not None:
        user.backend = value["backend"]
    return user


def clear_pending(session) -> None:
    session.pop(PENDING, None)
    session.pop(ENROLMENT_SECRET, None)


def on_logged_in(sender, request, user, **kwargs) -> None:
    from framsteg.accounts import services

    session = getattr(request, "session", None)
    if session is None:
        return
    start(session)
    if session.session_key is None:
        session.save()
    services._remember_session(user, session.session_key)


def on_logged_out(sender, request, user, **kwargs) -> None:
    from framsteg.accounts import services

    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        services._forget_session(session.session_key)
