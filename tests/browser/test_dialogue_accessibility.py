"""The residents' report pages pass axe-core in Swedish, Arabic (right to left) and Somali, the staff's case
statistics and API key pages pass it too, and a fault can be reported with JavaScript turned off."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from framsteg.dialogue.forms.resident import FaultForm
from framsteg.dialogue.models import ApiKey, Case, CaseKind, Category
from framsteg.dialogue.photos import process_photo
from framsteg.dialogue.services import handling
from framsteg.dialogue.services.intake import Submission, submit_case
from framsteg.organisations.models import Organisation
from tests import factories
from tests.browser.conftest import restore_default_statuses
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_dialogue_e2e import (
    BAD_REQUEST,
    DESKTOP,
    TUMBA_STATION,
    Visit,
    form_field,
    kind_title,
    photo_with_position,
    this_year,
)

pytestmark = pytest.mark.browser

REPORT_FORMS = ["synpunkt", "felanmalan", "trygghet"]


@pytest.fixture
def dialogue_cases(transactional_db, settings, tmp_path):
    """Botkyrka's categories and districts, a coordinator, and three cases: one answered and closed."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    restore_default_statuses()
    call_command("load_botkyrka", verbosity=0)
    administration = Organisation.objects.get(slug="samhallsbyggnadsforvaltningen")
    officer = factories.make_user(
        "hanna", administration, ("coordinator",), first_name="Hanna", last_name="Handläggare"
    )

    lamp = submit_case(
        Submission(
            kind=CaseKind.FAULT,
            category=Category.objects.get(code="gatubelysning"),
            description="Gatlampan vid gångvägen mot Tumba station är släckt.",
            answers={"antal": "2", "lyser": "nej"},
            place="Tumba station",
            latitude=TUMBA_STATION[0],
            longitude=TUMBA_STATION[1],
            contact_email="lisa.lind@example.se",
            photos=[process_photo(io.BytesIO(photo_with_position()))],
        )
    )
    handling.set_status(lamp, Case.Status.IN_PROGRESS, officer)
    handling.answer(lamp, "Vi byter armaturen i veckan.", officer)
    handling.set_status(lamp, Case.Status.FIXED, officer)
    handling.set_status(lamp, Case.Status.CLOSED, officer)
    praise = submit_case(
        Submission(
            kind=CaseKind.FEEDBACK,
            feedback_type=Case.FeedbackType.PRAISE,
            description="Tack för den nya lekplatsen i Fittja!",
            language="so",
        )
    )
    safety = submit_case(
        Submission(
            kind=CaseKind.SAFETY,
            description="الممر تحت الأرض مظلم في المساء.",
            place="Fittja centrum",
            language="ar",
            contact_email="amal.hassan@example.se",
        )
    )
    return {"officer": officer, "lamp": lamp, "praise": praise, "safety": safety}


def choose_language(visit: Visit, language: str) -> None:
    """Pick the language in the header's form, as a visitor does."""
    visit.page.locator("#language-select").select_option(language)
    visit.click(visit.page.locator("form.language-form button[type=submit]"))


def resident_paths(cases: dict) -> list[str]:
    lamp, praise = cases["lamp"], cases["praise"]
    return [
        f"/anmal/tack/{praise.follow_token}/",
        f"/anmal/tack/{cases['safety'].follow_token}/",
        f"/arende/{lamp.follow_token}/",
        f"/arende/{praise.follow_token}/",
        "/anmalningar/",
        "/anmalningar/?kind=fault&status=closed",
        f"/anmalningar/{lamp.reference}/",
        f"/anmalningar/{praise.reference}/",
    ]


@pytest.mark.parametrize(("language", "direction"), [("sv", "ltr"), ("ar", "rtl"), ("so", "ltr")])
def test_the_report_pages_pass_axe_in_every_resident_language(
    live_server, browser, dialogue_cases, language, direction
):
    visit = Visit(browser.new_context(locale="sv-SE", **DESKTOP), f"{language}-desktop")
    page = visit.page
    visit.goto(live_server.url + "/anmal/")
    choose_language(visit, language)
    assert visit.language() == (language, direction)
    visit.audit("start")

    for slug in REPORT_FORMS:
        visit.goto(f"{live_server.url}/anmal/{slug}/")
        assert visit.language() == (language, direction)
        visit.audit(f"{slug}")
        visit.click(page.locator("form.report-form button[type=submit]"), status=400)
        assert page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
        visit.audit(f"{slug}-errors", expected_error=BAD_REQUEST)

    for index, path in enumerate(resident_paths(dialogue_cases)):
        visit.goto(live_server.url + path)
        assert visit.language() == (language, direction)
        visit.audit(f"page-{index}")
    visit.context.close()


def test_the_case_statistics_and_api_key_pages_pass_axe(live_server, browser, dialogue_cases):
    visit = Visit(browser.new_context(locale="sv-SE", **DESKTOP), "staff")
    page = visit.page
    visit.goto(live_server.url + "/personal/logga-in/")
    page.locator("input[name=username]").fill(dialogue_cases["officer"].username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)

    for step, path in [
        ("statistics", "/personal/arenden/statistik/"),
        ("statistics-by-month", f"/personal/arenden/statistik/?year={this_year()}&by=month"),
        ("statistics-errors", "/personal/arenden/statistik/?year=1800&by=fortnight"),
        ("inbox-all", "/personal/arenden/?status=all"),
        ("case-safety", f"/personal/arenden/{dialogue_cases['safety'].reference}/"),
        ("api-keys", "/personal/arenden/api-nycklar/"),
    ]:
        visit.goto(live_server.url + path)
        visit.audit(step)

    create = page.locator("form[action$='/api-nycklar/'] button[type=submit]")
    visit.click(create, status=400)
    visit.audit("api-keys-errors", expected_error=BAD_REQUEST)
    page.locator("#id_name").fill("Stadens app")
    visit.click(create)
    visit.audit("api-key-created")
    key = ApiKey.objects.get(name="Stadens app")
    visit.goto(f"{live_server.url}/personal/arenden/api-nycklar/{key.pk}/aterkalla/")
    visit.audit("api-key-revoke")
    visit.context.close()


def test_a_fault_can_be_reported_without_javascript(live_server, browser, dialogue_cases):
    """The map needs JavaScript; the place name alone places the report, and the thanks page appears."""
    context = browser.new_context(locale="sv-SE", java_script_enabled=False, **DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/anmal/")
    page.get_by_role("link", name=kind_title(CaseKind.FAULT, "sv")).click()
    assert page.locator("[data-map-picker]").is_hidden()

    page.get_by_label("Gatubelysning", exact=True).check()
    description = "Tre lampor är släckta vid stationen."
    form_field(page, FaultForm, "description", "sv").fill(description)
    form_field(page, FaultForm, "place", "sv").fill("Tumba station")
    with page.expect_navigation() as navigation:
        page.locator("form.report-form button[type=submit]").click()
    assert navigation.value.status == 200
    assert "/anmal/tack/" in page.url

    case = Case.objects.get(description=description)
    assert case.reference in page.locator(".report-reference").inner_text()
    assert page.locator(f".report-follow-link a[href$='/arende/{case.follow_token}/']").count() == 1
    assert case.latitude is None and case.longitude is None
    assert case.district.name == "Tumba"
    assert case.category.code == "gatubelysning"
    context.close()
