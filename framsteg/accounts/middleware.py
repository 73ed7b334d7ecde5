"""Bounded sessions and the second factor, enforced over every staff page and the admin."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import ngettext

from framsteg.accounts import selectors, sessions
from framsteg.accounts.rules import needs_second_factor

GUARDED_PREFIXES = ("/personal/", "/admin/")


class AccountSessionMiddleware:
    """Ends sessions that were idle or open too long; sends a user who needs a second factor and has not
    given it in this session to the code page (or to enrolment) before any staff or admin page.

    The log-in pages (which hold the code and enrolment pages) and the log-out stay reachable, so this never
    loops.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self.check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request, user):
        guarded = request.path_info.startswith(GUARDED_PREFIXES)
        reason = sessions.ended(request.session)
        if reason is not None:
            logout(request)
            messages.info(request, self.ended_message(reason))
            if guarded:
                return redirect_with_next(reverse("staff:login"), request)
            return None
        sessions.touch(request.session)
        if not guarded or self.exempt(request.path_info) or sessions.is_verified(request.session, user):
            return None
        if not needs_second_factor(user):
            return None
        if selectors.has_second_factor(user):
            return redirect_with_next(reverse("staff:login-code"), request)
        return redirect_with_next(reverse("staff:enrol"), request)

    @staticmethod
    def exempt(path: str) -> bool:
        return path.startswith(reverse("staff:login")) or path == reverse("staff:logout")

    @staticmethod
    def ended_message(reason: str) -> str:
        from django.conf import settings

        if reason == "lifetime":
            hours = settings.SESSION_MAX_HOURS
            return ngettext(
                "You were logged out because a session lasts at most %(hours)s hour. Log in again.",
                "You were logged out because a session lasts at most %(hours)s hours. Log in again.",
                hours,
            ) % {"hours": hours}
        minutes = settings.SESSION_IDLE_MINUTES
        return ngettext(
            "You were logged out after %(minutes)s minute without activity. Log in again.",
            "You were logged out after %(minutes)s minutes without activity. Log in again.",
            minutes,
        ) % {"minutes": minutes}


def redirect_with_next(url: str, request) -> HttpResponseRedirect:
    if request.method == "GET":
        return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
    return HttpResponseRedirect(url)
