"""Who may do what with staff accounts. Views ask these; they never decide on their own."""

from __future__ import annotations

from framsteg.core.access import access_for


def may_use_own_account(user) -> bool:
    """Everyone logged in manages their own password, second factor and sessions."""
    return bool(getattr(user, "is_authenticated", False))


def can_manage_people(user) -> bool:
    """Administrators assign and revoke roles, unlock accounts and reset second factors."""
    return bool(getattr(user, "is_authenticated", False)) and access_for(user).is_administrator


def needs_second_factor(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and access_for(user).needs_second_factor
