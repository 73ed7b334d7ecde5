"""The street maps in Chromium, with tiles from a local stand-in: keyboard only, by click, without JavaScript,
with the tile server down, and the public list's map. Leaflet's files must be there (`make install` fetches
them): without them these tests skip on a developer's machine and fail in CI."""

from __future__ import annotations

import io
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from framsteg.core import maps, middleware
from framsteg.dialogue.models import Case, Category
from framsteg.dialogue.selectors.geo import public_position
from framsteg.places.geo import inside_municipality
from tests.browser.conftest import restore_default_statuses
from tests.dialogue import factories

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
FAULT_FORM = "/anmal/felanmalan/"
TUMBA_STATION = (59.199494, 17.838385)
PICKER = "document.querySelector('.street-map--picker').leafletMap"  # the report form's Leaflet map, in JS


def shown(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


@pytest.fixture(autouse=True)
def leaflet_is_there():
    if not maps.leaflet_available():
        if os.environ.get("CI"):
            pytest.fail("Leaflet's files are missing in CI: `make install` fetches them into vendor/.")
        pytest.skip("Leaflet's files are missing (run `make install` to fetch them)")


def tile_png() -> bytes:
    """A light tile with a grid, so that a screenshot shows where tiles are."""
    image = Image.new("RGB", (256, 256), (236, 240, 232))
    draw = ImageDraw.Draw(image)
    for offset in range(0, 256, 64):
        draw.line((offset, 0, offset, 255), fill=(205, 212, 200), width=1)
        draw.line((0, offset, 255, offset), fill=(205, 212, 200), width=1)
    draw.line((0, 128, 255, 140), fill=(255, 255, 255), width=6)  # a "street"
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class TileServer:
    """A stand-in for a tile server on 127.0.0.1: a PNG for any /{z}/{x}/{y}.png, and the paths asked for."""

    def __init__(self) -> None:
        png = tile_png()
        requested = self.requested = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = self.path.split("?")[0].strip("/").split("/")
                if (
                    len(parts) == 3
                    and parts[2].endswith(".png")
                    and all(p.removesuffix(".png").isdigit() for p in parts)
                ):
                    requested.append(self.path)
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(len(png)))
                    self.end_headers()
                    self.wfile.write(png)
                else:
                    self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/{{z}}/{{x}}/{{y}}.png"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tiles(settings, monkeypatch):
    server = TileServer()
    settings.MAP_TILE_URL = server.url
    # The Content-Security-Policy lets images come from the stand-in, for this test only.
    sources = {directive: list(allowed) for directive, allowed in middleware._extra_sources.items()}
    monkeypatch.setattr(middleware, "_extra_sources", sources)
    monkeypatch.setattr(middleware, "_built", {})
    maps.allow_tiles()
    settings.MAP_ATTRIBUTION = "© Kartdata för test"
    yield server
    server.stop()


