"""Following the plan passes axe in Swedish, English, Arabic and Somali on a desktop and a phone: the sign-up
form (with an error shown), the answer, confirming and stopping."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from framsteg.following.models import Subscription

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def assert_no_violations(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.response["violations"], page.url + "\n" + results.generate_report()


@pytest.mark.parametrize("language", ["sv", "en", "ar", "so"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_following_pages_pass_axe(live_server, browser, botkyrka_with_reports, language, width):
    commitment = botkyrka_with_reports["commitments"][0]
    context = browser.new_context(locale="sv-SE", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + commitment.get_absolute_url())
    with page.expect_navigation():
        page.click(f"a[href='/folj/?atagande={commitment.pk}']")
    assert_no_violations(page)
    page.fill("input[name=email]", "lena@")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#error-summary").count() == 1
    assert page.locator("input[name=email]").input_value() == "lena@"
    assert_no_violations(page)
    page.fill("input[name=email]", "lena@example.se")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert_no_violations(page)
    subscription = Subscription.objects.get()
    page.goto(live_server.url + f"/folj/bekrafta/{subscription.confirm_token}/")
    assert_no_violations(page)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert_no_violations(page)
    page.goto(live_server.url + f"/folj/avsluta/{subscription.unsubscribe_token}/")
    assert_no_violations(page)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert Subscription.objects.count() == 0
    assert_no_violations(page)
    page.goto(live_server.url + "/folj/")
    assert_no_violations(page)
    context.close()
