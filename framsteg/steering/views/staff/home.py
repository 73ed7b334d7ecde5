"""The staff start page: the open period and the user's commitments, grouped by area."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from framsteg.core.decorators import staff_page
from framsteg.steering import rules
from framsteg.steering.models import Area, Commitment, FollowUpPeriod, SteeringDocument
from framsteg.steering.rules import reportable_commitments
from framsteg.steering.selectors import reports_in, with_latest


@dataclass
class AreaGroup:
    area: Area
    document: SteeringDocument
    commitments: list[Commitment] = field(default_factory=list)


def group_by_area(commitments: list[Commitment]) -> list[AreaGroup]:
    groups: list[AreaGroup] = []
    for commitment in commitments:
        if not groups or groups[-1].area.pk != commitment.area_id:
            groups.append(AreaGroup(commitment.area, commitment.document))
        groups[-1].commitments.append(commitment)
    return groups


def mark_reported(commitments: list[Commitment], period: FollowUpPeriod | None) -> int:
    """Set `.reported_now` on each commitment; return how many have an update in the period."""
    reported: set[int] = set()
    if period is not None and commitments:
        reported = set(
            reports_in(period)
            .filter(commitment__in=[c.pk for c in commitments])
            .values_list("commitment_id", flat=True)
            .distinct()
        )
    for commitment in commitments:
        commitment.reported_now = commitment.pk in reported
    return len(reported)


@staff_page(rules.may_use_staff_home)
def home(request: HttpRequest) -> HttpResponse:
    period = FollowUpPeriod.open_period()
    organisations = rules.reporting_organisations(request.user)
    commitments = with_latest(reportable_commitments(request.user), drafts=True)
    reported = mark_reported(commitments, period)
    return render(
        request,
        "steering/staff/home.html",
        {
            "nav": "staff",
            "period": period,
            "organisations": organisations,
            "is_administrator": rules.reports_on_everything(request.user),
            "groups": group_by_area(commitments),
            "total": len(commitments),
            "reported": reported,
            "left": len(commitments) - reported,
        },
    )
