"""The access interface every app asks: a user's roles and their scopes, resolved once per request.

core only defines the shape. The organisations app holds the role assignments and registers the resolver
when Django starts, so that apps below it (core, audit) can ask without importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    GOAL_OWNER = "goal_owner", _("Goal owner")
    CASE_OFFICER = "case_officer", _("Case officer")
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    INCIDENT_REPORTER = "incident_reporter", _("Incident reporter")
    READER = "reader", _("Politician / reader")
    ADMINISTRATOR = "administrator", _("Administrator")


class Access(Protocol):
    """What a resolved user may be: see `framsteg.organisations.access.UserAccess`."""

    user: object
    is_administrator: bool
    needs_second_factor: bool

    def has_role(self, *roles: str) -> bool: ...

    def organisation_ids(self, *roles: str) -> frozenset[int]: ...

    def describe(self) -> str: ...


_resolver: Callable[[object], Access] | None = None


def register_resolver(resolver: Callable[[object], Access]) -> None:
    global _resolver
    _resolver = resolver


def access_for(user) -> Access:
    """The user's access, computed once and kept on the user object for the rest of the request."""
    if _resolver is None:
        raise RuntimeError("No access resolver registered: is framsteg.organisations installed?")
    cached = getattr(user, "_framsteg_access", None)
    if cached is None:
        cached = _resolver(user)
        user._framsteg_access = cached
    return cached
