"""Who may read the audit log: administrators only. Nobody edits or deletes entries through the product."""

from __future__ import annotations

from framsteg.core.access import access_for


def can_read_log(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return access_for(user).is_administrator
