"""Counts per committee and period, for reporting to the politicians: as a page and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from framsteg.dialogue.models import Case, CaseKind
from framsteg.dialogue.selectors.statistics import Period, case_report, committee_of, year_periods
from framsteg.dialogue.workdays import STOCKHOLM
from framsteg.organisations.models import Organisation
from tests import factories
from tests.dialogue.factories import make_case

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def organisations():
    council = factories.make_organisation("Kommunfullmäktige", kind="council")
    technical = factories.make_organisation("Samhällsbyggnadsnämnden", parent=council)
    administration = factories.make_organisation(
        "Samhällsbyggnadsförvaltningen", kind="administration", parent=technical
    )
    streets = factories.make_organisation("Gatuavdelningen", kind="administration", parent=administration)
    culture = factories.make_organisation("Kultur- och fritidsnämnden", parent=council)
    housing = factories.make_organisation("Botkyrkabyggen", kind="company", parent=council)
    executive = factories.make_organisation("Kommunstyrelsen", kind="executive", parent=council)
    return {
        "council": council,
        "technical": technical,
        "administration": administration,
        "streets": streets,
        "culture": culture,
        "housing": housing,
        "executive": executive,
    }


def figures_for(report, period_index: int, label: str):
    [row] = [row for row in report.periods[period_index].rows if row.label == label]
    return row.figures


def test_an_organisation_rolls_up_to_the_nearest_committee_or_executive_board(organisations):
    by_id = Organisation.objects.in_bulk()
    assert committee_of(organisations["streets"], by_id) == organisations["technical"]
    assert committee_of(organisations["administration"], by_id) == organisations["technical"]
    assert committee_of(organisations["technical"], by_id) == organisations["technical"]
    assert committee_of(organisations["executive"], by_id) == organisations["executive"]
    assert committee_of(organisations["housing"], by_id) == organisations["housing"], "no committee above it"


def test_cases_of_nested_organisations_are_counted_on_their_committee(organisations):
    make_case(kind=CaseKind.FAULT, organisation=organisations["streets"], created_at=utc(2026, 2, 2, 9))
    make_case(
        kind=CaseKind.FAULT, organisation=organisations["administration"], created_at=utc(2026, 2, 3, 9)
    )
    make_case(kind=CaseKind.FAULT, organisation=organisations["technical"], created_at=utc(2026, 2, 4, 9))
    make_case(kind=CaseKind.SAFETY, organisation=organisations["culture"], created_at=utc(2026, 2, 4, 9))
    make_case(kind=CaseKind.FAULT, organisation=organisations["housing"], created_at=utc(2026, 2, 5, 9))
    make_case(kind=CaseKind.FEEDBACK, organisation=None, category=None, created_at=utc(2026, 2, 5, 9))

    with translation.override("en"):
        report = case_report(year_periods(2026, "year"), today=TODAY)
        [table] = report.periods
        labels = [(str(row.label), row.figures.received) for row in table.rows]
    assert labels == [
        ("Botkyrkabyggen", 1),
        ("Kultur- och fritidsnämnden", 1),
        ("Samhällsbyggnadsnämnden", 3),
        ("Not routed to an organisation", 1),
    ]
    assert table.total.received == 6
    assert (table.total.fault, table.total.safety, table.total.suggestion) == (4, 1, 1)


def test_feedback_is_split_into_praise_complaints_and_suggestions(organisations):
    culture = organisations["culture"]
    for feedback_type in ["praise", "praise", "complaint", "suggestion", ""]:
        make_case(
            kind=CaseKind.FEEDBACK,
            feedback_type=feedback_type,
            organisation=culture,
            created_at=utc(2026, 3, 2, 9),
        )
    figures = figures_for(case_report(year_periods(2026, "year"), today=TODAY), 0, culture.name)
    assert (figures.praise, figures.complaint, figures.suggestion, figures.feedback_other) == (2, 1, 1, 1)


def test_quarters_follow_swedish_local_time(organisations):
    streets = organisations["streets"]
    # 23:30 on 31 March in Stockholm (summer time, UTC+2) is still the first quarter ...
    make_case(organisation=streets, created_at=utc(2026, 3, 31, 21, 30))
    # ... 00:30 on 1 April in Stockholm is the second, though it is 31 March in UTC.
    make_case(organisation=streets, created_at=utc(2026, 3, 31, 22, 30))
    # 00:30 on New Year's Day in Stockholm (UTC+1) belongs to 2026, not to 2025.
    make_case(organisation=streets, created_at=utc(2025, 12, 31, 23, 30))
    # 23:30 on New Year's Eve 2026 in Stockholm is in the fourth quarter; 00:30 is next year.
    make_case(organisation=streets, created_at=utc(2026, 12, 31, 22, 30))
    make_case(organisation=streets, created_at=utc(2026, 12, 31, 23, 30))

    periods = year_periods(2026, "quarter")
    report = case_report(periods, today=TODAY)

    assert [p.key for p in periods] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert [table.total.received for table in report.periods] == [2, 1, 0, 1]


def test_months_and_a_follow_up_period_are_periods_too(organisations):
    streets = organisations["streets"]
    make_case(organisation=streets, created_at=utc(2026, 4, 30, 21, 59))  # 23:59 on 30 April
    make_case(organisation=streets, created_at=utc(2026, 4, 30, 22, 0))  # 00:00 on 1 May
    months = year_periods(2026, "month")
    assert (months[3].first, months[3].last, months[1].last) == (
        date(2026, 4, 1),
        date(2026, 4, 30),
        date(2026, 2, 28),
    )
    assert [t.total.received for t in case_report(months, today=TODAY).periods][3:5] == [1, 1]

    tertial = Period("Tertial 2026", date(2026, 1, 1), date(2026, 4, 30), "tertial-2026")
    assert tertial.ends == datetime(2026, 5, 1, tzinfo=STOCKHOLM)
    assert case_report([tertial], today=TODAY).periods[0].total.received == 1


def test_answers_are_in_time_or_late_against_the_promise_in_local_days(organisations):
    streets = organisations["streets"]
    received = utc(2026, 1, 15, 9)
    due = date(2026, 1, 29)
    # Answered at 23:30 local time on the due date: in time.
    make_case(
        organisation=streets,
        created_at=received,
        answer_due=due,
        status=Case.Status.ANSWERED,
        answered_at=utc(2026, 1, 29, 22, 30),
    )
    # Answered at 00:30 local time the next day: late, although it is still the due date in UTC.
    make_case(
        organisation=streets,
        created_at=received,
        answer_due=due,
        status=Case.Status.CLOSED,
        answered_at=utc(2026, 1, 29, 23, 30),
        closed_at=utc(2026, 2, 2, 9),
    )
    make_case(
        organisation=streets,
        created_at=received,
        answer_due=due,
        status=Case.Status.DUPLICATE,
        closed_at=utc(2026, 1, 16, 9),
    )
    make_case(organisation=streets, created_at=received, answer_due=due, status=Case.Status.IN_PROGRESS)
    make_case(
        organisation=streets,
        created_at=received,
        answer_due=date(2026, 7, 1),
        status=Case.Status.RECEIVED,
        confirmed_at=received,
    )

    figures = figures_for(case_report(year_periods(2026, "year"), today=TODAY), 0, "Samhällsbyggnadsnämnden")

    assert (figures.answered_in_time, figures.answered_late) == (1, 1)
    assert figures.closed_without_answer == 1
    assert (figures.open, figures.overdue) == (2, 1)
    # From Thursday 15 January to 29 and 30 January: 10 and 11 working days.
    assert sorted(figures.answer_days) == [10, 11]
    assert figures.median_days == 10.5


def test_cases_linked_to_commitments_are_counted_and_the_most_written_about_come_first(organisations):
    document = factories.make_document("Politisk plattform", text="Belysning. Parker. Skolor.")
    area = factories.make_area(document, "Trygghet")
    lighting = factories.make_commitment(area, "Belysning")
    parks = factories.make_commitment(area, "Parker")
    factories.make_commitment(area, "Skolor")
    streets = organisations["streets"]
    for commitments in ([lighting], [lighting, parks], [lighting], []):
        case = make_case(organisation=streets, created_at=utc(2026, 5, 4, 9))
        case.commitments.set(commitments)
    outside = make_case(organisation=streets, created_at=utc(2025, 5, 4, 9))
    outside.commitments.set([parks])

    report = case_report(year_periods(2026, "year"), today=TODAY)

    assert report.periods[0].total.linked == 3
    assert [(item.commitment.text, item.cases) for item in report.commitments] == [
        ("Belysning", 3),
        ("Parker", 1),
    ]


# The pages


class TableReader(HTMLParser):
    """Reads every table as its caption and rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in {"td", "th", "caption"} and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption" and self._cell is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._cell).split())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture
