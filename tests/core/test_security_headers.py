"""Every response carries a strict Content-Security-Policy and a Permissions-Policy, and no page holds the
inline code that policy would refuse; in production every cookie is Secure and SameSite."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.test import Client

from framsteg.core import middleware
from framsteg.core.access import Role
from tests import factories
from tests.dialogue.factories import make_case, make_category, make_districts

REQUIRED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
    "img-src": {"'self'", "data:"},
    "connect-src": {"'self'"},
}


def parse_policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = sources
    return directives


DATA_BLOCKS = ("application/json", "application/ld+json")


class InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' refuses: script and style elements with content,
    style attributes, event handler attributes and javascript: links."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self._inside = "style"
        # A data block (JSON for a script loaded from a file) is never executed.
        elif tag == "script" and "src" not in attributes and attributes.get("type") not in DATA_BLOCKS:
            self._inside = "script"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._inside = None

    def handle_data(self, data):
        if self._inside and data.strip():
            self.found.append(f"<{self._inside}>{data.strip()[:60]}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def site(db):
    schools = factories.make_organisation()
    document = factories.make_document()
    area = factories.make_area(document)
    commitment = factories.make_commitment(area)
    period = factories.make_period()
    reporter = factories.make_user("rita", schools, (Role.REPORTER,))
    factories.report(commitment, period, "in_progress", 40, author=reporter)
    make_districts()
    make_category()
    case = make_case()
    klf = factories.make_organisation("Kommunledningsförvaltningen", kind="administration", slug="klf")
    admin = factories.make_user("adam", klf, (Role.ADMINISTRATOR,))
    return {"area": area, "commitment": commitment, "case": case, "admin": admin, "document": document}


def public_paths(site) -> list[str]:
    return [
        "/",
        site["area"].get_absolute_url(),
        site["commitment"].get_absolute_url(),
        site["document"].get_absolute_url(),
        "/dokument/",
        "/sok/?q=skola",
        "/om/",
        "/indikatorer/",
        "/anmal/",
        "/anmal/felanmalan/",
        "/anmal/synpunkt/",
        "/anmal/trygghet/",
        "/anmalningar/",
        f"/arende/{site['case'].follow_token}/",
        "/api/v1/docs",
        "/personal/logga-in/",
        "/sidan-finns-inte/",
    ]


def staff_paths(site) -> list[str]:
    case = site["case"]
    return [
        "/personal/",
        "/personal/arenden/",
        f"/personal/arenden/{case.reference}/",
        "/personal/arenden/statistik/",
        "/personal/rapportera/",
        f"/personal/rapportera/{site['commitment'].pk}/",
        "/personal/logg/",
        "/personal/personer/",
    ]


ADMIN_PATHS = [
    "/admin/",
    "/admin/audit/auditentry/",
    "/admin/dialogue/case/",
    "/admin/dialogue/category/add/",
]


def test_every_page_carries_the_strict_policy_and_no_inline_code(site):
    client = Client()
    for path in public_paths(site):
        response = client.get(path)
        assert response.status_code in (200, 404), f"{path} answered {response.status_code}"
        policy = parse_policy(response["Content-Security-Policy"])
        for directive, sources in REQUIRED.items():
            assert sources <= set(policy[directive]), f"{path}: {directive} {policy[directive]}"
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert inline_code(response.content.decode()) == [], path

    client.force_login(site["admin"])
    for path in staff_paths(site):
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        assert parse_policy(response["Content-Security-Policy"])["style-src"] == ["'self'"]
        assert inline_code(response.content.decode()) == [], path


def test_the_admin_works_under_the_same_policy(site):
    """Django's admin loads its scripts from files: it needs no exception from the policy."""
    client = Client()
    client.force_login(site["admin"])
    for path in ADMIN_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Security-Policy"] == Client().get("/")["Content-Security-Policy"]
        assert inline_code(response.content.decode()) == [], path


