"""Who may see and do what in the joint situation picture. Views, menus, exports and the API ask these.

- The collaboration: partners (the police, the housing company, the fire and rescue service: the partner
  role), incident reporters (trained reporters of any partner or of the municipality's own administrations)
  and the municipality's coordinators. They see the joint picture, the weekly meetings and the actions; a
  partner limited to some districts sees those districts only.
- Incident reporters file reports for their organisation; each sees and edits their own reports, and
  nobody else's until a coordinator has reviewed them into the picture.
- Coordinators (and administrators) review reports, categorise residents' safety reports into the picture,
  run the meeting, record actions and write the yearly lägesbild and åtgärdsplan.
- An action's owning partner (partners and incident reporters of that organisation) records its outcome.
- Politicians and readers see the tertial and yearly reports, never the list of events.
- The public sees only aggregated weekly counts per district with small counts suppressed, and the actions
  decided. Nobody outside the handling of a case sees a resident's contact details: an incident holds none.

An incident a user may not see does not exist for them: views answer 404, not 403.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from framsteg.core.access import Role, access_for
from framsteg.dialogue import rules as case_rules
from framsteg.dialogue.models import Case, CaseKind
from framsteg.organisations.models import Organisation
from framsteg.situation.models import Action, Incident

COLLABORATION = (Role.PARTNER, Role.INCIDENT_REPORTER, Role.COORDINATOR)
REPORTS = (*COLLABORATION, Role.READER)


def is_coordinator(user) -> bool:
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.COORDINATOR)


def may_see_picture(user) -> bool:
    access = access_for(user)
    return access.is_administrator or access.has_role(*COLLABORATION)


def may_report_incidents(user) -> bool:
    access = access_for(user)
    return access.is_administrator or access.has_role(Role.INCIDENT_REPORTER, Role.COORDINATOR)


def may_review_incidents(user) -> bool:
    return is_coordinator(user)


def may_run_meeting(user) -> bool:
    return is_coordinator(user)


def may_see_reports(user) -> bool:
    """The tertial analysis and the yearly lägesbild and åtgärdsplan (aggregated, no events listed)."""
    access = access_for(user)
    return access.is_administrator or access.has_role(*REPORTS)


def may_write_yearly(user) -> bool:
    return is_coordinator(user)


def reporting_organisation_ids(user) -> frozenset[int]:
    """The organisations a user may report for: where they are an incident reporter or coordinator."""
    return access_for(user).organisation_ids(Role.INCIDENT_REPORTER, Role.COORDINATOR)


def picture_district_ids(user) -> frozenset[int] | None:
    """The districts of the picture the user sees: None for all of them. A partner limited to some
    districts sees those; any unlimited grant in the collaboration sees all."""
    access = access_for(user)
    if access.is_administrator or access.has_role(Role.COORDINATOR, Role.INCIDENT_REPORTER):
        return None
    return access.district_ids(Role.PARTNER)


def own_incidents(user) -> QuerySet[Incident]:
    if not getattr(user, "is_authenticated", False):
        return Incident.objects.none()
    return Incident.objects.filter(reporter=user)


def picture_incidents(user) -> QuerySet[Incident]:
    """Incidents in the joint picture the user may see: reviewed or included ones (coordinators see every
    one), within the user's districts."""
    if not may_see_picture(user):
        return Incident.objects.none()
    if is_coordinator(user):
        return Incident.objects.all()
    queryset = Incident.objects.filter(status=Incident.Status.INCLUDED)
    districts = picture_district_ids(user)
    if districts is not None:
        queryset = queryset.filter(district_id__in=districts)
    return queryset


def picture_summary_districts(user) -> frozenset[int] | bool | None:
    """What of the picture's summaries (sums of INCLUDED incidents) the user may read, the same as
    `picture_incidents` lets them count: False for nothing, None for all, else the districts. Without a
    user (the command line), all."""
    if user is None:
        return None
    if not may_see_picture(user):
        return False
    if is_coordinator(user):
        return None
    return picture_district_ids(user)


def visible_incidents(user) -> QuerySet[Incident]:
    """What a user may open: their own reports and those of the picture they see."""
    own = Q(reporter=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    picture = picture_incidents(user)
    if is_coordinator(user):
        return picture
    return Incident.objects.filter(own | Q(pk__in=picture.values("pk")))


def get_incident_or_404(user, pk: int) -> Incident:
    try:
        return visible_incidents(user).select_related("category", "organisation", "named_place").get(pk=pk)
    except Incident.DoesNotExist:
        raise Http404("No such incident") from None


def may_edit_incident(user, incident: Incident) -> bool:
    """The reporter edits their own report until it is included; coordinators edit any."""
    if is_coordinator(user):
        return True
    return (
        incident.reporter_id == getattr(user, "pk", None)
        and incident.status != Incident.Status.INCLUDED
        and incident.source != Incident.Source.RESIDENT
        and may_report_incidents(user)
    )


def may_record_outcome(user, action: Action) -> bool:
    """The owning partner's people and coordinators record how an action went."""
    if is_coordinator(user):
        return True
    access = access_for(user)
    return action.organisation_id in access.organisation_ids(Role.PARTNER, Role.INCIDENT_REPORTER)


def action_organisation_ids(user) -> frozenset[int] | None:
    """The organisations whose actions are the user's own list; None: all (coordinators)."""
    if is_coordinator(user):
        return None
    return access_for(user).organisation_ids(Role.PARTNER, Role.INCIDENT_REPORTER)


def public_incidents() -> QuerySet[Incident]:
    """What the public summary counts: incidents a coordinator included in the picture, nothing else. Only
    aggregated, suppressed counts of these leave `framsteg.situation.selectors.public`."""
    return Incident.objects.filter(status=Incident.Status.INCLUDED)


def public_actions() -> QuerySet[Action]:
    """The actions the public sees (their public fields only: never the responsible person)."""
    return Action.objects.all()


def may_import_incidents(user) -> bool:
    """Reporters and coordinators import their partners' exports (for the organisations they report for)."""
    return may_report_incidents(user)


def import_organisation_ids(user) -> frozenset[int] | None:
    """The organisations a user may import or post reports for: None for any (coordinators)."""
    if is_coordinator(user):
        return None
    return reporting_organisation_ids(user)


def may_manage_partner_api_keys(user) -> bool:
    """Keys let a partner's system report in its organisation's name: coordinators create and revoke them."""
    return is_coordinator(user)


def reporting_organisations(user) -> QuerySet[Organisation]:
    """The organisations the report form offers: the user's reporting ones (administrators: any)."""
    ids = reporting_organisation_ids(user)
    if not ids and access_for(user).is_administrator:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=ids)


def may_include_case(user, case: Case) -> bool:
    """Categorising a resident's safety report into the picture: those who handle the case (its case
    officers and the coordinators). What reaches the picture carries none of the resident's personal data."""
    return case.kind == CaseKind.SAFETY and case_rules.can_handle(user, case)


def may_see_case_of(user, incident: Incident) -> bool:
    """Whether the incident's page may link to the resident's case: only for those who handle it, never for
    partners."""
    return incident.case_id is not None and case_rules.can_handle(user, incident.case)


def report_incidents(user) -> QuerySet[Incident]:
    """The incidents the tertial and yearly reports count: those included in the picture, for the whole
    municipality (the reports are the municipality's, aggregated; they list no events)."""
    if not may_see_reports(user):
        return Incident.objects.none()
    return Incident.objects.filter(status=Incident.Status.INCLUDED)
