"""The picture's map layer as GeoJSON: the week's included events of an area in generalised clusters
(`framsteg.situation.selectors.geo`), for the collaboration only.

    /personal/lagesbild/karta.geojson?vecka=2026-W48&omrade=d-fittja

`vecka` is an ISO week (the current one when absent); `omrade` is empty for the whole municipality,
`d-<slug>` (a district), `a-<code>` (a RegSO area) or `p-<slug>` (a named place). An unknown week or area
answers 404, as does an area outside a partner's districts.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from framsteg.core.decorators import staff_page
from framsteg.situation import rules
from framsteg.situation.selectors import geo
from framsteg.situation.views.partner.picture import week_and_scope


@require_safe
@vary_on_headers("Accept-Language", "Cookie")
@staff_page(rules.may_see_picture)
def map_layer(request: HttpRequest) -> JsonResponse:
    week, scope = week_and_scope(request, request.user)
    layer = geo.map_layer(request.user, week, scope)
    response = JsonResponse(
        layer.geojson(),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Language"] = get_language() or ""
    return response
