"""Two residents report, a case officer handles both cases, and the residents read the answers: in Chromium.

One resident reports a dark street lamp in Swedish on a phone, with a pin on the map and a photo that still
carries the phone's GPS position; another reports a place that feels unsafe, in Arabic. A case officer logs
in, routes, takes, notes, answers and closes the cases. Each resident then opens their private follow link.
On every page: no JavaScript error, no console error, and no WCAG 2.1 A/AA violation found by axe-core.

Texts are looked up in the site's own catalogues (`shown`), so the test reads the page as a visitor in that
language does, whatever the translation is.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import ExifTags, Image, ImageDraw
from playwright.sync_api import expect

from framsteg.dialogue.forms.resident import FaultForm, ReportForm, SafetyForm
from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.views.resident.report import PAGES
from framsteg.dialogue.workdays import STOCKHOLM
from framsteg.organisations.models import Organisation
from framsteg.places.geo import botkyrka_map, inside_municipality
from tests import factories
from tests.browser.conftest import restore_default_statuses
from tests.browser.second_factor import enrol_if_asked

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Where the first resident stands: the street lamps by Tumba station.
TUMBA_STATION = (59.199494, 17.838385)

LAMP_REPORT = "Gatlampan vid gångvägen mot Tumba station är släckt. Det är helt mörkt på kvällen."
SAFETY_REPORT = "الممر تحت الأرض قرب فيتيا سنتروم مظلم جدًا في المساء، وأشعر بعدم الأمان عندما أمشي هناك."
INTERNAL_NOTE = "Internt: beställ ny armatur hos entreprenören, order 4711."
LAMP_ANSWER = "Tack för din anmälan! Vi har bytt armaturen och lampan lyser igen."
SAFETY_ANSWER = "شكرًا على رسالتك. سنضيف إنارة جديدة في الممر ونقص الشجيرات هذا الشهر."


def shown(language: str, message: str) -> str:
    """`message` as a visitor reading `language` sees it on the running site."""
    with translation.override(language):
        return gettext(message)


def form_field(page, form_class: type[ReportForm], name: str, language: str):
    """A report form's field, found by its label in `language` as a screen reader finds it.

    The label comes from the form, so the test follows its wording; a mark such as "(optional)" may follow.
    """
    with translation.override(language):
        label = str(form_class().fields[name].label)
    return page.get_by_label(re.compile("^" + re.escape(label)))


def kind_title(kind: str, language: str) -> str:
    with translation.override(language):
        return str(PAGES[kind].title)


def map_point_on_screen(page, latitude: float, longitude: float) -> tuple[float, float]:
    """Where a position is on the screen, on the street map where it is shown, else on the outline map."""
    street_map = page.locator(".street-map--picker")
    if street_map.count():
        street_map.scroll_into_view_if_needed()
        return tuple(
            page.evaluate(
                """([latitude, longitude]) => {
                    const holder = document.querySelector(".street-map--picker");
                    const point = holder.leafletMap.latLngToContainerPoint([latitude, longitude]);
                    const box = holder.getBoundingClientRect();
                    return [box.left + point.x, box.top + point.y];
                }""",
                [latitude, longitude],
            )
        )
    svg = page.locator("svg.map-picker__map")
    svg.scroll_into_view_if_needed()
    x, y = botkyrka_map().to_svg(latitude, longitude)
    return tuple(
        page.evaluate(
            """([x, y]) => {
                const svg = document.querySelector("svg.map-picker__map");
                const point = svg.createSVGPoint();
                point.x = x;
                point.y = y;
                const screen = point.matrixTransform(svg.getScreenCTM());
                return [screen.x, screen.y];
            }""",
            [x, y],
        )
    )


def photo_with_position() -> bytes:
    """A JPEG as a phone saves it: with the GPS position where it was taken and the camera's make."""
    image = Image.new("RGB", (320, 240), (25, 30, 60))
    draw = ImageDraw.Draw(image)
    draw.rectangle((150, 60, 160, 240), fill=(90, 90, 90))
    draw.ellipse((135, 40, 175, 70), fill=(60, 60, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefonfabriken"
    exif[ExifTags.Base.Model] = "Modell 7"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 11.0, 58.2)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (17.0, 50.0, 18.2)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def has_position(content: bytes) -> bool:
    with Image.open(io.BytesIO(content)) as image:
        return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


LOAD_FAILED = "Failed to load resource: the server responded with a status of "
BAD_REQUEST = LOAD_FAILED + "400 (Bad Request)"
NOT_FOUND = LOAD_FAILED + "404 (Not Found)"


class Visit:
    """A browser tab that records JavaScript errors and console errors, and audits the page it shows."""

    def __init__(self, context, name: str, phone: bool = False) -> None:
        self.context = context
        self.page = context.new_page()
        self.name = name
        self.phone = phone
        self.errors: list[tuple[str, str]] = []  # (message, address)
        self.page.on("pageerror", lambda error: self.errors.append((f"JavaScript: {error}", self.page.url)))
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append((message.text, message.location.get("url", "")))

    def take_errors(self, expected: str = "") -> list[str]:
        """The errors since the last call, but for `expected` logged for the page itself.

        Chromium logs that a page failed to load when the server answers it with an error status, as it
        does a form with errors (400): a step that expects that says so.
        """
        unexpected = [
            f"{text} ({url})"
            for text, url in self.errors
            if not (expected and text == expected and url == self.page.url)
        ]
        self.errors.clear()
        return unexpected

    def goto(self, url: str, status: int = 200):
        response = self.page.goto(url)
        assert response.status == status, f"{url} answered {response.status}"
        return response

    def click(self, locator, status: int = 200) -> None:
        """Click a link or button and wait for the page it leads to (after redirects) to answer `status`."""
        with self.page.expect_navigation() as navigation:
            locator.click()
        assert navigation.value.status == status, f"{self.page.url} answered {navigation.value.status}"

    def audit(self, step: str, expected_error: str = "") -> None:
        """A screenshot; no axe violation, nothing wider than a phone, no JavaScript or console error."""
        page = self.page
        page.wait_for_load_state("load")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"dialogue-{self.name}-{step}.png"), full_page=True)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        assert not violations, f"{step} ({page.url}):\n" + results.generate_report()
        if self.phone:
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{step} ({page.url}) scrolls sideways by {overflow}px on a phone"
        errors = self.take_errors(expected=expected_error)
        assert not errors, f"{step} ({page.url}):\n" + "\n".join(errors)

    def language(self) -> tuple[str, str]:
        html = self.page.locator("html")
        return html.get_attribute("lang"), html.get_attribute("dir")


