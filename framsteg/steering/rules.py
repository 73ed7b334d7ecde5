"""Who may do what on the staff side. Views ask these helpers; they never decide on their own."""

from __future__ import annotations

from django.db.models import QuerySet

from framsteg.organisations.models import Membership, Organisation, organisations_for_user
from framsteg.steering.models import Commitment, Responsibility


def sees_all_organisations(user) -> bool:
    """Coordinators follow up the whole plan, so they see every organisation's reporting."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists()


def overview_organisations(user) -> list[Organisation]:
    """The organisations whose reporting the user follows: all for coordinators, otherwise their own."""
    if sees_all_organisations(user):
        return list(Organisation.objects.all())
    return organisations_for_user(user)


def reporting_organisation(user, commitment: Commitment, mine: list[Organisation] | None = None):
    """The responsible organisation the user reports for, or None.

    Pass `mine` (the user's organisations) and a commitment with `responsible` prefetched to avoid queries
    when checking many commitments.
    """
    mine_ids = {o.pk for o in (mine if mine is not None else organisations_for_user(user))}
    for organisation in commitment.responsible.all():
        if organisation.pk in mine_ids:
            return organisation
    return None


def can_report(user, commitment: Commitment, mine: list[Organisation] | None = None) -> bool:
    """Members of a responsible organisation (or of one above it) report; superusers may report anything."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or reporting_organisation(user, commitment, mine) is not None


def reportable_commitments(user, mine: list[Organisation] | None = None) -> QuerySet[Commitment]:
    """Current commitments the user may report on, in reading order."""
    commitments = Commitment.objects.current()
    if not user.is_superuser:
        mine = mine if mine is not None else organisations_for_user(user)
        owned = Responsibility.objects.filter(organisation__in=mine).values("commitment_id")
        commitments = commitments.filter(pk__in=owned)
    return (
        commitments.select_related("area", "document")
        .prefetch_related("responsible")
        .order_by("document__title", "document_id", "area__position", "position")
    )


def can_decide_links(user, commitment: Commitment, mine: list[Organisation] | None = None) -> bool:
    """A suggested document link is confirmed by those who answer for the commitment, or a coordinator."""
    return can_report(user, commitment, mine) or sees_all_organisations(user)


def can_import(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("steering.add_steeringdocument"))
