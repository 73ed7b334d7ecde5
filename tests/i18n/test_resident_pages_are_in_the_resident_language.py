"""Every page a resident can reach, in Arabic and Somali, shows no interface text in English or Swedish
outside an element marked with its language (`lang`). Content that exists only in Swedish is allowed when it
is marked `lang="sv"`."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from framsteg.core.errors import error_page, too_many_requests
from tests.access.test_matrix import world  # noqa: F401  (the matrix's sample objects)
from tests.i18n.pages import extra_resident_paths, resident_paths
from tests.i18n.visible_text import foreign_text, unisolated_references, unmarked_texts

RESIDENT_LANGUAGES = ["ar", "so"]


def page_in(client: Client, path: str, language: str):
    response = client.get(path, headers={"accept-language": language})
    return response


@pytest.mark.parametrize("language", RESIDENT_LANGUAGES)
def test_every_resident_page_speaks_the_residents_language(world, language):  # noqa: F811
    paths = resident_paths(world["args"]) + extra_resident_paths(world)
    assert len(paths) >= 20, paths
    client = Client()
    problems = {}
    checked = 0
    for path in paths:
        response = page_in(client, path, language)
        assert response.status_code == 200, path
        if not response["Content-Type"].startswith("text/html"):
            continue
        checked += 1
        page = response.content.decode()
        assert f'<html lang="{language}"' in page, path
        if findings := foreign_text(page, language):
            problems[path] = [str(finding) for finding in findings]
        if references := unisolated_references(page):
            problems.setdefault(path, []).append(f"not isolated left to right: {references}")
    assert checked >= 18
    assert not problems, "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())


@pytest.mark.parametrize("language", RESIDENT_LANGUAGES)
def test_the_error_pages_speak_the_residents_language(db, language):
    client = Client()
    pages = {
        404: client.get("/finns-inte/", headers={"accept-language": language}),
        400: client.get("/sok/?q=%00", headers={"accept-language": language}),
    }
    csrf_client = Client(enforce_csrf_checks=True)
    pages[403] = csrf_client.post(
        "/anmal/felanmalan/", {"description": "x"}, headers={"accept-language": language}
    )
    with translation.override(language):
        pages[429] = too_many_requests(150)
        pages[500] = error_page(500)
    for status, response in pages.items():
        assert response.status_code == status
        page = response.content.decode()
        assert f'<html lang="{language}"' in page, status
        assert not foreign_text(page, language), (status, [str(f) for f in foreign_text(page, language)])
    assert pages[429]["Retry-After"] == "150"


def test_the_check_finds_a_string_left_untranslated(world, monkeypatch):  # noqa: F811
    """Remove one Arabic translation the search page uses: the check must name what then shows."""
    client = Client()
    assert not foreign_text(page_in(client, "/sok/", "ar").content.decode(), "ar")

    with translation.override("ar"):
        catalogue = trans_real.translation("ar")._catalog
        heading = catalogue["Find a commitment"]
        monkeypatch.setitem(catalogue, "Find a commitment", "Find a commitment")
        assert translation.gettext("Find a commitment") == "Find a commitment"
    page = page_in(client, "/sok/", "ar").content.decode()
    found = [str(finding) for finding in foreign_text(page, "ar")]
    assert any("Find a commitment" in text for text in found), found
    assert heading not in page


def test_the_check_finds_a_msgid_without_translation_and_accepts_marked_text(db):
    with translation.override("so"):
        page = Template(
            '{% load i18n %}<html lang="so"><body><p>{% translate "Staff log-in" %}</p>'
            '<p>{% translate "Import a document" %}</p>'
            '<p lang="en">The quick report was sent to the committee</p>'
            '<p lang="sv">Fler barn ska börja förskolan</p></body></html>'
        ).render(Context())
    found = foreign_text(page, "so")
    # "Import a document" has no Somali translation: it shows in Swedish, the default language.
    assert [finding.text for finding in found] == ["Importera ett dokument"], found
    assert "The quick report was sent to the committee" not in " ".join(unmarked_texts(page))


def test_english_in_a_page_is_found():
    page = '<html lang="ar"><body><p>انتقل إلى المحتوى</p><p>Show all commitments now</p></body></html>'
    assert [finding.text for finding in foreign_text(page, "ar")] == ["Show all commitments now"]


def test_a_reference_outside_an_isolating_element_is_found():
    page = (
        '<html lang="ar" dir="rtl"><body><p>البلاغ 2026-00005</p>'
        '<p>البلاغ <bdi dir="ltr">2026-00006</bdi> والالتزام 1.12</p></body></html>'
    )
    assert unisolated_references(page) == ["2026-00005"]