def image_width(image) -> int:
    """The natural width of an image once it has loaded (images below the fold load lazily)."""
    image.scroll_into_view_if_needed()
    return image.evaluate("image => image.decode().then(() => image.naturalWidth)")


def error_summary_works(visit: Visit) -> None:
    """The summary has the focus, and each of its links leads to a field that exists."""
    page = visit.page
    assert page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    links = page.locator("#error-summary a")
    assert links.count() > 0
    for index in range(links.count()):
        anchor = links.nth(index).get_attribute("href")
        assert page.locator(anchor).count() == 1, f"the error summary links to {anchor}, which is missing"


def follow_link(visit: Visit, reference: str) -> str:
    """The thanks page shows the reference and the private follow link; returns the link."""
    page = visit.page
    assert "/anmal/tack/" in page.url
    assert reference in page.locator(".report-reference").inner_text()
    link = page.locator(".report-follow-link a")
    href = link.get_attribute("href")
    assert re.search(r"/arende/[\w-]{20,}/$", href), href
    assert link.inner_text() == href
    return href


@pytest.fixture
def botkyrka_dialogue(transactional_db, settings, tmp_path):
    """Botkyrka's organisations, dialogue categories and districts; photos in a folder of the test's own.

    The rate limit stays as configured: residents reporting a few times from one address never meet it.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    restore_default_statuses()
    call_command("load_botkyrka", verbosity=0)


@pytest.fixture
def case_officer(botkyrka_dialogue):
    """A coordinator at the administration that answers for streets: sees every case, routes what is new."""
    administration = Organisation.objects.get(slug="samhallsbyggnadsforvaltningen")
    user = factories.make_user(
        "hanna", administration, ("coordinator",), first_name="Hanna", last_name="Handläggare"
    )
    return user


def this_year() -> int:
    return timezone.localtime(timezone.now(), STOCKHOLM).year


def report_a_dark_street_lamp(browser, live_server) -> tuple[Visit, str]:
    """Resident 1, on a phone in Swedish: a fault report with answers, a pin, a photo and an e-mail."""
    context = browser.new_context(locale="sv-SE", **PHONE)
    visit = Visit(context, "sv-phone", phone=True)
    page = visit.page

    visit.goto(live_server.url + "/anmal/")
    assert visit.language() == ("sv", "ltr")
    visit.audit("start")

    visit.click(page.get_by_role("link", name=kind_title(CaseKind.FAULT, "sv")))
    assert page.url == live_server.url + "/anmal/felanmalan/"
    visit.audit("fault-form")

    # Sent empty: the form says what is missing, and the summary leads there.
    visit.click(page.locator("form.report-form button[type=submit]"), status=400)
    assert page.title().startswith(shown("sv", "Error:"))
    error_summary_works(visit)
    visit.audit("fault-form-errors", expected_error=BAD_REQUEST)

    page.get_by_label("Gatubelysning", exact=True).check()
    page.get_by_label("Hur många lampor är släckta?").fill("1")
    page.get_by_label("Nej, den är släckt").check()
    form_field(page, FaultForm, "description", "sv").fill(LAMP_REPORT)
    form_field(page, FaultForm, "place", "sv").fill("Gångvägen vid Tumba station")

    # The pin: a tap on the map where Tumba station is.
    page.touchscreen.tap(*map_point_on_screen(page, *TUMBA_STATION))
    status = page.locator("#map-picker-status")
    announced = shown("sv", "The pin is placed near {district}.").replace("{district}", "Tumba")
    expect(status).to_have_text(announced)
    assert status.get_attribute("aria-live") == "polite"
    latitude = float(page.locator("input[name=latitude]").input_value())
    longitude = float(page.locator("input[name=longitude]").input_value())
    assert inside_municipality(latitude, longitude)
    assert abs(latitude - TUMBA_STATION[0]) < 0.003 and abs(longitude - TUMBA_STATION[1]) < 0.003

    photo = photo_with_position()
    assert has_position(photo)
    page.locator("#id_photos").set_input_files(
        [{"name": "lampan.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    form_field(page, FaultForm, "contact_email", "sv").fill("lisa.lind@example.se")
    visit.audit("fault-form-filled")

    visit.click(page.locator("form.report-form button[type=submit]"))
    reference = f"{this_year()}-00001"
    href = follow_link(visit, reference)
    visit.audit("thanks")

    case = Case.objects.get(kind=CaseKind.FAULT)
    assert case.reference == reference
    assert case.category.code == "gatubelysning"
    assert {code: str(value) for code, value in case.answers.items()} == {"antal": "1", "lyser": "nej"}
    assert (case.latitude, case.longitude) == (round(latitude, 6), round(longitude, 6))
    assert case.district.name == "Tumba"
    assert case.language == "sv"
    assert case.contact_email == "lisa.lind@example.se"
    assert case.organisation.slug == "samhallsbyggnadsforvaltningen"
    [stored] = case.photos.all()
    content = stored.image.read()
    assert not has_position(content)
    assert b"Telefonfabriken" not in content and b"Exif" not in content
    return visit, href


def report_an_unsafe_place_in_arabic(browser, live_server) -> tuple[Visit, str]:
    """Resident 2, in Arabic: a safety report with a place name only, and an e-mail address."""
    context = browser.new_context(locale="ar", **PHONE)
    visit = Visit(context, "ar-phone", phone=True)
    page = visit.page

    visit.goto(live_server.url + "/anmal/")
    assert visit.language() == ("ar", "rtl")
    visit.click(page.get_by_role("link", name=kind_title(CaseKind.SAFETY, "ar")))
    assert page.url == live_server.url + "/anmal/trygghet/"
    assert visit.language() == ("ar", "rtl")

    emergency = page.get_by_role("note").filter(has=page.locator("a[href='tel:112']"))
    assert emergency.is_visible()
    assert shown("ar", "Emergency? Call 112.") in emergency.inner_text()
    visit.audit("safety-form")

    visit.click(page.locator("form.report-form button[type=submit]"), status=400)
    error_summary_works(visit)
    visit.audit("safety-form-errors", expected_error=BAD_REQUEST)

    form_field(page, SafetyForm, "description", "ar").fill(SAFETY_REPORT)
    form_field(page, SafetyForm, "place", "ar").fill("Fittja centrum")
    form_field(page, SafetyForm, "contact_email", "ar").fill("amal.hassan@example.se")
    visit.audit("safety-form-filled")

    visit.click(page.locator("form.report-form button[type=submit]"))
    reference = f"{this_year()}-00002"
    href = follow_link(visit, reference)
    assert visit.language() == ("ar", "rtl")
    visit.audit("thanks")

    case = Case.objects.get(kind=CaseKind.SAFETY)
    assert case.reference == reference
    assert case.description == SAFETY_REPORT
    assert case.language == "ar"
    assert case.place == "Fittja centrum"
    assert case.district.name == "Fittja"
    assert case.latitude is None and case.longitude is None
    assert not case.is_published
    return visit, href


def handle_the_cases(browser, live_server, officer, mailbox, lamp: str, safety: str) -> None:
    """The case officer routes, takes, notes, answers and closes both cases, in Swedish at a desk."""
    context = browser.new_context(locale="sv-SE", **DESKTOP)
    visit = Visit(context, "staff")
    page = visit.page

    visit.goto(live_server.url + "/personal/logga-in/")
    visit.audit("login")
    page.locator("input[name=username]").fill(officer.username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)

    visit.goto(live_server.url + "/personal/arenden/")
    assert page.locator(f"#case-{lamp}").get_by_text("Samhällsbyggnadsförvaltningen").count() == 1
    assert page.locator(f"#case-{safety}").get_by_text(shown("sv", "Not routed")).count() == 1
    visit.audit("inbox")

    # The street lamp: routed on arrival to the administration for streets; the officer takes it.
    visit.click(page.get_by_role("link", name=lamp, exact=True))
    state = page.locator(".case-state")
    assert "Samhällsbyggnadsförvaltningen" in state.inner_text()
    assert image_width(page.locator("#photos img")) == 320
    visit.audit("case-new")

    visit.click(page.locator("#assign-self-form button"))
    assert "Hanna Handläggare" in page.locator(".case-state").inner_text()
    set_status(visit, "in_progress")
    page.locator("#id_note-text").fill(INTERNAL_NOTE)
    visit.click(page.locator("#note-form button[type=submit]"))
    page.locator("#id_answer-text").fill(LAMP_ANSWER)
    page.locator("#id_answer-then_status").select_option("fixed")
    visit.click(page.locator("#answer-form button[type=submit]"))
    assert page.locator(".case-state .status").inner_text() == shown("sv", "Fixed")
    set_status(visit, "closed")
    assert page.locator(".case-state .status").inner_text() == shown("sv", "Closed")
    assert page.locator(".case-event--note").get_by_text(INTERNAL_NOTE).count() == 1
    visit.audit("case-closed")

    case = Case.objects.get(kind=CaseKind.FAULT)
    assert case.status == Case.Status.CLOSED
    assert case.assignee == officer
    assert case.events.get(kind=CaseEvent.Kind.NOTE).is_public is False

    # The unsafe place: nobody answers for it yet, so the officer routes it, then answers in Arabic.
    visit.goto(live_server.url + "/personal/arenden/")
    visit.click(page.get_by_role("link", name=safety, exact=True))
    assert shown("sv", "Not routed") in page.locator(".case-state").inner_text()
    assert "ar" in (page.locator(".case-text").first.get_attribute("lang") or "")
    page.locator("#id_route-organisation").select_option(label="Kommunledningsförvaltningen")
    visit.click(page.locator("#route-form button[type=submit]"))
    assert "Kommunledningsförvaltningen" in page.locator(".case-state").inner_text()
    set_status(visit, "in_progress")
    page.locator("#id_answer-text").fill(SAFETY_ANSWER)
    page.locator("#id_answer-then_status").select_option("answered")
    visit.click(page.locator("#answer-form button[type=submit]"))
    set_status(visit, "closed")
    visit.audit("safety-case-closed")

    case = Case.objects.get(kind=CaseKind.SAFETY)
    assert case.status == Case.Status.CLOSED
    assert case.organisation.slug == "kommunledningsforvaltningen"

    # The answers went by e-mail, each in the resident's language; the internal note in none. Besides them,
    # each resident got a receipt and e-mails about the status changes (automatic, in their language too).
    answers = [message for message in mailbox if "Auto-Submitted" not in message.extra_headers]
    assert [message.to for message in answers] == [["lisa.lind@example.se"], ["amal.hassan@example.se"]]
    languages = {"lisa.lind@example.se": "sv", "amal.hassan@example.se": "ar"}
    assert all(message.extra_headers["Content-Language"] == languages[message.to[0]] for message in mailbox)
    automatic = [message for message in mailbox if message not in answers]
    assert all(
        message.extra_headers["List-Unsubscribe"].endswith("/avsluta-epost/>") for message in automatic
    )
    lamp_mail, safety_mail = answers
    assert LAMP_ANSWER in lamp_mail.body and lamp_mail.extra_headers["Content-Language"] == "sv"
    assert SAFETY_ANSWER in safety_mail.body and safety_mail.extra_headers["Content-Language"] == "ar"
    assert all(INTERNAL_NOTE not in message.body for message in mailbox)
    context.close()


def set_status(visit: Visit, status: str) -> None:
    visit.page.locator("#id_status-status").select_option(status)
    visit.click(visit.page.locator("#status-form button[type=submit]"))


def read_the_answer(visit: Visit, href: str, language: str, answer: str) -> None:
    """The follow page shows the status "closed", never "fixed", the answer, and not the internal note."""
    page = visit.page
    visit.goto(href)
    assert page.locator(".report-status .status").inner_text() == shown(language, "Closed")
    assert page.locator(".report-timeline").get_by_text(answer).count() == 1
    text = page.locator("main").inner_text()
    assert INTERNAL_NOTE not in text and "4711" not in text
    visit.audit("follow")


def test_two_residents_report_and_a_case_officer_answers_them(live_server, browser, case_officer, mailoutbox):
    resident, lamp_link = report_a_dark_street_lamp(browser, live_server)
    arabic_resident, safety_link = report_an_unsafe_place_in_arabic(browser, live_server)
    lamp, safety = f"{this_year()}-00001", f"{this_year()}-00002"

    handle_the_cases(browser, live_server, case_officer, mailoutbox, lamp, safety)

    read_the_answer(resident, lamp_link, "sv", LAMP_ANSWER)
    assert image_width(resident.page.locator(".report-photo-list img")) == 320
    read_the_answer(arabic_resident, safety_link, "ar", SAFETY_ANSWER)
    assert arabic_resident.language() == ("ar", "rtl")

    # The public list shows the street lamp but not the safety report; the case page shows no contact.
    public = resident
    public.goto(live_server.url + "/anmalningar/")
    listing = public.page.locator("main").inner_text()
    assert lamp in listing and safety not in listing
    public.audit("public-list")
    public.goto(live_server.url + f"/anmalningar/{lamp}/")
    shown_text = public.page.locator("main").inner_text()
    assert shown("sv", "Closed") in shown_text
    assert "lisa.lind@example.se" not in shown_text and INTERNAL_NOTE not in shown_text
    public.audit("public-case")
    public.goto(live_server.url + f"/anmalningar/{safety}/", status=404)
    assert public.take_errors(expected=NOT_FOUND) == []

    resident.context.close()
    arabic_resident.context.close()
