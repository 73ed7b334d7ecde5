"""The indicators beside a goal's judgement: latest value, headline target, trend and source.

Registered with the goal tree's reads (framsteg.steering.selectors.goals) when Django starts, so that the
staff judgement page, the public pages and the council's reports see the same figures. The trend is the
recent fitted trend (the indicator pages' method) read with the indicator's direction: improving, unchanged
or worsening; with fewer than two yearly values it cannot be measured.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from framsteg.indicators.assessment import Assessment, assess_indicators
from framsteg.indicators.models import Indicator
from framsteg.steering.models import Area
from framsteg.steering.selectors.goals import IndicatorReading

TREND_LABELS = {
    "improving": _("Improving"),
    "unchanged": _("Unchanged"),
    "worsening": _("Worsening"),
    "cannot_measure": _("Cannot be measured"),
}


def trend(assessment: Assessment) -> str:
    direction = assessment.direction
    if direction is None:
        return "cannot_measure"
    if direction == "flat":
        return "unchanged"
    rising_is_good = assessment.indicator.higher_is_better
    return "improving" if (direction == "rising") == rising_is_good else "worsening"


def reading(assessment: Assessment) -> IndicatorReading:
    indicator = assessment.indicator
    latest = assessment.latest
    headline = assessment.headline
    code = trend(assessment)
    source = (assessment.release.source or assessment.release.label) if assessment.release else ""
    return IndicatorReading(
        name=indicator.name,
        unit=indicator.unit,
        value=latest[1] if latest else None,
        year=latest[0] if latest else None,
        target_value=float(headline.target.value) if headline else None,
        target_year=headline.target.year if headline else None,
        trend=code,
        trend_label=str(TREND_LABELS[code]),
        verdict_label=assessment.verdict_label,
        source=source or indicator.source_name,
        url=indicator.get_absolute_url(),
    )


def goal_readings(goals: list[Area]) -> dict[int, list[IndicatorReading]]:
    """Each goal's linked indicators, in name order; four queries however many goals."""
    links = list(
        Indicator.areas.through.objects.filter(area_id__in=[goal.pk for goal in goals]).values_list(
            "area_id", "indicator_id"
        )
    )
    indicators = Indicator.objects.filter(pk__in={indicator_id for _area, indicator_id in links})
    assessments = assess_indicators(indicators)
    found: dict[int, list[IndicatorReading]] = {}
    for area_id, indicator_id in links:
        found.setdefault(area_id, []).append(reading(assessments[indicator_id]))
    for readings in found.values():
        readings.sort(key=lambda item: item.name)
    return found
