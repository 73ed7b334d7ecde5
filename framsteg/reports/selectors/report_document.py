"""A report to the council as a document (`framsteg.core.documents`): one description, frozen as a snapshot,
shown as a page, printed, and downloaded as PDF and Word with the same figures.

The report is written in the site's language (Swedish): what the council receives. Every table names its
source; the owners' texts are quoted as they were approved.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from xml.sax.saxutils import escape as xml_escape

from django.conf import settings
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from framsteg.budget.selectors import BudgetLine
from framsteg.core.documents import Document, Figure, Link, Note, Paragraph, Section, Table
from framsteg.dialogue.models import CaseKind
from framsteg.indicators.assessment import ROLLUP_RULE, Assessment, verdict_counts, verdict_label
from framsteg.reports.selectors.council import LONG_TERM, CouncilData, Goal, Row, UpdateInfo, period_code
from framsteg.steering import marks
from framsteg.steering.models import Status

BAR_WIDTH = 600
BAR_HEIGHT = 28


def number(value: float | int | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return formats.number_format(round(value, places), places, use_l10n=True, force_grouping=True)


@functools.lru_cache(maxsize=8192)
def _local_day(moment: datetime.datetime, zone: str) -> str:
    return timezone.localtime(moment).date().isoformat()


def day(moment: datetime.datetime | datetime.date | None) -> str:
    if moment is None:
        return "–"
    if isinstance(moment, datetime.datetime):
        return _local_day(moment, timezone.get_current_timezone_name())
    return moment.isoformat()


def status_text(status: Status | None) -> str:
    """A status as its symbol and its name: never told apart by colour alone."""
    if status is None:
        label = _("Not reported in the period")  # outside the f-string, so that `make messages` finds it
        return f"{marks.NOT_REPORTED_SYMBOL} {label}"
    # Worked out once per status and report (the statuses are read afresh for each report).
    text = getattr(status, "_report_text", None)
    if text is None:
        text = status._report_text = f"{status.symbol} {status.label}"
    return text


def update_text(update: UpdateInfo) -> str:
    progress = "" if update.progress is None else f" {update.progress} %"
    return f"{day(update.created_at)}: {status_text(update.status)}{progress}"


def history_text(row: Row) -> str:
    parts = [update_text(update) for update in row.history]
    if row.previous is not None:
        parts.insert(0, _("before: %(status)s") % {"status": update_text(row.previous)})
    return "; ".join(parts) or "–"


def period_title(data: CouncilData) -> str:
    return str(data.period)


def status_figure(data: CouncilData, caption: str, source: str) -> Figure:
    """The status counts as one bar of patterned parts, with its text alternative and table."""
    counts = data.status_counts()
    total = sum(count for _status, count in counts) or 1
    prefix = "rs"
    parts = []
    x = 0.0
    for status, count in counts:
        width = BAR_WIDTH * count / total
        dashed = ' stroke-dasharray="3 2"' if status is None else ""
        parts.append(
            f'<rect x="{x:.2f}" y="0.75" width="{width:.2f}" height="{BAR_HEIGHT - 1.5}" '
            f'fill="{marks.fill(prefix, status)}" stroke="{marks.colour(status)}" '
            f'stroke-width="1.5"{dashed}/>'
        )
        if width >= 22:
            parts.append(
                f'<text x="{x + width / 2:.2f}" y="{BAR_HEIGHT / 2 + 5:.2f}" text-anchor="middle" '
                f'font-family="DejaVu Sans, sans-serif" font-size="13" font-weight="bold" fill="#1b2330" '
                f'stroke="#ffffff" stroke-width="3" paint-order="stroke">'
                f"{xml_escape(marks.symbol(status))}</text>"
            )
        x += width
    legend = []
    y = BAR_HEIGHT + 14
    for index, (status, count) in enumerate(counts):
        column, line = index % 2, index // 2
        lx, ly = column * 300, y + line * 22
        dashed = ' stroke-dasharray="2 1.5"' if status is None else ""
        legend.append(
            f'<rect x="{lx + 0.75}" y="{ly + 0.75}" width="14.5" height="14.5" rx="2" '
            f'fill="{marks.fill(prefix, status)}" stroke="{marks.colour(status)}" '
            f'stroke-width="1.5"{dashed}/>'
            f'<text x="{lx + 22}" y="{ly + 12.5}" font-family="DejaVu Sans, sans-serif" font-size="12" '
            f'fill="#1b2330">{xml_escape(status_text(status))}: {count}</text>'
        )
    height = y + ((len(counts) + 1) // 2) * 22
    defs = "".join(str(marks.pattern_def(prefix, status)) for status, _count in counts)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BAR_WIDTH} {height}" '
        f'width="{BAR_WIDTH}" height="{height}"><defs>{defs}</defs>{"".join(parts)}{"".join(legend)}</svg>'
    )
    described = "; ".join(f"{status_text(status)}: {count}" for status, count in counts)
    description = _("%(caption)s, %(total)s commitments: %(counts)s.") % {
        "caption": caption,
        "total": sum(count for _status, count in counts),
        "counts": described,
    }
    table = Table(
        caption=caption,
        headers=[_("Status"), _("Commitments"), _("Share")],
        rows=[[status_text(status), count, f"{number(100 * count / total)} %"] for status, count in counts],
        source=source,
        numeric=(1, 2),
        empty=_("There are no commitments in the report."),
    )
    return Figure(svg=svg, description=description, table=table)


def judgement_text(data: CouncilData, area) -> str:
    """The goal's approved judgement for the period (a forecast at the interim report), else "not judged"."""
    row = data.judgements.get(area.pk)
    if row is None or not row.judgement:
        return _("Not judged")
    if row.is_forecast:
        return _("%(judgement)s (forecast for the year's end)") % {"judgement": row.judgement_label}
    return row.judgement_label


