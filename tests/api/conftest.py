import pytest

from tests import factories


@pytest.fixture
def reported_plan(small_plan):
    """small_plan where the first commitment was reported, then corrected with evidence."""
    preschool = small_plan["commitments"][0]
    schools = small_plan["organisations"][0]
    first = factories.report(preschool, small_plan["period"], "in_progress", 40, organisation=schools)
    correction = factories.report(
        preschool,
        small_plan["period"],
        "delayed",
        20,
        organisation=schools,
        corrects=first,
        correction_note="Fel status i första rapporten",
        comment="Lokalerna blev inte klara",
    )
    correction.evidence.create(title="Nämndprotokoll", url="https://example.org/protokoll.pdf")
    return {**small_plan, "first": first, "correction": correction}
