"""Headless Chromium for accessibility checks and screenshots.

Uses Debian's /usr/bin/chromium through Playwright (never a downloaded browser). Without Chromium the tests
skip on a developer's machine and fail in CI, where `make ci` installs it.
"""

import importlib
import os
import shutil

import pytest
from django.core.management import call_command

from tests import factories

CHROMIUM = os.environ.get("FRAMSTEG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing (make tools installs it).")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are
    # ordinary synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def no_map_tiles_from_the_internet(settings):
    """The street maps draw no tiles in browser tests unless a test points them at a local stand-in
    (tests/browser/test_street_map.py): no test touches the internet."""
    settings.MAP_TILE_URL = ""


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def restore_default_statuses() -> None:
    """Transactional tests empty every table between tests, the vocabulary from the data migrations too."""
    from django.apps import apps

    for name, function in [
        ("0002_default_statuses", "create_statuses"),
        ("0003_status_descriptions", "describe_statuses"),
        ("0008_reporting_review_and_status_marks", "mark_statuses"),
    ]:
        migration = importlib.import_module(f"framsteg.steering.migrations.{name}")
        getattr(migration, function)(apps, None)


@pytest.fixture
def botkyrka_with_reports(transactional_db):
    """The bundled Botkyrka plan with a few reports, so pages show statuses, history and a correction."""
    from framsteg.organisations.models import Organisation
    from framsteg.steering.models import Commitment, FollowUpPeriod

    restore_default_statuses()
    call_command("load_botkyrka", verbosity=0)
    period = FollowUpPeriod.open_period()
    schools = Organisation.objects.get(slug="utbildningsnamnden")
    reporter = factories.make_user("anna", schools)
    reporter.is_superuser = True
    reporter.is_staff = True
    reporter.save()
    commitments = list(
        Commitment.objects.filter(document__kind="platform").order_by("area__position", "position")
    )
    codes = ["in_progress", "done", "delayed", "partly_done", "not_started", "cancelled", "cannot_assess"]
    for index, commitment in enumerate(commitments[:24]):
        code = codes[index % len(codes)]
        extra = {"reason": "Ersatt av ett nytt uppdrag i budgeten"} if code == "cancelled" else {}
        factories.report(
            commitment,
            period,
            code,
            None if code in ("cancelled", "cannot_assess") else (index * 17) % 101,
            author=reporter,
            comment="Arbetet följs upp i nämnden.",
            **extra,
        )
    first = factories.report(commitments[0], period, "in_progress", 60, author=reporter)
    factories.report(
        commitments[0],
        period,
        "in_progress",
        50,
        author=reporter,
        corrects=first,
        correction_note="Fel procentsats angavs.",
    )
    return {"commitments": commitments, "reporter": reporter}
