"""The public page of the joint situation picture and its weekly counts as a CSV file.

What may be shown is decided in `framsteg.situation.selectors.public`; these views only ask it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from framsteg.core.csv import csv_response
from framsteg.core.disclosure import SMALL_COUNT
from framsteg.situation.selectors.public import PublicPicture, public_actions, public_picture

CSV_COLUMNS = ["week", "week_start", "district", "breakdown", "code", "label", "events"]


def _phone(number: str, shown: str) -> str:
    """A telephone number as a link, kept left to right inside right-to-left text."""
    return format_html('<a href="tel:{}"><bdi dir="ltr">{}</bdi></a>', number, shown)


@require_safe
def picture(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "situation/public/picture.html",
        {
            "nav": "situation",
            "picture": public_picture(),
            "actions": public_actions(),
            "small_count": SMALL_COUNT,
            "emergency_number": _phone("112", "112"),
            "police_number": _phone("11414", "114 14"),
        },
    )


def _week(monday) -> str:
    year, number, _weekday = monday.isocalendar()
    return f"{year}-W{number:02d}"


def csv_rows(picture: PublicPicture) -> list[list[str]]:
    """One row per week and district for crime and for disorder or insecurity, one per week and event group
    for the whole municipality; a hidden small count is written `<3`. The reporters' counts are on the
    page only: they cover the whole period, not a week."""
    rows = []
    for position, monday in enumerate(picture.weeks):
        for district in picture.districts:
            for row in district.rows:
                count = row.counts[position]
                rows.append(
                    [
                        _week(monday),
                        monday.isoformat(),
                        district.name,
                        "nature",
                        row.code,
                        row.label,
                        count.as_text(),
                    ]
                )
        for row in picture.groups:
            count = row.counts[position]
            rows.append(
                [_week(monday), monday.isoformat(), "", "group", row.code, row.label, count.as_text()]
            )
    return rows


@require_safe
def picture_csv(request: HttpRequest) -> HttpResponse:
    """The weekly counts of the public summary as open data, with the same suppression as the page."""
    return csv_response("lagesbild-veckor.csv", CSV_COLUMNS, csv_rows(public_picture()))
