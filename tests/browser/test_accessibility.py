"""Every public page, and the staff pages, pass axe-core's WCAG 2.1 A and AA rules in headless Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from framsteg.indicators.models import CarbonBudget, Indicator
from framsteg.steering.models import Area, Commitment, SteeringDocument
from tests.browser.second_factor import enrol_if_asked

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def public_paths() -> list[str]:
    platform = SteeringDocument.objects.get(kind="platform")
    news = SteeringDocument.objects.get(kind="other")
    area = Area.objects.filter(document=platform).order_by("position").first()
    reported = Commitment.objects.filter(status_updates__isnull=False).first()
    return [
        "/",
        area.get_absolute_url(),
        reported.get_absolute_url(),
        platform.get_absolute_url(),
        news.get_absolute_url(),
        "/dokument/",
        "/sok/",
        "/sok/?q=skola&status=not_reported",
        "/om/",
        *indicator_paths(),
    ]


def indicator_paths() -> list[str]:
    """The dashboard, an indicator with values and target, one without values, and a carbon budget."""
    measured = Indicator.objects.filter(releases__is_current=True).order_by("-targets", "name").first()
    unmeasured = Indicator.objects.filter(releases__isnull=True).first()
    budget = CarbonBudget.objects.first()
    return [
        "/indikatorer/",
        *([measured.get_absolute_url()] if measured else []),
        *([unmeasured.get_absolute_url()] if unmeasured else []),
        *([f"/indikatorer/koldioxidbudget/{budget.pk}/"] if budget else []),
    ]


def assert_accessible(page, url: str) -> None:
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, f"{url}:\n" + results.generate_report()


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_public_pages_pass_axe(live_server, page, botkyrka_with_reports, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    for path in public_paths():
        assert_accessible(page, live_server.url + path)


def test_public_pages_pass_axe_on_a_phone(live_server, browser, botkyrka_with_reports):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in public_paths()[:4]:
        assert_accessible(page, live_server.url + path)
    context.close()


def test_staff_pages_pass_axe(live_server, page, botkyrka_with_reports):
    page.goto(live_server.url + "/personal/logga-in/")
    assert_accessible(page, live_server.url + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)
    commitment = botkyrka_with_reports["commitments"][0]
    for path in [
        "/personal/",
        f"/personal/rapportera/{commitment.pk}/",
        "/personal/rapportera/",
        "/personal/ej-rapporterade/",
        "/personal/importera/",
    ]:
        assert_accessible(page, live_server.url + path)