def rolled_up_text(data: CouncilData, area) -> str:
    row = data.judgements.get(area.pk)
    return row.rolled_up_label if row is not None and row.rolled_up else "–"


def judgement_blocks(data: CouncilData, area) -> list:
    """The goal's judgement, its roll-up, and the owner's analysis as approved."""
    row = data.judgements.get(area.pk)
    blocks: list = [
        Paragraph(
            _("Judgement: %(judgement)s. Rolled up from the goals below it: %(rolled_up)s.")
            % {"judgement": judgement_text(data, area), "rolled_up": rolled_up_text(data, area)}
        )
    ]
    if row is not None and row.analysis:
        blocks.append(
            Paragraph(
                _("The owner's analysis (%(who)s): %(text)s") % {"who": row.judged_by, "text": row.analysis},
                language="sv",
            )
        )
    return blocks


def goal_summary(goal: Goal) -> tuple[int, int, int, str]:
    rows = goal.rows
    reported = sum(1 for row in rows if row.update)
    done = sum(1 for row in rows if row.update and row.update.status.is_done)
    progress = [row.update.progress for row in rows if row.update and row.update.progress is not None]
    unreported = len(rows) - reported
    values = progress + [0] * unreported
    mean = f"{number(sum(values) / len(values))} %" if values else "–"
    return len(rows), reported, done, mean


