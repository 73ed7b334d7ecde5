"""`make run` loads the bundled Botkyrka data at every start: it adds what is missing and never overwrites
what staff configured in the admin (categories and their translations and questions, promises, districts,
organisations, documents, indicators and their targets)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from framsteg.dialogue.models import CaseKind, Category, CategoryQuestion, ResponsePromise
from framsteg.indicators.models import Indicator, Municipality, Target
from framsteg.organisations.models import Organisation
from framsteg.places.models import District
from framsteg.steering.models import Commitment, FollowUpPeriod, SteeringDocument

CONFIGURED = [
    Organisation,
    SteeringDocument,
    Commitment,
    FollowUpPeriod,
    District,
    Category,
    CategoryQuestion,
    ResponsePromise,
    Indicator,
    Indicator.areas.through,
    Indicator.commitments.through,
    Municipality,
    Municipality.members.through,
    Target,
]


def everything() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in CONFIGURED}


@pytest.fixture
def botkyrka(db):
    call_command("load_botkyrka", verbosity=0)


def test_what_staff_changed_survives_loading_again(botkyrka):
    lights = Category.objects.get(code="gatubelysning")
    lights.name = "Belysning"
    lights.translations = {"en": "Lighting", "fi": "Valaistus"}
    lights.description = "Lampor och belysning i hela kommunen."
    lights.description_translations = {"en": "Lamps and lighting."}
    lights.keywords = "lampa"
    lights.organisation = Organisation.objects.get(slug="kommunledningsforvaltningen")
    lights.save()
    question = lights.questions.get(code="antal")
    question.label = "Antal trasiga lampor"
    question.translations = {"en": {"label": "Broken lamps"}}
    question.save()
    ResponsePromise.objects.filter(kind=CaseKind.FAULT, category=None).update(
        confirm_within=1, answer_within=5
    )
    ResponsePromise.objects.filter(category__code="klotter").update(answer_within=2)
    District.objects.filter(slug=District.objects.order_by("slug").first().slug).update(name="Vårt namn")
    Organisation.objects.filter(slug="polisen").update(name="Polisen Botkyrka", keywords="polis")
    SteeringDocument.objects.filter(slug="ett-hallbart-botkyrka").update(title="Hållbart Botkyrka")
    indicator = Indicator.objects.order_by("slug").first()
    Indicator.objects.filter(pk=indicator.pk).update(name="Vårt mått", description="Som vi mäter det.")
    indicator.areas.clear()
    Target.objects.filter(pk=Target.objects.order_by("pk").first().pk).update(value=Decimal("42"))
    FollowUpPeriod.objects.update(is_open=False)
    before = everything()

    call_command("load_botkyrka", verbosity=0)
    call_command("load_botkyrka_indicators", verbosity=0)

    after = everything()
    for name, rows in before.items():
        assert after[name] == rows, f"{name} changed"
    assert Category.objects.get(code="gatubelysning").name == "Belysning"
    assert ResponsePromise.objects.get(kind=CaseKind.FAULT, category=None).answer_within == 5


def test_what_staff_deleted_comes_back(botkyrka):
    complete = {name: len(rows) for name, rows in everything().items()}
    Category.objects.get(code="klotter").delete()
    ResponsePromise.objects.get(kind=CaseKind.FEEDBACK, category=None).delete()
    Target.objects.order_by("pk").first().delete()
    Indicator.objects.exclude(releases__isnull=False).order_by("slug").first().delete()

    call_command("load_botkyrka", verbosity=0)

    assert {name: len(rows) for name, rows in everything().items()} == complete
    graffiti = Category.objects.get(code="klotter")
    assert graffiti.name == "Klotter" and graffiti.questions.exists()
    assert ResponsePromise.objects.get(kind=CaseKind.FEEDBACK, category=None).answer_within == 10


def test_a_deleted_organisation_comes_back(botkyrka):
    Organisation.objects.filter(slug="polisen").delete()
    call_command("load_botkyrka", verbosity=0)
    assert Organisation.objects.get(slug="polisen").name == "Polisen"
