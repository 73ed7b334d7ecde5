"""The tertial analysis and the yearly lägesbild and åtgärdsplan: figures, access, texts, actions."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import translation

from framsteg.audit.models import AuditEntry
from framsteg.situation.models import Action, Incident, Problem, YearlyPicture
from framsteg.situation.selectors import report_documents, reports
from framsteg.situation.selectors.reports import Tertial, compare
from framsteg.situation.services import yearly
from tests import factories
from tests.dialogue.factories import make_districts
from tests.situation.factories import make_category, make_incident, make_partner

ZONE = zoneinfo.ZoneInfo("Europe/Stockholm")


def at(year, month, day, hour=21):
    return datetime.datetime(year, month, day, hour, 30, tzinfo=ZONE)


@pytest.fixture
def picture(db):
    districts = make_districts()
    graffiti = make_category("Klotter", "crime", code="klotter")
    unsafe = make_category("Otrygg plats", "insecurity", code="otrygg-plats")
    police = make_partner("Polisen")
    housing = make_partner("Botkyrkabyggen", kind="company")
    # 2025 T1 (January–April): 30 events in Fittja, 5 in Alby.
    make_incident(graffiti, police, occurred_at=at(2025, 2, 3), place_text="Fittja", events=20)
    make_incident(graffiti, housing, occurred_at=at(2025, 3, 8), place_text="Fittja", events=10)
    make_incident(unsafe, housing, occurred_at=at(2025, 4, 12, 2), place_text="Alby", events=5)
    # 2024 T3 (the previous tertial) and 2024 T1 (a year earlier): few in Fittja.
    make_incident(graffiti, police, occurred_at=at(2024, 10, 1), place_text="Fittja", events=3)
    make_incident(graffiti, police, occurred_at=at(2024, 2, 1), place_text="Fittja", events=2)
    # Not reviewed into the picture: never counted.
    make_incident(
        graffiti, police, occurred_at=at(2025, 2, 4), place_text="Fittja", events=500, status="reported"
    )
    # Time of day not known.
    make_incident(unsafe, police, occurred_at=at(2025, 6, 2), place_text="Alby", time_known=False)
    return {"districts": districts, "police": police, "housing": housing, "graffiti": graffiti}


def included():
    return Incident.objects.filter(status=Incident.Status.INCLUDED)


def test_tertials_cover_the_year_in_three_periods_of_four_months():
    assert Tertial.of(2025, 1).start == datetime.date(2025, 1, 1)
    assert Tertial.of(2025, 1).end == datetime.date(2025, 5, 1)
    assert Tertial.of(2025, 3).end == datetime.date(2026, 1, 1)
    assert Tertial.of(2025, 1).previous() == Tertial.of(2024, 3)
    assert Tertial.of(2025, 3).next() == Tertial.of(2026, 1)
    assert Tertial.containing(datetime.date(2025, 8, 31)) == Tertial.of(2025, 2)
    assert Tertial.of(2025, 2).slug == "2025-T2"


def test_a_real_jump_is_marked_and_noise_is_not():
    weeks = 17
    assert compare(40, 10, weeks, weeks).direction == "increase"
    assert compare(10, 40, weeks, weeks).direction == "decrease"
    assert compare(12, 10, weeks, weeks).direction == "unchanged"
    assert compare(0, 0, weeks, weeks).direction == "none"
    assert compare(5, 0, weeks, weeks).ratio is None
    assert compare(20, 10, 10, 5).direction == "unchanged"  # the same rate over twice the time
    assert compare(20, 10, weeks, weeks).ratio == pytest.approx(2.0)


def test_the_tertial_ranks_areas_by_level_and_trend_from_included_reports_only(picture):
    analysis = reports.tertial_analysis(included(), Tertial.of(2025, 1), today=datetime.date(2026, 12, 7))
    assert analysis.complete
    first, second = analysis.districts[:2]
    assert (first.name, first.counts.crime, first.counts.total) == ("Fittja", 30, 30)
    assert (second.name, second.counts.insecurity) == ("Alby", 5)
    weeks = (datetime.date(2025, 5, 1) - datetime.date(2025, 1, 1)).days / 7
    assert first.per_week == pytest.approx(30 / weeks)
    assert first.per_thousand is None and not analysis.populations_used
    assert (first.previous.then, first.previous.direction) == (3, "increase")
    assert (first.a_year_earlier.then, first.a_year_earlier.direction) == (2, "increase")
    assert reports.ranked_by_trend(analysis.districts)[0].name == "Fittja"
    assert analysis.total.counts.total == 35
    assert {row.organisation: row.events for row in analysis.sources.rows} == {
        "Polisen": 20,
        "Botkyrkabyggen": 15,
    }


def test_the_yearly_mapping_counts_by_category_area_year_and_time(picture):
    mapping = reports.yearly_mapping(included(), 2025, today=datetime.date(2026, 12, 7))
    assert mapping.total.total == 36
    assert [(row.category.name, row.events, row.previous) for row in mapping.categories] == [
        ("Klotter", 30, 5),
        ("Otrygg plats", 6, 0),
    ]
    assert mapping.districts[0][0] == "Fittja" and mapping.districts[0][1].total == 30
    assert [(row.year, row.counts.total) for row in mapping.years] == [(2024, 5), (2025, 36)]
    assert mapping.grid[21][0] == 20  # Monday 3 February, 21:30
    assert mapping.grid[2][5] == 5  # Saturday 12 April, 02:30
    assert mapping.unknown_time[0] == 1


@pytest.fixture
def people(picture):
    klf = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    council = factories.make_organisation("Kommunfullmäktige", kind="council", slug="kf")
    return {
        "coordinator": factories.make_user("cecilia", klf, ("coordinator",)),
        "politician": factories.make_user("per", council, ("reader",)),
        "police": factories.make_user("pelle", picture["police"], ("partner",)),
        "nobody": factories.make_user("nils"),
    }


@pytest.mark.parametrize(
    ("persona", "page", "edit"), [("coordinator", 200, 200), ("politician", 200, 403), ("police", 200, 403)]
)
def test_who_reads_and_who_writes(client, people, persona, page, edit):
    client.force_login(people[persona])
    for url in (
        reverse("situation:reports"),
        reverse("situation:reports-tertial", args=[2025, 1]),
        reverse("situation:reports-year", args=[2025]),
    ):
        assert client.get(url).status_code == page
    assert client.get(reverse("situation:reports-year-edit", args=[2025])).status_code == edit


def test_others_are_refused(client, people):
    url = reverse("situation:reports-year", args=[2025])
    assert client.get(url).status_code == 302
    client.force_login(people["nobody"])
    assert client.get(url).status_code == 403
    client.force_login(people["politician"])
    assert client.get(reverse("situation:reports-tertial", args=[2025, 4])).status_code == 404


def test_the_tertial_page_names_its_sources_and_method(client, people):
    client.force_login(people["politician"])
    page = client.get(reverse("situation:reports-tertial", args=[2025, 1])).content.decode()
    assert "Tertialanalys 2025 T1 (januari–april)" in page
    assert "Polisen (1)" in page and "Botkyrkabyggen (2)" in page
    assert "Poisson" in page
    assert "per 1 000 invånare visas inte" in page


def test_the_coordinator_writes_the_texts_names_a_problem_and_plans_an_action(client, people, picture):
    document = factories.make_document("Politisk plattform", slug="plattform")
    safety = factories.make_area(document, "Trygghet", position=4, slug="trygghet")
    commitment = factories.make_commitment(safety, "Öka tryggheten i centrumområdena")
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("situation:reports-year-edit", args=[2025]),
        {
            "texts-extent": "Skadegörelsen är koncentrerad till Fittja.",
            "texts-analysis": "Kvällstid.\n\nHelger.",
        },
    )
    assert response.status_code == 302
    assert YearlyPicture.objects.get(year=2025).extent == "Skadegörelsen är koncentrerad till Fittja."
    response = client.post(
        reverse("situation:reports-year-problem", args=[2025]),
        {
            "problem-title": "Klotter i Fittja centrum",
            "problem-categories": [picture["graffiti"].pk],
            "problem-district": picture["districts"]["Fittja"].pk,
        },
    )
    assert response.status_code == 302
    problem = Problem.objects.get(year=2025)
    response = client.post(
        reverse("situation:reports-year-action", args=[2025]),
        {
            "action-title": "Snabbsanering av klotter",
            "action-problem": problem.pk,
            "action-organisation": picture["housing"].pk,
            "action-responsible_name": "Förvaltare Fittja",
            "action-starts_on": "2025-05-01",
            "action-ends_on": "2025-12-31",
            "action-status": "ongoing",
            "action-commitments": [commitment.pk],
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(plan_year=2025)
    assert (action.problem, list(action.commitments.all())) == (problem, [commitment])
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"situation.save_yearly_picture", "situation.add_problem", "situation.plan_action"} <= actions

    page = client.get(reverse("situation:reports-year", args=[2025])).content.decode()
    assert "Skadegörelsen är koncentrerad till Fittja." in page
    assert "Klotter i Fittja centrum" in page
    assert "Snabbsanering av klotter" in page
    assert "Botkyrkabyggen (Förvaltare Fittja)" in page
    assert f'<a href="{commitment.get_absolute_url()}">4.1 Öka tryggheten i centrumområdena</a>' in page
    assert "4. Trygghet" in page


def test_a_wrong_period_is_named_and_nothing_saved(client, people, picture):
    problem = yearly.add_problem(2025, yearly.ProblemData(title="Bränder"), by=people["coordinator"])
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("situation:reports-year-action", args=[2025]),
        {
            "action-title": "Patrull",
            "action-problem": problem.pk,
            "action-organisation": picture["police"].pk,
            "action-starts_on": "2025-06-01",
            "action-ends_on": "2025-05-01",
            "action-status": "planned",
        },
    )
    assert response.status_code == 400
    assert "Perioden kan inte sluta innan den börjar." in response.content.decode()
    assert not Action.objects.exists()


def test_the_texts_without_change_record_nothing(people):
    yearly.save_yearly_picture(2025, {"extent": "A"}, by=people["coordinator"])
    count = AuditEntry.objects.count()
    yearly.save_yearly_picture(2025, {"extent": "A"}, by=people["coordinator"])
    assert AuditEntry.objects.count() == count


def test_without_surveys_the_page_says_how_to_add_them(client, people):
    client.force_login(people["coordinator"])
    page = client.get(reverse("situation:reports-year", args=[2025])).content.decode()
    assert "Inga resultat från enkäter" in page or "enkät" in page.lower()
    assert report_documents.survey_section(2025).heading


def test_a_period_before_the_first_report_in_the_picture_is_no_comparison(picture):
    """The picture's first report is from February 2024: 2023 counted nothing, so 2024 is not 'an increase'
    over it, while 2025 against 2024 is a comparison (with 2024's few events)."""
    mapping_2024 = reports.yearly_mapping(included(), 2024, today=datetime.date(2025, 1, 15))
    (graffiti_2024,) = mapping_2024.categories
    assert graffiti_2024.comparison.direction == "uncovered"
    with translation.override("en"):
        words = report_documents.change(graffiti_2024.comparison)
    assert words == "no comparison: no reports in the picture then"
    analysis = reports.tertial_analysis(included(), Tertial.of(2024, 1), today=datetime.date(2025, 1, 15))
    assert analysis.total.previous.direction == analysis.total.a_year_earlier.direction == "uncovered"

    mapping_2025 = reports.yearly_mapping(included(), 2025, today=datetime.date(2026, 1, 15))
    graffiti_2025 = next(row for row in mapping_2025.categories if row.category == picture["graffiti"])
    assert graffiti_2025.comparison.covered and graffiti_2025.comparison.direction == "increase"
