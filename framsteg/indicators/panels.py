"""What the indicators say about an area or a commitment, added to the plan's public pages as a panel."""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string

from framsteg.indicators.assessment import ROLLUP_RULE, linked_indicators
from framsteg.indicators.models import Indicator


def _render(request, indicators, commitments) -> str:
    linked, verdict = linked_indicators(indicators, commitments)
    if not linked:
        return ""
    return render_to_string(
        "indicators/public/includes/linked.html",
        {"linked": linked, "indicator_verdict": verdict, "indicator_rule": ROLLUP_RULE},
        request=request,
    )


def area_panel(request, area, commitments) -> str:
    followed = Q(areas=area) | Q(commitments__in=[commitment.pk for commitment in commitments])
    return _render(request, Indicator.objects.filter(followed).distinct(), commitments)


def commitment_panel(request, commitment) -> str:
    return _render(request, commitment.indicators.all(), [commitment])
