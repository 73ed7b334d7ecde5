"""The start page prints its status bars and legend (they were empty when printed), and the bulk form's
state after a partly saved table passes axe in Swedish and English on a desktop and a phone."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from framsteg.steering.models import Status

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def coloured_pixels(png: bytes) -> set[tuple[int, int, int]]:
    """The distinct clearly coloured (not white, not grey) pixels of a screenshot."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height)
    return {pixel for _, pixel in colours if max(pixel) - min(pixel) > 40}


def test_the_start_page_prints_its_bars_and_legend(live_server, page, botkyrka_with_reports, tmp_path):
    page.goto(live_server.url + "/")
    page.emulate_media(media="print")
    bar = page.locator("svg.distribution").first
    assert len(coloured_pixels(bar.screenshot())) > 5
    legend = page.locator("ul.legend").first
    assert len(coloured_pixels(legend.screenshot())) > 5
    pdf = tmp_path / "start.pdf"
    page.pdf(path=str(pdf), print_background=False)
    assert pdf.stat().st_size > 10_000


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_a_partly_saved_table_passes_axe(live_server, browser, botkyrka_with_reports, language, width):
    from tests.browser.second_factor import enrol_if_asked

    context = browser.new_context(locale="sv-SE", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)
    page.goto(live_server.url + "/personal/rapportera/")
    selects = page.locator("select[name$='-status']")
    selects.nth(0).select_option(value=str(Status.objects.get(code="in_progress").pk))
    selects.nth(1).select_option(value=str(Status.objects.get(code="cancelled").pk))
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()
    assert page.locator("#error-summary").count() == 1
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.response["violations"], results.generate_report()
    context.close()
