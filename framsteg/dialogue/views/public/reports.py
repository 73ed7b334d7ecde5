"""The public list and map of residents' reports, one report's public page, and its published photos.

What may be shown is decided in `framsteg.dialogue.selectors.publicity`; these views only ask it.
"""

from __future__ import annotations

import csv
import math
import mimetypes
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from framsteg.core.csv import spreadsheet_safe
from framsteg.core.disclosure import SMALL_COUNT
from framsteg.dialogue.models import Case, CaseEvent, CaseKind, Category, Photo
from framsteg.dialogue.selectors import geo, publicity
from framsteg.places.geo import MapProjection, botkyrka_map, district_labels
from framsteg.places.models import District

PAGE_SIZE = 25
PHOTO_MAX_AGE = 3600  # seconds; an unpublished photo stays in caches at most this long
MARKER_SPREAD = 9  # SVG units between markers that share a position
LABEL_FONT_SIZE = 24  # SVG units, as in reports.css


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    district = forms.ModelChoiceField(
        label=_("District"),
        required=False,
        queryset=District.objects.none(),
        empty_label=_("All"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.categories = {category.code: category for category in Category.objects.all()}
        kind_labels = dict(CaseKind.choices)
        self.fields["kind"].choices = [("", _("All")), *CaseKind.choices]
        self.fields["category"].choices = [("", _("All"))] + [
            (
                kind_labels[kind],
                [(c.code, c.label) for c in self.categories.values() if c.kind == kind],
            )
            for kind in CaseKind.values
            if any(c.kind == kind for c in self.categories.values())
        ]
        self.fields["district"].queryset = District.objects.order_by("name")
        self.fields["status"].choices = [("", _("All")), *publicity.public_status_choices()]

    def value(self, name: str) -> Any:
        """A field's cleaned value; None when empty or invalid, for an invalid filter narrows nothing."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        value = data.get(name)
        if name == "category":
            return self.categories.get(value) if value else None
        return value or None

    def filter(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if kind := self.value("kind"):
            cases = cases.filter(kind=kind)
        if category := self.value("category"):
            cases = cases.filter(category=category)
        if district := self.value("district"):
            cases = cases.filter(district=district)
        if status := self.value("status"):
            cases = cases.filter(status=status)
        return cases

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


@dataclass
class ListedReport:
    """One report as the public list and map show it."""

    case: Case
    url: str
    title: str
    where: str
    status_label: str
    status_tone: str
    text: str
    text_notice: str = ""  # in place of a text not shown: that it is being reviewed, or not published
    marker: tuple[float, float] | None = None  # on the outline map, in SVG units
    position: tuple[float, float] | None = None  # public (latitude, longitude), about 50 m from the exact one

    @property
    def reference(self) -> str:
        return self.case.reference

    @property
    def received(self) -> datetime:
        return self.case.created_at


def report_url(case: Case) -> str:
    return reverse("dialogue:report-detail", kwargs={"year": case.year, "number": f"{case.number:05d}"})


def report_title(case: Case) -> str:
    """What the report is about: its category, or else its kind (and type of feedback)."""
    if case.category is not None:
        return case.category.label
    if case.kind == CaseKind.FEEDBACK and case.feedback_type:
        return f"{case.get_kind_display()}: {case.get_feedback_type_display()}"
    return str(case.get_kind_display())


def report_where(case: Case) -> str:
    place = publicity.public_place(case)
    district = case.district.name if case.district else ""
    if place and district and district.casefold() not in place.casefold():
        return f"{place} ({district})"
    return place or district


def listed_reports(cases: Iterable[Case], projection: MapProjection) -> list[ListedReport]:
    """The reports of a page, with a map position for those that have one inside the map."""
    reports = []
    taken: dict[tuple[float, float], int] = {}
    for case in cases:
        marker = None
        position = geo.public_position(case)
        if position is not None:
            x, y = projection.to_svg(*position)
            if 0 <= x <= projection.width and 0 <= y <= projection.height:
                marker = _spread((x, y), taken)
        reports.append(
            ListedReport(
                case=case,
                url=report_url(case),
                title=report_title(case),
                where=report_where(case),
                status_label=publicity.public_status_label(case),
                status_tone=publicity.public_status_tone(case),
                text=publicity.short_text(publicity.public_text(case)),
                text_notice="" if publicity.text_is_shown(case) else publicity.text_notice(case),
                marker=marker,
                position=position,
            )
        )
    return reports


def _spread(point: tuple[float, float], taken: dict[tuple[float, float], int]) -> tuple[float, float]:
    """Move a marker off others at the same spot (reports placed by a district's point often share one)."""
    seen = taken.get(point, 0)
    taken[point] = seen + 1
    if not seen:
        return point
    ring, slot = divmod(seen - 1, 6)
    angle = math.radians(slot * 60 + ring * 30)
    radius = MARKER_SPREAD * (ring + 1)
    return round(point[0] + radius * math.cos(angle), 1), round(point[1] + radius * math.sin(angle), 1)


def _filtered_cases(request: HttpRequest) -> tuple[ReportFilterForm, QuerySet[Case]]:
    form = ReportFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    cases = form.filter(publicity.public_cases()).select_related("category", "district")
    return form, cases.order_by("-created_at", "-pk")


@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    form, cases = _filtered_cases(request)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    projection = botkyrka_map()
    page.object_list = listed_reports(page.object_list, projection)
    category = form.value("category")
    safety = publicity.safety_aggregate(
        district=form.value("district"),
        category=category if category is not None and category.kind == CaseKind.SAFETY else None,
    )
    year = timezone.localdate().year
    return render(
        request,
        "dialogue/public/reports.html",
        {
            "nav": "dialogue",
            "form": form,
            "page": page,
            "map": projection,
            "district_labels": district_labels(projection, LABEL_FONT_SIZE),
            "markers": [report for report in page.object_list if report.marker],
            "street_map": geo.street_map_context(),
            "safety": safety,
            "small_count": SMALL_COUNT,
            "year": year,
            "summary": publicity.year_summary(year),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


CSV_COLUMNS = [
    "reference",
    "kind",
    "category",
    "district",
    "place",
    "status",
    "received",
    "latitude",
    "longitude",
    "text",
    "url",
    "text_review",
]


def _csv_rows(cases: QuerySet[Case], site: str) -> Iterator[list[str]]:
    yield CSV_COLUMNS
    for case in cases.iterator(chunk_size=500):
        latitude, longitude = geo.public_position(case) or ("", "")
        yield [
            spreadsheet_safe(value)
            for value in (
                case.reference,
                case.kind,
                case.category.code if case.category else "",
                case.district.name if case.district else "",
                publicity.public_place(case),
                case.status,
                timezone.localtime(case.created_at).isoformat(),
                latitude,
                longitude,
                publicity.public_text(case),
                site + report_url(case),
                publicity.text_state(case),
            )
        ]


@require_safe
def reports_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered public reports as open data, one row each, with machine-readable codes.

    `text` and `place` are empty until a case officer has reviewed the text; `text_review` says how the text
    stands: reviewed, automatic (published without review, nothing found by the automatic check), pending
    (being reviewed) or withheld (not published).
    """
    _form, cases = _filtered_cases(request)
    writer = csv.writer(_Echo())
    site = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _csv_rows(cases, site)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="anmalningar.csv"'
    return response


@require_safe
def report_detail(request: HttpRequest, year: str, number: str) -> HttpResponse:
    cases = (
        publicity.public_cases()
        .select_related("category", "district", "duplicate_of")
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.filter(is_public=True)),
            Prefetch("photos", queryset=Photo.objects.order_by("pk")),
            "commitments",
            Prefetch("duplicates", queryset=publicity.public_cases().order_by("year", "number")),
        )
    )
    case = get_object_or_404(cases, year=int(year), number=int(number))
    if number != f"{case.number:05d}":
        return redirect(report_url(case), permanent=True)
    merged_into = case.duplicate_of
    return render(
        request,
        "dialogue/public/report_detail.html",
        {
            "nav": "dialogue",
            "case": case,
            "title": report_title(case),
            "where": report_where(case),
            "place": publicity.public_place(case),
            "status_label": publicity.public_status_label(case),
            "status_tone": publicity.public_status_tone(case),
            "text": publicity.public_text(case),
            "text_state": publicity.text_state(case),
            "text_notice": publicity.text_notice(case),
            "is_open": case.status in (Case.Status.RECEIVED, Case.Status.IN_PROGRESS),
            "events": publicity.public_events(case),
            "photos": publicity.public_photos(case),
            "commitments": list(case.commitments.all()),
            "merged_into": merged_into,
            "merged_into_url": report_url(merged_into)
            if merged_into is not None and publicity.is_public(merged_into)
            else "",
            "merged_here": [(duplicate, report_url(duplicate)) for duplicate in case.duplicates.all()],
        },
    )


@require_safe
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A published photo of a public report; anything else is not found, whether it exists or not."""
    found = publicity.public_photo(pk)
    if found is None:
        raise Http404
    try:
        file = found.image.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(found.image.name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={PHOTO_MAX_AGE}"
    return response
