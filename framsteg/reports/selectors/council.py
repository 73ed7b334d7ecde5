"""What a report to the council is built from: one follow-up period's approved reports, in a scope.

Which reports count: only published ones (those needing no review and those a coordinator approved; a
draft or a report sent back never does) made for the period. A commitment's status in the period is its
latest such report; its history over the period is every such report, oldest first; "before the period" is
its latest published report for an earlier period (one ending before this one ends). A commitment without a
report for the period is "not reported" in it, whatever it had before.

The whole read costs a fixed number of queries, however many goals and commitments the plan holds:
commitments (with their previous report's id), the period's reports, the previous reports, owners, cases,
indicators with their links and series, and the statuses.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from framsteg.budget.selectors import BudgetLine, budget_follow_up
from framsteg.dialogue.models import Case
from framsteg.indicators.assessment import Assessment, assess_indicators, rolled_up_verdict
from framsteg.indicators.models import Indicator
from framsteg.organisations.models import Organisation
from framsteg.steering.models import (
    Area,
    Commitment,
    FollowUpPeriod,
    Responsibility,
    Status,
    StatusUpdate,
    SteeringDocument,
)
from framsteg.steering.selectors import newest_first
from framsteg.steering.selectors.goals import GoalFollowUpRow, goal_follow_up

PLAN = "plan"
AREA = "area"
ORGANISATION = "organisation"
LONG_TERM = "long-term"
SCOPES = (PLAN, AREA, ORGANISATION, LONG_TERM)
PERIOD_CODE = re.compile(r"^(\d{4})-(tertial|interim|annual)$")


# --- Periods ---------------------------------------------------------------------------------------------


def period_code(period: FollowUpPeriod) -> str:
    """The period's code on the command line and in file names: 2026-tertial, 2026-interim, 2026-annual."""
    return f"{period.year}-{period.kind}"


def latest_period() -> FollowUpPeriod | None:
    """The period that ends last among those with published reports; else the one that ends last."""
    with_reports = StatusUpdate.objects.published().values("period_id")
    periods = FollowUpPeriod.objects.order_by("-ends_on", "-pk")
    return periods.filter(pk__in=with_reports).first() or periods.first()


def find_period(code: str) -> FollowUpPeriod | None:
    """A period by its code, or "latest"."""
    code = (code or "").strip().lower()
    if code == "latest":
        return latest_period()
    match = PERIOD_CODE.match(code)
    if match is None:
        return None
    return FollowUpPeriod.objects.filter(year=int(match[1]), kind=match[2]).first()


def period_choices() -> list[FollowUpPeriod]:
    return list(FollowUpPeriod.objects.order_by("-ends_on", "-pk"))


# --- Scopes ----------------------------------------------------------------------------------------------


@dataclass
class Scope:
    kind: str = PLAN
    area: Area | None = None
    organisation: Organisation | None = None

    @property
    def label(self) -> str:
        if self.kind == AREA and self.area is not None:
            return self.area.title
        if self.kind == ORGANISATION and self.organisation is not None:
            return self.organisation.name
        if self.kind == LONG_TERM:
            return _("The long-term goals")
        return _("The whole plan")


def _below(tree: dict[int, int | None], roots: set[int]) -> set[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent in tree.items():
        if parent is not None:
            children[parent].append(pk)
    found = set(roots)
    frontier = list(roots)
    while frontier:
        frontier = [child for pk in frontier for child in children[pk] if child not in found]
        found.update(frontier)
    return found


def long_term_goals() -> list[Area]:
    return list(
        Area.objects.current()
        .filter(kind=Area.Kind.LONG_TERM_GOAL, document__standing=SteeringDocument.Standing.ADOPTED)
        .select_related("document")
        .order_by("document__title", "position")
    )


def scope_areas(scope: Scope) -> set[int] | None:
    """The goal-tree nodes a scope covers (with every node below them), or None for all."""
    if scope.kind == AREA and scope.area is not None:
        return _below(dict(Area.objects.values_list("pk", "parent_id")), {scope.area.pk})
    if scope.kind == LONG_TERM:
        roots = {area.pk for area in long_term_goals()}
        return _below(dict(Area.objects.values_list("pk", "parent_id")), roots)
    return None


def scope_commitments(scope: Scope) -> QuerySet[Commitment]:
    """Current commitments of adopted documents in the scope (a proposal's points never are)."""
    commitments = Commitment.objects.reportable()
    areas = scope_areas(scope)
    if areas is not None:
        commitments = commitments.filter(area_id__in=areas)
    if scope.kind == ORGANISATION and scope.organisation is not None:
        tree = dict(Organisation.objects.values_list("pk", "parent_id"))
        organisations = _below(tree, {scope.organisation.pk})
        owned = Responsibility.objects.filter(organisation_id__in=organisations).values("commitment_id")
        commitments = commitments.filter(pk__in=owned)
    return commitments


# --- The data --------------------------------------------------------------------------------------------
# Plain records rather than model instances: a plan of 3,000 commitments reads tens of thousands of values,
# and making a model instance of each would take most of the time the report may take.


@dataclass
class CommitmentInfo:
    pk: int
    area: Area
    document: SteeringDocument
    text: str
    position: int
    budget_sek: object = None

    @property
    def reference(self) -> str:
        """As `Commitment.reference`: the area's position, then the commitment's."""
        return f"{self.area.position}.{self.position}"


@dataclass
class UpdateInfo:
    pk: int
    status: Status
    progress: int | None
    created_at: datetime.datetime
    comment: str = ""
    reason: str = ""
    organisation_name: str = ""
    author_name: str = ""


@dataclass
class Row:
    commitment: CommitmentInfo
    owners: list[str] = field(default_factory=list)
    history: list[UpdateInfo] = field(default_factory=list)  # the period's published reports, oldest first
    previous: UpdateInfo | None = None  # the latest published report of an earlier period
    cases: dict[str, int] = field(default_factory=dict)  # residents' cases linked, received in the period

    @property
    def update(self) -> UpdateInfo | None:
        """The commitment's status in the period: its latest published report for it."""
        return self.history[-1] if self.history else None


@dataclass
class Goal:
    area: Area
    rows: list[Row] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)

    @property
    def verdict(self):
        return rolled_up_verdict(self.assessments)


