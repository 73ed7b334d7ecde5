"""Importing incident reports from a partner's CSV or XLSX export: all rows or none, with the problems."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from framsteg.situation.models import Incident
from framsteg.situation.services.exchange import read_file, save
from framsteg.situation.services.loading import load_situation
from tests import factories as base
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    districts = make_districts()
    load_situation(settings.BASE_DIR / "data" / "botkyrka")
    police = factories.make_partner("Polisen", slug="polisen")
    housing = factories.make_partner("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")
    return {"districts": districts, "police": police, "housing": housing}


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = (
    "datum,tid,händelsetyp,plats,antal,beskrivning,polisanmälan,organisation,referens\n"
    "2026-03-02,21:15,klotter,Fittja,2,Klotter på tunnelbaneentrén,ja,polisen,P-1\n"
    "2026-03-03,,Samling i trapphus,Alby,1,,nej,polisen,P-2\n"
    "2026-03-04,02:00,glaskross,Tumba,1,Busshållplats,,botkyrkabyggen,\n"
)


def test_a_good_file_imports_every_row(setup, tmp_path):
    call_command("import_incidents", write(tmp_path, GOOD))

    incidents = Incident.objects.order_by("occurred_at")
    assert incidents.count() == 3
    first, second, third = incidents
    assert (first.category.code, first.events, first.police_reported) == ("klotter", 2, True)
    assert first.district == setup["districts"]["Fittja"]
    assert first.source == Incident.Source.IMPORT and first.organisation == setup["police"]
    assert timezone.localtime(first.occurred_at).hour == 21
    assert second.time_known is False and second.hour is None and second.police_reported is False
    assert third.organisation == setup["housing"] and third.police_reported is None


def test_one_bad_row_saves_nothing_and_names_row_and_column(setup, tmp_path):
    text = GOOD + "2026-03-05,25:00,skadegörelse,Fittja,1,,kanske,polisen,P-3\n"

    with pytest.raises(CommandError) as error:
        call_command("import_incidents", write(tmp_path, text))

    report = str(error.value)
    assert not Incident.objects.exists()
    assert "Rad 5, kolumn ”tid”" in report
    assert "Rad 5, kolumn ”händelsetyp”" in report and "klotter" in report  # the group lists its types
    assert "Rad 5, kolumn ”polisanmälan”" in report


def test_a_missing_column_and_an_unknown_place_are_reported(setup, tmp_path):
    found = read_file(
        write(tmp_path, "datum,plats,organisation\n2026-03-02,Fittja,polisen\n"), allowed_organisations=None
    )
    assert not found.ok
    assert "category" in found.report()

    found = read_file(
        write(tmp_path, "date,category,place\n2026-03-02,klotter,Mars\n"),
        allowed_organisations=None,
        organisation=setup["police"],
    )
    assert [(problem.row, problem.column) for problem in found.problems] == [(2, "place")]


def test_an_xlsx_file_imports_with_date_and_time_cells(setup, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Date", "Time", "Category", "Latitude", "Longitude", "Events", "Organisation"])
    fittja = setup["districts"]["Fittja"]
    sheet.append(
        [
            datetime.date(2026, 3, 2),
            datetime.time(22, 30),
            "brand",
            fittja.latitude,
            fittja.longitude,
            3,
            "Polisen",
        ]
    )
    sheet.append(
        [
            datetime.datetime(2026, 3, 3, 8, 5),
            None,
            "Bråk",
            fittja.latitude,
            fittja.longitude,
            None,
            "polisen",
        ]
    )
    path = tmp_path / "export.xlsx"
    workbook.save(path)

    call_command("import_incidents", path)

    fire, fight = Incident.objects.order_by("occurred_at")
    assert (fire.events, fire.hour, fire.district) == (3, 22, fittja)
    assert (fight.category.code, fight.hour, fight.events) == ("brak", 8, 1)


def test_a_semicolon_file_with_decimal_comma_coordinates(setup, tmp_path):
    text = (
        "\ufeffDatum;Tid;Händelsetyp;Latitud;Longitud;Typ av plats;Organisation\n"
        "2026-03-02;23.40;samling-kallare;59,2475;17,8610;halvoffentlig;polisen\n"
    )
    call_command("import_incidents", write(tmp_path, text))

    incident = Incident.objects.get()
    assert incident.latitude == pytest.approx(59.2475)
    assert incident.longitude == pytest.approx(17.861)
    assert incident.setting == "semi_public"
    assert incident.district == setup["districts"]["Fittja"]


def test_the_same_references_again_update_the_reports(setup, tmp_path):
    call_command("import_incidents", write(tmp_path, GOOD))
    changed = GOOD.replace("Fittja,2,Klotter", "Fittja,4,Klotter")

    call_command("import_incidents", write(tmp_path, changed, "again.csv"))

    assert Incident.objects.count() == 4  # the row without a reference is added again
    assert Incident.objects.get(external_id="P-1").events == 4
    assert Incident.objects.filter(external_id="P-2").count() == 1


def test_a_reference_twice_in_one_file_is_refused(setup, tmp_path):
    text = GOOD + "2026-03-05,10:00,klotter,Fittja,1,,,polisen,P-1\n"
    found = read_file(write(tmp_path, text), allowed_organisations=None)
    assert "rad 2" in found.report()
    assert found.problems[0].row == 5


def test_a_reporter_may_import_only_for_their_own_organisation(setup, tmp_path):
    reporter = base.make_user("rita", organisation=setup["housing"], roles=("incident_reporter",))
    from framsteg.situation import rules

    found = read_file(write(tmp_path, GOOD), allowed_organisations=rules.reporting_organisation_ids(reporter))
    assert {problem.row for problem in found.problems} == {2, 3}
    assert all(problem.column == "organisation" for problem in found.problems)
    assert "Botkyrkabyggen" in found.report()


def test_a_default_organisation_and_a_dry_run(setup, tmp_path, capsys):
    path = write(tmp_path, "date,category,place\n2026-03-02,klotter,Fittja\n")
    call_command("import_incidents", path, organisation="botkyrkabyggen", dry_run=True)
    assert not Incident.objects.exists()

    call_command("import_incidents", path, organisation="botkyrkabyggen")
    assert Incident.objects.get().organisation == setup["housing"]


def test_a_row_refused_while_saving_leaves_nothing(setup, tmp_path):
    found = read_file(write(tmp_path, GOOD), allowed_organisations=None)
    found.rows[-1].data.events = 0  # as if the row had changed between checking and saving

    save(found)

    assert not found.ok and not Incident.objects.exists()