def test_the_api_documentation_is_served_from_the_sites_own_files(site):
    html = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_an_app_adds_an_origin_for_its_images(site, monkeypatch):
    monkeypatch.setattr(middleware, "_extra_sources", {})
    monkeypatch.setattr(middleware, "_built", {})
    middleware.allow_source("img-src", "https://{s}.tile.example.se/{z}/{x}/{y}.png")
    middleware.allow_source("connect-src", "http://127.0.0.1:8765")
    middleware.allow_source("img-src", "https://*.tile.example.se")  # once only
    policy = parse_policy(Client().get("/")["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'", "data:", "https://*.tile.example.se"]
    assert policy["connect-src"] == ["'self'", "http://127.0.0.1:8765"]
    assert policy["script-src"] == ["'self'"]
    with pytest.raises(ValueError):
        middleware.allow_source("script-src", "javascript:alert(1)")
    with pytest.raises(ValueError):
        middleware.allow_source("frame-ancestors", "https://example.se")


def test_djangos_debug_pages_keep_their_inline_code_in_development_only(site, settings):
    settings.DEBUG = True
    response = Client().get("/sidan-finns-inte/")
    assert response.status_code == 404 and "Content-Security-Policy" not in response
    assert Client().get("/")["Content-Security-Policy"]
    settings.DEBUG = False
    assert Client().get("/sidan-finns-inte/")["Content-Security-Policy"]


def test_permissions_policy_refuses_what_no_page_uses(site):
    response = Client().get("/anmal/felanmalan/")
    features = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "payment", "usb", "serial", "display-capture"):
        assert features[feature] == "()"
    # The report form offers "use my position".
    assert features["geolocation"] == "(self)"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


COOKIES_IN_PRODUCTION = r"""
import json

import django

django.setup()
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory

found = {}


def note(response):
    for name, morsel in response.cookies.items():
        found[name] = {
            "secure": bool(morsel["secure"]),
            "samesite": morsel["samesite"],
            "httponly": bool(morsel["httponly"]),
        }


# The language form, as a resident changes language.
note(Client(HTTP_HOST="plan.example.se").post("/i18n/setlang/", {"language": "fi", "next": "/"}, secure=True))


def view(request):
    get_token(request)
    request.session["seen"] = True
    messages.info(request, "saved")
    return HttpResponse("ok")


# The session, CSRF and messages cookies through Django's own middleware with the production settings (the
# sessions stored in a signed cookie here only so that no database is needed).
chain = SessionMiddleware(MessageMiddleware(CsrfViewMiddleware(view)))
chain.SessionStore = SessionStore
request = RequestFactory().get("/", secure=True, HTTP_HOST="plan.example.se")
note(chain(request))
print(json.dumps(found))
"""


def test_every_cookie_is_secure_and_same_site_in_production(tmp_path):
    """Settings are read at start, so production runs in its own process, as `framsteg` would."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent.parent
    configuration = ("FRAMSTEG_", "DATABASE_URL", "DJANGO_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(configuration)}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "framsteg.settings",
        "FRAMSTEG_VAR_DIR": str(tmp_path / "var"),
        "FRAMSTEG_PRODUCTION": "1",
        "FRAMSTEG_SECRET_KEY": "k7#Xq" * 10,
        "FRAMSTEG_ALLOWED_HOSTS": "plan.example.se",
        "FRAMSTEG_SITE_URL": "https://plan.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", COOKIES_IN_PRODUCTION],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    cookies = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"csrftoken", "django_language", "sessionid", "messages"} <= cookies.keys(), cookies
    for name, flags in cookies.items():
        assert flags["secure"], f"{name} is not Secure"
        assert flags["samesite"] in ("Lax", "Strict"), f"{name} has SameSite={flags['samesite']!r}"
    for name in ("sessionid", "csrftoken", "django_language", "messages"):
        assert cookies[name]["httponly"], f"{name} is readable by scripts"
