"""The weekly picture as figures for machines (JSON) and as a document (`framsteg.core.documents`: HTML, PDF
and Word), from one `WeeklyPicture`, so every format shows the same figures with their method and source."""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from framsteg.core.documents import Document, Note, Paragraph, Section, Table
from framsteg.situation import change
from framsteg.situation.selectors.picture import PictureRow, WeeklyPicture
from framsteg.situation.selectors.report_documents import language, number

UP_SYMBOL = "▲"
DOWN_SYMBOL = "▼"


def verdict(found: change.Change) -> str:
    """The judgement in words, with a symbol for a marked change (never colour alone)."""
    if found.expected is None:
        return _("nothing to compare")
    if found.direction == change.UP:
        return f"{UP_SYMBOL} " + _("clear increase")
    if found.direction == change.DOWN:
        return f"{DOWN_SYMBOL} " + _("clear decrease")
    return _("no clear change")


def expectation(found: change.Change) -> str:
    """E.g. "5.0 (ordinary 1–10)"."""
    if found.expected is None:
        return "–"
    return _("%(expected)s (ordinary %(low)s–%(high)s)") % {
        "expected": number(found.expected, 1),
        "low": number(found.low),
        "high": number(found.high),
    }


def p_text(found: change.Change) -> str:
    if found.p is None:
        return "–"
    if found.p < 0.001:
        return f"p < {number(0.001, 3)}"
    return f"p = {number(found.p, 3)}"


def source_text(picture: WeeklyPicture) -> str:
    return _(
        "incident reports included in the joint picture after review (framsteg); computed %(computed)s"
    ) % {"computed": formats.date_format(timezone.localtime(picture.computed_at), "Y-m-d H:i")}


def baseline_text(picture: WeeklyPicture) -> str:
    parts = []
    for baseline in picture.baselines:
        if not baseline.weeks:
            weeks = _("no week yet: the picture began later")
        else:
            weeks = ", ".join(_week(w) for w in baseline.weeks)
            if len(baseline.weeks) < baseline.wanted:
                weeks += " " + _("(the weeks before the picture began are left out)")
        parts.append(f"{baseline.label}: {weeks}")
    return "; ".join(parts)


def _week(monday: datetime.date) -> str:
    year, week_number, _weekday = monday.isocalendar()
    return f"{year}-W{week_number:02d}"


def title(picture: WeeklyPicture) -> str:
    return _("Situation picture, week %(week)s: %(area)s") % {
        "week": picture.week_label,
        "area": picture.area_name,
    }


# JSON ----------------------------------------------------------------------------------------------------


def _row_json(picture: WeeklyPicture, row: PictureRow) -> dict:
    return {
        "events": row.observed,
        "comparisons": {
            baseline.key: found.as_dict() for baseline, found in row.comparisons(picture.baselines)
        },
    }


def picture_json(picture: WeeklyPicture) -> dict:
    """The figures for machines: per event type the week's count and each comparison, the totals, the week,
    the area, the method and the source."""
    by_pk = {row.category.pk: row for row in picture.rows if row.category is not None}
    return {
        "week": picture.week_label,
        "week_starts": picture.week.isoformat(),
        "week_is_complete": not picture.is_partial,
        "area": {"kind": picture.scope.kind, "key": picture.scope.key, "name": picture.area_name},
        "method": {
            "text": change.method_text(),
            "test": "exact conditional test for two Poisson rates (binomial), two-sided",
            "level": change.LEVEL,
            "minimum_events": change.MINIMUM,
            "ordinary_interval": change.INTERVAL,
        },
        "baselines": [
            {
                "key": baseline.key,
                "label": str(baseline.label),
                "weeks": [_week(w) for w in baseline.weeks],
                "weeks_wanted": baseline.wanted,
            }
            for baseline in picture.baselines
        ],
        "total": _row_json(picture, picture.total),
        "natures": [
            {"nature": row.nature, "label": row.label, **_row_json(picture, row)} for row in picture.natures
        ],
        "categories": [
            {
                "code": row.category.code,
                "name": row.label,
                "nature": row.nature,
                "group": by_pk[row.category.parent_id].category.code
                if row.category.parent_id in by_pk
                else None,
                "is_group": row.is_group,
                **_row_json(picture, row),
            }
            for row in picture.rows
        ],
        "grid": {
            "weekdays": [row.label for row in picture.grid],
            "hours": list(range(24)),
            "events": [[events for events, _shade in row.cells] for row in picture.grid],
            "events_with_time": picture.grid_total,
            "events_without_time": picture.without_time,
        },
        "source": {
            "name": "framsteg",
            "description": "incident reports included in the joint picture after review",
            "retrieved_at": picture.computed_at.isoformat(timespec="seconds"),
            "first_week_of_the_picture": _week(picture.first_week) if picture.first_week else None,
        },
    }


