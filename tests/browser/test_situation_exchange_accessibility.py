"""The pages for partners' files and systems pass axe in Swedish and English, on a desktop and on a phone:
the upload, the preview of a file (one with problems, one without), the partners' API keys, a new key shown
once and the confirmation before revoking one."""

from __future__ import annotations

import pytest
from django.conf import settings

from framsteg.organisations.models import Organisation
from framsteg.situation.models import PartnerApiKey
from framsteg.situation.services.loading import load_situation
from framsteg.situation.services.partner_keys import create_key
from tests import factories as base
from tests.browser.test_dialogue_e2e import DESKTOP, PHONE, Visit
from tests.browser.test_moderation_e2e import log_in
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.browser

GOOD = (
    "datum;tid;händelsetyp;plats;antal;organisation;referens\n2026-03-02;21:15;klotter;Fittja;2;polisen;P-1\n"
)
BAD = GOOD + "2026-03-03;25:00;skadegörelse;Mars;1;polisen;P-2\n"


@pytest.fixture
def coordinator(transactional_db):
    make_districts()
    load_situation(settings.BASE_DIR / "data" / "botkyrka")
    police = factories.make_partner("Polisen", slug="polisen")
    create_key(police, "Polisens händelselogg")
    municipality = base.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    assert Organisation.objects.count() == 2
    return base.make_user("cecilia", municipality, ("coordinator",), first_name="Cecilia")


@pytest.mark.parametrize("phone", [False, True], ids=["1280", "390"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_import_and_key_pages_pass_axe(live_server, browser, coordinator, tmp_path, language, phone):
    context = browser.new_context(locale="sv-SE", **(PHONE if phone else DESKTOP))
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    visit = Visit(context, f"situation-exchange-{language}-{'390' if phone else '1280'}", phone=phone)
    log_in(visit, live_server.url, coordinator)
    page = visit.page

    visit.goto(live_server.url + "/personal/lagesbild/importera/")
    visit.audit("upload")
    for name, text in [("bad", BAD), ("good", GOOD)]:
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        visit.goto(live_server.url + "/personal/lagesbild/importera/")
        page.locator("input[type=file]").set_input_files(str(path))
        visit.click(page.locator("main form[enctype] button[type=submit]"))
        visit.audit(f"preview-{name}")
    assert page.locator("table").count() == 3

    visit.goto(live_server.url + "/personal/lagesbild/api-nycklar/")
    assert page.locator("table.api-keys tbody tr").count() == 1
    visit.audit("keys")
    page.locator("#id_organisation").select_option(label="Polisen")
    page.locator("#id_name").fill("Polisens nya system")
    visit.click(page.locator("main form[action$='/api-nycklar/'] button[type=submit]"))
    assert "fsp_" in page.content()  # the new key, shown once
    visit.audit("key-created")
    key = PartnerApiKey.objects.get(name="Polisens nya system")
    visit.goto(f"{live_server.url}/personal/lagesbild/api-nycklar/{key.pk}/aterkalla/")
    visit.audit("key-revoke")
    context.close()