def staff_client(organisations):
    client = Client(headers={"accept-language": "en"})
    client.force_login(factories.make_user("anna", organisations["streets"]))
    return client


@pytest.fixture
def some_cases(organisations):
    make_case(
        kind=CaseKind.FEEDBACK,
        feedback_type="praise",
        organisation=organisations["streets"],
        created_at=utc(2026, 2, 2, 9),
        status=Case.Status.ANSWERED,
        answered_at=utc(2026, 2, 4, 9),
    )
    make_case(
        kind=CaseKind.FAULT,
        organisation=organisations["administration"],
        created_at=utc(2026, 2, 3, 9),
        status=Case.Status.ANSWERED,
        answered_at=utc(2026, 3, 30, 9),
    )
    make_case(kind=CaseKind.SAFETY, organisation=organisations["culture"], created_at=utc(2026, 5, 5, 9))
    make_case(kind=CaseKind.FAULT, organisation=None, category=None, created_at=utc(2026, 8, 5, 9))


def test_the_page_needs_a_log_in():
    response = Client().get(reverse("cases:statistics"))
    assert response.status_code == 302
    assert reverse("staff:login") in response["Location"]


def test_any_staff_member_sees_every_committee_in_accessible_tables(staff_client, some_cases):
    response = staff_client.get(reverse("cases:statistics"), {"year": 2026, "by": "quarter"})
    assert response.status_code == 200
    assert response.context["nav"] == "staff"
    html = response.content.decode()
    reader = TableReader()
    reader.feed(html)
    captions = [table["caption"] for table in reader.tables]
    assert "Cases received by kind, Quarter 1 2026" in captions
    assert "Outcome of the cases received, The whole year 2026" in captions
    assert 'scope="col"' in html and 'scope="row"' in html and 'class="numeric"' in html
    [q1_kinds] = [t for t in reader.tables if t["caption"] == "Cases received by kind, Quarter 1 2026"]
    assert q1_kinds["rows"][1] == ["Samhällsbyggnadsnämnden", "2", "1", "0", "0", "0", "1", "0"]
    assert q1_kinds["rows"][-1][0] == "All committees"
    assert "Kultur- och fritidsnämnden" in html, "the committees of others are in the aggregate too"


