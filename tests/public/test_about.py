import pytest
from django.test import override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_it_explains_the_roll_up_rule_and_every_status(client, small_plan):
    html = client.get("/om/").content.decode()
    assert 'id="progress"' in html
    assert "counts as 0 %" in html
    for word in ["Not started", "In progress", "Done", "Cancelled", "Not reported"]:
        assert word in html
    assert "Yes: the report must say why" in html
    assert 'href="/om/tillganglighet/"' in html
    assert 'href="/dokument/politisk-plattform/"' in html


def test_the_accessibility_statement_stub_renders(client, db):
    response = client.get("/om/tillganglighet/")
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()


def test_pages_are_left_to_right_in_swedish(client, db):
    assert (
        '<html lang="sv" dir="ltr">' in client.get("/om/", headers={"accept-language": "sv"}).content.decode()
    )


@override_settings(LANGUAGES=[("sv", "Svenska"), ("en", "English"), ("ar", "العربية")])
def test_pages_are_right_to_left_in_a_bidi_language(client, db):
    with translation.override("ar"):
        html = client.get("/om/", headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
