"""The source documents: a list, and each document's own text with the commitments marked where they stand."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from framsteg.steering.document_text import mark_text
from framsteg.steering.models import Area, Commitment, DocumentLink, SteeringDocument
from framsteg.steering.selectors import promise_parties

CHANGE_LABELS = {
    "added": _("Commitments added"),
    "removed": _("Commitments removed"),
    "reworded": _("Commitments reworded"),
    "unchanged": _("Commitments unchanged"),
}


@dataclass
class ChangeLine:
    label: str
    count: int | str
    texts: list[str]


def _change_text(item: object) -> str:
    if isinstance(item, dict) and {"from", "to"} <= item.keys():
        return f"{item['from']} → {item['to']}"
    return str(item)


def change_summary(changes: object) -> list[ChangeLine]:
    """Readable lines from a version's recorded changes: a count per kind of change, with the texts."""
    if not isinstance(changes, dict):
        return [ChangeLine("", str(changes), [])] if changes else []
    lines = []
    for key, value in changes.items():
        label = str(CHANGE_LABELS.get(key, str(key).replace("_", " ").capitalize()))
        if isinstance(value, list):
            lines.append(ChangeLine(label, len(value), [_change_text(item) for item in value]))
        else:
            lines.append(ChangeLine(label, value, []))
    return lines


def documents(request: HttpRequest) -> HttpResponse:
    listed = SteeringDocument.objects.annotate(
        commitment_count=Count("commitments", filter=Q(commitments__removed_in__isnull=True), distinct=True),
        latest_version=Max("versions__number"),
        last_imported=Max("versions__imported_at"),
    ).order_by("kind", "-period_start", "title")
    return render(request, "steering/public/documents.html", {"nav": "documents", "documents": listed})


def document(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(SteeringDocument.objects.select_related("organisation"), slug=slug)
    versions = list(document.versions.order_by("-number"))
    for version in versions:
        version.change_lines = change_summary(version.changes)
    current = versions[0] if versions else None
    commitments = Commitment.objects.current().filter(document=document).select_related("area")
    marked = None
    if current is not None:
        marked = mark_text(current, commitments, current.candidate_targets.all())
    return render(
        request,
        "steering/public/document.html",
        {
            "nav": "documents",
            "document": document,
            "versions": versions,
            "current": current,
            "marked": marked,
            "areas": Area.objects.current()
            .filter(document=document)
            .annotate(commitment_count=Count("commitments", filter=Q(commitments__removed_in__isnull=True))),
            "parties": promise_parties(document),
            "comparison_url": reverse("public:comparison-proposal", args=[document.slug])
            if document.is_proposal
            else "",
            "links": DocumentLink.objects.filter(document=document, state=DocumentLink.State.CONFIRMED)
            .select_related("commitment__area", "commitment__document")
            .order_by("commitment__document__title", "commitment__area__position", "commitment__position"),
        },
    )
