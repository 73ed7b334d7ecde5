"""Control characters answer 400 everywhere; feeds escape what staff wrote; exports never carry formulas."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from tests import factories
from tests.dialogue.factories import make_case


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/commitments?q=a%00b",
        "/open311/v2/requests.json?status=open%00",
        "/sok/?q=%00",
        "/anmalningar/?q=x%01",
    ],
)
def test_a_control_character_in_a_parameter_answers_400(db, url):
    response = Client().get(url)
    assert response.status_code == 400


def test_a_control_character_in_a_posted_field_answers_400(db):
    response = Client().post("/open311/v2/requests.json", {"description": "lampa\x00", "api_key": "x"})
    assert response.status_code == 400


def test_tabs_and_line_breaks_are_fine(db):
    assert Client().get("/sok/", {"q": "skola\tförskola\r\n"}).status_code == 200


def test_the_feed_escapes_what_staff_wrote(db):
    organisation = factories.make_organisation()
    area = factories.make_area(factories.make_document(), "Skola")
    commitment = factories.make_commitment(area, "Fler barn i förskolan", [organisation])
    factories.report(commitment, factories.make_period(), comment='<script>alert("x")</script> & mer')
    body = Client().get("/flode.xml").content.decode()
    assert "&amp;lt;script&amp;gt;" in body  # escaped as text, then as XML


def test_the_public_csv_neutralises_formulas_also_after_a_semicolon(db):
    make_case(
        published_text='Lampan; =HYPERLINK("http://evil.example","klicka")',
        is_published=True,
        text_review="approved",
    )
    body = b"".join(Client().get("/anmalningar.csv").streaming_content).decode()
    assert ";'=HYPERLINK" in body or "; '=HYPERLINK" in body
    assert ";=HYPERLINK" not in body.replace(" ", "")


def test_the_plan_csv_export_neutralises_formulas(db, tmp_path):
    organisation = factories.make_organisation()
    area = factories.make_area(factories.make_document(), "Skola")
    factories.make_commitment(area, "=cmd|' /C calc'!A0", [organisation])
    output = tmp_path / "plan"
    call_command("export", "--format", "csv", "--output", str(output), verbosity=0)
    texts = [path.read_text(encoding="utf-8-sig") for path in output.rglob("*.csv")]
    if not texts:  # a zip
        import zipfile

        with zipfile.ZipFile(output) as archive:
            texts = [archive.read(name).decode("utf-8-sig") for name in archive.namelist()]
    cells = [cell for text in texts for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith("=") for cell in cells)


def test_the_measurements_xlsx_writes_text_never_a_formula(db, tmp_path):
    from tests.indicators.pages_data import build_indicators

    area = factories.make_area(factories.make_document(), "Skola")
    commitment = factories.make_commitment(area, "Fler barn", [factories.make_organisation()])
    indicators = build_indicators(area, commitment)
    release = indicators["pupils"].releases.get(is_current=True)
    release.measurements.update(source='=HYPERLINK("http://evil.example")')
    path = tmp_path / "matt.xlsx"
    call_command("export_measurements", str(path), verbosity=0)
    sheet = load_workbook(path).active
    sources = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=False)]
    assert sources and all(cell.data_type == "s" for cell in sources)
