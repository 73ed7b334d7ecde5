"""Who may do what with the reports to the council. Views, menus and templates ask these; nothing else
decides.

- Coordinators, administrators and politicians (readers) see the reports frozen for the council, in every
  format; reporters, goal owners, case officers and partners do not (what the council receives is the
  coordinating function's work, and a goal owner sees their own part in the reporting pages).
- Coordinators and administrators freeze a new report from a period's approved reports.
"""

from __future__ import annotations

from framsteg.core.access import Role, access_for


def may_see_reports(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.COORDINATOR, Role.READER)


def may_freeze_reports(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.COORDINATOR)
