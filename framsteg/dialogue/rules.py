"""Who may see and handle which cases. Views, templates, menus, the API and the admin ask these.

- Case officers handle the cases of their organisations and of the organisations below them, and only
  those who handle a case see the resident's contact details (the case page is theirs alone).
- Coordinators (the municipality's own) and administrators see every case, also those not yet routed.
- Case statistics (counts only, no personal data) are for case officers, goal owners, coordinators,
  politicians and other readers, and administrators.
- What of a case is published — the resident's text and place, each photo, public notes — is reviewed by
  those who handle the case: nothing a resident sent is public before one of them has approved it.
- Open311 API keys are managed by coordinators and administrators.
- Partners see no case here: what is shared with partners is shared elsewhere, never with residents'
  contact details. Reporters report on the plan and have no part in cases.

A case a user may not handle does not exist for them: views answer 404, not 403.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from framsteg.core.access import Role, access_for
from framsteg.dialogue.models import Case
from framsteg.organisations.access import ancestors_and_self
from framsteg.organisations.models import Organisation

HANDLING = (Role.CASE_OFFICER, Role.COORDINATOR)
STATISTICS = (Role.CASE_OFFICER, Role.GOAL_OWNER, Role.COORDINATOR, Role.READER)


def may_handle_cases(user) -> bool:
    access = access_for(user)
    return access.is_administrator or access.has_role(*HANDLING)


def sees_all_cases(user) -> bool:
    """Coordinators and administrators route what nobody has yet, so they see every case."""
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.COORDINATOR)


def case_organisation_ids(user) -> frozenset[int] | None:
    """The organisations whose cases the user handles, or None when the user sees every case."""
    if sees_all_cases(user):
        return None
    return access_for(user).organisation_ids(Role.CASE_OFFICER)


def case_organisations(user) -> list[Organisation] | None:
    """As `case_organisation_ids`, as organisations (for filters and choices)."""
    ids = case_organisation_ids(user)
    if ids is None:
        return None
    return list(Organisation.objects.filter(pk__in=ids).order_by("name")) if ids else []


def visible_cases(user) -> QuerySet[Case]:
    """The cases the user may see and handle."""
    if not may_handle_cases(user):
        return Case.objects.none()
    ids = case_organisation_ids(user)
    if ids is None:
        return Case.objects.all()
    return Case.objects.filter(organisation_id__in=ids)


def can_handle(user, case: Case) -> bool:
    if not may_handle_cases(user):
        return False
    ids = case_organisation_ids(user)
    return ids is None or (case.organisation_id is not None and case.organisation_id in ids)


def may_review(user, case: Case) -> bool:
    """Whether the user may approve or reject what of the case is published: those who handle it."""
    return can_handle(user, case)


def get_case_or_404(user, year: int, number: int) -> Case:
    """The case with this reference if the user may handle it; else 404, so its existence is not revealed."""
    queryset = visible_cases(user).select_related("category", "district", "organisation", "assignee")
    try:
        return queryset.get(year=year, number=number)
    except Case.DoesNotExist:
        raise Http404("No such case") from None


def may_see_statistics(user) -> bool:
    access = access_for(user)
    return access.is_administrator or access.has_role(*STATISTICS)


def may_manage_api_keys(user) -> bool:
    """Keys let a system post in the municipality's name: coordinators and administrators manage them."""
    return sees_all_cases(user)


def can_be_assigned(user, case: Case) -> bool:
    """A case's officer is a case officer or coordinator of its organisation (or of one above it), or an
    administrator. A coordinator of another organisation sees the case but does not become its officer."""
    if not user.is_active:
        return False
    access = access_for(user)
    if access.is_administrator:
        return True
    return case.organisation_id is not None and case.organisation_id in access.organisation_ids(*HANDLING)


def assignable_users(case: Case, including=None) -> list:
    """People who may be the case's officer, by name; `including` (e.g. the current user) if assignable."""
    users = []
    if case.organisation is not None:
        above = ancestors_and_self(case.organisation_id)
        users = list(
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__organisation_id__in=above,
                memberships__role__in=HANDLING,
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
    extra = [user for user in (including, case.assignee) if user is not None]
    for user in extra:
        if user not in users and can_be_assigned(user, case):
            users.append(user)
    return users


def people_in(organisation_ids: frozenset[int] | None) -> QuerySet:
    """Active people who handle cases in these organisations (everyone who handles cases when None)."""
    users = get_user_model().objects.filter(is_active=True)
    handles = Q(memberships__role__in=HANDLING) | Q(memberships__role=Role.ADMINISTRATOR)
    if organisation_ids is None:
        users = users.filter(handles | Q(is_superuser=True))
    else:
        users = users.filter(
            memberships__organisation__in=organisation_ids, memberships__role=Role.CASE_OFFICER
        )
    return users.distinct().order_by("first_name", "last_name", "username")
