"""The tertial analysis and the yearly lägesbild and åtgärdsplan as documents (`framsteg.core.documents`):
one description each, shown as a page, printed, and downloaded as PDF and Word with the same figures.

Every table states its source. The coordinator's texts are Swedish, marked as such in other languages.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import formats
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from framsteg.core.documents import Document, Link, Note, Paragraph, Section, Table
from framsteg.situation.models import Action, Incident, Problem, YearlyPicture
from framsteg.situation.selectors import reports
from framsteg.situation.selectors.reports import Comparison, Counts, Sources, Tertial


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def number(value: float | int | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return formats.number_format(round(value, places), places, use_l10n=True, force_grouping=True)


def when(moment: datetime.datetime | None) -> str:
    if moment is None:
        return "–"
    from django.utils import timezone

    return formats.date_format(timezone.localtime(moment), "Y-m-d H:i")


def weekdays() -> list[str]:
    """Monday to Sunday, abbreviated, in the current language (Django's own names)."""
    return [str(WEEKDAYS_ABBR[day]) for day in range(7)]


def change(comparison: Comparison) -> str:
    """The change as a percentage with its judgement, e.g. "+40 % (clear increase)"."""
    direction = comparison.direction
    if direction == "uncovered":
        return _("no comparison: no reports in the picture then")
    if direction == "none":
        return _("no events in either period")
    if comparison.ratio is None:
        verdict = _("clear increase") if direction == "increase" else _("no clear change")
        return _("none before (%(verdict)s)") % {"verdict": verdict}
    percent = comparison.percent or 0
    sign = "+" if percent > 0 else "−" if percent < 0 else "±"
    verdict = {
        "increase": _("clear increase"),
        "decrease": _("clear decrease"),
        "unchanged": _("no clear change"),
    }[direction]
    return f"{sign}{number(abs(percent))} % ({verdict})"


def tertial_label(tertial: Tertial) -> str:
    months = {
        1: _("January–April"),
        2: _("May–August"),
        3: _("September–December"),
    }[tertial.number]
    return _("%(year)s T%(number)s (%(months)s)") % {
        "year": tertial.year,
        "number": tertial.number,
        "months": months,
    }


def method_note() -> Note:
    return Note(
        _(
            "Change: events per week in the period divided by events per week in the period compared with. "
            "It is marked as a clear increase or decrease when the exact conditional test for two Poisson "
            "counts finds that a difference this large would arise by chance less than once in 20 if the "
            "rate had not changed (p < 0.05). With many areas compared, about one unchanged area in 20 is "
            "still marked by chance: the marks show where to look, they prove nothing. A report that bundles "
            "several events counts each of them."
        )
    )


def incidents_source(sources: Sources) -> str:
    if not sources.rows:
        return _("incident reports included in the joint picture (none in this period)")
    organisations = ", ".join(f"{row.organisation} ({number(row.reports)})" for row in sources.rows)
    return _(
        "incident reports included in the joint picture after review, by reporting organisation (reports): "
        "%(organisations)s; computed %(computed)s"
    ) % {"organisations": organisations, "computed": when(sources.computed_at)}


def sources_section(periods: list[tuple[str, Sources]]) -> Section:
    blocks: list = []
    for label, sources in periods:
        rows = [[row.organisation, number(row.reports), number(row.events)] for row in sources.rows]
        if rows:
            rows.append([_("Total"), number(sources.reports), number(sources.events)])
        blocks.append(
            Table(
                _("Reports included in the picture: %(period)s") % {"period": label},
                [_("Reporting organisation"), _("Incident reports"), _("Events")],
                rows,
                source=_("the incident reports' review status in framsteg"),
                numeric=(1, 2),
                empty=_("No report from this period has been included in the picture."),
            )
        )
        blocks.append(
            Note(
                _(
                    "Only reports that a coordinator has reviewed and included in the picture are counted. "
                    "Figures computed %(computed)s; the latest review in the period: %(reviewed)s."
                )
                % {"computed": when(sources.computed_at), "reviewed": when(sources.last_reviewed_at)}
            )
        )
    return Section(_("Sources"), blocks, slug="sources")


# --- The tertial analysis -------------------------------------------------------------------------------


def tertial_document(analysis: reports.TertialAnalysis) -> Document:
    tertial = analysis.tertial
    label = tertial_label(tertial)
    source = incidents_source(analysis.sources)
    total = analysis.total
    summary = _(
        "%(events)s events in %(weeks)s weeks (%(per_week)s per week): %(crime)s crimes and %(insecurity)s "
        "events of disorder or insecurity."
    ) % {
        "events": number(total.counts.total),
        "weeks": number(analysis.weeks, 1),
        "per_week": number(total.per_week, 1),
        "crime": number(total.counts.crime),
        "insecurity": number(total.counts.insecurity),
    }
    comparisons = _(
        "Against the previous tertial (%(previous)s): %(change_previous)s. Against the same tertial a year "
        "earlier (%(earlier)s): %(change_earlier)s."
    ) % {
        "previous": tertial_label(tertial.previous()),
        "change_previous": change(total.previous),
        "earlier": tertial_label(tertial.a_year_earlier()),
        "change_earlier": change(total.a_year_earlier),
    }
    blocks = [Paragraph(summary), Paragraph(comparisons)]
    if not analysis.complete:
        blocks.insert(
            0,
            Paragraph(
                _("Preliminary: the tertial is not over. Its figures are up to today, per week of it so far.")
            ),
        )
    sections = [Section(_("Summary"), blocks, slug="summary")]

    with_population = analysis.populations_used
    level_headers = [_("Area"), _("Crime"), _("Disorder or insecurity"), _("Events"), _("Per week")]

    def level_rows(rows, population: bool):
        result = []
        for row in rows:
            if not row.counts.total and not row.previous.then and not row.a_year_earlier.then:
                continue
            cells = [
                row.name,
                number(row.counts.crime),
                number(row.counts.insecurity),
                number(row.counts.total),
                number(row.per_week, 1),
            ]
            if population:
                cells.append(number(row.per_thousand, 2))
            result.append(cells)
        return result

    population_note = (
        Note(
            _("Per 1,000 residents: events per week per 1,000 residents of the kommundel."),
            source="; ".join(
                sorted(
                    {
                        f"{row.name}: {row.population.source} ({row.population.period})"
                        for row in analysis.districts
                        if row.population
                    }
                )
            ),
        )
        if with_population
        else Note(
            _(
                "Rates per 1,000 residents are not shown: framsteg holds no population figures per kommundel "
                "or RegSO area from a cited source. They can be added as values per district of the "
                "indicator “Invånare”."
            )
        )
    )
    empty = _("No events were included in the picture in this period.")
    sections.append(
        Section(
            _("Areas ranked by level"),
            [
                Table(
                    _("Kommundelar by events per week, %(tertial)s") % {"tertial": label},
                    [*level_headers, _("Per week per 1,000 residents")] if with_population else level_headers,
                    level_rows(analysis.districts, with_population),
                    source=source,
                    numeric=(1, 2, 3, 4, 5),
                    empty=empty,
                ),
                Table(
                    _("RegSO areas by events per week, %(tertial)s") % {"tertial": label},
                    level_headers,
                    level_rows(analysis.areas, False),
                    source=source,
                    numeric=(1, 2, 3, 4),
                    empty=empty,
                ),
                population_note,
            ],
            slug="level",
        )
    )

    trend_headers = [
        _("Area"),
        _("This tertial"),
        _("Previous tertial"),
        _("Change per week"),
        _("Same tertial a year earlier"),
        _("Change per week"),
    ]

    def trend_rows(rows):
        ranked = reports.ranked_by_trend(rows)
        return [
            [
                row.name,
                number(row.counts.total),
                number(row.previous.then),
                change(row.previous),
                number(row.a_year_earlier.then),
                change(row.a_year_earlier),
            ]
            for row in ranked
        ]

    sections.append(
        Section(
            _("Areas ranked by trend"),
            [
                Paragraph(
                    _(
                        "Areas with a clear increase against either period come first, then by the change "
                        "against the same tertial a year earlier."
                    )
                ),
                Table(
                    _("Kommundelar by trend, %(tertial)s") % {"tertial": label},
                    trend_headers,
                    trend_rows(analysis.districts),
                    source=source,
                    numeric=(1, 2, 4),
                    empty=empty,
                ),
                Table(
                    _("RegSO areas by trend, %(tertial)s") % {"tertial": label},
                    trend_headers,
                    trend_rows(analysis.areas),
                    source=source,
                    numeric=(1, 2, 4),
                    empty=empty,
                ),
                method_note(),
            ],
            slug="trend",
        )
    )
    sections.append(
        sources_section(
            [
                (label, analysis.sources),
                (tertial_label(tertial.previous()), analysis.previous_sources),
                (tertial_label(tertial.a_year_earlier()), analysis.a_year_earlier_sources),
            ]
        )
    )
    return Document(
        title=_("Tertial analysis %(tertial)s") % {"tertial": label},
        language=language(),
        sections=sections,
        subtitle=settings.MUNICIPALITY_NAME,
        author=settings.MUNICIPALITY_NAME,
        description=_("The joint situation picture's areas ranked by level and trend."),
        sources_label=_("Source"),
    )


# --- The yearly lägesbild and åtgärdsplan ---------------------------------------------------------------


def coordinator_text(text: str, missing: str) -> list[Paragraph]:
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    if not paragraphs:
        return [Paragraph(missing, muted=True)]
    return [Paragraph(part, language="sv") for part in paragraphs]


def nature_cells(counts: Counts) -> list[str]:
    return [number(counts.crime), number(counts.insecurity), number(counts.total)]


def place_of(item) -> str:
    parts = [
        getattr(item.named_place, "name", ""),
        getattr(item.area, "name", ""),
        getattr(item.district, "name", ""),
    ]
    return ", ".join(part for part in parts if part) or _("The whole municipality")


def responsible_of(action: Action) -> str:
    from framsteg.organisations.names import display_name

    if action.responsible_id:
        return display_name(action.responsible)
    return action.responsible_name


def survey_tables(year: int, span: int = 5) -> list[Table]:
    """Survey results per kommundel for the years up to the lägesbild's (the latest `span`), one table per
    survey indicator with values; none when the surveys are not installed or hold no values."""
    import importlib.util

    if importlib.util.find_spec("framsteg.situation.selectors.surveys") is None:
        return []
    from framsteg.situation.selectors import surveys

    if not hasattr(surveys, "survey_results"):
        return []
    tables = []
    for result in surveys.survey_results():
        years = [each for each in result.years if each <= year][-span:]
        if not years:
            continue
        rows = []
        for district in result.districts:
            by_year = result.values.get(district, {})
            if not any(each in by_year for each in years):
                continue
            cells = [by_year[each].value if each in by_year else None for each in years]
            rows.append([district or _("The whole municipality"), *[number(value, 1) for value in cells]])
        if not rows:
            continue
        unit = f" ({result.indicator.unit})" if result.indicator.unit else ""
        tables.append(
            Table(
                f"{result.indicator.name}{unit}: {result.survey_label}",
                [_("Kommundel"), *[str(each) for each in years]],
                rows,
                source="; ".join(result.sources) or result.indicator.source_name,
                numeric=tuple(range(1, len(years) + 1)),
            )
        )
    return tables


def survey_section(year: int) -> Section:
    """Survey results per kommundel, or how to add them when there are none."""
    blocks: list = list(survey_tables(year))
    if not blocks:
        blocks.append(
            Paragraph(
                _(
                    "No survey results are stored yet. Results of the police's trygghetsmätning, Brå's NTU "
                    "or the municipality's citizen survey are added as survey indicators with values per "
                    "kommundel and year, each with its source, from a CSV or XLSX file (framsteg "
                    "import-survey-results; see the page Surveys and incident trends), and are then listed "
                    "here."
                )
            )
        )
    return Section(_("Surveys"), blocks, slug="surveys")


def yearly_document(
    picture: YearlyPicture | None,
    mapping: reports.Mapping,
    problems: QuerySet[Problem],
    actions: QuerySet[Action],
) -> Document:
    year = mapping.year
    source = incidents_source(mapping.sources)
    missing = _("Not written yet.")
    picture = picture or YearlyPicture(year=year)

    summary = _(
        "In %(year)s, %(events)s events were included in the joint picture: %(crime)s crimes and "
        "%(insecurity)s events of disorder or insecurity (%(previous)s the year before)."
    ) % {
        "year": year,
        "events": number(mapping.total.total),
        "crime": number(mapping.total.crime),
        "insecurity": number(mapping.total.insecurity),
        "previous": number(mapping.previous_total.total),
    }
    mapping_blocks: list = []
    if not mapping.complete:
        mapping_blocks.append(
            Paragraph(_("Preliminary: the year is not over. The figures are up to today."), muted=False)
        )
    mapping_blocks.append(Paragraph(summary))
    empty = _("No events were included in the picture in this period.")
    mapping_blocks.append(
        Section(
            _("Events by event type"),
            [
                Table(
                    _("Events by event type, %(year)s and %(previous)s")
                    % {"year": year, "previous": year - 1},
                    [
                        _("Event type"),
                        _("Crime or insecurity"),
                        str(year),
                        str(year - 1),
                        _("Change per week"),
                    ],
                    [
                        [
                            row.category.label(),
                            row.category.get_nature_display(),
                            number(row.events),
                            number(row.previous),
                            change(row.comparison),
                        ]
                        for row in mapping.categories
                    ],
                    source=source,
                    numeric=(2, 3),
                    empty=empty,
                ),
                method_note(),
            ],
        )
    )
    nature_headers = [_("Crime"), _("Disorder or insecurity"), _("Events")]
    mapping_blocks.append(
        Section(
            _("Events by area"),
            [
                Table(
                    _("Events by kommundel, %(year)s") % {"year": year},
                    [_("Kommundel"), *nature_headers],
                    [[name, *nature_cells(counts)] for name, counts in mapping.districts],
                    source=source,
                    numeric=(1, 2, 3),
                    empty=empty,
                ),
                Table(
                    _("Events by RegSO area, %(year)s") % {"year": year},
                    [_("RegSO area"), *nature_headers],
                    [[name, *nature_cells(counts)] for name, counts in mapping.areas],
                    source=source,
                    numeric=(1, 2, 3),
                    empty=empty,
                ),
            ],
        )
    )
    mapping_blocks.append(
        Section(
            _("The trend over the years"),
            [
                Table(
                    _("Events per year"),
                    [_("Year"), *nature_headers],
                    [
                        [
                            str(row.year) if row.complete else _("%(year)s (so far)") % {"year": row.year},
                            *nature_cells(row.counts),
                        ]
                        for row in mapping.years
                    ],
                    source=_(
                        "incident reports included in the joint picture; the years since the first report "
                        "in framsteg (%(first)s)"
                    )
                    % {"first": mapping.first_year or year},
                    numeric=(1, 2, 3),
                )
            ],
        )
    )
    days = weekdays()
    grid_rows = [
        [
            f"{hour:02d}–{(hour + 1) % 24:02d}",
            *[number(value) for value in mapping.grid[hour]],
            number(sum(mapping.grid[hour])),
        ]
        for hour in range(24)
    ]
    grid_rows.append(
        [
            _("Time not known"),
            *[number(value) for value in mapping.unknown_time],
            number(sum(mapping.unknown_time)),
        ]
    )
    mapping_blocks.append(
        Section(
            _("Weekday and hour"),
            [
                Table(
                    _("Events by hour and weekday, %(year)s") % {"year": year},
                    [_("Hour"), *days, _("All days")],
                    grid_rows,
                    source=source,
                    numeric=tuple(range(1, 9)),
                )
            ],
        )
    )

    other_blocks: list = coordinator_text(picture.other_information, missing)
    other_blocks.append(survey_section(year))

    problem_rows = [
        [
            problem.title,
            place_of(problem),
            ", ".join(category.label() for category in problem.categories.all()) or "–",
            problem.get_status_display(),
            problem.description or "–",
        ]
        for problem in problems
    ]
    action_rows = []
    commitment_rows = []
    for action in actions:
        starts, ends = (
            formats.date_format(action.starts_on, "Y-m-d"),
            formats.date_format(action.ends_on, "Y-m-d"),
        )
        owner = action.organisation.name
        responsible = responsible_of(action)
        action_rows.append(
            [
                action.title,
                action.problem.title if action.problem_id else _("No problem linked"),
                f"{owner} ({responsible})" if responsible else owner,
                f"{starts} – {ends}",
                action.get_status_display(),
            ]
        )
        for commitment in action.commitments.all():
            commitment_rows.append(
                [
                    action.title,
                    Link(f"{commitment.reference} {commitment.text}", commitment.get_absolute_url()),
                    f"{commitment.area.position}. {commitment.area.title}",
                ]
            )
    plan_source = _("the åtgärdsplan as recorded in framsteg by the coordinator")
    sections = [
        Section(_("The mapping of crime and disorder"), mapping_blocks, slug="mapping"),
        Section(
            _("Extent and consequences"),
            [
                Section(_("Extent"), coordinator_text(picture.extent, missing)),
                Section(_("Consequences"), coordinator_text(picture.consequences, missing)),
            ],
            slug="extent",
        ),
        Section(_("Other relevant information"), other_blocks, slug="other"),
        Section(_("Analysis"), coordinator_text(picture.analysis, missing), slug="analysis"),
        Section(
            _("Problems"),
            [
                Table(
                    _("The problems this lägesbild names"),
                    [_("Problem"), _("Where"), _("Event types"), _("Status"), _("Description")],
                    problem_rows,
                    source=plan_source,
                    empty=_("No problem has been named for this year yet."),
                )
            ],
            slug="problems",
        ),
        Section(
            _("Åtgärdsplan"),
            [
                Table(
                    _("Actions of the åtgärdsplan %(year)s") % {"year": year},
                    [
                        _("Planned action"),
                        _("The problem it answers"),
                        _("Owner (responsible)"),
                        _("Period"),
                        _("Status"),
                    ],
                    action_rows,
                    source=plan_source,
                    empty=_("No action has been planned for this year yet."),
                ),
                Table(
                    _("The actions' links to the commitments of the political platform"),
                    [_("Planned action"), _("Commitment"), _("Area of the platform")],
                    commitment_rows,
                    source=_("the political platform's commitments as published in framsteg"),
                    empty=_("No action is linked to a commitment yet."),
                ),
            ],
            slug="plan",
        ),
        sources_section([(str(year), mapping.sources)]),
    ]
    if picture.adopted_on:
        subtitle = _("%(municipality)s. Adopted by %(body)s on %(day)s.") % {
            "municipality": settings.MUNICIPALITY_NAME,
            "body": picture.adopted_by or "–",
            "day": formats.date_format(picture.adopted_on, "Y-m-d"),
        }
    else:
        subtitle = _("%(municipality)s. Not adopted yet.") % {"municipality": settings.MUNICIPALITY_NAME}
    return Document(
        title=_("Lägesbild and åtgärdsplan %(year)s") % {"year": year},
        language=language(),
        sections=sections,
        subtitle=subtitle,
        author=settings.MUNICIPALITY_NAME,
        description=_("The yearly lägesbild and åtgärdsplan under lag (2023:196)."),
        sources_label=_("Source"),
    )


def yearly_problems(year: int) -> QuerySet[Problem]:
    return (
        Problem.objects.filter(year=year)
        .select_related("district", "area", "named_place")
        .prefetch_related("categories")
        .order_by("pk")
    )


def yearly_actions(year: int) -> QuerySet[Action]:
    return (
        Action.objects.filter(plan_year=year)
        .select_related("organisation", "responsible", "problem")
        .prefetch_related("commitments__area")
        .order_by("starts_on", "pk")
    )


def yearly(incidents: QuerySet[Incident], year: int) -> Document:
    mapping = reports.yearly_mapping(incidents, year, unnamed=_("No kommundel or area"))
    picture = YearlyPicture.objects.filter(year=year).first()
    return yearly_document(picture, mapping, yearly_problems(year), yearly_actions(year))