def indicator_table(assessments: list[Assessment], caption: str) -> Table:
    rows = []
    sources = []
    for assessment in assessments:
        indicator = assessment.indicator
        latest = assessment.latest
        headline = assessment.headline
        target = "–"
        if headline is not None:
            target = (
                f"{number(float(headline.target.value), 1)} {indicator.unit} ({headline.target.year})".strip()
            )
        direction = {
            "rising": _("rising"),
            "falling": _("falling"),
            "flat": _("flat"),
            None: _("cannot be measured"),
        }[assessment.direction]
        rows.append(
            [
                indicator.name,
                f"{number(latest[1], 1)} {indicator.unit} ({latest[0]})".strip() if latest else "–",
                target,
                direction,
                verdict_label(assessment.verdict),
            ]
        )
        name = indicator.source_name or indicator.get_source_kind_display()
        if indicator.kolada_kpi:
            name = f"Kolada {indicator.kolada_kpi}"
        if assessment.release is not None:
            name = _("%(source)s, fetched %(date)s") % {
                "source": name,
                "date": day(assessment.release.retrieved_at),
            }
        if name not in sources:
            sources.append(name)
    return Table(
        caption=caption,
        headers=[_("Indicator"), _("Latest value"), _("Target"), _("Trend"), _("Verdict")],
        rows=rows,
        source="; ".join(sources),
        empty=_("No indicator follows this goal."),
    )


def indicator_text(assessments: list[Assessment]) -> str:
    counts = verdict_counts(assessments)
    return _("%(total)s indicators follow this goal: %(counts)s.") % {
        "total": len(assessments),
        "counts": ", ".join(f"{item.label.lower()} {item.count}" for item in counts),
    }


def case_total(row: Row) -> int:
    return sum(row.cases.values())


def commitments_table(goal: Goal, source: str) -> Table:
    return Table(
        caption=_("Commitments under “%(goal)s”: status in the period and its history")
        % {"goal": goal.area.title},
        headers=[
            _("No."),
            _("Commitment"),
            _("Responsible"),
            _("Status in the period"),
            _("Progress"),
            _("History over the period"),
            _("Residents' cases"),
        ],
        rows=[
            [
                row.commitment.reference,
                row.commitment.text,
                ", ".join(row.owners) or _("no owner"),
                status_text(row.update.status if row.update else None),
                "–" if row.update is None or row.update.progress is None else f"{row.update.progress} %",
                history_text(row),
                case_total(row),
            ]
            for row in goal.rows
        ],
        source=source,
        numeric=(4, 6),
        empty=_("No commitments."),
        records=True,
    )


def analyses(goal: Goal) -> list[Paragraph]:
    """The owners' texts of the period, as approved: each report's comment and reason."""
    paragraphs = []
    for row in goal.rows:
        for update in row.history:
            text = " ".join(part for part in (update.comment.strip(), update.reason.strip()) if part)
            if not text:
                continue
            who = update.organisation_name or update.author_name
            paragraphs.append(
                Paragraph(
                    _("%(reference)s (%(who)s, %(date)s): %(text)s")
                    % {
                        "reference": row.commitment.reference,
                        "who": who,
                        "date": day(update.created_at),
                        "text": text,
                    },
                    language="sv",
                )
            )
    return paragraphs


def budget_source(line: BudgetLine) -> str:
    parts = []
    for source in line.sources:
        if source.kind == "document":
            parts.append(_("%(document)s: “%(quote)s”") % {"document": source.label, "quote": source.quote})
        else:
            parts.append(
                _("%(file)s, row %(row)s, imported %(date)s")
                % {"file": source.label, "row": source.row or "–", "date": day(source.imported_at)}
            )
    return "; ".join(parts)


def budget_table(lines: list[BudgetLine], caption: str, period_label: str) -> Table:
    """Budget, outcome, full-year forecast and deviation (budget − forecast) per nämnd and commitment, with
    the owner's comment and each amount's source; nothing is filled in that is not known."""
    rows = []
    for line in lines:
        what = line.organisation.name
        if line.commitment is not None:
            reference = f"{line.commitment.area.position}.{line.commitment.position}"
            what = f"{line.organisation.name}: {reference} {line.commitment.text}"
        rows.append(
            [
                what,
                number(line.budget_sek),
                number(line.outcome_sek),
                number(line.forecast_sek),
                number(line.deviation_sek),
                line.comment or "–",
                budget_source(line) or "–",
            ]
        )
    return Table(
        caption=caption,
        headers=[
            _("Nämnd or commitment"),
            _("Budget (SEK)"),
            _("Outcome (SEK)"),
            _("Forecast (SEK)"),
            _("Deviation (SEK)"),
            _("Comment"),
            _("Source"),
        ],
        rows=rows,
        source=_(
            "The budget of the period's year and the finance system's outcome and full-year forecast "
            "imported for %(period)s; deviation = budget − forecast (positive: expected under budget)."
        )
        % {"period": period_label},
        numeric=(1, 2, 3, 4),
        empty=_("No budget, outcome or forecast is recorded for the period."),
    )


