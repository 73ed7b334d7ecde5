"""The goal tree as anyone sees it: every goal with its approved judgement for a period and its roll-up."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from framsteg.steering.models import FollowUpPeriod, GoalJudgement
from framsteg.steering.rollup import RollupRule
from framsteg.steering.selectors import goals as goal_selectors


def goal_tree(request: HttpRequest) -> HttpResponse:
    periods = list(FollowUpPeriod.objects.order_by("-ends_on", "-pk"))
    chosen = request.GET.get("period", "")
    period = next((p for p in periods if chosen.isdigit() and p.pk == int(chosen)), None)
    period = period or goal_selectors.period_with_judgements()
    rule = RollupRule.configured()
    tree = goal_selectors.goal_tree(period, rule=rule)
    return render(
        request,
        "steering/public/goal_tree.html",
        {
            "nav": "goals",
            "period": period,
            "periods": periods,
            "tree": tree,
            "rule": rule.statement,
            "judged": period is not None and GoalJudgement.objects.published().filter(period=period).exists(),
        },
    )
