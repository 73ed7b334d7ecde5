"""Staff pages ask a rule before anything else: anonymous visitors are sent to log in, others who the rule
does not allow get 403. Objects a user may not see answer 404 in the views themselves (their existence is
not revealed)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def staff_page(rule: Callable[[object], bool]):
    """Allow the view to those `rule(user)` allows; log-in first for anonymous visitors."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.staff_rule = rule  # type: ignore[attr-defined]
        return wrapper

    return decorate
