"""The public budget follow-up: per period, each nämnd's and commitment's budget, outcome, forecast, deviation
and the owner's comment, every amount with its source; and the amounts the documents state."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from framsteg.budget import selectors
from framsteg.steering.models import FollowUpPeriod


def follow_up(request: HttpRequest) -> HttpResponse:
    period = selectors.chosen_period(request.GET.get("period"))
    context = {
        "nav": "budget",
        "period": period,
        "periods": FollowUpPeriod.objects.order_by("-year", "-ends_on"),
        "lines": selectors.budget_follow_up(period) if period else [],
        "stated": selectors.stated_amounts(),
    }
    return render(request, "budget/public/follow_up.html", context)
