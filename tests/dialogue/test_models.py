"""Cases get readable references, unguessable follow links, and categories speak the reader's language."""

import pytest
from django.db import IntegrityError
from django.utils import translation

from framsteg.dialogue.models import Case, CaseKind, Category


def make_case(year: int = 2026, **extra) -> Case:
    return Case.objects.create(
        year=year, number=Case.next_number(year), kind=CaseKind.FAULT, description="Lampan är trasig", **extra
    )


@pytest.mark.django_db
def test_references_count_per_year_and_read_as_year_and_number():
    first, second = make_case(2026), make_case(2026)
    other_year = make_case(2027)
    assert (first.reference, second.reference, other_year.reference) == (
        "2026-00001",
        "2026-00002",
        "2027-00001",
    )


@pytest.mark.django_db
def test_a_reference_cannot_be_given_twice():
    make_case(2026)
    with pytest.raises(IntegrityError):
        Case.objects.create(year=2026, number=1, kind=CaseKind.FAULT, description="x")


@pytest.mark.django_db
def test_each_case_has_its_own_long_follow_token():
    tokens = {make_case().follow_token for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(token) >= 32 for token in tokens)


@pytest.mark.django_db
def test_a_category_is_named_in_the_readers_language_with_swedish_as_fallback():
    lights = Category.objects.create(
        kind=CaseKind.FAULT,
        code="gatubelysning",
        name="Gatubelysning",
        translations={"en": "Street lighting"},
    )
    with translation.override("en"):
        assert lights.label == "Street lighting"
    with translation.override("fi"):
        assert lights.label == "Gatubelysning"
