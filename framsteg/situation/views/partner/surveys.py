"""The safety surveys' results per kommundel and year, beside the incident trend of the same kommundel
(`framsteg.situation.selectors.surveys`), for those who see the reports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from framsteg.core.access import access_for
from framsteg.core.decorators import staff_page
from framsteg.indicators.services.tabular import SWEDISH_NAMES
from framsteg.situation import rules
from framsteg.situation.selectors import surveys


@require_safe
@staff_page(rules.may_see_reports)
def survey_page(request: HttpRequest) -> HttpResponse:
    page = surveys.survey_page(request.user)
    columns = [(name, SWEDISH_NAMES[name]) for name in ("indicator", "period", "value", "district", "source")]
    context = {
        "page": page,
        "columns": columns,
        "is_administrator": access_for(request.user).is_administrator,
    }
    return render(request, "situation/partner/surveys.html", context)
