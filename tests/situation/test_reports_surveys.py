"""The yearly lägesbild lists survey results per kommundel, with their sources, when there are any."""

import pytest
from django.utils import timezone

from framsteg.core.documents import Paragraph, Table
from framsteg.situation.selectors import report_documents
from tests.dialogue.factories import make_districts

pytest.importorskip("framsteg.situation.selectors.surveys")


@pytest.fixture
def survey(db):
    from framsteg.indicators.models import Indicator, Measurement, Release

    make_districts()
    indicator = Indicator.objects.create(
        name="Trygghetsindex",
        slug="trygghetsindex",
        direction="higher",
        source_kind="own",
        survey=Indicator.Survey.CITIZEN,
        unit="index 0–100",
    )
    release = Release.objects.create(
        indicator=indicator, label="Enkät", retrieved_at=timezone.now(), is_current=True, is_complete=True
    )
    for district, period, value in [("Fittja", 2024, 52), ("", 2024, 58), ("Fittja", 2026, 60)]:
        Measurement.objects.create(
            release=release,
            indicator=indicator,
            district=district,
            period=period,
            value=value,
            source=f"Medborgarundersökningen {period} (testvärde)",
        )
    return indicator


def test_without_survey_values_the_section_says_how_to_add_them(db):
    (block,) = report_documents.survey_section(2025).blocks
    assert isinstance(block, Paragraph)
    assert "CSV" in block.text


def test_survey_values_up_to_the_year_are_listed_per_kommundel_with_their_source(survey):
    (table,) = report_documents.survey_section(2025).blocks
    assert isinstance(table, Table)
    assert table.headers[1:] == ["2024"]
    assert ["Hela kommunen", "58,0"] in table.rows
    assert ["Fittja", "52,0"] in table.rows
    assert "Medborgarundersökningen 2024 (testvärde)" in table.source
