"""Who may do what with indicators. The pages, their CSV and the API are open to everyone; indicators,
targets and carbon budgets are changed by administrators, in the admin."""

from __future__ import annotations

from framsteg.core.access import access_for


def may_change_indicators(user) -> bool:
    return bool(getattr(user, "is_active", False)) and access_for(user).is_administrator
