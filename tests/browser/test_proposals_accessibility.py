"""The pages for proposals pass axe-core's WCAG 2.1 A and AA rules, in Swedish and English, on a desktop and a
phone: a proposal's public page, the comparison with the adopted plan (overview, per proposal, per area), and
the staff pages where documents are told adopted or proposed and matches are decided."""

import pytest
from django.urls import reverse

from framsteg.steering.models import Area, PointMatch, SteeringDocument
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def public_paths() -> list[str]:
    proposal = SteeringDocument.objects.get(slug="centerpartiet-socialnamnden")
    programme = SteeringDocument.objects.get(slug="socialdemokraterna-politik")
    platform = SteeringDocument.objects.get(slug="politisk-plattform-2023-2026")
    area = Area.objects.filter(document=platform).order_by("position").first()
    return [
        proposal.get_absolute_url(),
        programme.get_absolute_url(),
        reverse("public:comparison"),
        reverse("public:comparison-proposal", args=[programme.slug]),
        reverse("public:comparison-proposal", args=[proposal.slug]),
        reverse("public:comparison-area", args=[platform.slug, area.slug]),
    ]


def staff_paths() -> list[str]:
    return [
        "/personal/dokument/",
        "/personal/dokument/centerpartiet-socialnamnden/",
        reverse("staff:comparison"),
        reverse("staff:comparison-review", args=["socialdemokraterna-politik"]),
    ]


@pytest.fixture
def one_match_confirmed(botkyrka_with_reports):
    """A confirmed match, so the pages show a point taken up with its commitment's status."""
    match = (
        PointMatch.objects.filter(point__document__slug="socialdemokraterna-politik")
        .order_by("-score")
        .first()
    )
    match.state = PointMatch.State.CONFIRMED
    match.save()
    return match


def log_in(page, base: str) -> None:
    page.goto(base + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", ["sv", "en"])
def test_proposal_pages_pass_axe(live_server, browser, one_match_confirmed, language, viewport):
    phone = viewport == "phone"
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=phone, has_touch=phone)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    for path in public_paths():
        assert_accessible(page, live_server.url + path)
    log_in(page, live_server.url)
    for path in staff_paths():
        assert_accessible(page, live_server.url + path)
    context.close()
