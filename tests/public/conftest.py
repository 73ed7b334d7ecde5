import pytest
from django.test import Client

from tests import factories


@pytest.fixture
def client() -> Client:
    """A visitor whose browser asks for English, so assertions can use the English wording."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def reported_plan(small_plan):
    """The small plan with one commitment reported, corrected, and one reported as done."""
    preschool, _, building = small_plan["commitments"]
    period = small_plan["period"]
    schools = small_plan["organisations"][0]
    first = factories.report(preschool, period, "delayed", 20, organisation=schools, comment="Slow start.")
    correction = factories.report(
        preschool,
        period,
        "in_progress",
        30,
        organisation=schools,
        corrects=first,
        correction_note="Wrong status: the work is not delayed.",
        comment="Under way in three districts.",
    )
    factories.report(building, period, "done", 100, organisation=small_plan["organisations"][1])
    return {**small_plan, "first": first, "correction": correction}