def cases_table(data: CouncilData, source: str) -> Table:
    kinds = list(CaseKind)
    rows = []
    for row in data.rows:
        if not row.cases:
            continue
        rows.append(
            [
                row.commitment.reference,
                row.commitment.text,
                *[row.cases.get(kind.value, 0) for kind in kinds],
                case_total(row),
            ]
        )
    return Table(
        caption=_("Residents' cases linked to the commitments, received in the period"),
        headers=[_("No."), _("Commitment"), *[str(kind.label) for kind in kinds], _("Total")],
        rows=rows,
        source=source,
        numeric=tuple(range(2, 3 + len(kinds))),
        empty=_("No resident's case received in the period is linked to these commitments."),
        records=True,
    )


def goal_section(goal: Goal, data: CouncilData, sources: dict[str, str]) -> Section:
    total, reported, done, mean = goal_summary(goal)
    blocks: list = [
        Paragraph(
            _(
                "%(total)s commitments, %(reported)s reported in the period, %(done)s done; mean progress "
                "%(mean)s. Indicators: %(verdict)s."
            )
            % {
                "total": total,
                "reported": reported,
                "done": done,
                "mean": mean,
                "verdict": verdict_label(goal.verdict) if goal.assessments else _("none follows this goal"),
            }
        )
    ]
    blocks.extend(judgement_blocks(data, goal.area))
    if len(data.documents) > 1:
        blocks.insert(
            0, Paragraph(_("From: %(document)s") % {"document": goal.area.document.title}, muted=True)
        )
    if goal.assessments:
        blocks.append(Paragraph(indicator_text(goal.assessments)))
        blocks.append(
            indicator_table(goal.assessments, _("Indicators for “%(goal)s”") % {"goal": goal.area.title})
        )
    blocks.append(commitments_table(goal, sources["reports"]))
    written = analyses(goal)
    if written:
        blocks.append(Section(_("The owners' analyses: %(goal)s") % {"goal": goal.area.title}, written))
    mine = {row.commitment.pk for row in goal.rows}
    lines = [line for line in data.budget if line.commitment is not None and line.commitment.pk in mine]
    if lines:
        blocks.append(
            budget_table(
                lines,
                _("Budget and deviation for the commitments under “%(goal)s”") % {"goal": goal.area.title},
                str(data.period),
            )
        )
    return Section(
        f"{goal.area.position}. {goal.area.title}",
        blocks,
        slug=f"mal-{goal.area.pk}-{slugify(goal.area.title)[:40]}",
    )


