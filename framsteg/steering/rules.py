"""Who may do what with the plan on the staff side. Views, templates and menus ask these; nothing else
decides.

- Reporters and goal owners report on the commitments of their organisations and those below them.
- Both see what is left to report in their part of the organisation.
- Coordinators (the municipality's own coordinating function) follow up the whole plan, decide suggested
  document links and import documents. Politicians and other readers see the same overviews and change
  nothing. Administrators may do everything.
- Owners' reports are drafts until a coordinator (or an administrator) approves them; those two review the
  queue, and their own reports need no review.
- Coordinators and administrators edit commitments' owners, targets and links in the staff pages.
- Partners have no part in the municipality's reporting.
"""

from __future__ import annotations

from django.db.models import QuerySet

from framsteg.core.access import Role, access_for
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, Responsibility

REPORTING = (Role.REPORTER, Role.GOAL_OWNER)
WHOLE_PLAN = (Role.COORDINATOR, Role.READER)


def _ids(user) -> frozenset[int]:
    return access_for(user).organisation_ids(*REPORTING)


def may_report(user) -> bool:
    """Reporting pages: for those who report on some organisation's commitments."""
    access = access_for(user)
    return access.is_administrator or access.has_role(*REPORTING)


def reports_on_everything(user) -> bool:
    """Administrators may report on every commitment."""
    return access_for(user).is_administrator


def may_use_staff_home(user) -> bool:
    """The staff start page: everyone logged in; it says what their roles let them do."""
    return bool(getattr(user, "is_authenticated", False))


def sees_all_organisations(user) -> bool:
    """Coordinators, readers and administrators follow the whole plan's reporting."""
    access = access_for(user)
    return access.is_administrator or access.has_role(*WHOLE_PLAN)


def may_follow_up(user) -> bool:
    """The overview of what is not yet reported."""
    return sees_all_organisations(user) or access_for(user).has_role(*REPORTING)


def reporting_organisations(user) -> list[Organisation]:
    """The organisations the user reports for (with those below them); all of them for administrators."""
    if access_for(user).is_administrator:
        return list(Organisation.objects.all())
    ids = _ids(user)
    return list(Organisation.objects.filter(pk__in=ids)) if ids else []


def overview_organisations(user) -> list[Organisation]:
    """The organisations whose reporting the user follows: all for the whole plan, else their own."""
    if sees_all_organisations(user):
        return list(Organisation.objects.all())
    return reporting_organisations(user)


def reporting_organisation(user, commitment: Commitment) -> Organisation | None:
    """The responsible organisation the user reports for, or None. Prefetch `responsible` for lists.

    An administrator reports for the first responsible organisation unless they belong to one."""
    ids = _ids(user)
    responsible = list(commitment.responsible.all())
    for organisation in responsible:
        if organisation.pk in ids:
            return organisation
    if access_for(user).is_administrator and responsible:
        return responsible[0]
    return None


def can_report(user, commitment: Commitment) -> bool:
    """Only commitments of adopted documents are reported on; a proposal's points never are."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not commitment.document.carries_commitments:
        return False
    if access_for(user).is_administrator:
        return True
    return reporting_organisation(user, commitment) is not None


def reportable_commitments(user) -> QuerySet[Commitment]:
    """Current commitments of adopted documents the user may report on, in reading order."""
    commitments = Commitment.objects.reportable()
    if not access_for(user).is_administrator:
        owned = Responsibility.objects.filter(organisation__in=_ids(user)).values("commitment_id")
        commitments = commitments.filter(pk__in=owned)
    return (
        commitments.select_related("area", "document")
        .prefetch_related("responsible")
        .order_by("document__title", "document_id", "area__position", "position")
    )


def may_see_links(user) -> bool:
    """The list of suggested document links: for those who report, coordinate or read the plan."""
    return may_report(user) or sees_all_organisations(user)


def links_scope_ids(user) -> frozenset[int] | None:
    """The organisations whose commitments' links the user sees, or None for all."""
    return None if sees_all_organisations(user) else _ids(user)


def can_decide_links(user, commitment: Commitment) -> bool:
    """Links are decided by those who answer for the commitment, coordinators and administrators."""
    access = access_for(user)
    return can_report(user, commitment) or access.is_administrator or access.has_role(Role.COORDINATOR)


def can_import(user) -> bool:
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.COORDINATOR)


def may_compare(user) -> bool:
    """Comparing proposals with the adopted plan (deciding matches): coordinators and administrators."""
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.COORDINATOR)


def may_review(user) -> bool:
    """The review queue: coordinators and administrators approve owners' reports or send them back."""
    if not getattr(user, "is_authenticated", False):
        return False
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.COORDINATOR)


def needs_review(user) -> bool:
    """A report by someone who does not review is a draft until it is approved."""
    return not may_review(user)


def may_edit_commitments(user) -> bool:
    """Owners of commitments are edited by coordinators and administrators."""
    return may_review(user)


def may_see_goals(user) -> bool:
    """The staff goal tree: for those who report, coordinate or read the plan."""
    return may_report(user) or sees_all_organisations(user)


def may_edit_goal_tree(user) -> bool:
    """Links across documents, names of long-term goals and goal owners: coordinators and administrators."""
    return may_review(user)


def can_judge(user, goal) -> bool:
    """A goal of an adopted document is judged by its owners (organisations responsible for it, and those
    above them), coordinators and administrators."""
    if not getattr(user, "is_authenticated", False) or goal.document.is_proposal:
        return False
    if may_review(user):
        return True
    ids = _ids(user)
    return any(organisation.pk in ids for organisation in goal.responsible.all())


def judging_organisation(user, goal) -> Organisation | None:
    """The responsible organisation the user judges for, or None."""
    ids = _ids(user)
    return next((organisation for organisation in goal.responsible.all() if organisation.pk in ids), None)


def can_edit_contributions(user, goal) -> bool:
    """What contributes to a goal: coordinators and administrators link anything; a goal's owners link
    commitments to their own goal."""
    return may_edit_goal_tree(user) or can_judge(user, goal)
