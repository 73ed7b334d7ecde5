"""Who may do what with the budget follow-up. Views, templates and menus ask these; nothing else decides.

- Everyone sees the public page; the staff page shows the same figures to the municipality's own people
  (reporters, goal owners, coordinators, readers, administrators), never to partners.
- Coordinators and administrators import the finance system's export and record the amounts documents state
  as budgets.
- The comment on a deviation is the owner's: reporters and goal owners of the owning organisation (held in it
  or above it, or in its administration below it) write it, and administrators.
"""

from __future__ import annotations

from framsteg.budget.models import FollowUp
from framsteg.core.access import Role, access_for
from framsteg.organisations.models import Organisation

OWNERS = (Role.REPORTER, Role.GOAL_OWNER)
MUNICIPAL = (Role.REPORTER, Role.GOAL_OWNER, Role.COORDINATOR, Role.READER)


def _is_municipal(user) -> bool:
    """A role in the municipality's own organisations: coordination given through a partner grants nothing."""
    access = access_for(user)
    if access.is_administrator:
        return True
    ids = access.organisation_ids(*MUNICIPAL)
    return Organisation.objects.filter(pk__in=ids).exclude(kind=Organisation.Kind.PARTNER).exists()


def may_see_follow_up(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _is_municipal(user)


def _coordinates(user) -> bool:
    access = access_for(user)
    if access.is_administrator:
        return True
    ids = access.organisation_ids(Role.COORDINATOR)
    return Organisation.objects.filter(pk__in=ids).exclude(kind=Organisation.Kind.PARTNER).exists()


def may_import(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _coordinates(user)


def may_record_budgets(user) -> bool:
    return may_import(user)


def can_comment(user, follow_up: FollowUp) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    access = access_for(user)
    if access.is_administrator:
        return True
    ids = access.organisation_ids(*OWNERS)
    if follow_up.organisation_id in ids:
        return True
    return Organisation.objects.filter(parent_id=follow_up.organisation_id, pk__in=ids).exists()
