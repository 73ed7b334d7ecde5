"""Survey results per kommundel and year beside the incident trend: figures, the import, the bundled values
and who sees the page."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from framsteg.indicators.models import Indicator, Measurement, Release
from framsteg.indicators.services.tabular import import_survey_results
from framsteg.situation.selectors import surveys
from framsteg.situation.services.loading import load_situation
from tests import factories
from tests.dialogue.factories import make_districts
from tests.situation.factories import make_category, make_incident, make_partner

ZONE = zoneinfo.ZoneInfo("Europe/Stockholm")
TODAY = datetime.date(2026, 12, 7)


def at(year, month, day):
    return datetime.datetime(year, month, day, 21, 30, tzinfo=ZONE)


def survey_indicator(slug="trygghetsindex", survey=Indicator.Survey.CITIZEN, unit="index 0–100"):
    return Indicator.objects.create(
        name="Trygghetsindex", slug=slug, direction="higher", source_kind="own", survey=survey, unit=unit
    )


def store(indicator, rows, label="Enkät"):
    release = Release.objects.create(
        indicator=indicator, label=label, retrieved_at=timezone.now(), is_current=True, is_complete=True
    )
    for district, period, value in rows:
        Measurement.objects.create(
            release=release,
            indicator=indicator,
            district=district,
            period=period,
            value=value,
            source=f"Medborgarundersökningen {period} (testvärde)",
        )
    return release


@pytest.fixture
def world(db):
    districts = make_districts()
    graffiti = make_category("Klotter", "crime", code="klotter")
    unsafe = make_category("Otrygg plats", "insecurity", code="otrygg-plats")
    police = make_partner("Polisen")
    # The picture begins on 3 February 2025.
    make_incident(graffiti, police, occurred_at=at(2025, 2, 3), place_text="Fittja", events=20)
    make_incident(unsafe, police, occurred_at=at(2025, 6, 3), place_text="Fittja", events=4)
    make_incident(graffiti, police, occurred_at=at(2025, 7, 3), place_text="Tumba", events=3)
    make_incident(graffiti, police, occurred_at=at(2026, 3, 3), place_text="Fittja", events=2)
    # Not included in the picture: never counted.
    make_incident(
        graffiti, police, occurred_at=at(2026, 3, 4), place_text="Fittja", events=90, status="reported"
    )
    indicator = survey_indicator()
    store(indicator, [("", 2024, 58), ("Fittja", 2024, 52), ("Fittja", 2026, 60)])
    other = Indicator.objects.create(
        name="Befolkning", slug="befolkning", direction="higher", source_kind="own"
    )
    store(other, [("", 2024, 100000)])
    klf = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    council = factories.make_organisation("Kommunfullmäktige", kind="council", slug="kf")
    limited = factories.make_user("lisa", police, ("partner",))
    limited.memberships.get().districts.add(districts["Tumba"])
    return {
        "indicator": indicator,
        "districts": districts,
        "coordinator": factories.make_user("cecilia", klf, ("coordinator",)),
        "politician": factories.make_user("per", council, ("reader",)),
        "police": factories.make_user("pelle", police, ("partner",)),
        "limited": limited,
        "nobody": factories.make_user("nils"),
    }


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def panel(page, name):
    return next(each for each in page.panels if each.name == name)


def test_survey_results_are_survey_indicators_per_kommundel_and_year_whole_municipality_first(world):
    (result,) = surveys.survey_results()
    assert result.indicator == world["indicator"]
    assert result.survey_label == "The municipality's citizen survey (SCB:s medborgarundersökning)"
    assert result.years == [2024, 2026]
    assert result.districts == ["", "Fittja"]
    assert result.values["Fittja"][2026].value == 60
    assert result.sources == [
        "Medborgarundersökningen 2024 (testvärde)",
        "Medborgarundersökningen 2026 (testvärde)",
    ]
    assert result.reading(52) == "low"
    assert result.reading(80) == "very high"
    assert result.reading(49.5) == "very low"


def test_the_page_puts_each_kommundels_survey_values_beside_its_included_events_by_year(world):
    page = surveys.survey_page(world["coordinator"], today=TODAY)
    assert page.years == [2024, 2025, 2026]
    assert page.first_report == datetime.date(2025, 2, 3)
    fittja = panel(page, "Fittja")
    rows = {row.year: row for row in fittja.rows}
    assert [cell.measurement.value if cell.measurement else None for cell in rows[2024].surveys] == [52]
    assert (rows[2025].counts.crime, rows[2025].counts.insecurity) == (20, 4)
    assert (rows[2026].counts.crime, rows[2026].counts.insecurity) == (2, 0)
    assert rows[2024].counts.crime is None  # before the picture began: no count, not zero
    assert rows[2024].counts.comparability == "No reports in the picture yet: no count"
    assert rows[2025].counts.comparability.startswith("Part of the year: from 3 February")
    assert rows[2026].counts.comparability.startswith("Incomplete year: up to 7 December")
    whole = panel(page, "")
    assert whole.label == "The whole municipality"
    assert {row.year: row.counts.crime for row in whole.rows} == {2024: None, 2025: 23, 2026: 2}
    assert panel(page, "Tumba").results == []  # no survey values, the trend still shown


def test_a_partner_limited_to_a_kommundel_sees_its_trend_only(world):
    page = surveys.survey_page(world["limited"], today=TODAY)
    assert [each.name for each in page.panels] == ["", "Tumba"]
    assert page.limited
    assert not panel(page, "").shows_trend
    assert {row.year: row.counts.crime for row in panel(page, "Tumba").rows} == {2024: None, 2025: 3, 2026: 0}


def test_readers_see_the_aggregated_trend_of_every_kommundel(world):
    page = surveys.survey_page(world["politician"], today=TODAY)
    assert {row.year: row.counts.crime for row in panel(page, "Fittja").rows}[2025] == 20


@pytest.mark.parametrize(
    ("persona", "status"), [("coordinator", 200), ("politician", 200), ("police", 200), ("nobody", 403)]
)
def test_who_sees_the_page(client, world, persona, status):
    client.force_login(world[persona])
    response = client.get(reverse("situation:surveys"))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Medborgarundersökningen 2024 (testvärde)" in page
        assert "mycket lågt" in page or "very low" in page


def test_anonymous_visitors_log_in_first(client, db):
    response = client.get(reverse("situation:surveys"))
    assert response.status_code == 302
    assert reverse("situation:surveys") == "/personal/lagesbild/enkater/"


def test_the_reports_index_links_to_the_page(client, world):
    client.force_login(world["politician"])
    assert reverse("situation:surveys") in client.get(reverse("situation:reports")).content.decode()


def test_without_survey_results_the_page_says_how_to_add_them(client, db):
    make_districts()
    klf = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    client.force_login(factories.make_user("cecilia", klf, ("coordinator",)))
    page = client.get(reverse("situation:surveys")).content.decode()
    assert "framsteg import-survey-results" in page
    for column in ("indikator", "år", "värde", "kommundel", "källa"):
        assert f"<code>{column}</code>" in page


# --- The import ------------------------------------------------------------------------------------------


def write(tmp_path, text, name="enkat.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_survey_results_import_per_kommundel_with_their_source(world, tmp_path):
    path = write(
        tmp_path,
        "indikator;år;värde;kommundel;källa\n"
        "trygghetsindex;2025;61,5;fittja;Medborgarundersökningen 2025\n"
        "trygghetsindex;2025;63;;Medborgarundersökningen 2025\n",
    )
    result = import_survey_results(path)
    assert result.ok, result.report()
    (release,) = result.releases
    assert release.is_current
    values = {(m.district, m.period): (m.value, m.source) for m in release.measurements.all()}
    assert values[("Fittja", 2025)][0] == pytest.approx(61.5)  # the kommundel as the municipality names it
    assert values[("", 2025)][1] == "Medborgarundersökningen 2025"


def test_the_import_stores_all_rows_or_none_and_names_each_problem(world, tmp_path):
    path = write(
        tmp_path,
        "indicator,period,value,district,source\n"
        "trygghetsindex,2025,61,Fittja,Enkät 2025\n"
        "trygghetsindex,2025,62,Norra Botkyrka,Enkät 2025\n"
        "trygghetsindex,2025,63,Tumba,\n"
        "befolkning,2025,5,,Enkät 2025\n"
        "trygghetsindex,20x5,abc,Alby,Enkät 2025\n",
    )
    before = Measurement.objects.count()
    result = import_survey_results(path)
    assert not result.ok
    problems = [(problem.row, problem.column) for problem in result.problems]
    assert (3, "district") in problems
    assert (4, "source") in problems
    assert (5, "indicator") in problems
    assert (6, "period") in problems and (6, "value") in problems
    assert "There is no kommundel “Norra Botkyrka”" in result.report()
    assert "Vårsta-Grödinge" in result.report()  # the known names are listed
    assert Measurement.objects.count() == before
    assert not Release.objects.filter(label__startswith="Import").exists()


def test_the_survey_import_needs_a_source_column(world, tmp_path):
    path = write(tmp_path, "indicator,period,value,district\ntrygghetsindex,2025,61,Fittja\n")
    result = import_survey_results(path)
    assert [problem.row for problem in result.problems] == [1]
    assert "källa" in result.report()


def test_the_command_reports_the_problems_and_stores_nothing(world, tmp_path):
    path = write(tmp_path, "indikator,år,värde,kommundel,källa\ntrygghetsindex,2025,61,Atlantis,Enkät\n")
    with pytest.raises(CommandError) as raised:
        call_command("import_survey_results", str(path))
    assert "Atlantis" in str(raised.value)
    good = write(
        tmp_path, "indikator,år,värde,kommundel,källa\ntrygghetsindex,2025,61,Alby,Enkät\n", "ok.csv"
    )
    call_command("import_survey_results", str(good), stdout=open("/dev/null", "w"))  # noqa: SIM115
    (result,) = surveys.survey_results()
    assert result.districts == ["Alby"]  # an import replaces the indicator's values as a whole


# --- The bundled values ----------------------------------------------------------------------------------


def test_the_bundled_citizen_survey_values_load_once_with_their_source(db):
    make_districts()
    data_dir = settings.BASE_DIR / "data" / "botkyrka"
    first = load_situation(data_dir)
    assert first.survey_releases == 1
    assert load_situation(data_dir).survey_releases == 0
    (result,) = surveys.survey_results()
    assert result.indicator.survey == Indicator.Survey.CITIZEN
    assert {name: {y: m.value for y, m in by_year.items()} for name, by_year in result.values.items()} == {
        "": {2017: 60},
        "Vårsta-Grödinge": {2017: 77},
    }
    assert result.sources == ["SCB:s medborgarundersökning 2017 för Botkyrka, som den återgavs i lokalpress."]
    assert result.reading(60) == "acceptable"
