"""A user's roles and their scopes, resolved once per request with two queries whatever the tree's depth.

A role assignment (`Membership`) holds in its organisation and every organisation below it. Two roles are
never granted through a partner organisation: coordinator and administrator; and the partner role is only
granted through one, or through a municipal company (the housing company works as a partner).
Assignments that break these rules are ignored here as well as refused on entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from framsteg.core.access import Role

# Roles whose holders see residents' personal data: they need a second factor to log in.
PERSONAL_DATA_ROLES = frozenset({Role.CASE_OFFICER, Role.COORDINATOR, Role.ADMINISTRATOR})
# Roles only the municipality's own organisations can grant.
MUNICIPAL_ONLY_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Grant:
    role: str
    organisation_id: int
    organisation_name: str
    scope_ids: frozenset[int]
    # A partner's districts; None: the whole municipality (and every role but partner).
    district_ids: frozenset[int] | None = None


def grant_allowed(role: str, organisation_kind: str) -> bool:
    from framsteg.organisations.models import Organisation

    is_partner = organisation_kind == Organisation.Kind.PARTNER
    if role == Role.PARTNER:
        # The police are an external partner; the housing company is a municipal company working as one.
        return is_partner or organisation_kind == Organisation.Kind.COMPANY
    if role in MUNICIPAL_ONLY_ROLES:
        return not is_partner
    return True


class UserAccess:
    """What one user may be asked about. Built by `resolve`; apps' `rules.py` interpret it."""

    def __init__(self, user, grants: tuple[Grant, ...] = (), superuser: bool = False):
        self.user = user
        self.grants = grants
        self.is_superuser = superuser
        self.is_authenticated = bool(getattr(user, "is_authenticated", False))
        self.is_administrator = superuser or any(grant.role == Role.ADMINISTRATOR for grant in grants)

    def has_role(self, *roles: str) -> bool:
        return any(grant.role in roles for grant in self.grants)

    def organisation_ids(self, *roles: str) -> frozenset[int]:
        """The organisations (with those below them) in which the user holds any of these roles."""
        found: set[int] = set()
        for grant in self.grants:
            if grant.role in roles:
                found |= grant.scope_ids
        return frozenset(found)

    def district_ids(self, *roles: str) -> frozenset[int] | None:
        """The districts the user's grants of these roles cover: None when one covers the municipality."""
        found: set[int] = set()
        for grant in self.grants:
            if grant.role in roles:
                if grant.district_ids is None:
                    return None
                found |= grant.district_ids
        return frozenset(found)

    def roles(self) -> list[str]:
        return sorted({grant.role for grant in self.grants})

    @property
    def needs_second_factor(self) -> bool:
        return self.is_administrator or self.has_role(*PERSONAL_DATA_ROLES)

    def describe(self) -> str:
        """The roles in words for the audit log, e.g. "coordinator: Kommunledningsförvaltningen"."""
        parts = [f"{grant.role}: {grant.organisation_name}" for grant in self.grants]
        if self.is_superuser:
            parts.insert(0, "superuser")
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"<UserAccess {getattr(self.user, 'pk', None)} {self.describe()!r}>"


def descendants(tree: dict[int, int | None], root: int) -> frozenset[int]:
    children: dict[int, list[int]] = {}
    for pk, parent in tree.items():
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    found = {root}
    frontier = [root]
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, []) if child not in found]
        found.update(frontier)
    return frozenset(found)


def ancestors_and_self(organisation_id: int) -> list[int]:
    """The organisation and those above it, nearest first, in one query whatever the depth."""
    from framsteg.organisations.models import Organisation

    tree = dict(Organisation.objects.values_list("pk", "parent_id"))
    chain: list[int] = []
    current: int | None = organisation_id
    while current is not None and current not in chain:
        chain.append(current)
        current = tree.get(current)
    return chain


def resolve(user) -> UserAccess:
    from framsteg.organisations.models import Membership, Organisation

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return UserAccess(user)
    memberships = list(
        Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")
    )
    grants: list[Grant] = []
    if memberships:
        tree = dict(Organisation.objects.values_list("pk", "parent_id"))
        districts: dict[int, set[int]] = {}
        partner_ids = [membership.pk for membership in memberships if membership.role == Role.PARTNER]
        if partner_ids:  # only partners are scoped to districts: nobody else pays the query
            through = Membership.districts.through.objects.filter(membership_id__in=partner_ids)
            for membership_id, district_id in through.values_list("membership_id", "district_id"):
                districts.setdefault(membership_id, set()).add(district_id)
        for membership in memberships:
            organisation = membership.organisation
            if not grant_allowed(membership.role, organisation.kind):
                continue
            scope = frozenset(districts[membership.pk]) if membership.pk in districts else None
            grants.append(
                Grant(
                    membership.role,
                    organisation.pk,
                    organisation.name,
                    descendants(tree, organisation.pk),
                    scope,
                )
            )
    return UserAccess(user, tuple(grants), superuser=user.is_superuser)
