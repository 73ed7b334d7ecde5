"""Reads of the goal tree: goals across documents, their judgements per follow-up period and the roll-up.

The tree: long-term goals at the top; below each goal the goals of its own document under it (`Area.parent`)
and the goals of other documents that contribute to it (`GoalContribution`), then the commitments that
contribute to it. A goal contributing to nothing, with no parent, is a root of its own (a platform area not
yet linked to a long-term goal shows as one, so that nothing disappears).

Only approved judgements (and those needing no review) are read unless `drafts=True`, which the staff pages
ask for to show what waits for review beside what is public.

Indicators live in an app above this one: it registers a reader (`register_indicator_reader`) that this
module asks for each goal's indicators with their value, target, trend and source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from framsteg.steering.models import (
    GOAL_KINDS,
    Area,
    Commitment,
    FollowUpPeriod,
    GoalContribution,
    GoalJudgement,
    Judgement,
    StatusReview,
    SteeringDocument,
)
from framsteg.steering.rollup import RollupRule
from framsteg.steering.selectors import with_latest

KIND_ORDER = {kind: position for position, kind in enumerate(GOAL_KINDS)}


@dataclass(frozen=True)
class IndicatorReading:
    """An indicator beside a goal's judgement: its latest value, its headline target and its trend."""

    name: str
    unit: str
    value: float | None
    year: int | None
    target_value: float | None
    target_year: int | None
    # "improving", "unchanged", "worsening" or "cannot_measure" (fewer than two years of values)
    trend: str
    trend_label: str
    verdict_label: str
    source: str
    url: str


IndicatorReader = Callable[[list[Area]], dict[int, list[IndicatorReading]]]
_indicator_readers: list[IndicatorReader] = []


def register_indicator_reader(reader: IndicatorReader) -> None:
    if reader not in _indicator_readers:
        _indicator_readers.append(reader)


def indicator_readings(goals: list[Area]) -> dict[int, list[IndicatorReading]]:
    """Each goal's indicators (by the goal's id), from every registered reader."""
    found: dict[int, list[IndicatorReading]] = {}
    for reader in _indicator_readers:
        for goal_id, readings in reader(goals).items():
            found.setdefault(goal_id, []).extend(readings)
    return found


@dataclass
class GoalNode:
    goal: Area
    judgement: GoalJudgement | None  # the latest approved (published) judgement for the period
    draft: GoalJudgement | None = None  # with drafts=True: a newer judgement waiting for review
    contribution: GoalContribution | None = None  # how the goal contributes to the node above it
    children: list[GoalNode] = field(default_factory=list)
    commitments: list[tuple[Commitment, GoalContribution]] = field(default_factory=list)
    rolled_up: str | None = None
    depth: int = 0

    @property
    def own(self) -> str | None:
        return self.judgement.judgement if self.judgement else None

    @property
    def effective(self) -> str | None:
        """What the goal brings to the goal above it: its own judgement, else its roll-up."""
        return self.own or self.rolled_up

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def goals_queryset():
    """Current goals of adopted documents (long-term goals, term areas, committee goals)."""
    return (
        Area.objects.current()
        .filter(kind__in=GOAL_KINDS, document__standing=SteeringDocument.Standing.ADOPTED)
        .exclude(document__kind=SteeringDocument.Kind.OTHER)
        .select_related("document")
    )


def latest_judgements(period: FollowUpPeriod, goals, *, drafts: bool = False) -> dict[int, GoalJudgement]:
    """Each goal's newest judgement for the period: published ones, or with `drafts` the newest not sent
    back."""
    judgements = GoalJudgement.objects.filter(period=period, goal__in=goals).select_related(
        "period", "organisation", "review"
    )
    if drafts:
        judgements = judgements.exclude(review__decision=StatusReview.Decision.RETURNED)
    else:
        judgements = judgements.published()
    found: dict[int, GoalJudgement] = {}
    for judgement in judgements.order_by("created_at", "pk"):
        found[judgement.goal_id] = judgement
    return found


