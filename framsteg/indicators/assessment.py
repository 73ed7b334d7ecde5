"""What the numbers say: each indicator's current series judged against its targets, rolled up.

An indicator is judged on the municipality's own total series (gender T, no district) from its current
release only; releases are never mixed. The headline judgement uses the target with the latest year.

The roll-up rule, shown to readers wherever a roll-up appears: a commitment or area gets the least
favourable verdict among its indicators that have a target and enough data (off track before at risk
before on track). When none of them has enough data the verdict is "not enough data"; with no judged
indicator at all there is no verdict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from framsteg.core.marking import in_lang
from framsteg.indicators.judgement import (
    RECENT_YEARS,
    Judgement,
    TargetKind,
    Trend,
    Verdict,
    fit_trend,
    judge,
)
from framsteg.indicators.models import Indicator, Measurement, Municipality, Release, Target
from framsteg.steering.models import Commitment, Status

VERDICT_LABELS = {
    Verdict.ON_TRACK: _("On track"),
    Verdict.AT_RISK: _("At risk"),
    Verdict.OFF_TRACK: _("Off track"),
    Verdict.NOT_ENOUGH_DATA: _("Not enough data"),
}
VERDICT_TONES = {
    Verdict.ON_TRACK: "good",
    Verdict.AT_RISK: "warning",
    Verdict.OFF_TRACK: "bad",
    Verdict.NOT_ENOUGH_DATA: "neutral",
}
NO_TARGET_LABEL = _("No target")
# Least favourable first: the order the roll-up picks from.
SEVERITY = [Verdict.OFF_TRACK, Verdict.AT_RISK, Verdict.ON_TRACK]
ROLLUP_RULE = _(
    "A commitment or area gets the least favourable verdict among its indicators that have a target and "
    "enough data (off track before at risk before on track). When none has enough data the verdict is "
    "“not enough data”."
)
# A trend moving less than this share of the series' mean a year is called flat.
FLAT_SHARE = 0.005


@dataclass
class TargetJudgement:
    target: Target
    judgement: Judgement

    @property
    def verdict(self) -> Verdict:
        return self.judgement.verdict


@dataclass
class Assessment:
    """An indicator's current series, its latest value, its trend and its judgements."""

    indicator: Indicator
    release: Release | None
    points: list[tuple[int, float]] = field(default_factory=list)
    judgements: list[TargetJudgement] = field(default_factory=list)

    @property
    def latest(self) -> tuple[int, float] | None:
        return self.points[-1] if self.points else None

    @property
    def headline(self) -> TargetJudgement | None:
        """The judgement against the target with the latest year."""
        return self.judgements[-1] if self.judgements else None

    @property
    def verdict(self) -> Verdict | None:
        return self.headline.verdict if self.headline else None

    @property
    def verdict_label(self) -> str:
        return verdict_label(self.verdict)

    @property
    def tone(self) -> str:
        return verdict_tone(self.verdict)

    @property
    def trend(self) -> Trend | None:
        return fit_trend(self.points[-RECENT_YEARS:])

    @property
    def direction(self) -> str | None:
        """rising, falling or flat for the recent trend; None with fewer than two years."""
        trend = self.trend
        if trend is None:
            return None
        scale = abs(sum(value for _, value in self.points) / len(self.points)) or 1.0
        if abs(trend.slope) < FLAT_SHARE * scale:
            return "flat"
        return "rising" if trend.slope > 0 else "falling"


def verdict_label(verdict: Verdict | None) -> str:
    return str(VERDICT_LABELS[verdict]) if verdict else str(NO_TARGET_LABEL)


def verdict_tone(verdict: Verdict | None) -> str:
    return VERDICT_TONES[verdict] if verdict else "none"


def total_series(measurements: Iterable[Measurement]) -> list[tuple[int, float]]:
    """The municipality's yearly totals, in year order, without empty values."""
    code = settings.MUNICIPALITY_CODE
    return sorted(
        (m.period, float(m.value))
        for m in measurements
        if m.municipality == code
        and m.gender == Measurement.Gender.TOTAL
        and not m.district
        and m.value is not None
    )


def judge_target(indicator: Indicator, target: Target, points: list[tuple[int, float]]) -> Judgement:
    kind = TargetKind(target.kind)
    value = float(target.value)
    if kind == TargetKind.YEARLY_RATE:
        value /= 100  # stored as percent, judged as a fraction per year
    return judge(
        points,
        target_value=value,
        target_year=target.year,
        higher_is_better=indicator.higher_is_better,
        kind=kind,
    )


def assess(indicator: Indicator, points: list[tuple[int, float]], release: Release | None) -> Assessment:
    """Judge `points` against every target of the indicator (targets ordered by year)."""
    targets = sorted(indicator.targets.all(), key=lambda target: (target.year, target.pk))
    return Assessment(
        indicator=indicator,
        release=release,
        points=points,
        judgements=[TargetJudgement(target, judge_target(indicator, target, points)) for target in targets],
    )


