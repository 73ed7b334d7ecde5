"""framsteg lagesbild: the week's figures as JSON, the same picture as HTML, PDF and Word, and a clear
refusal of an unknown area or week."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 16)  # 2026-W47


def at(weeks_before: int, hour: int = 21) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(WEEK - datetime.timedelta(weeks=weeks_before), datetime.time(hour))
    )


@pytest.fixture
def world():
    districts = make_districts()
    graffiti = factories.make_category("Klotter", code="klotter")
    police = factories.make_partner("Polisen")
    for weeks_before in range(1, 13):
        factories.make_incident(graffiti, police, occurred_at=at(weeks_before))
    factories.make_incident(graffiti, police, occurred_at=at(0), events=12)
    factories.make_incident(graffiti, police, occurred_at=at(0), place_text="Tumba", events=3)
    factories.make_place("Fittja centrum", slug="fittja-centrum")
    return districts


def run(*args) -> str:
    out = io.StringIO()
    call_command("lagesbild", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_holds_per_event_type_the_count_and_the_comparisons(world):
    data = json.loads(run("--week", "2026-W47", "--format", "json"))
    assert data["week"] == "2026-W47" and data["area"]["name"] == "Hela kommunen"
    [graffiti] = data["categories"]
    assert graffiti["code"] == "klotter" and graffiti["events"] == 15
    comparisons = graffiti["comparisons"]
    assert set(comparisons) == {"previous_4", "previous_12", "last_year"}
    previous_12 = comparisons["previous_12"]
    assert previous_12["expected"] == 1 and previous_12["is_change"] and previous_12["direction"] == "up"
    assert {"ordinary_low", "ordinary_high", "p"} <= set(previous_12)
    assert comparisons["last_year"]["expected"] is None  # before the picture began
    assert data["total"]["events"] == 15
    assert data["method"]["level"] == 0.05 and "Poisson" in data["method"]["text"]
    assert data["source"]["name"] == "framsteg" and data["source"]["retrieved_at"]


def test_the_area_is_found_by_name_or_slug(world):
    by_name = json.loads(run("--week", "2026-W47", "--area", "Tumba"))
    by_slug = json.loads(run("--week", "2026-W47", "--area", world["Tumba"].slug))
    assert by_name["total"]["events"] == by_slug["total"]["events"] == 3
    assert by_name["area"]["name"] == "Tumba"
    place = json.loads(run("--week", "2026-W47", "--area", "fittja-centrum"))
    assert place["area"]["kind"] == "place"


def test_an_unknown_area_fails_and_says_what_is_accepted(world):
    with pytest.raises(CommandError) as error:
        run("--week", "2026-W47", "--area", "Ingenstans")
    message = str(error.value)
    assert "Ingenstans" in message and "Tumba" in message and "fittja-centrum" in message


def test_an_unknown_week_fails():
    with pytest.raises(CommandError, match="2026-W48"):
        run("--week", "vecka 47")


def test_html_pdf_and_word_are_written(world, tmp_path):
    html = tmp_path / "vecka.html"
    run("--week", "2026-W47", "--format", "html", "--output", str(html))
    text = html.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html") and "Klotter" in text and "▲" in text
    pdf = tmp_path / "vecka.pdf"
    run("--week", "2026-W47", "--format", "pdf", "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    docx = tmp_path / "vecka.docx"
    run("--week", "2026-W47", "--format", "docx", "--output", str(docx))
    with zipfile.ZipFile(docx) as archive:
        assert "word/document.xml" in archive.namelist()
        assert "Klotter" in archive.read("word/document.xml").decode()


def test_json_goes_to_standard_output_without_output(world):
    assert run("--week", "2026-W47").lstrip().startswith("{")
