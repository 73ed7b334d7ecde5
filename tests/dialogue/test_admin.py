"""The admin sets up categories and routing; cases and API keys can be looked at there but not edited."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from framsteg.dialogue.models import ApiKey, CaseEvent, CategoryQuestion
from framsteg.dialogue.services.apikeys import create_key
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
    "model",
    [
        "places_district",
        "dialogue_category",
        "dialogue_responsepromise",
        "dialogue_routingrule",
        "dialogue_case",
        "dialogue_apikey",
    ],
)
def test_every_list_opens(admin_client, case, model):
    create_key("Testklient")
    factories.make_promise()
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_a_category_shows_its_questions_and_routing_rules(admin_client, case):
    response = admin_client.get(reverse("admin:dialogue_category_change", args=[case.category.pk]))
    assert response.status_code == 200
    assert "Hur många lampor är släckta?" in response.text
    assert "routing_rules-TOTAL_FORMS" in response.text


def category_form(category, question: CategoryQuestion, **changes) -> dict:
    """The admin's change form for a category with one question, as a browser would send it."""
    data = {
        "kind": category.kind,
        "name": category.name,
        "code": category.code,
        "translations": json.dumps(category.translations),
        "description": category.description,
        "description_translations": json.dumps(category.description_translations),
        "keywords": category.keywords,
        "organisation": "",
        "position": category.position,
        "is_active": "on",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "1",
        "questions-0-id": question.pk,
        "questions-0-category": category.pk,
        "questions-0-position": question.position,
        "questions-0-code": question.code,
        "questions-0-label": question.label,
        "questions-0-datatype": question.datatype,
        "questions-0-choices": json.dumps(question.choices),
        "questions-0-translations": json.dumps(question.translations),
        "routing_rules-TOTAL_FORMS": "0",
        "routing_rules-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_descriptions_and_questions_are_translated_in_the_admin(admin_client, case):
    category, question = case.category, case.category.questions.get()
    url = reverse("admin:dialogue_category_change", args=[category.pk])

    response = admin_client.post(
        url,
        category_form(
            category,
            question,
            description_translations='{"en": "Street lights that are out."}',
            **{"questions-0-translations": '{"en": {"label": "How many lights are out?"}}'},
        ),
    )

    assert response.status_code == 302
    category.refresh_from_db()
    question.refresh_from_db()
    assert category.description_translations == {"en": "Street lights that are out."}
    assert question.translations == {"en": {"label": "How many lights are out?"}}


def test_malformed_translations_are_refused_in_the_admin(admin_client, case):
    category, question = case.category, case.category.questions.get()
    url = reverse("admin:dialogue_category_change", args=[category.pk])

    response = admin_client.post(
        url,
        category_form(
            category,
            question,
            description_translations='{"de": "Kaputte Lampen."}',
            **{"questions-0-translations": '{"en": {"choices": {"kanske": "Maybe"}}}'},
        ),
    )

    assert response.status_code == 200
    assert "errornote" in response.text
    assert "kanske" in response.text
    category.refresh_from_db()
    assert category.description_translations == {}


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


def test_a_category_can_publish_clean_texts_at_once_but_does_not_by_default(admin_client, case):
    assert case.category.publish_when_clean is False
    response = admin_client.get(reverse("admin:dialogue_category_change", args=[case.category.pk]))
    assert 'name="publish_when_clean"' in response.content.decode()