def test_the_default_is_this_year_by_quarter(staff_client, some_cases):
    response = staff_client.get(reverse("cases:statistics"))
    tables = response.context["report"].periods
    assert len(tables) == 5, "four quarters and the whole year"


def test_an_invalid_choice_is_explained_and_the_default_shown(staff_client):
    response = staff_client.get(reverse("cases:statistics"), {"year": "1800", "by": "week"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_year"' in html and 'href="#id_by"' in html
    assert len(response.context["report"].periods) == 5


def test_a_follow_up_period_can_be_chosen(staff_client, some_cases):
    period = factories.make_period("tertial", 2026)
    response = staff_client.get(
        reverse("cases:statistics"), {"year": 2026, "by": "quarter", "period": period.pk}
    )
    [table] = response.context["report"].periods
    assert (table.period.first, table.period.last) == (date(2026, 1, 1), date(2026, 4, 30))
    assert table.total.received == 2


def test_the_csv_holds_the_same_figures_as_the_page_and_a_source_line(staff_client, some_cases):
    query = {"year": 2026, "by": "quarter"}
    page = staff_client.get(reverse("cases:statistics"), query)
    download = staff_client.get(reverse("cases:statistics-csv"), query)

    assert download["Content-Type"] == "text/csv; charset=utf-8"
    text = download.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, *body = rows
    assert header[:5] == ["Period", "From", "To", "Committee", "Received"]
    assert rows[-1][0].startswith("Source: framsteg")
    assert "2026-01-01–2026-12-31" in rows[-1][0]
    figures = [row for row in body if len(row) == len(header)]

    reader = TableReader()
    reader.feed(page.content.decode())
    html_rows = {}
    for table in reader.tables:
        caption = table["caption"]
        for prefix in ("Cases received by kind, ", "Outcome of the cases received, "):
            if caption.startswith(prefix):
                for cells in table["rows"][1:]:
                    html_rows.setdefault((caption.removeprefix(prefix), cells[0]), []).extend(cells[1:])
    csv_rows = {(row[0], row[3]): row[4:] for row in figures}
    for key, values in html_rows.items():
        assert csv_rows[key] == ["" if value.startswith("–") else value for value in values], key
    empty = {table.period.label for table in page.context["report"].periods if not table.total.received}
    assert {key for key in csv_rows if key[0] not in empty} == set(html_rows)
    assert ("Quarter 1 2026", "Samhällsbyggnadsnämnden") in html_rows
