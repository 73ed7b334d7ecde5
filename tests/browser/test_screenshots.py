"""Screenshots of the main pages at desktop and phone width, for people to look at (in screenshots/)."""

from pathlib import Path

import pytest
from django.conf import settings

from framsteg.steering.models import Area, SteeringDocument

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_main_pages_render_without_horizontal_scrolling(
    live_server, browser, botkyrka_with_reports, viewport
):
    out = Path(settings.BASE_DIR) / "screenshots"
    out.mkdir(exist_ok=True)
    platform = SteeringDocument.objects.get(kind="platform")
    area = Area.objects.filter(document=platform).order_by("position").first()
    commitment = botkyrka_with_reports["commitments"][0]
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="sv-SE")
    page = context.new_page()
    for name, path in [
        ("start", "/"),
        ("area", area.get_absolute_url()),
        ("commitment", commitment.get_absolute_url()),
    ]:
        page.goto(live_server.url + path)
        page.screenshot(path=str(out / f"{name}-{viewport}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {viewport} width"
    context.close()