def goal_tree(
    period: FollowUpPeriod | None, *, drafts: bool = False, rule: RollupRule | None = None
) -> list[GoalNode]:
    """The whole tree for a period, roots first (long-term goals, then goals linked to nothing).

    A fixed number of queries however large the tree. A contribution that would close a loop is not
    followed a second time.
    """
    rule = rule or RollupRule.configured()
    goals = {goal.pk: goal for goal in goals_queryset()}
    contributions = list(
        GoalContribution.objects.filter(goal__in=goals.values()).select_related(
            "from_area", "from_commitment"
        )
    )
    published = latest_judgements(period, goals.values()) if period else {}
    pending = latest_judgements(period, goals.values(), drafts=True) if period and drafts else {}
    commitment_ids = [c.from_commitment_id for c in contributions if c.from_commitment_id]
    commitments = (
        {
            commitment.pk: commitment
            for commitment in with_latest(
                Commitment.objects.reportable()
                .filter(pk__in=commitment_ids)
                .select_related("area", "document")
            )
        }
        if commitment_ids
        else {}
    )
    below: dict[int, list[tuple[Area, GoalContribution | None]]] = {}
    linked_up: set[int] = set()
    for goal in goals.values():
        if goal.parent_id in goals:
            below.setdefault(goal.parent_id, []).append((goal, None))
            linked_up.add(goal.pk)
    contributing_commitments: dict[int, list[tuple[Commitment, GoalContribution]]] = {}
    for contribution in contributions:
        if contribution.from_area_id in goals:
            below.setdefault(contribution.goal_id, []).append(
                (goals[contribution.from_area_id], contribution)
            )
            linked_up.add(contribution.from_area_id)
        elif contribution.from_commitment_id in commitments:
            contributing_commitments.setdefault(contribution.goal_id, []).append(
                (commitments[contribution.from_commitment_id], contribution)
            )

    def order(goal: Area) -> tuple:
        return (KIND_ORDER[goal.kind], goal.document.title, goal.document_id, goal.position, goal.pk)

    def build(
        goal: Area, contribution: GoalContribution | None, depth: int, path: frozenset[int]
    ) -> GoalNode:
        node = GoalNode(
            goal=goal,
            judgement=published.get(goal.pk),
            draft=_newer_draft(pending.get(goal.pk), published.get(goal.pk)),
            contribution=contribution,
            depth=depth,
            commitments=sorted(
                contributing_commitments.get(goal.pk, []),
                key=lambda pair: (pair[0].document_id, pair[0].area.position, pair[0].position),
            ),
        )
        for child, how in sorted(below.get(goal.pk, []), key=lambda pair: order(pair[0])):
            if child.pk not in path:
                node.children.append(build(child, how, depth + 1, path | {child.pk}))
        node.rolled_up = rule.apply(child.effective for child in node.children)
        return node

    roots = sorted((goal for goal in goals.values() if goal.pk not in linked_up), key=order)
    return [build(goal, None, 0, frozenset({goal.pk})) for goal in roots]


def _newer_draft(pending: GoalJudgement | None, published: GoalJudgement | None) -> GoalJudgement | None:
    if pending is None or (published is not None and pending.pk == published.pk):
        return None
    return pending


def find_node(tree: list[GoalNode], goal: Area) -> GoalNode | None:
    for root in tree:
        for node in root.walk():
            if node.goal.pk == goal.pk:
                return node
    return None


def judgement_history(goal: Area, *, drafts: bool = False) -> list[GoalJudgement]:
    """A goal's judgements, newest first: the published ones, or with `drafts` every one with its review."""
    judgements = GoalJudgement.objects.filter(goal=goal).select_related("period", "organisation", "review")
    if not drafts:
        judgements = judgements.published()
    return list(judgements.order_by("-created_at", "-pk"))


def awaiting_review():
    """Draft judgements no coordinator has decided on, oldest first."""
    return (
        GoalJudgement.objects.awaiting_review()
        .select_related("goal__document", "period", "organisation")
        .order_by("created_at", "pk")
    )


def latest_judged_period() -> FollowUpPeriod | None:
    """The latest period with a published judgement, or None."""
    published = GoalJudgement.objects.published().values("period_id")
    return FollowUpPeriod.objects.filter(pk__in=published).order_by("-ends_on", "-pk").first()


