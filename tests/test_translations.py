"""Swedish and Finnish are complete: every interface string has a translation, none is left fuzzy.

Arabic and Somali are complete for everything a resident can reach: the page frame, the plan, the documents,
the indicators, search, the report forms, the confirmation and follow pages, the public list of reports, the
error pages and the e-mails sent to residents. Only the staff pages fall back to English in those two.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from framsteg.steering.models import Status

LOCALE_DIR = Path(settings.BASE_DIR) / "framsteg" / "locale"
REQUIRED = ["sv", "fi"]
RESIDENT_LANGUAGES = ["ar", "so"]
# The files whose strings residents read, relative to framsteg/.
RESIDENT_FILES = [
    "core/templates/base.html",
    "core/templates/includes/*.html",
    "core/templates/core/*.html",
    "core/templates/core/forms/*.html",
    "core/navigation.py",
    "core/errors.py",
    "core/django_strings.py",
    "core/templates/errors/*.html",
    "core/templates/503.html",
    "core/templates/core/outage_base.html",
    "core/outage.py",
    "accounts/templates/accounts/staff/login.html",
    "core/context_processors.py",
    "core/templatetags/*.py",
    "core/panels.py",
    "core/ratelimits.py",
    "core/middleware.py",
    "dialogue/templates/dialogue/*.html",
    "dialogue/templates/dialogue/public/*.html",
    "dialogue/templates/dialogue/resident/*.html",
    "dialogue/templates/dialogue/email/answer*.txt",
    "dialogue/templates/dialogue/email/received*.txt",
    "dialogue/templates/dialogue/email/receipt*.txt",
    "dialogue/templates/dialogue/email/status*.txt",
    "dialogue/templatetags/*.py",
    "dialogue/services/followup.py",
    "dialogue/models.py",
    "dialogue/forms/resident.py",
    "dialogue/photos.py",
    "dialogue/ratelimit.py",
    "dialogue/selectors/publicity.py",
    "dialogue/django_strings.py",
    "dialogue/views/public/*.py",
    "dialogue/views/resident/*.py",
    "dialogue/services/intake.py",
    "steering/templates/steering/public/**/*.html",
    "steering/models.py",
    "steering/progress.py",
    "steering/templatetags/*.py",
    "steering/views/public/*.py",
    "indicators/templates/indicators/public/**/*.html",
    "indicators/models.py",
    "indicators/views/public.py",
    "indicators/templatetags/*.py",
    "indicators/charts.py",
    "indicators/assessment.py",
    "indicators/judgement.py",
    "indicators/panels.py",
    "indicators/carbon.py",
    "organisations/models.py",
    "places/models.py",
    "situation/templates/situation/public/*.html",
    "situation/views/public/*.py",
    "situation/selectors/public.py",
    "following/templates/following/public/*.html",
    "following/templates/following/email/*.txt",
    "following/forms.py",
    "following/views/public.py",
    "following/apps.py",
]


def catalogue(directory: Path, language: str):
    with (directory / language / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        return read_po(po_file, locale=language)


def msgids(catalog) -> set:
    return {message.id for message in catalog if message.id}


@pytest.mark.parametrize("language", REQUIRED)
def test_every_string_is_translated(language):
    catalog = catalogue(LOCALE_DIR, language)
    missing = [
        message.id
        for message in catalog
        if message.id
        and (not message.string or (isinstance(message.string, tuple) and not all(message.string)))
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("language", REQUIRED + RESIDENT_LANGUAGES)
def test_placeholders_survive_translation(language):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for message in catalogue(LOCALE_DIR, language):
        if not message.id or message.pluralizable or not message.string:
            continue
        assert sorted(placeholder.findall(message.id)) == sorted(placeholder.findall(message.string)), (
            message.id
        )


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_the_catalogues_hold_every_string_in_the_code(tmp_path):
    """Extract the strings afresh and compare, so a string added without a translation is caught."""
    copy = tmp_path / "framsteg"
    shutil.copytree(
        Path(settings.BASE_DIR) / "framsteg", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    # With a locale directory of its own, makemessages writes there and not into the real catalogues.
    (copy / "locale").mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "framsteg", "makemessages", "-l", "sv", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = msgids(catalogue(copy / "locale", "sv"))
    for language in REQUIRED:
        missing = fresh - msgids(catalogue(LOCALE_DIR, language))
        assert not missing, f"{language}: run `make messages` and translate {sorted(missing)[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_arabic_and_somali_hold_every_string_residents_read(tmp_path):
    source = Path(settings.BASE_DIR) / "framsteg"
    copy = tmp_path / "resident"
    for pattern in RESIDENT_FILES:
        assert list(source.glob(pattern)), f"RESIDENT_FILES names {pattern}, which matches no file"
        for path in source.glob(pattern):
            target = copy / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "framsteg", "makemessages", "-l", "sv", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    resident = msgids(catalogue(copy / "locale", "sv"))
    assert len(resident) > 100
    for language in RESIDENT_LANGUAGES:
        translated = {
            message.id
            for message in catalogue(LOCALE_DIR, language)
            if message.id
            and message.string
            and not message.fuzzy
            and (not isinstance(message.string, tuple) or all(message.string))
        }
        missing = resident - translated
        assert not missing, (
            f"{language}: {len(missing)} strings residents read are untranslated: {sorted(missing)[:5]}"
        )


@pytest.mark.parametrize("language", REQUIRED + RESIDENT_LANGUAGES)
def test_no_translation_is_fuzzy(language):
    assert not [message.id for message in catalogue(LOCALE_DIR, language) if message.id and message.fuzzy]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("", "Åtaganden"), ("sv", "Åtaganden"), ("fi", "Sitoumukset"), ("en", "Commitments")],
)
def test_pages_speak_swedish_first_and_the_visitors_language_when_asked(
    small_plan, client, accept_language, expected
):
    headers = {"accept-language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert f">{expected}</a>" in response.content.decode()


def test_a_form_error_comes_in_swedish_by_default(small_plan, client):
    client.force_login(small_plan["reporter"])
    commitment = small_plan["commitments"][0]
    response = client.post(
        f"/personal/rapportera/{commitment.pk}/",
        {"status": Status.objects.get(code="cancelled").pk, "progress": "10", "comment": "Stopp"},
    )
    assert "Skriv en motivering" in response.content.decode()
    assert "Stopp" in response.content.decode()