def summary_section(data: CouncilData, sources: dict[str, str]) -> Section:
    blocks: list = [
        Paragraph(
            _(
                "%(commitments)s commitments in %(goals)s goals; %(reports)s approved reports from "
                "%(organisations)s organisations in the period."
            )
            % {
                "commitments": len(data.rows),
                "goals": len(data.goals),
                "reports": data.reports,
                "organisations": data.organisations_reporting,
            }
        ),
        status_figure(data, _("Commitments by status in the period"), sources["reports"]),
    ]
    assessments = [a for goal in data.goals for a in goal.assessments]
    unique = list({a.indicator.pk: a for a in assessments}.values())
    counts = verdict_counts(unique)
    blocks.append(
        Table(
            caption=_("Indicators by verdict"),
            headers=[_("Verdict"), _("Indicators")],
            rows=[[item.label, item.count] for item in counts],
            source=sources["indicators"],
            numeric=(1,),
            empty=_("No indicator follows these goals."),
        )
    )
    goal_rows = []
    for goal in data.goals:
        total, reported, done, mean = goal_summary(goal)
        goal_rows.append(
            [
                Link(
                    f"{goal.area.position}. {goal.area.title}",
                    f"#mal-{goal.area.pk}-{slugify(goal.area.title)[:40]}",
                ),
                total,
                reported,
                done,
                mean,
                verdict_label(goal.verdict) if goal.assessments else "–",
                judgement_text(data, goal.area),
            ]
        )
    judged = Counter(judgement_text(data, goal.area) for goal in data.goals)
    blocks.append(
        Table(
            caption=_("Goals by judgement"),
            headers=[_("Judgement"), _("Goals")],
            rows=[[label, count] for label, count in sorted(judged.items())],
            source=_("The goals' judgements for the period as approved by the coordinators."),
            numeric=(1,),
            empty=_("There are no goals with commitments in the report."),
        )
    )
    blocks.append(
        Table(
            caption=_("Each goal in the period"),
            headers=[
                _("Goal"),
                _("Commitments"),
                _("Reported"),
                _("Done"),
                _("Mean progress"),
                _("Indicators"),
                _("Judgement"),
            ],
            rows=goal_rows,
            source=sources["reports"],
            numeric=(1, 2, 3, 4),
            empty=_("There are no goals with commitments in the report."),
        )
    )
    blocks.append(
        Note(
            _("How a goal's figures are counted: ")
            + ROLLING_RULE_TEXT()
            + " "
            + str(ROLLUP_RULE)
            + (" " + data.judgement_rule if data.judgement_rule else "")
        )
    )
    return Section(_("Summary"), blocks, slug="sammanfattning")


def ROLLING_RULE_TEXT() -> str:
    return _(
        "each commitment counts once with its latest approved report for the period; the mean progress "
        "counts a commitment not reported in the period as 0 % and leaves out statuses that ask for no "
        "percentage (such as “Kan ej bedömas”)."
    )


def long_term_section(data: CouncilData, sources: dict[str, str]) -> Section:
    blocks: list = []
    if not data.long_term:
        blocks.append(
            Paragraph(
                _(
                    "No long-term goals are entered in the plan yet, so this chapter has nothing to follow "
                    "up. Coordinators enter them, and link the plan's areas to them, in the staff pages."
                )
            )
        )
    for item in data.long_term:
        inner: list = judgement_blocks(data, item.area)
        if item.area.narrative:
            inner.append(Paragraph(item.area.narrative, language="sv"))
        rows = [row for goal in item.children for row in goal.rows]
        reported = sum(1 for row in rows if row.update)
        done = sum(1 for row in rows if row.update and row.update.status.is_done)
        inner.append(
            Paragraph(
                _(
                    "%(goals)s goals below it with %(commitments)s commitments; %(reported)s reported in "
                    "the period, %(done)s done."
                )
                % {"goals": len(item.children), "commitments": len(rows), "reported": reported, "done": done}
            )
        )
        if item.assessments:
            inner.append(
                indicator_table(item.assessments, _("Indicators for “%(goal)s”") % {"goal": item.area.title})
            )
        inner.append(
            Table(
                caption=_("Goals that contribute to “%(goal)s”") % {"goal": item.area.title},
                headers=[_("Goal"), _("Commitments"), _("Reported"), _("Done"), _("Mean progress")],
                rows=[[f"{g.area.position}. {g.area.title}", *goal_summary(g)] for g in item.children],
                source=sources["reports"],
                numeric=(1, 2, 3, 4),
                empty=_("No goal with commitments is linked to this long-term goal yet."),
            )
        )
        title = (
            item.area.title
            if not item.area.title_inferred
            else _("%(title)s (name derived from the text)") % {"title": item.area.title}
        )
        inner_section = Section(title, inner, slug=f"langsiktigt-{item.area.pk}")
        blocks.append(inner_section)
    return Section(_("The long-term goals"), blocks, slug="langsiktiga-mal")


