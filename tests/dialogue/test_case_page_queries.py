"""The case page costs a fixed, small number of queries, however deep and wide the user's organisation."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.dialogue.factories import make_case, make_photo

# The case page reads the case, its events, photos, links, duplicates, the forms' choices, the session and
# the user's roles, and records the read of the contact details in the audit log (14 today); resolving the
# roles costs two queries whatever the organisation tree looks like.
CASE_PAGE_QUERIES = 15


def tree(depth: int, width: int):
    """A committee with `width` administrations, each `depth` levels deep; returns the top and a leaf."""
    top = factories.make_organisation(f"Nämnd {depth}-{width}")
    leaf = None
    for branch in range(width):
        parent = top
        for level in range(depth):
            parent = factories.make_organisation(
                f"Enhet {depth}-{width}-{branch}-{level}", kind="administration", parent=parent
            )
        leaf = parent
    return top, leaf


def queries_for_case_page(top, leaf, username, settings, tmp_path) -> tuple[int, str]:
    settings.MEDIA_ROOT = tmp_path
    manager = factories.make_user(username, top, ("case_officer",))
    case = make_case(
        organisation=leaf, contact_name="Karin Lindqvist", contact_email="karin@example.se", assignee=manager
    )
    make_photo(case)
    client = Client(headers={"accept-language": "en"})
    client.force_login(manager)
    url = reverse("cases:detail", args=[case.year, f"{case.number:05d}"])
    client.get(url)  # warms the session and translations
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_the_case_page_costs_the_same_for_a_small_and_a_large_organisation(db, settings, tmp_path):
    small, small_leaf = tree(depth=1, width=1)
    large, large_leaf = tree(depth=6, width=8)
    few, page = queries_for_case_page(small, small_leaf, "liten", settings, tmp_path)
    many, _page = queries_for_case_page(large, large_leaf, "stor", settings, tmp_path)
    assert few == many, (few, many)
    assert many <= CASE_PAGE_QUERIES
    assert "karin@example.se" in page  # still shows what it showed: the contact details, for its officer
