"""The budget follow-up's pages pass axe in Swedish and English on a desktop and a phone: the import with its
preview and its problems, the staff follow-up with a comment saved, the stated amounts and the public page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.second_factor import enrol_if_asked

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
GOOD = (
    "nämnd;budget;utfall;prognos\n"
    "Utbildningsnämnden;2 500 000 000;800 000 000;2 520 000 000\n"
    "Socialnämnden;;100;90\n"
)
BAD = "nämnd;utfall;prognos\nOkänd;x;\n"


def assert_no_violations(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.response["violations"], page.url + "\n" + results.generate_report()


def upload(page, live_server, tmp_path, text: str) -> None:
    path = tmp_path / "ekonomi.csv"
    path.write_text(text, encoding="utf-8")
    page.goto(live_server.url + "/personal/budget/importera/")
    page.set_input_files("input[type=file]", str(path))
    with page.expect_navigation():
        page.click("main form[enctype] button[type=submit]")


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_budget_pages_pass_axe(live_server, browser, botkyrka_with_reports, tmp_path, language, width):
    context = browser.new_context(locale="sv-SE", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)
    page.goto(live_server.url + "/personal/budget/importera/")
    assert_no_violations(page)
    upload(page, live_server, tmp_path, BAD)
    assert page.locator("#error-summary li").count() >= 2
    assert_no_violations(page)
    upload(page, live_server, tmp_path, GOOD)
    assert_no_violations(page)
    with page.expect_navigation():
        page.click("main form[action$='/bekrafta/'] button[type=submit]:not([name=cancel])")
    assert page.locator("main textarea").count() == 2
    assert_no_violations(page)
    page.locator("main textarea").first.fill("Fler elever än väntat.")
    with page.expect_navigation():
        page.locator("main form[action$='/kommentar/'] button[type=submit]").first.click()
    assert page.locator("main textarea").first.input_value() == "Fler elever än väntat."
    assert_no_violations(page)
    page.goto(live_server.url + "/personal/budget/belopp-i-dokumenten/")
    assert page.locator("main form:not(.staff-menu__logout)").count() >= 1
    assert_no_violations(page)
    page.goto(live_server.url + "/budget/")
    assert page.locator("main table tbody tr").count() == 2
    assert_no_violations(page)
    context.close()
