"""The admin sets up categories and routing; cases and API keys can be looked at there but not edited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from framsteg.dialogue.apikeys import create_key
from framsteg.dialogue.models import ApiKey, CaseEvent
from tests.dialogue import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = factories.make_case(district=factories.make_district())
    factories.make_question(case.category)
    factories.make_photo(case)
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, text="Intern anteckning")
    return case


@pytest.mark.parametrize(
    "model", ["district", "category", "responsepromise", "routingrule", "case", "apikey"]
)
def test_every_list_opens(admin_client, case, model):
    create_key("Testklient")
    factories.make_promise()
    assert admin_client.get(reverse(f"admin:dialogue_{model}_changelist")).status_code == 200


def test_a_category_shows_its_questions_and_routing_rules(admin_client, case):
    response = admin_client.get(reverse("admin:dialogue_category_change", args=[case.category.pk]))
    assert response.status_code == 200
    assert "Hur många lampor är släckta?" in response.text
    assert "routing_rules-TOTAL_FORMS" in response.text


def test_a_case_is_shown_with_its_events_but_cannot_be_changed(admin_client, case):
    url = reverse("admin:dialogue_case_change", args=[case.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Intern anteckning" in response.text
    assert 'name="_save"' not in response.text
    admin_client.post(url, {"description": "Ändrad"})
    case.refresh_from_db()
    assert case.description != "Ändrad"
    assert admin_client.get(reverse("admin:dialogue_case_add")).status_code == 403


def test_cases_are_found_by_reference(admin_client, case):
    other = factories.make_case()
    response = admin_client.get(reverse("admin:dialogue_case_changelist"), {"q": case.reference})
    assert response.context["cl"].result_count == 1
    assert list(response.context["cl"].result_list) == [case]
    assert other.reference != case.reference


def test_api_keys_can_be_revoked_but_not_edited(admin_client):
    key, _plaintext = create_key("Testklient")
    assert admin_client.get(reverse("admin:dialogue_apikey_add")).status_code == 403
    admin_client.post(
        reverse("admin:dialogue_apikey_changelist"), {"action": "revoke", "_selected_action": [key.pk]}
    )
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