@pytest.fixture
def botkyrka(transactional_db, settings, tmp_path):
    """Botkyrka's categories, districts and areas, and an open public report at Tumba station."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    restore_default_statuses()
    call_command("load_botkyrka", verbosity=0)
    lamp = factories.make_case(
        category=Category.objects.get(code="gatubelysning"),
        published_text="Lampan vid stationen är släckt.",
        latitude=TUMBA_STATION[0] + 0.0004,
        longitude=TUMBA_STATION[1] - 0.0003,
        status=Case.Status.RECEIVED,
    )
    return {"lamp": lamp}


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"street-map-{name}.png"), full_page=False)


def assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.response["violations"], results.generate_report()


def open_form(page, url: str) -> list[str]:
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + FAULT_FORM)
    expect(page.locator(".street-map--picker")).to_be_visible()
    return errors


def test_keyboard_only_choosing_a_position_fills_the_fields(live_server, page, botkyrka, tiles):
    errors = open_form(page, live_server.url)
    assert page.locator("svg.map-picker__map").is_hidden()  # the outline map gave way
    expect(page.locator(".street-map img.leaflet-tile-loaded").first).to_be_attached()
    assert tiles.requested
    attribution = page.locator(".leaflet-control-attribution")
    expect(attribution).to_contain_text("© Kartdata för test")

    # Only the keyboard from here: from the place field the next stop is the map.
    page.locator("input[name=place]").focus()
    page.keyboard.press("Tab")
    street_map = page.locator(".street-map--picker")
    expect(street_map).to_be_focused()
    assert street_map.get_attribute("role") == "application"
    assert street_map.get_attribute("aria-label") == shown("sv", "Map of the municipality for placing a pin")
    help_id = street_map.get_attribute("aria-describedby")
    assert "+" in page.locator(f"#{help_id}").inner_text()
    expect(page.locator(".street-map__crosshair")).to_be_visible()  # where Enter places the pin
    for key in ["+", "+", "ArrowDown", "ArrowDown", "ArrowLeft"]:
        page.keyboard.press(key)
    page.wait_for_timeout(400)  # the pan animation
    centre = page.evaluate(f"() => {{ const c = {PICKER}.getCenter(); return [c.lat, c.lng]; }}")
    page.keyboard.press("Enter")

    latitude = float(page.locator("input[name=latitude]").input_value())
    longitude = float(page.locator("input[name=longitude]").input_value())
    assert abs(latitude - centre[0]) < 1e-5 and abs(longitude - centre[1]) < 1e-5
    assert inside_municipality(latitude, longitude)
    status = page.locator("#map-picker-status")
    expect(status).to_contain_text(shown("sv", "The pin is placed near {district}.").split("{district}")[0])
    assert status.get_attribute("aria-live") == "polite"
    expect(page.locator(".street-map .leaflet-marker-icon")).to_have_count(1)
    expect(page.get_by_role("button", name=shown("sv", "Remove the pin"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, "keyboard")

    page.keyboard.press("Tab")  # on to the zoom buttons, inside the map: Enter there zooms, it places nothing
    page.get_by_role("button", name=shown("sv", "Remove the pin")).focus()
    page.keyboard.press("Enter")
    assert page.locator("input[name=latitude]").input_value() == ""
    assert not errors


def test_a_click_places_the_pin_and_lists_the_open_reports_near_it(live_server, page, botkyrka, tiles):
    errors = open_form(page, live_server.url)
    lamp = botkyrka["lamp"]
    expect(page.locator(".street-map path.leaflet-interactive")).not_to_have_count(0)  # the open report
    page.evaluate(
        "([lat, lon]) => document.querySelector('.street-map--picker').leafletMap.setView([lat, lon], 16)",
        list(TUMBA_STATION),
    )
    page.wait_for_timeout(300)
    page.locator(".street-map--picker").scroll_into_view_if_needed()
    box = page.locator(".street-map--picker").bounding_box()
    point = page.evaluate(
        f"([lat, lon]) => {{ const p = {PICKER}.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }}",
        list(TUMBA_STATION),
    )
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])

    latitude = float(page.locator("input[name=latitude]").input_value())
    longitude = float(page.locator("input[name=longitude]").input_value())
    assert abs(latitude - TUMBA_STATION[0]) < 0.0002 and abs(longitude - TUMBA_STATION[1]) < 0.0002
    expect(page.locator("#map-picker-status")).to_have_text(
        shown("sv", "The pin is placed near {district}.").replace("{district}", "Tumba")
    )
    nearby = page.locator(".map-picker__nearby")
    link = nearby.get_by_role("link", name=f"{lamp.reference}: Gatubelysning")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == f"/anmalningar/{lamp.reference}/"
    assert "Lampan" not in nearby.inner_text()  # category and status only
    # The open report's circle sits at its public position, not the exact one.
    shown_at = page.evaluate(
        """() => {
            const map = document.querySelector('.street-map--picker').leafletMap;
            const found = [];
            map.eachLayer((layer) => { if (layer.getPopup && layer.getPopup() && layer.getLatLng) {
                const p = layer.getLatLng(); found.push([p.lat, p.lng]); } });
            return found;
        }"""
    )
    assert shown_at == [list(public_position(lamp))]
    assert_accessible(page)
    screenshot(page, "click-nearby")
    assert not errors


def test_without_javascript_the_place_field_works_and_no_street_map_is_drawn(live_server, browser, botkyrka):
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + FAULT_FORM)
    assert page.locator("[data-map-picker]").is_hidden()
    assert page.locator(".street-map").count() == 0
    page.get_by_label("Gatubelysning", exact=True).check()
    page.locator("textarea[name=description]").fill("Två lampor är släckta vid stationen.")
    page.locator("input[name=place]").fill("Tumba station")
    with page.expect_navigation() as navigation:
        page.locator("form.report-form button[type=submit]").click()
    assert navigation.value.status == 200
    assert "/anmal/tack/" in page.url
    case = Case.objects.get(description="Två lampor är släckta vid stationen.")
    assert case.district.name == "Tumba"
    context.close()


def test_with_the_tile_server_down_the_map_says_so_and_still_places_the_pin(
    live_server, page, botkyrka, tiles
):
    tiles.stop()
    errors = open_form(page, live_server.url)
    note = page.locator(".street-map__note")
    expect(note).to_have_text(
        shown(
            "sv",
            "The street map could not be loaded, so the map shows only the areas of the municipality. "
            "Everything else works as usual.",
        )
    )
    expect(page.locator(".street-map path").first).to_be_attached()  # the outline and areas are drawn
    page.locator(".street-map--picker").focus()
    page.keyboard.press("Enter")
    assert page.locator("input[name=latitude]").input_value() != ""
    page.locator("input[name=place]").fill("Tumba station")
    assert_accessible(page)
    screenshot(page, "tiles-down")
    assert not errors


def test_the_public_list_shows_the_reports_on_the_street_map(live_server, page, botkyrka, tiles):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/anmalningar/")
    street_map = page.locator(".street-map--reports")
    expect(street_map).to_be_visible()
    assert street_map.get_attribute("aria-label") == shown(
        "sv", "Map of the municipality with the reports on this page"
    )
    expect(page.locator(".street-map--reports path.leaflet-interactive")).to_have_count(1)
    expect(page.locator(".street-map--reports .leaflet-overlay-pane path")).not_to_have_count(1)  # areas too
    page.locator(".street-map--reports path.leaflet-interactive").click()
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_have_attribute("href", f"/anmalningar/{botkyrka['lamp'].reference}/")
    assert_accessible(page)
    screenshot(page, "reports")
    assert not errors


def test_in_arabic_the_map_reads_right_to_left_around_it_and_passes_axe(live_server, page, botkyrka, tiles):
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    open_form(page, live_server.url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".street-map--picker").get_attribute("aria-label") == shown(
        "ar", "Map of the municipality for placing a pin"
    )
    assert_accessible(page)
    page.locator(".street-map--picker").scroll_into_view_if_needed()
    screenshot(page, "arabic")


def test_on_a_phone_a_tap_places_the_pin(live_server, browser, botkyrka, tiles):
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    open_form(page, live_server.url)
    street_map = page.locator(".street-map--picker")
    street_map.scroll_into_view_if_needed()
    box = street_map.bounding_box()
    assert box["width"] <= 390
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#map-picker-status")).not_to_be_empty()
    assert page.locator("input[name=latitude]").input_value() != ""
    screenshot(page, "phone")
    context.close()
