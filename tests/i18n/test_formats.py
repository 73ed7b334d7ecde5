"""Dates and figures are written the way each resident language writes them, never in Swedish by default."""

import datetime
from decimal import Decimal

import pytest
from django.utils import formats, translation

from framsteg.steering.templatetags.plan import quantity


@pytest.mark.parametrize(
    ("language", "date", "figure"),
    [
        ("sv", "5 mars 2026", "12\xa0345,5"),
        ("so", "5 Maarso 2026", "12,345.5"),
        ("ar", "5 مارس، 2026", "12345,5"),
    ],
)
def test_dates_and_figures_follow_the_page_language(language, date, figure):
    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 3, 5)) == date
        assert quantity(Decimal("12345.5")) == figure
