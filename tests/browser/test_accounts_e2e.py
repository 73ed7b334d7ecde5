"""Staff log-in end to end in Chromium: the forced set-up of the second factor, a TOTP code computed from the
key the page shows, a locked account unlocked by an administrator, a recovery code that works once, the
password rules and the idle timeout.
axe on the log-in, code and set-up pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from framsteg.accounts.models import LoginLock
from framsteg.core.access import Role
from framsteg.organisations.models import Membership
from tests import factories
from tests.browser.second_factor import CODE_PATH, ENROL_PATH, code_for, enrol_if_asked, key_on

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery"
LOGIN_PATH = "/personal/logga-in/"


def assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert not results.response["violations"], f"{page.url}:\n" + results.generate_report()


def submit(page, selector: str = "main form.card button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + LOGIN_PATH)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    submit(page)


def log_out(page) -> None:
    submit(page, ".staff-menu__logout button")


@pytest.fixture
def people(transactional_db):
    municipality = factories.make_organisation(
        "Kommunledningsförvaltningen", kind="administration", slug="klf"
    )
    coordinator = factories.make_user("cecilia", first_name="Cecilia", last_name="Carlsson")
    Membership.objects.create(user=coordinator, organisation=municipality, role=Role.COORDINATOR)
    administrator = factories.make_user("adam", first_name="Adam", last_name="Admin")
    Membership.objects.create(user=administrator, organisation=municipality, role=Role.ADMINISTRATOR)
    return {"coordinator": coordinator, "administrator": administrator}


def test_a_coordinator_sets_up_the_second_factor_and_logs_in_with_a_code(live_server, page, people):
    base = live_server.url
    page.goto(base + LOGIN_PATH)
    assert_accessible(page)
    log_in(page, base, "cecilia")
    assert page.url.startswith(base + ENROL_PATH)
    assert page.locator("h1").inner_text() == "Ställ in tvåstegsverifiering"
    assert page.locator(".qr-code svg[role=img]").count() == 1
    assert_accessible(page)

    # A wrong code is refused with a clear message and the same key.
    key = key_on(page)
    page.fill("input[name=code]", "000000" if code_for(key) != "000000" else "111111")
    submit(page)
    assert "Koden stämmer inte" in page.locator("#error-summary").inner_text()
    assert key_on(page) == key
    assert_accessible(page)

    page.fill("input[name=code]", code_for(key))
    submit(page)
    assert page.locator("h1").inner_text() == "Dina reservkoder"
    assert page.locator(".recovery-codes code").count() == 10
    assert_accessible(page)
    submit(page, "main a.button")
    assert page.url == base + "/personal/"

    log_out(page)
    log_in(page, base, "cecilia")
    assert page.url.startswith(base + CODE_PATH)
    assert_accessible(page)
    # The code used at set-up is spent; the app's next one works.
    page.fill("input[name=code]", code_for(key, 1))
    submit(page)
    assert page.url == base + "/personal/"
    assert page.locator(".staff-menu").get_by_text("Mitt konto").count() == 1


def test_a_locked_account_says_so_and_an_administrator_unlocks_it(
    live_server, browser, page, people, settings
):
    settings.LOGIN_MAX_FAILURES = 3
    base = live_server.url
    for _ in range(3):
        log_in(page, base, "cecilia", "fel lösenord")
    message = page.locator("#error-summary").inner_text()
    assert "För många misslyckade inloggningsförsök" in message
    assert "15 minuter till" in message
    assert_accessible(page)
    # The right password does not help while the lock holds.
    log_in(page, base, "cecilia")
    assert page.url.startswith(base + LOGIN_PATH)
    assert "För många misslyckade inloggningsförsök" in page.locator("#error-summary").inner_text()

    admin_context = browser.new_context(locale="sv-SE")
    admin = admin_context.new_page()
    log_in(admin, base, "adam")
    enrol_if_asked(admin)
    admin.goto(base + "/personal/personer/")
    row = admin.locator("tr", has_text="Cecilia Carlsson")
    assert "Låst till" in row.inner_text()
    with admin.expect_navigation():
        row.get_by_role("link", name="Cecilia Carlsson").click()
    submit(admin, "form[action$='/las-upp/'] button")
    assert "Kontot är upplåst." in admin.locator(".messages").inner_text()
    admin_context.close()
    assert not LoginLock.objects.active().exists()

    log_in(page, base, "cecilia")
    assert page.url.startswith(base + ENROL_PATH)


def test_a_recovery_code_works_once(live_server, page, people):
    base = live_server.url
    log_in(page, base, "cecilia")
    _key, codes = enrol_if_asked(page)
    assert len(codes) == 10
    log_out(page)

    log_in(page, base, "cecilia")
    page.fill("input[name=code]", codes[3])
    submit(page)
    assert page.url == base + "/personal/"
    log_out(page)

    log_in(page, base, "cecilia")
    page.fill("input[name=code]", codes[3])
    submit(page)
    assert page.url.startswith(base + CODE_PATH)
    assert "Koden är fel eller har gått ut" in page.locator("#error-summary").inner_text()
    assert_accessible(page)
    assert get_user_model().objects.get(username="cecilia").last_login is not None


@pytest.fixture
def reporter(transactional_db):
    schools = factories.make_organisation("Utbildningsförvaltningen", kind="administration", slug="uf")
    return factories.make_user("rita", schools, (Role.REPORTER,), first_name="Rita", last_name="Rapport")


def test_the_password_rules_refuse_common_and_short_passwords_and_accept_a_strong_one(
    live_server, page, reporter
):
    log_in(page, live_server.url, "rita")
    page.goto(live_server.url + "/personal/konto/losenord/")
    for weak, reason in (("botkyrka", "common"), ("Kort9!", "short")):
        page.fill("input[name=old_password]", PASSWORD)
        page.fill("input[name=new_password1]", weak)
        page.fill("input[name=new_password2]", weak)
        submit(page, "main form:has(input[name=new_password1]) button[type=submit]")
        assert "/personal/konto/losenord/" in page.url, reason
        errors = page.locator(".field-error, .errorlist").all_inner_texts()
        assert errors, f"the {reason} password is refused with a message"
    assert_accessible(page)
    strong = "Ljungbacken ska blomma 2027"
    page.fill("input[name=old_password]", PASSWORD)
    page.fill("input[name=new_password1]", strong)
    page.fill("input[name=new_password2]", strong)
    submit(page, "main form:has(input[name=new_password1]) button[type=submit]")
    assert page.url.endswith("/personal/konto/")
    reporter.refresh_from_db()
    assert reporter.check_password(strong)


def test_an_idle_session_ends_and_asks_for_the_log_in_again(live_server, page, reporter, settings):
    from django.contrib.sessions.backends.db import SessionStore

    from framsteg.accounts import sessions

    log_in(page, live_server.url, "rita")
    page.goto(live_server.url + "/personal/")
    assert page.url.endswith("/personal/")
    # The browser keeps its session cookie; on the server, the session was last used long ago.
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    store = SessionStore(session_key=cookie["value"])
    store[sessions.SEEN] = store[sessions.SEEN] - (settings.SESSION_IDLE_MINUTES * 60 + 5)
    store.save()

    page.goto(live_server.url + "/personal/")
    assert LOGIN_PATH in page.url
    minutes = str(settings.SESSION_IDLE_MINUTES)
    assert minutes in page.locator(".messages").inner_text()  # "logged out after 30 minutes without activity"
    assert_accessible(page)
