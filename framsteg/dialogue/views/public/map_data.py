"""GeoJSON for the street maps: the open public reports near which a resident may be about to report, and the
statistical areas drawn under them.

A report here is what the public list shows of it and less: its reference, what it is about (category or
kind), its status in the public words, its page and its public position (about 50 m from the exact one,
`framsteg.dialogue.selectors.geo`). Never a text, a place typed by the resident or anything personal.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from framsteg.dialogue.models import Case
from framsteg.dialogue.selectors import geo, publicity
from framsteg.dialogue.views.public.reports import report_title, report_url
from framsteg.places.models import Area

OPEN_STATUSES = (Case.Status.RECEIVED, Case.Status.IN_PROGRESS)
MAX_OPEN_REPORTS = 500  # the newest; enough for a municipality's open faults, small enough for a phone
OPEN_MAX_AGE = 60  # seconds a browser may reuse the open reports
AREAS_MAX_AGE = 3600  # seconds; areas change when the data is loaded again, rarely


def _geojson(features: list[dict], max_age: int) -> JsonResponse:
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Content-Language"] = get_language() or ""
    return response


@require_safe
@vary_on_headers("Accept-Language", "Cookie")
def open_reports(request: HttpRequest) -> JsonResponse:
    """The open public reports that give a position, newest first, as GeoJSON points."""
    cases = (
        publicity.public_cases()
        .filter(status__in=OPEN_STATUSES, latitude__isnull=False, longitude__isnull=False)
        .select_related("category")
        .order_by("-created_at", "-pk")[:MAX_OPEN_REPORTS]
    )
    features = []
    for case in cases:
        position = geo.public_position(case)
        if position is None:
            continue
        latitude, longitude = position
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                "properties": {
                    "reference": case.reference,
                    "title": report_title(case),
                    "status": publicity.public_status_label(case),
                    "url": report_url(case),
                },
            }
        )
    return _geojson(features, OPEN_MAX_AGE)


@require_safe
def areas(request: HttpRequest) -> JsonResponse:
    """The statistical areas with their polygons, each with the district it is shown with."""
    features = [
        {
            "type": "Feature",
            "geometry": area.geometry,
            "properties": {
                "code": area.code,
                "name": area.name,
                "district": area.district.name if area.district else "",
            },
        }
        for area in Area.objects.select_related("district").order_by("code")
    ]
    return _geojson(features, AREAS_MAX_AGE)
