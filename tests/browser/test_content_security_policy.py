"""In Chromium the site works under its Content-Security-Policy: the main public, resident, staff and admin
pages cause no violation, and the API documentation lists its operations with every address but the
site's own blocked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from framsteg.dialogue.models import Case
from tests.browser.second_factor import enrol_if_asked
from tests.browser.test_accessibility import public_paths

pytestmark = pytest.mark.browser

# Registered before any page script runs; the browser reports every refused load or inline code here.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"} (${where})`);
});
"""


def keep_local(page, base: str) -> list[str]:
    """Answer every request for another host with a network error (no test touches the internet: map tiles
    included); returns the addresses asked for."""
    local = urlsplit(base).hostname
    outside: list[str] = []

    def only_local(route):
        if urlsplit(route.request.url).hostname in (local, "localhost", "127.0.0.1"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", only_local)
    return outside


def watch(page) -> list[str]:
    """Violations as the console reports them (also those raised before the page's own listener)."""
    seen: list[str] = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return seen


def visit(page, url: str, seen: list[str]) -> None:
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__violations") + seen
    assert violations == [], f"{url}: {violations}"
    seen.clear()


def log_in(page, base: str) -> None:
    page.goto(base + "/personal/logga-in/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    enrol_if_asked(page)


def test_public_resident_staff_and_admin_pages_cause_no_violation(live_server, page, botkyrka_with_reports):
    from tests.dialogue.factories import make_case

    seen = watch(page)
    base = live_server.url
    keep_local(page, base)
    case = Case.objects.first() or make_case()
    resident = ["/anmal/", "/anmal/felanmalan/", "/anmal/synpunkt/", "/anmal/trygghet/", "/anmalningar/"]
    for path in [*public_paths(), *resident, f"/arende/{case.follow_token}/", "/api/v1/docs"]:
        visit(page, base + path, seen)
    # Right to left: the bars are mirrored with a stylesheet, not inline.
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": base}])
    visit(page, base + "/", seen)
    page.context.clear_cookies()

    log_in(page, base)
    commitment = botkyrka_with_reports["commitments"][0]
    staff = [
        "/personal/",
        f"/personal/rapportera/{commitment.pk}/",
        "/personal/rapportera/",
        "/personal/ej-rapporterade/",
        "/personal/arenden/",
        f"/personal/arenden/{case.reference}/",
        "/personal/arenden/statistik/",
        "/personal/logg/",
        "/personal/personer/",
        "/admin/",
        "/admin/dialogue/case/",
        f"/admin/dialogue/case/{case.pk}/change/",
        "/admin/dialogue/category/add/",
        "/admin/audit/auditentry/",
    ]
    for path in staff:
        visit(page, base + path, seen)


def test_the_api_documentation_works_offline(live_server, page):
    """Swagger UI comes from the site's own static files: with every other host unreachable it still lists
    the API's operations, and it asks no other host for anything."""
    seen = watch(page)
    outside = keep_local(page, live_server.url)
    response = page.goto(live_server.url + "/api/v1/docs")
    assert response.ok
    page.wait_for_selector(".opblock", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/areas" in [path.replace("\u200b", "") for path in paths]
    assert len(paths) >= 5
    violations = page.evaluate("window.__violations") + seen
    assert violations == []
    assert outside == []
