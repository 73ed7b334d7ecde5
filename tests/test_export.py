import csv
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from framsteg.steering import exports
from tests import factories
from tests.api.plans import build_plan

CSV_FILES = {"commitments.csv", "status_history.csv", "areas.csv", "candidate_targets.csv", "documents.csv"}


@pytest.fixture
def corrected_plan(small_plan):
    preschool = small_plan["commitments"][0]
    first = factories.report(preschool, small_plan["period"], "in_progress", 40)
    correction = factories.report(
        preschool,
        small_plan["period"],
        "done",
        100,
        comment="Alla platser fyllda",
        corrects=first,
        correction_note="Målet nåddes redan i mars",
    )
    correction.evidence.create(title="Årsredovisning", url="https://example.org/ar.pdf")
    return {**small_plan, "first": first, "correction": correction}


def export_json(*args: str) -> dict:
    out = StringIO()
    call_command("export", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_json_export_holds_every_part_of_the_plan(small_plan):
    data = export_json()

    assert list(data) == [
        "exported_at",
        "source",
        "documents",
        "areas",
        "commitments",
        "points",
        "candidate_targets",
        "statuses",
        "periods",
        "organisations",
    ]
    assert data["exported_at"].endswith(("+01:00", "+02:00"))
    assert "status reported by the organisations responsible" in data["source"]["note"]
    assert [document["slug"] for document in data["documents"]] == ["politisk-plattform"]
    assert len(data["areas"]) == 2
    assert len(data["commitments"]) == 3
    assert len(data["statuses"]) == 7
    assert data["periods"][0]["is_open"] is True


def test_json_export_carries_history_with_the_correction(corrected_plan):
    data = export_json()

    [preschool] = [item for item in data["commitments"] if item["reference"] == "1.1"]
    assert preschool["latest"]["status"] == "done"
    assert preschool["latest"]["comment"] == "Alla platser fyllda"
    assert [update["status"] for update in preschool["history"]] == ["in_progress", "done"]
    assert preschool["history"][1]["corrects"] == corrected_plan["first"].pk
    assert preschool["history"][1]["correction_note"] == "Målet nåddes redan i mars"
    assert preschool["history"][1]["evidence"][0]["url"] == "https://example.org/ar.pdf"
    assert preschool["history"][0]["reported_at"] <= preschool["history"][1]["reported_at"]


def test_json_export_can_be_limited_to_one_document(small_plan):
    other = factories.make_document("Nämndplan", kind="committee_plan", slug="namndplan")
    factories.make_commitment(factories.make_area(other, "Ekonomi", slug="ekonomi"), "Budget i balans")

    data = export_json("--document", "namndplan")

    assert [document["slug"] for document in data["documents"]] == ["namndplan"]
    assert [area["title"] for area in data["areas"]] == ["Ekonomi"]
    assert [commitment["text"] for commitment in data["commitments"]] == ["Budget i balans"]
    assert len(data["statuses"]) == 7


def test_json_export_writes_a_file_with_swedish_characters_as_they_are(small_plan, tmp_path):
    path = tmp_path / "plan.json"

    call_command("export", "--output", str(path), stdout=StringIO())

    text = path.read_text(encoding="utf-8")
    assert "Samhällsbyggnadsnämnden" in text
    assert json.loads(text)["documents"][0]["slug"] == "politisk-plattform"


def test_csv_export_writes_five_files_for_spreadsheets(corrected_plan, tmp_path):
    call_command("export", "--format", "csv", "--output", str(tmp_path / "plan"), stdout=StringIO())

    assert {path.name for path in (tmp_path / "plan").iterdir()} == CSV_FILES


def test_commitments_csv_has_one_row_per_commitment_with_its_latest_status(corrected_plan, tmp_path):
    call_command("export", "--format", "csv", "--output", str(tmp_path), stdout=StringIO())

    rows = read_csv((tmp_path / "commitments.csv").read_bytes())
    assert list(rows[0]) == [
        "id",
        "reference",
        "document",
        "area_id",
        "area",
        "text",
        "responsible",
        "budget_sek",
        "status",
        "status_label",
        "progress",
        "period",
        "reported_at",
        "comment",
        "removed",
        "source_version",
        "source_start",
        "source_end",
        "source_quote",
    ]
    assert [row["reference"] for row in rows] == ["1.1", "1.2", "2.1"]
    assert rows[0]["status"] == "done"
    assert rows[0]["status_label"] == "Genomförd"
    assert rows[0]["progress"] == "100"
    assert rows[0]["responsible"] == "Utbildningsnämnden"
    assert rows[0]["source_quote"] == "Få fler barn att börja förskolan"
    assert rows[1]["status"] == "not_reported"
    assert rows[1]["progress"] == ""


def test_status_history_csv_has_one_row_per_update(corrected_plan, tmp_path):
    call_command("export", "--format", "csv", "--output", str(tmp_path), stdout=StringIO())

    rows = read_csv((tmp_path / "status_history.csv").read_bytes())
    assert [row["status"] for row in rows] == ["in_progress", "done"]
    assert rows[1]["corrects"] == str(corrected_plan["first"].pk)
    assert rows[1]["correction_note"] == "Målet nåddes redan i mars"
    assert rows[1]["evidence"] == "https://example.org/ar.pdf"


def test_areas_csv_has_the_roll_up_with_a_column_per_status(corrected_plan, tmp_path):
    call_command("export", "--format", "csv", "--output", str(tmp_path), stdout=StringIO())

    school, housing = read_csv((tmp_path / "areas.csv").read_bytes())
    assert school["total"] == "2"
    assert school["reported"] == "1"
    assert school["mean_progress"] == "50.0"
    assert school["count_done"] == "1"
    assert school["count_not_reported"] == "1"
    assert housing["count_not_reported"] == "1"


def test_csv_quotes_commas_quotes_and_line_breaks(small_plan, tmp_path):
    building = small_plan["commitments"][2]
    factories.report(building, small_plan["period"], "delayed", 10, comment='Försenat, "tyvärr"\nNy rad')

    call_command("export", "--format", "csv", "--output", str(tmp_path), stdout=StringIO())

    rows = read_csv((tmp_path / "commitments.csv").read_bytes())
    assert rows[2]["comment"] == 'Försenat, "tyvärr"\nNy rad'


def test_documents_and_candidate_targets_csv_have_their_headers(small_plan, tmp_path):
    call_command("export", "--format", "csv", "--output", str(tmp_path), stdout=StringIO())

    documents = read_csv((tmp_path / "documents.csv").read_bytes())
    header = (tmp_path / "candidate_targets.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    assert documents[0]["slug"] == "politisk-plattform"
    assert documents[0]["current_version"] == "1"
    assert header == (
        "id,document,area_id,commitment_id,text,value,unit,qualifier,year,context,source_version,source_start,"
        "source_end"
    )


def test_csv_export_to_a_zip_file_in_a_new_directory(corrected_plan, tmp_path):
    path = tmp_path / "exports" / "plan.zip"

    call_command("export", "--format", "csv", "--output", str(path), stdout=StringIO())

    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == CSV_FILES
        rows = read_csv(archive.read("commitments.csv"))
    assert len(rows) == 3


def test_an_unknown_format_is_refused(small_plan, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(CommandError, match="Choose json or csv"):
        call_command("export", "--format", "xlsx")


def test_an_unknown_document_is_refused_with_the_known_ones(small_plan):
    with pytest.raises(CommandError, match="politisk-plattform"):
        call_command("export", "--document", "finns-inte")


def test_csv_needs_somewhere_to_write(small_plan):
    with pytest.raises(CommandError, match="--output"):
        call_command("export", "--format", "csv")


def test_an_unwritable_path_is_refused(small_plan, tmp_path, settings):
    settings.LANGUAGE_CODE = "en"
    blocker = tmp_path / "a-file"
    blocker.write_text("")

    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export", "--format", "csv", "--output", str(blocker / "plan"), stdout=StringIO())


def test_the_help_says_how_csv_is_written(capsys):
    with pytest.raises(SystemExit):
        call_command("export", "--help")

    assert "comma-separated" in " ".join(capsys.readouterr().out.split())


def test_exporting_a_plan_of_a_hundred_commitments_takes_few_queries(db, django_assert_max_num_queries):
    build_plan(areas=10, per_area=10)

    with django_assert_max_num_queries(20):  # one of them for the proposals' points
        data = exports.export_plan()

    assert len(data["commitments"]) == 100
    assert all(item["history"] for item in data["commitments"][::2])
