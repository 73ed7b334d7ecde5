"""System checks for the account settings: each must be a positive whole number."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

POSITIVE = {
    "LOGIN_MAX_FAILURES": "FRAMSTEG_LOGIN_MAX_FAILURES",
    "LOGIN_ADDRESS_MAX_FAILURES": "FRAMSTEG_LOGIN_ADDRESS_MAX_FAILURES",
    "LOGIN_FAILURE_WINDOW_MINUTES": "FRAMSTEG_LOGIN_FAILURE_WINDOW_MINUTES",
    "LOGIN_LOCK_MINUTES": "FRAMSTEG_LOGIN_LOCK_MINUTES",
    "SESSION_IDLE_MINUTES": "FRAMSTEG_SESSION_IDLE_MINUTES",
    "SESSION_MAX_HOURS": "FRAMSTEG_SESSION_MAX_HOURS",
}


@checks.register(checks.Tags.security)
def check_account_settings(app_configs=None, **kwargs):
    errors = []
    for name, variable in POSITIVE.items():
        value = getattr(settings, name, None)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                checks.Error(
                    f"{variable} must be a whole number of at least 1; got {value!r}.",
                    id="framsteg.accounts.E001",
                )
            )
    return errors
