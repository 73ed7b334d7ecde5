"""The review queue, with drafts and with a note missing, passes axe in Swedish and English on a desktop and
a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from framsteg.steering.models import FollowUpPeriod
from tests import factories
from tests.browser.second_factor import enrol_if_asked

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def assert_no_violations(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.response["violations"], page.url + "\n" + results.generate_report()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_review_queue_passes_axe(live_server, browser, botkyrka_with_reports, language, width):
    period = FollowUpPeriod.open_period()
    for commitment in botkyrka_with_reports["commitments"][30:32]:
        factories.report(
            commitment, period, "cannot_assess", None, comment="Underlag saknas", needs_review=True
        )
    context = browser.new_context(locale="sv-SE", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)
    page.goto(live_server.url + "/personal/granska/")
    assert page.locator("main form.decision").count() == 2
    assert_no_violations(page)
    with page.expect_navigation():
        page.locator("main form.decision button[value=return]").first.click()
    assert page.locator("[aria-invalid=true]").count() == 1
    assert_no_violations(page)
    context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_owners_page_passes_axe(live_server, browser, botkyrka_with_reports, language, width):
    commitment = botkyrka_with_reports["commitments"][3]
    context = browser.new_context(locale="sv-SE", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)
    page.goto(live_server.url + f"/personal/ataganden/{commitment.pk}/agare/")
    assert page.locator("input[name=owners]").count() > 5
    assert_no_violations(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert_no_violations(page)
    context.close()
