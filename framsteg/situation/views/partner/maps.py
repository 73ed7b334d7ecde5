"""The picture's map layer as GeoJSON: the week's included events of an area in generalised clusters
(`framsteg.situation.selectors.geo`), for the collaboration only.

    /personal/lagesbild/karta.geojson?vecka=2026-W48&omrade=d-fittja

`vecka` is an ISO week (the current one when absent); `omrade` is empty for the whole municipality,
`d-<slug>` (a district), `a-<code>` (a RegSO area) or `p-<slug>` (a named place). An unknown week or area
answers 404.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from framsteg.core.decorators import staff_page
from framsteg.situation import rules
from framsteg.situation.models import week_start
from framsteg.situation.selectors import geo


@require_safe
@vary_on_headers("Accept-Language", "Cookie")
@staff_page(rules.may_see_picture)
def map_layer(request: HttpRequest) -> JsonResponse:
    week_text = request.GET.get("vecka")
    week = geo.parse_week(week_text) if week_text else week_start(timezone.localdate())
    scope = geo.parse_scope(request.GET.get("omrade"))
    if week is None or scope is None:
        raise Http404("No such week or area")
    layer = geo.map_layer(request.user, week, scope)
    response = JsonResponse(
        layer.geojson(),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Language"] = get_language() or ""
    return response
