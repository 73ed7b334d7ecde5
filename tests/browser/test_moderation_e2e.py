"""A report is public only as a case officer approved it: in Chromium, and every public surface by HTTP.

A resident reports a dark street lamp in the real form, naming herself, her neighbour, his address and her
phone number written with dots. Until a case officer has reviewed the report, the public list, the public
case page, the CSV, Open311 (the list and the request by id, JSON and XML) and the Atom feed show the case at
most as a placeholder, and none of what she wrote. The officer finds the case under "To review" in the
inbox, sees what the automatic check found marked in the text, tries the proposal (which still holds the
address and is refused until confirmed), edits it and approves it, and approves the photo. Then the approved
text, and only it, is what every surface shows.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from framsteg.dialogue.forms.resident import FaultForm
from framsteg.dialogue.models import Case, CaseKind, Review
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_dialogue_e2e import (  # noqa: F401 (fixtures)
    BAD_REQUEST,
    DESKTOP,
    Visit,
    botkyrka_dialogue,
    case_officer,
    form_field,
    photo_with_position,
    shown,
    this_year,
)

pytestmark = pytest.mark.browser

REPORT = (
    "Hej! Jag heter Karin Lindqvist. Min granne Per Olsson på Storgatan 12 ställer sin bil framför "
    "gatlampan varje kväll, så det är helt mörkt. Ring mig på 070.123.45.67. Mvh Karin"
)
# Every piece of what she wrote that must never be public.
SECRETS = ["Lindqvist", "Karin", "Per Olsson", "Olsson", "Storgatan", "070.123", "45.67", "ställer sin bil"]
APPROVED = "En parkerad bil skymmer gatlampan på kvällarna, så det är helt mörkt."


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # the test's own live server
        assert response.status == 200, url
        return response.read().decode()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def public_surfaces(base: str, reference: str) -> dict[str, str]:
    """Everything the public can read about the case, by surface."""
    return {
        "list": fetch(f"{base}/anmalningar/"),
        "case page": fetch(f"{base}/anmalningar/{reference}/"),
        "csv": fetch(f"{base}/anmalningar.csv"),
        "open311 list json": fetch(f"{base}/open311/v2/requests.json"),
        "open311 list xml": fetch(f"{base}/open311/v2/requests.xml"),
        "open311 request json": fetch(f"{base}/open311/v2/requests/{reference}.json"),
        "open311 request xml": fetch(f"{base}/open311/v2/requests/{reference}.xml"),
        "feed": fetch(f"{base}/flode.xml"),
        "map data": fetch(f"{base}/anmalningar/karta/oppna.geojson"),
    }


def assert_nothing_written_is_public(base: str, reference: str) -> None:
    for surface, text in public_surfaces(base, reference).items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} is public on the {surface}"
    (request,) = json.loads(fetch(f"{base}/open311/v2/requests/{reference}.json"))
    assert request["description"] is None and request["address"] is None


def report_with_personal_data(browser, live_server) -> Visit:
    context = browser.new_context(locale="sv-SE", **DESKTOP)
    visit = Visit(context, "moderation-resident")
    page = visit.page
    visit.goto(live_server.url + "/anmal/felanmalan/")
    page.get_by_label("Gatubelysning", exact=True).check()
    page.get_by_label("Hur många lampor är släckta?").fill("1")
    page.get_by_label("Nej, den är släckt").check()
    form_field(page, FaultForm, "description", "sv").fill(REPORT)
    page.locator("#id_photos").set_input_files(
        [{"name": "lampan.jpg", "mimeType": "image/jpeg", "buffer": photo_with_position()}]
    )
    form_field(page, FaultForm, "contact_name", "sv").fill("Karin Lindqvist")
    form_field(page, FaultForm, "contact_email", "sv").fill("karin.lindqvist@example.se")
    visit.click(page.locator("form.report-form button[type=submit]"))
    assert "/anmal/tack/" in page.url
    return visit


def log_in(visit: Visit, base: str, officer) -> None:
    page = visit.page
    visit.goto(base + "/personal/logga-in/")
    page.locator("input[name=username]").fill(officer.username)
    page.locator("input[name=password]").fill("correct horse battery")
    visit.click(page.locator("main button[type=submit]"))
    enrol_if_asked(page)


def test_nothing_a_resident_wrote_is_public_until_an_officer_approves_an_edited_text(
    live_server,
    browser,
    case_officer,  # noqa: F811
):
    base = live_server.url
    resident = report_with_personal_data(browser, live_server)
    reference = f"{this_year()}-00001"
    case = Case.objects.get(kind=CaseKind.FAULT)
    assert case.reference == reference and case.text_review == Review.PENDING
    [photo] = case.photos.all()

    # Before review: the case is listed with its category, district and status, and a placeholder.
    assert_nothing_written_is_public(base, reference)
    resident.goto(f"{base}/anmalningar/{reference}/")
    main = resident.page.locator("main")
    expect(main).to_contain_text(
        shown("sv", "The text is being reviewed by the municipality before it is published.")
    )
    resident.audit("public-case-waiting")
    assert status_of(f"{base}/anmalningar/foto/{photo.pk}/") == 404

    # The officer finds it under "To review" in the inbox.
    staff = Visit(browser.new_context(locale="sv-SE", **DESKTOP), "moderation-staff")
    page = staff.page
    log_in(staff, base, case_officer)
    staff.goto(base + "/personal/arenden/")
    to_review = page.locator(".status-counts__review a")
    expect(to_review).to_contain_text(shown("sv", "To review before publication"))
    expect(to_review.locator(".status-counts__value")).to_have_text("1")
    staff.click(to_review)
    expect(page.locator(f"#case-{reference}")).to_contain_text(shown("sv", "To review"))
    staff.click(page.get_by_role("link", name=reference, exact=True))

    # What the automatic check found is marked in her text, each with its kind in words.
    marks = page.locator("blockquote.case-text mark.finding")
    found = [marks.nth(index).inner_text() for index in range(marks.count())]
    for expected in ("Karin Lindqvist", "Per Olsson", "Storgatan 12", "070.123.45.67"):
        assert any(expected in text for text in found), f"{expected!r} is not marked: {found}"
    kinds = page.locator("blockquote.case-text .finding-kind").all_inner_texts()
    assert any(shown("sv", "phone number") in kind for kind in kinds)
    staff.audit("case-to-review")

    # The proposal still holds the address: approving it asks for a confirmation, and nothing is published.
    proposal = page.locator("#id_review-published_text")
    assert "[borttaget]" in proposal.input_value() and "070.123" not in proposal.input_value()
    staff.click(page.locator("#review-form button[value=approve]"), status=400)
    warning = page.locator("#review-form .note--warning")
    expect(warning).to_contain_text("Storgatan 12")
    expect(page.locator("#id_review-confirm_personal_data")).to_be_visible()
    staff.audit("case-findings-remain", expected_error=BAD_REQUEST)
    case.refresh_from_db()
    assert case.text_review == Review.PENDING
    assert_nothing_written_is_public(base, reference)

    # The officer edits the text and approves it, and approves the photo.
    page.locator("#id_review-published_text").fill(APPROVED)
    staff.click(page.locator("#review-form button[value=approve]"))
    expect(page.locator("#review")).to_contain_text(APPROVED)
    staff.click(page.locator("#photos form:has(input[name='photo-publish'][value='1']) button"))
    case.refresh_from_db()
    photo.refresh_from_db()
    assert (case.text_review, case.published_text, case.reviewed_by) == (
        Review.APPROVED,
        APPROVED,
        case_officer,
    )
    assert photo.review == Review.APPROVED
    staff.audit("case-approved")

    # Now the approved text, and nothing else she wrote, is what every surface shows.
    surfaces = public_surfaces(base, reference)
    for surface, text in surfaces.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} is public on the {surface}"
    for surface in (
        "list",
        "case page",
        "csv",
        "open311 list json",
        "open311 request json",
        "open311 request xml",
    ):
        assert APPROVED in surfaces[surface], f"the approved text is missing on the {surface}"
    (request,) = json.loads(surfaces["open311 request json"])
    assert request["description"] == APPROVED
    assert request["media_url"].endswith(f"/anmalningar/foto/{photo.pk}/")
    assert re.search(rf"^{reference},.*,reviewed\r?$", surfaces["csv"], re.M)
    assert status_of(f"{base}/anmalningar/foto/{photo.pk}/") == 200

    resident.goto(f"{base}/anmalningar/{reference}/")
    expect(main).to_contain_text(APPROVED)
    expect(main).to_contain_text(shown("sv", "Reviewed by the municipality before publication."))
    resident.audit("public-case-approved")

    resident.context.close()
    staff.context.close()