def period_with_judgements() -> FollowUpPeriod | None:
    """The period the public goal tree opens on: the latest with a published judgement, else the open one,
    else the latest."""
    return (
        latest_judged_period()
        or FollowUpPeriod.open_period()
        or FollowUpPeriod.objects.order_by("-ends_on", "-pk").first()
    )


def contribution_candidates(goal: Area) -> tuple[list[Area], list[Commitment]]:
    """What may contribute to a goal: goals and commitments of other adopted documents, not yet linked."""
    taken = GoalContribution.objects.filter(goal=goal)
    areas = (
        goals_queryset()
        .filter(kind__in=[Area.Kind.TERM_AREA, Area.Kind.COMMITTEE_GOAL])
        .exclude(document=goal.document)
        .exclude(pk__in=taken.filter(from_area__isnull=False).values("from_area_id"))
        .order_by("document__title", "position")
    )
    commitments = (
        Commitment.objects.reportable()
        .exclude(document=goal.document)
        .exclude(pk__in=taken.filter(from_commitment__isnull=False).values("from_commitment_id"))
        .select_related("area", "document")
        .order_by("document__title", "area__position", "position")
    )
    return list(areas), list(commitments)


@dataclass
class GoalFollowUpRow:
    """One goal in a period's follow-up, as the council's reports show it."""

    goal: Area
    depth: int  # 0 for a root of the tree
    parent: Area | None  # the goal above it in the tree, if any
    contribution: str  # how it contributes to that goal ("" when it sits under it in its own document)
    judgement: str | None  # the approved judgement's code (Judgement), or None
    judgement_label: str
    is_forecast: bool  # True at the interim period: a forecast for the year's end
    analysis: str
    judged_by: str
    rolled_up: str | None  # the roll-up of the goals below and contributing to it (Judgement), or None
    rolled_up_label: str
    indicators: list[IndicatorReading]
    commitments: list[Commitment]  # contributing commitments, each with `.latest` (its published status)


@dataclass
class GoalFollowUp:
    period: FollowUpPeriod
    rule: str  # the roll-up rule in words, to print with the figures
    goals: list[GoalFollowUpRow]


def goal_follow_up(period: FollowUpPeriod) -> GoalFollowUp:
    """For reports: every goal of the tree for `period`, in reading order (depth first, long-term goals
    first), with its approved judgement and analysis (drafts never), its rolled-up judgement, its
    indicators with value, target, trend and source, and the rule the roll-up follows.

    `GoalFollowUp(period, rule, goals=[GoalFollowUpRow(goal, depth, parent, contribution, judgement,
    judgement_label, is_forecast, analysis, judged_by, rolled_up, rolled_up_label, indicators,
    commitments)])`; judgements are `Judgement` codes ("met", "partly_met", "not_met", "cannot_judge") or
    None, with their labels in the active language. A goal under two others appears under each.
    """
    rule = RollupRule.configured()
    tree = goal_tree(period, rule=rule)
    nodes = [(node, parent) for root in tree for node, parent in _with_parents(root, None)]
    readings = indicator_readings([node.goal for node, _parent in nodes])
    rows = []
    for node, parent in nodes:
        judgement = node.judgement
        rows.append(
            GoalFollowUpRow(
                goal=node.goal,
                depth=node.depth,
                parent=parent.goal if parent else None,
                contribution=node.contribution.contribution if node.contribution else "",
                judgement=node.own,
                judgement_label=judgement_label(node.own),
                is_forecast=bool(judgement and judgement.is_forecast),
                analysis=judgement.analysis if judgement else "",
                judged_by=judgement.author_name if judgement else "",
                rolled_up=node.rolled_up,
                rolled_up_label=judgement_label(node.rolled_up),
                indicators=readings.get(node.goal.pk, []),
                commitments=[commitment for commitment, _how in node.commitments],
            )
        )
    return GoalFollowUp(period=period, rule=rule.statement, goals=rows)


def _with_parents(node: GoalNode, parent: GoalNode | None):
    yield node, parent
    for child in node.children:
        yield from _with_parents(child, node)


def judgement_label(code: str | None) -> str:
    return str(Judgement(code).label) if code else ""
