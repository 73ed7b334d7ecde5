"""Every situation test that touches the database ends with the picture's summaries agreeing with the
incidents: whatever a test changed through the product's services kept them up to date."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def summaries_agree(request):
    uses_database = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db"} & set(request.fixturenames)
    )
    if not uses_database:
        yield
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    yield
    if request.node.get_closest_marker("summaries_may_differ"):
        return
    from framsteg.situation import summaries
    from framsteg.situation.models import Incident

    if Incident.objects.exists():
        assert summaries.differences() == []
