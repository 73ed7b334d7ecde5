"""axe-core finds no violation on any page a resident can reach, in Swedish, Arabic (right to left) and
Somali, nor on the error pages (400, 403, 404, 429, 500 and the 503 of an outage).

The pages are those the access matrix lets the anonymous persona GET, with the matrix's sample objects
(tests/i18n/pages.py), so a new public page is audited without being listed here.
"""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from framsteg.core import outage
from framsteg.core.errors import csrf_failure, error_page, too_many_requests
from framsteg.dialogue import outage as dialogue_outage
from tests.access.test_matrix import world  # noqa: F401  (the matrix's sample objects)
from tests.browser.conftest import restore_default_statuses
from tests.browser.test_dialogue_e2e import BAD_REQUEST, DESKTOP, NOT_FOUND, Visit
from tests.i18n.pages import extra_resident_paths, resident_paths

pytestmark = pytest.mark.browser

LANGUAGES = [("sv", "ltr"), ("ar", "rtl"), ("so", "ltr")]


@pytest.fixture
def statuses(transactional_db):
    restore_default_statuses()


def visit_in(browser, live_server, language: str, name: str) -> Visit:
    context = browser.new_context(locale="sv-SE", **DESKTOP)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return Visit(context, name)


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_every_resident_page_passes_axe(live_server, browser, statuses, world, language, direction):  # noqa: F811
    visit = visit_in(browser, live_server, language, f"resident-{language}")
    audited = 0
    for path in resident_paths(world["args"]) + extra_resident_paths(world):
        answer = visit.context.request.get(live_server.url + path)
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue  # a feed, a CSV file or a photo
        visit.goto(live_server.url + path)
        assert visit.language() == (language, direction), path
        visit.audit(path.strip("/").replace("/", "-") or "home")
        audited += 1
    assert audited >= 18
    visit.context.close()


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_the_error_pages_pass_axe(live_server, browser, statuses, language, direction):
    visit = visit_in(browser, live_server, language, f"errors-{language}")
    page = visit.page
    visit.goto(live_server.url + "/finns-inte/", status=404)
    assert visit.language() == (language, direction)
    assert page.locator("main a[href='/']").count() == 1  # a way back
    visit.audit("404", expected_error=NOT_FOUND)
    visit.goto(live_server.url + "/sok/?q=%00", status=400)
    assert visit.language() == (language, direction)
    visit.audit("400", expected_error=BAD_REQUEST)

    request = RequestFactory().get("/")
    # A report sent while the database is down: the page that keeps what was typed.
    sent = RequestFactory().post(
        "/anmal/felanmalan/",
        {"description": "Lampan vid busshållplatsen är trasig.", "place": "Tumba centrum", "category": "7"},
    )
    with translation.override(language):
        drawn = {
            "403": csrf_failure(request, "test"),
            "429": too_many_requests(600),
            "500": error_page(500),
            "503": outage.static_page(request),
            "503-form": dialogue_outage.answer(sent),
        }
    for step, response in drawn.items():
        visit.goto(live_server.url + "/om/")
        page.set_content(response.content.decode())
        assert visit.language() == (language, direction), step
        visit.audit(step)
    visit.context.close()