@dataclass
class LongTermGoal:
    area: Area
    children: list[Goal] = field(default_factory=list)  # the goals below it that carry commitments
    assessments: list[Assessment] = field(default_factory=list)


@dataclass
class CouncilData:
    period: FollowUpPeriod
    scope: Scope
    goals: list[Goal]
    statuses: list[Status]
    documents: list[SteeringDocument]
    long_term: list[LongTermGoal] = field(default_factory=list)
    assessments: dict[int, Assessment] = field(default_factory=dict)
    organisations_reporting: int = 0
    reports: int = 0
    budget: list[BudgetLine] = field(default_factory=list)  # the period's budget follow-up in the scope
    judgements: dict[int, GoalFollowUpRow] = field(default_factory=dict)  # each goal's approved judgement
    judgement_rule: str = ""  # the roll-up rule in words

    @property
    def rows(self) -> list[Row]:
        return [row for goal in self.goals for row in goal.rows]

    def status_counts(self) -> list[tuple[Status | None, int]]:
        """How many commitments have each status in the period (in the vocabulary's order), then those not
        reported in it."""
        counts = Counter(row.update.status.pk if row.update else None for row in self.rows)
        result = [(status, counts[status.pk]) for status in self.statuses if counts[status.pk]]
        if counts[None]:
            result.append((None, counts[None]))
        return result


