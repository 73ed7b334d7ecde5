"""Who may see and handle which cases. Staff views ask these helpers; they never decide on their own.

Staff handle the cases of their organisations and of the organisations below them, as they do when they
report on commitments. Coordinators and superusers see every case, including those not yet routed to any
organisation. A case a user may not handle does not exist for them: views answer 404, not 403.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from framsteg.dialogue.models import Case
from framsteg.organisations.models import Membership, Organisation, organisations_for_user
from framsteg.steering.rules import sees_all_organisations


def sees_all_cases(user) -> bool:
    """Coordinators and superusers route what nobody has yet, so they see every case."""
    return sees_all_organisations(user)


def case_organisations(user) -> list[Organisation] | None:
    """The organisations whose cases the user handles, or None when the user sees every case."""
    if sees_all_cases(user):
        return None
    return organisations_for_user(user)


_UNKNOWN: list = []


def visible_cases(user, organisations: list[Organisation] | None = _UNKNOWN) -> QuerySet[Case]:
    """The cases the user may see and handle. Pass `case_organisations(user)` to save queries."""
    if not user.is_authenticated:
        return Case.objects.none()
    if organisations is _UNKNOWN:
        organisations = case_organisations(user)
    if organisations is None:
        return Case.objects.all()
    return Case.objects.filter(organisation__in=[organisation.pk for organisation in organisations])


def can_handle(user, case: Case) -> bool:
    if not user.is_authenticated:
        return False
    organisations = case_organisations(user)
    if organisations is None:
        return True
    return case.organisation_id is not None and case.organisation_id in {o.pk for o in organisations}


def get_case_or_404(user, year: int, number: int) -> Case:
    """The case with this reference if the user may handle it; else 404, so its existence is not revealed."""
    queryset = visible_cases(user).select_related("category", "district", "organisation", "assignee")
    try:
        return queryset.get(year=year, number=number)
    except Case.DoesNotExist:
        raise Http404("No such case") from None


def organisation_and_above(organisation: Organisation) -> list[Organisation]:
    """The organisation and the ones it belongs to: their members answer for its cases."""
    chain: list[Organisation] = []
    current: Organisation | None = organisation
    while current is not None and current not in chain:
        chain.append(current)
        current = current.parent
    return chain


def can_be_assigned(user, case: Case) -> bool:
    """A case officer is an active member of the case's organisation (or of one above it), or a superuser."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if case.organisation is None:
        return False
    above = [organisation.pk for organisation in organisation_and_above(case.organisation)]
    return Membership.objects.filter(user=user, organisation_id__in=above).exists()


def assignable_users(case: Case, including=None) -> list:
    """People who may be the case's officer, by name; `including` (e.g. the current user) if assignable."""
    users = []
    if case.organisation is not None:
        above = [organisation.pk for organisation in organisation_and_above(case.organisation)]
        users = list(
            get_user_model()
            .objects.filter(is_active=True, memberships__organisation_id__in=above)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
    extra = [user for user in (including, case.assignee) if user is not None]
    for user in extra:
        if user not in users and can_be_assigned(user, case):
            users.append(user)
    return users


def people_in(organisations: list[Organisation] | None) -> QuerySet:
    """Active staff of these organisations (everyone with a membership when None), for the inbox filter."""
    users = get_user_model().objects.filter(is_active=True)
    if organisations is None:
        users = users.filter(Q(memberships__isnull=False) | Q(is_superuser=True))
    else:
        users = users.filter(memberships__organisation__in=[o.pk for o in organisations])
    return users.distinct().order_by("first_name", "last_name", "username")
