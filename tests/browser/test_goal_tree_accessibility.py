"""The goal tree's pages pass axe in Swedish and English on a desktop and a phone: the public tree and a
judged area, the staff tree, the judgement form (also with its errors), the links, naming a long-term goal,
the review queue with a draft judgement, and a goal's indicators and targets."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from framsteg.indicators.models import Indicator
from framsteg.steering.models import FollowUpPeriod, GoalJudgement, Judgement, SteeringDocument
from framsteg.steering.services import goals as goal_services
from tests.browser.second_factor import enrol_if_asked

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def assert_no_violations(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.response["violations"], page.url + "\n" + results.generate_report()


@pytest.fixture
def judged_tree(botkyrka_with_reports):
    reporter = botkyrka_with_reports["reporter"]
    period = FollowUpPeriod.open_period()
    long_term = SteeringDocument.objects.get(slug="ett-hallbart-botkyrka")
    slots = list(long_term.areas.current().order_by("position"))
    platform = SteeringDocument.objects.get(slug="politisk-plattform-2023-2026")
    areas = list(platform.areas.current().order_by("position"))
    for index, area in enumerate(areas):
        goal_services.set_contribution(slots[index % 2], area, "Bidrar till målet.", by=reporter)
    goal_services.judge_goal(areas[0], period, Judgement.MET, "Fler elever är behöriga.", by=reporter)
    goal_services.judge_goal(areas[2], period, Judgement.NOT_MET, "Byggtakten är låg.", by=reporter)
    goal_services.judge_goal(areas[4], period, Judgement.CANNOT_JUDGE, "Underlag saknas.", by=reporter)
    # The reporter is an administrator, whose judgements need no review: a draft is made by hand.
    GoalJudgement.objects.create(
        goal=areas[3],
        period=period,
        judgement=Judgement.PARTLY_MET,
        analysis="Väntar.",
        author_name="Anna",
        needs_review=True,
    )
    indicator = Indicator.objects.filter(areas=areas[0]).first()
    return {"slot": slots[0], "areas": areas, "indicator": indicator}


def log_in(browser, live_server, language, width):
    context = browser.new_context(locale="sv-SE", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)
    return context, page


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_goal_tree_pages_pass_axe(live_server, browser, judged_tree, language, width):
    context, page = log_in(browser, live_server, language, width)
    school = judged_tree["areas"][0]
    pages = [
        "/maltrad/",
        school.get_absolute_url(),
        judged_tree["slot"].get_absolute_url(),
        "/personal/mal/",
        f"/personal/mal/{school.pk}/bedom/",
        f"/personal/mal/{judged_tree['slot'].pk}/bidrag/",
        f"/personal/mal/{judged_tree['slot'].pk}/andra/",
        "/personal/granska/",
        f"/personal/indikatorer/mal/{school.pk}/",
    ]
    if judged_tree["indicator"] is not None:
        pages.append(f"/personal/indikatorer/mal/{school.pk}/{judged_tree['indicator'].pk}/malvarde/")
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_no_violations(page)
    page.goto(live_server.url + f"/personal/mal/{school.pk}/bedom/")
    with page.expect_navigation():
        page.locator("main form.card button[type=submit]").click()
    assert page.locator("#error-summary").count() == 1
    assert_no_violations(page)
    if language == "sv" and width == "desktop":
        page.goto(live_server.url + "/maltrad/")
        page.screenshot(path="/tmp/goal-tree.png", full_page=True)
        page.goto(live_server.url + "/personal/mal/")
        page.screenshot(path="/tmp/staff-goals.png", full_page=True)
    context.close()