# The document --------------------------------------------------------------------------------------------


def _label(row: PictureRow) -> str:
    return ("– " * row.depth) + row.label


def counts_table(picture: WeeklyPicture) -> Table:
    headers = [_("Event type"), _("This week")]
    for baseline in picture.baselines:
        headers += [
            _("%(baseline)s: expected (ordinary)") % {"baseline": baseline.label},
            _("%(baseline)s: change") % {"baseline": baseline.label},
        ]
    rows = []
    for row in [picture.total, *picture.natures, *picture.rows]:
        cells = [_label(row), number(row.observed)]
        for _baseline, found in row.comparisons(picture.baselines):
            cells += [
                expectation(found),
                f"{verdict(found)} ({p_text(found)})" if found.p is not None else "–",
            ]
        rows.append(cells)
    return Table(
        _("Events this week by event type, against three baselines"),
        headers,
        rows,
        source=source_text(picture),
        numeric=(1,),
    )


def grid_table(picture: WeeklyPicture) -> Table:
    """Hours as rows and weekdays as columns (fits a page)."""
    headers = [_("Hour"), *[row.label for row in picture.grid], _("Total")]
    rows = []
    for hour in range(24):
        rows.append(
            [f"{hour:02d}–{(hour + 1) % 24:02d}"]
            + [number(row.cells[hour][0]) for row in picture.grid]
            + [number(picture.hour_totals[hour])]
        )
    rows.append([_("Total"), *[number(row.total) for row in picture.grid], number(picture.grid_total)])
    return Table(
        _("Events this week by hour and weekday (events with a known time of day)"),
        headers,
        rows,
        source=source_text(picture),
        numeric=tuple(range(1, 9)),
    )


def summary(picture: WeeklyPicture) -> str:
    text = _(
        "%(events)s events in %(area)s in week %(week)s: %(crime)s crimes and %(insecurity)s events of "
        "disorder or insecurity."
    ) % {
        "events": number(picture.total.observed),
        "area": picture.area_name,
        "week": picture.week_label,
        "crime": number(picture.natures[0].observed),
        "insecurity": number(picture.natures[1].observed),
    }
    marked = []
    for row in picture.changes:
        against = [
            f"{verdict(found)} {baseline.against}"
            for baseline, found in row.comparisons(picture.baselines)
            if found.is_change
        ]
        marked.append(f"{row.label} ({', '.join(against)})")
    if marked:
        return text + " " + _("Clear changes: %(rows)s.") % {"rows": "; ".join(marked)}
    return text + " " + _("No clear change against any baseline.")


def picture_document(picture: WeeklyPicture) -> Document:
    """The weekly picture as a document (HTML, PDF, Word)."""
    sections = [
        Section(
            _("Summary"),
            [Paragraph(summary(picture))]
            + (
                [Paragraph(_("The week is not over: its counts are not complete."), muted=True)]
                if picture.is_partial
                else []
            ),
            slug="summary",
        ),
        Section(
            _("Events by event type"),
            [counts_table(picture), Note(baseline_text(picture))],
            slug="counts",
        ),
        Section(
            _("Hot times"),
            [
                grid_table(picture),
                Note(
                    _("%(without)s events of the week give only a date and are not in the grid.")
                    % {"without": number(picture.without_time)}
                ),
            ],
            slug="grid",
        ),
        Section(_("Method"), [Note(change.method_text(), source=source_text(picture))], slug="method"),
    ]
    return Document(
        title=title(picture),
        language=language(),
        sections=sections,
        subtitle=_("The joint situation picture of the municipality and its partners"),
        author="framsteg",
        description=source_text(picture),
        sources_label=_("Source"),
    )