def sources_section(data: CouncilData, sources: dict[str, str], built_at: datetime.datetime) -> Section:
    documents = [Paragraph(Link(document.title, document.get_absolute_url())) for document in data.documents]
    return Section(
        _("Sources and method"),
        [
            Paragraph(sources["reports"]),
            Paragraph(sources["indicators"]),
            Paragraph(sources["cases"]),
            Paragraph(
                _(
                    "The report was frozen on %(date)s: what it shows stays as it was handed over, even if a "
                    "report is corrected later. Corrections appear in the commitments' history on the site."
                )
                % {"date": formats.date_format(timezone.localtime(built_at), "Y-m-d H:i")}
            ),
            Section(_("Steering documents"), documents or [Paragraph(_("None."))]),
        ],
        slug="kallor",
    )


def council_document(
    data: CouncilData, *, built_at: datetime.datetime, built_by: str, example: bool = False
) -> Document:
    """The report as a document, in the current language (the caller activates the site's)."""
    period = data.period
    sources = {
        "reports": _(
            "The responsible organisations' reports for %(period)s (%(start)s–%(end)s), approved by the "
            "coordinators, as they stood on %(date)s."
        )
        % {
            "period": str(period),
            "start": period.starts_on.isoformat(),
            "end": period.ends_on.isoformat(),
            "date": day(built_at),
        },
        "indicators": _(
            "Indicators: each indicator's current release (Kolada or the source named in the table), judged "
            "against its targets as described on the site's indicator pages."
        ),
        "cases": _(
            "Residents' cases: feedback, fault and safety reports received %(start)s–%(end)s that case "
            "officers linked to a commitment; counts only, no personal data."
        )
        % {"start": period.starts_on.isoformat(), "end": period.ends_on.isoformat()},
    }
    sections: list[Section] = []
    if example:
        sections.append(
            Section(
                _("Example data"),
                [
                    Paragraph(
                        _(
                            "EXEMPELDATA: this report is built from an invented example follow-up loaded "
                            "with “framsteg load-example-follow-up”. No organisation reported these "
                            "statuses; do not hand it to anyone as a real follow-up."
                        )
                    )
                ],
                slug="exempeldata",
            )
        )
    sections.append(summary_section(data, sources))
    if data.scope.kind == LONG_TERM:
        sections.append(long_term_section(data, sources))
    else:
        if data.long_term and data.scope.kind == "plan":
            sections.append(long_term_section(data, sources))
        for goal in data.goals:
            sections.append(goal_section(goal, data, sources))
    if data.scope.kind == LONG_TERM:
        for goal in data.goals:
            sections.append(goal_section(goal, data, sources))
    sections.append(
        Section(_("What residents said"), [cases_table(data, sources["cases"])], slug="invanarna")
    )
    sections.append(
        Section(
            _("Budget"),
            [budget_table(data.budget, _("Budget, outcome, forecast and deviation"), str(data.period))],
            slug="budget",
        )
    )
    sections.append(sources_section(data, sources, built_at))
    title = _("Follow-up for the council: %(period)s") % {"period": str(period)}
    subtitle = _("%(municipality)s · %(scope)s · frozen %(date)s by %(who)s") % {
        "municipality": settings.MUNICIPALITY_NAME,
        "scope": data.scope.label,
        "date": formats.date_format(timezone.localtime(built_at), "Y-m-d H:i"),
        "who": built_by,
    }
    if example:
        subtitle = _("EXEMPELDATA") + " · " + subtitle
    return Document(
        title=title if data.scope.kind == "plan" else f"{title} – {data.scope.label}",
        language=(settings.LANGUAGE_CODE or "sv").split("-")[0],
        sections=sections,
        subtitle=subtitle,
        author=settings.MUNICIPALITY_NAME,
        description=_("The follow-up of %(period)s (%(code)s), from the approved reports.")
        % {"period": str(period), "code": period_code(period)},
        sources_label=_("Source"),
    )