def assess_indicators(indicators: Iterable[Indicator]) -> dict[int, Assessment]:
    """Assess many indicators in three queries: current releases, targets (unless prefetched), totals."""
    indicators = list(indicators)
    releases = {
        release.indicator_id: release
        for release in Release.objects.filter(indicator__in=indicators, is_current=True)
    }
    prefetch_related_objects(indicators, Prefetch("targets", queryset=Target.objects.order_by("year", "pk")))
    rows = Measurement.objects.filter(
        release__in=releases.values(),
        municipality=settings.MUNICIPALITY_CODE,
        gender=Measurement.Gender.TOTAL,
        district="",
        value__isnull=False,
    ).only("indicator_id", "municipality", "gender", "district", "period", "value")
    by_indicator: dict[int, list[Measurement]] = {}
    for row in rows:
        by_indicator.setdefault(row.indicator_id, []).append(row)
    return {
        indicator.pk: assess(
            indicator, total_series(by_indicator.get(indicator.pk, [])), releases.get(indicator.pk)
        )
        for indicator in indicators
    }


def rolled_up_verdict(assessments: Iterable[Assessment]) -> Verdict | None:
    """The roll-up rule in the module docstring."""
    verdicts = {assessment.verdict for assessment in assessments if assessment.verdict is not None}
    for verdict in SEVERITY:
        if verdict in verdicts:
            return verdict
    return Verdict.NOT_ENOUGH_DATA if verdicts else None


@dataclass
class VerdictCount:
    verdict: Verdict | None
    label: str
    tone: str
    count: int


def verdict_counts(assessments: Iterable[Assessment]) -> list[VerdictCount]:
    """How many indicators have each verdict, in a fixed order, leaving out verdicts nobody has."""
    counts = Counter(assessment.verdict for assessment in assessments)
    order: list[Verdict | None] = [*SEVERITY, Verdict.NOT_ENOUGH_DATA, None]
    return [
        VerdictCount(verdict, verdict_label(verdict), verdict_tone(verdict), counts[verdict])
        for verdict in order
        if counts[verdict]
    ]


def _marked(sentence: str, status: Status) -> str:
    """`sentence` with the status's label, marked with its language when that is not the page's."""
    label = conditional_escape(in_lang(status.label, status.label_language))
    return mark_safe(escape(sentence) % {"status": label})


def disagreement(status: Status | None, verdict: Verdict | None) -> str | None:
    """Why the owner's word and the numbers point different ways, or None when they do not.

    An owner reporting progress ("In progress", "Done") while the numbers are off track disagree, and so
    does an owner reporting a setback ("Delayed", "Cancelled") while the numbers are on track.
    """
    if status is None or verdict is None:
        return None
    owner_positive = status.is_done or status.tone in {Status.Tone.GOOD, Status.Tone.ACTIVE}
    owner_negative = status.tone in {Status.Tone.WARNING, Status.Tone.BAD}
    if owner_positive and verdict == Verdict.OFF_TRACK:
        return str(
            _marked(
                _("The owner reports “%(status)s”, but the numbers are off track to reach the target."),
                status,
            )
        )
    if owner_negative and verdict == Verdict.ON_TRACK:
        return str(
            _marked(
                _("The owner reports “%(status)s”, but the numbers are on track to reach the target."), status
            )
        )
    return None


def comparison_group() -> Municipality | None:
    """Kolada's "Liknande kommuner" group for the municipality: a group named after it, else the first."""
    groups = Municipality.objects.filter(is_group=True).prefetch_related("members")
    short_name = settings.MUNICIPALITY_NAME.split()[0]
    return groups.filter(name__icontains=short_name).first() or groups.first()


@dataclass
class LinkedIndicator:
    """An indicator on an area or commitment page, beside the owners' latest word on its commitments."""

    assessment: Assessment
    commitments: list[Commitment]
    disagreements: list[str]


def linked_indicators(
    indicators: Iterable[Indicator], commitments: list[Commitment]
) -> tuple[list[LinkedIndicator], Verdict | None]:
    """Each indicator with those of `commitments` (already passed through `with_latest`) it follows.

    Returns the list and the rolled-up verdict. Costs four queries however many indicators there are.
    """
    indicators = list(indicators)
    assessments = assess_indicators(indicators)
    by_pk = {commitment.pk: commitment for commitment in commitments}
    links = Indicator.commitments.through.objects.filter(
        indicator__in=indicators, commitment_id__in=list(by_pk)
    ).values_list("indicator_id", "commitment_id")
    followed: dict[int, list[Commitment]] = {}
    for indicator_id, commitment_id in links:
        followed.setdefault(indicator_id, []).append(by_pk[commitment_id])
    result = []
    for indicator in indicators:
        assessment = assessments[indicator.pk]
        mine = sorted(followed.get(indicator.pk, []), key=lambda commitment: commitment.position)
        notes = [
            note
            for commitment in mine
            if (
                note := disagreement(
                    commitment.latest.status if commitment.latest else None, assessment.verdict
                )
            )
        ]
        result.append(LinkedIndicator(assessment, mine, notes))
    return result, rolled_up_verdict(assessments.values())
