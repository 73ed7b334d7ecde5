"""Proposals compared with the adopted plan: an overview, each proposal point by point, and each area of the
adopted plan with the proposals' points its commitments take up. Only confirmed matches are shown."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from framsteg.steering import comparison
from framsteg.steering.importer.similarity import SUGGEST_AT
from framsteg.steering.models import Area, SteeringDocument
from framsteg.steering.selectors import current_platform


def overview(request: HttpRequest) -> HttpResponse:
    platform = current_platform()
    areas = list(Area.objects.current().filter(document=platform)) if platform else []
    return render(
        request,
        "steering/public/comparison_overview.html",
        {"nav": "documents", "proposals": comparison.overview(), "platform": platform, "areas": areas},
    )


def proposal(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(SteeringDocument.objects.proposals(), slug=slug)
    return render(
        request,
        "steering/public/comparison_proposal.html",
        {
            "nav": "documents",
            "document": document,
            "compared": comparison.compare(document),
            "threshold": SUGGEST_AT,
        },
    )


def area(request: HttpRequest, document_slug: str, area_slug: str) -> HttpResponse:
    area = get_object_or_404(
        Area.objects.current().select_related("document"), document__slug=document_slug, slug=area_slug
    )
    if not area.document.carries_commitments:
        raise Http404("Only an adopted document's areas are compared with the proposals.")
    rows = comparison.compare_area(area)
    return render(
        request,
        "steering/public/comparison_area.html",
        {
            "nav": "documents",
            "area": area,
            "document": area.document,
            "rows": rows,
            "point_count": sum(len(row.points) for row in rows),
            "proposals": SteeringDocument.objects.proposals().exclude(kind=SteeringDocument.Kind.OTHER),
            "threshold": SUGGEST_AT,
        },
    )
