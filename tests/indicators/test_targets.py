"""A quantity found in a steering document becomes an indicator target with the right kind, sign and year."""

from decimal import Decimal

import pytest

from framsteg.indicators.models import Indicator, Target
from framsteg.indicators.services.targets import target_from_candidate
from framsteg.steering.models import CandidateTarget
from tests import factories


@pytest.fixture
def indicator(db):
    return Indicator.objects.create(
        name="Påbörjade bostäder", slug="bostader", unit="bostäder", direction="higher", source_kind="own"
    )


def candidate(text: str, value: str, unit: str, context: str, year: int | None = None) -> CandidateTarget:
    document = factories.make_document("Politisk plattform", text=context)
    return CandidateTarget.objects.create(
        document=document,
        version=document.versions.get(),
        text=text,
        value=Decimal(value),
        unit=unit,
        year=year,
        context=context,
        source_start=0,
        source_end=len(text),
    )


@pytest.mark.parametrize(
    ("text", "value", "unit", "context", "kind", "expected"),
    [
        (
            "ca 500 bostäder per år",
            "500",
            "bostäder per år",
            "Möjliggöra en byggtakt på ca 500 bostäder per år.",
            Target.Kind.YEARLY_AMOUNT,
            "500",
        ),
        (
            "200 bostäder om året",
            "200",
            "bostäder",
            "Vi ska bygga 200 bostäder om året.",
            Target.Kind.YEARLY_AMOUNT,
            "200",
        ),
        (
            "14 procent",
            "14",
            "procent",
            "Utsläppen ska minska med 14 procent per år till 2030.",
            Target.Kind.YEARLY_RATE,
            "-14",
        ),
        (
            "2 procent",
            "2",
            "procent",
            "Andelen elever med godkända betyg ska öka med 2 procent om året.",
            Target.Kind.YEARLY_RATE,
            "2",
        ),
        (
            "2 procentenheter per år",
            "2",
            "procentenheter per år",
            "Valdeltagandet ska öka med 2 procentenheter per år.",
            Target.Kind.YEARLY_AMOUNT,
            "2",
        ),
        (
            "minst 90 procent",
            "90",
            "procent",
            "Minst 90 procent av barnen ska gå i förskola 2026.",
            Target.Kind.LEVEL,
            "90",
        ),
        (
            "1 000 bostäder",
            "1000",
            "bostäder",
            "Minska köerna genom att bygga 1 000 bostäder.",
            Target.Kind.LEVEL,
            "1000",
        ),
    ],
)
def test_the_words_around_the_number_decide_the_kind_of_target(
    indicator, text, value, unit, context, kind, expected
):
    target = target_from_candidate(candidate(text, value, unit, context, year=2030), indicator)
    assert (target.kind, target.value) == (kind, Decimal(expected))


def test_the_target_keeps_its_year_sentence_and_document(indicator):
    found = candidate("500 bostäder per år", "500", "bostäder per år", "Bygg 500 bostäder per år.", year=2026)

    target = target_from_candidate(found, indicator)

    target.refresh_from_db()
    assert (target.indicator, target.year, target.candidate) == (indicator, 2026, found)
    assert target.note == "“Bygg 500 bostäder per år.” (Politisk plattform)"


def test_a_given_year_replaces_the_candidates_year(indicator):
    found = candidate("500 bostäder per år", "500", "bostäder per år", "Bygg 500 bostäder per år.", year=2026)
    assert target_from_candidate(found, indicator, year=2030).year == 2030


def test_a_candidate_without_a_year_needs_one(indicator):
    found = candidate("500 bostäder per år", "500", "bostäder per år", "Bygg 500 bostäder per år.")
    with pytest.raises(ValueError, match="year"):
        target_from_candidate(found, indicator)
    assert Target.objects.count() == 0
    assert target_from_candidate(found, indicator, year=2027).year == 2027
