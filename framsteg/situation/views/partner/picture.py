"""The weekly joint situation picture, for the collaboration only:

    /personal/lagesbild/?vecka=2026-W48&omrade=d-fittja

`vecka` is an ISO week (the current one when absent); `omrade` is empty for the whole municipality,
`d-<slug>` (a district), `a-<code>` (a RegSO area) or `p-<slug>` (a named place). An unknown week or area,
or an area outside a partner's districts, answers 404. `format=json` gives the figures for machines.

The page: the counts by event type with their three comparisons (a change marked in words and a symbol),
the method, the weekday × hour grid as a table, the map and the hot spots (their own partials), the week's
events for review, and links to the week's meeting and to the review queue.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from framsteg.core.decorators import staff_page
from framsteg.situation import change, rules
from framsteg.situation.models import week_start
from framsteg.situation.selectors import geo, hotspots
from framsteg.situation.selectors import picture as selectors
from framsteg.situation.selectors.picture_documents import (
    baseline_text,
    expectation,
    p_text,
    picture_json,
    verdict,
)


def picture_address(week, scope=None) -> str:
    return geo.week_url("situation:picture", week, scope)


def week_and_scope(request: HttpRequest, user):
    """The week (`vecka`) and the area (`omrade`) asked for; 404 for an unknown one or one outside a
    partner's districts."""
    week_text = request.GET.get("vecka")
    week = geo.parse_week(week_text) if week_text else week_start(timezone.localdate())
    scope = selectors.parse_scope(request.GET.get("omrade"))
    if week is None or scope is None or not selectors.scope_allowed(user, scope):
        raise Http404("No such week or area")
    return week, scope


def _decorate_rows(picture) -> None:
    for row in [picture.total, *picture.natures, *picture.rows]:
        row.cells = [
            {
                "baseline": baseline,
                "change": found,
                "expectation": expectation(found),
                "verdict": verdict(found),
                "p": p_text(found),
            }
            for baseline, found in row.comparisons(picture.baselines)
        ]


@require_safe
@staff_page(rules.may_see_picture)
def picture(request: HttpRequest) -> HttpResponse:
    user = request.user
    week, scope = week_and_scope(request, user)
    found = selectors.weekly_picture(week, scope, user=user)
    if request.GET.get("format") == "json":
        response = JsonResponse(picture_json(found), json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Cache-Control"] = "private, no-store"
        return response
    _decorate_rows(found)
    for incident in found.events:
        incident.url = reverse("situation:incident", kwargs={"pk": incident.pk})
    week_label = geo.format_week(week)
    review_url = None
    if rules.may_review_incidents(user):
        query = {"week": week_label}
        if scope.district is not None:
            query["district"] = scope.district.pk
        review_url = f"{reverse('situation:incident-review')}?{urlencode(query)}"
    context = {
        "picture": found,
        "week": week,
        "week_label": week_label,
        "scope": scope,
        "choices": selectors.scope_choices(user),
        "previous_url": picture_address(found.previous_week, scope),
        "next_url": picture_address(found.next_week, scope),
        "this_week_url": picture_address(week_start(timezone.localdate()), scope),
        "json_url": picture_address(week, scope) + "&format=json",
        "meeting_url": reverse("situation:meeting", kwargs={"week": week_label}),
        "review_url": review_url,
        "method_text": change.method_text(),
        "baseline_text": baseline_text(found),
        "level": change.LEVEL,
        **geo.map_context(user, week, scope),
        **hotspots.hot_spots_context(user, week, scope),
    }
    return render(request, "situation/partner/picture.html", context)
