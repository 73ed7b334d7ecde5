"""Who may do what with indicators. The pages, their CSV and the API are open to everyone; indicators,
targets and carbon budgets are changed by administrators, in the admin."""

from __future__ import annotations

from framsteg.core.access import access_for
from framsteg.steering.rules import can_judge, may_see_goals


def may_change_indicators(user) -> bool:
    return bool(getattr(user, "is_active", False)) and access_for(user).is_administrator


def may_edit_goal_measures(user, goal) -> bool:
    """A goal's indicators and their targets are edited by those who judge the goal: its owners,
    coordinators and administrators."""
    return can_judge(user, goal)


def may_use_goal_measures(user) -> bool:
    """The staff pages for goals' indicators: for those who see the goal tree."""
    return may_see_goals(user)