def council_data(period: FollowUpPeriod, scope: Scope) -> CouncilData:
    """Everything a report needs, read in a fixed number of queries."""
    commitments_qs = scope_commitments(scope)
    earlier = newest_first().filter(commitment=OuterRef("pk"), period__ends_on__lt=period.ends_on)
    rows_found = list(
        commitments_qs.annotate(previous_id=Subquery(earlier.values("pk")[:1]))
        .order_by("document__title", "document_id", "area__position", "area_id", "position", "pk")
        .values_list("pk", "area_id", "text", "position", "budget_sek", "previous_id")
    )
    ids = commitments_qs.values("pk")
    statuses = list(Status.objects.order_by("position", "pk"))
    status_of = {status.pk: status for status in statuses}
    areas = Area.objects.select_related("document").in_bulk({row[1] for row in rows_found})
    history: dict[int, list[UpdateInfo]] = defaultdict(list)
    organisations = set()
    period_updates = (
        StatusUpdate.objects.published()
        .filter(period=period, commitment_id__in=ids)
        .order_by("created_at", "pk")
        .values_list(
            "pk",
            "commitment_id",
            "status_id",
            "progress",
            "created_at",
            "comment",
            "reason",
            "organisation_id",
            "organisation__name",
            "author_name",
        )
    )
    for (
        pk,
        commitment_id,
        status_id,
        progress,
        created_at,
        comment,
        reason,
        org_id,
        org_name,
        author,
    ) in period_updates:
        history[commitment_id].append(
            UpdateInfo(
                pk, status_of[status_id], progress, created_at, comment, reason, org_name or "", author
            )
        )
        organisations.add(org_id)
    previous_ids = [row[5] for row in rows_found if row[5]]
    previous = {
        pk: UpdateInfo(pk, status_of[status_id], progress, created_at)
        for pk, status_id, progress, created_at in (
            StatusUpdate.objects.filter(pk__in=previous_ids).values_list(
                "pk", "status_id", "progress", "created_at"
            )
            if previous_ids
            else []
        )
    }
    owners: dict[int, list[str]] = defaultdict(list)
    for commitment_id, name in (
        Responsibility.objects.filter(commitment_id__in=ids)
        .order_by("organisation__name")
        .values_list("commitment_id", "organisation__name")
    ):
        owners[commitment_id].append(name)
    cases: dict[int, dict[str, int]] = defaultdict(dict)
    links = (
        Case.commitments.through.objects.filter(
            commitment_id__in=ids,
            case__created_at__date__gte=period.starts_on,
            case__created_at__date__lte=period.ends_on,
        )
        .values("commitment_id", "case__kind")
        .annotate(count=Count("pk"))
    )
    for link in links:
        cases[link["commitment_id"]][link["case__kind"]] = link["count"]

    goals: dict[int, Goal] = {}
    commitments = []
    for pk, area_id, text, position, budget_sek, previous_id in rows_found:
        area = areas[area_id]
        commitment = CommitmentInfo(pk, area, area.document, text, position, budget_sek)
        commitments.append(commitment)
        goal = goals.get(area_id)
        if goal is None:
            goal = goals[area_id] = Goal(area)
        goal.rows.append(
            Row(
                commitment,
                owners=owners.get(pk, []),
                history=history.get(pk, []),
                previous=previous.get(previous_id),
                cases=cases.get(pk, {}),
            )
        )

    # Indicators that follow a goal or one of its commitments.
    area_ids = set(goals)
    long_term = long_term_goals() if scope.kind in (LONG_TERM, PLAN) else []
    lt_ids = {area.pk for area in long_term}
    indicators = list(
        Indicator.objects.filter(Q(areas__in=area_ids | lt_ids) | Q(commitments__in=ids)).distinct()
    )
    assessments = assess_indicators(indicators) if indicators else {}
    by_area: dict[int, set[int]] = defaultdict(set)
    for indicator_id, area_id in Indicator.areas.through.objects.filter(
        indicator_id__in=list(assessments), area_id__in=area_ids | lt_ids
    ).values_list("indicator_id", "area_id"):
        by_area[area_id].add(indicator_id)
    area_of = {commitment.pk: commitment.area.pk for commitment in commitments}
    for indicator_id, commitment_id in Indicator.commitments.through.objects.filter(
        indicator_id__in=list(assessments), commitment_id__in=ids
    ).values_list("indicator_id", "commitment_id"):
        if commitment_id in area_of:
            by_area[area_of[commitment_id]].add(indicator_id)

    def ordered(indicator_ids: set[int]) -> list[Assessment]:
        return sorted(
            (assessments[pk] for pk in indicator_ids),
            key=lambda item: (item.indicator.name, item.indicator.pk),
        )

    for goal in goals.values():
        goal.assessments = ordered(by_area.get(goal.area.pk, set()))

    long_term_goals_data = []
    if long_term:
        tree = dict(Area.objects.values_list("pk", "parent_id"))
        for area in long_term:
            below = _below(tree, {area.pk})
            long_term_goals_data.append(
                LongTermGoal(
                    area,
                    children=[goal for pk, goal in goals.items() if pk in below],
                    assessments=ordered(by_area.get(area.pk, set())),
                )
            )

    # The budget follow-up: the scope's organisations' own lines and its commitments' lines.
    in_scope = {commitment.pk for commitment in commitments}
    organisation_ids: set[int] | None = None
    if scope.kind == ORGANISATION and scope.organisation is not None:
        tree = dict(Organisation.objects.values_list("pk", "parent_id"))
        organisation_ids = _below(tree, {scope.organisation.pk})
    budget = [
        line
        for line in budget_follow_up(period)
        if (line.commitment is not None and line.commitment.pk in in_scope)
        or (
            line.commitment is None
            and scope.kind in (PLAN, ORGANISATION)
            and (organisation_ids is None or line.organisation.pk in organisation_ids)
        )
    ]

    # The goals' approved judgements for the period, with their analyses and roll-up (the steering app's).
    follow_up = goal_follow_up(period)
    judgements: dict[int, GoalFollowUpRow] = {}
    for row in follow_up.goals:
        judgements.setdefault(row.goal.pk, row)

    documents = []
    for commitment in commitments:
        if not documents or documents[-1].pk != commitment.document.pk:
            documents.append(commitment.document)
    return CouncilData(
        period=period,
        scope=scope,
        goals=list(goals.values()),
        statuses=statuses,
        documents=documents,
        long_term=long_term_goals_data,
        assessments=assessments,
        organisations_reporting=len(organisations - {None}),
        reports=sum(len(items) for items in history.values()),
        budget=budget,
        judgements=judgements,
        judgement_rule=follow_up.rule,
    )
