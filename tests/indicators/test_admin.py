"""The indicator admin: every page opens, history is read-only, candidates become indicator targets."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from framsteg.indicators.models import CarbonBudget, Indicator, Municipality, Target
from framsteg.indicators.services.releases import MeasurementRow, store_release
from framsteg.steering.models import CandidateTarget


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "correct horse battery")
    client.force_login(user)
    return client


@pytest.fixture
def housing(small_plan):
    indicator = Indicator.objects.create(
        name="Färdigställda bostäder",
        slug="bostader",
        unit="bostäder",
        direction="higher",
        source_kind="open",
    )
    indicator.commitments.add(small_plan["commitments"][2])
    store_release(
        indicator,
        "SCB 2025",
        [MeasurementRow("0127", 2024, Decimal("412"), source="SCB")],
        retrieved_at=datetime(2025, 5, 1, tzinfo=UTC),
    )
    Target.objects.create(indicator=indicator, kind="yearly_amount", value=Decimal("500"), year=2026)
    Municipality.objects.create(code="0127", name="Botkyrka")
    CarbonBudget.objects.create(
        name="Budget", start_year=2024, budget_tonnes=Decimal("700000"), emissions=indicator
    )
    return indicator


def candidate(small_plan, text: str, value: str, unit: str, year: int | None) -> CandidateTarget:
    document = small_plan["document"]
    return CandidateTarget.objects.create(
        document=document,
        version=document.versions.get(),
        commitment=small_plan["commitments"][2],
        text=text,
        value=Decimal(value),
        unit=unit,
        year=year,
        context="Genom en hög planberedskap möjliggöra en byggtakt på ca 500 bostäder per år",
        source_start=0,
        source_end=10,
    )


@pytest.mark.parametrize(
    "model", ["indicator", "target", "release", "measurement", "municipality", "carbonbudget"]
)
def test_every_indicator_admin_list_and_detail_page_opens(admin_client, housing, model):
    assert admin_client.get(reverse(f"admin:indicators_{model}_changelist")).status_code == 200
    first = housing._meta.apps.get_model("indicators", model).objects.first()
    assert admin_client.get(reverse(f"admin:indicators_{model}_change", args=[first.pk])).status_code == 200


def test_releases_and_measurements_cannot_be_added_or_changed_in_the_admin(admin_client, housing):
    assert admin_client.get(reverse("admin:indicators_release_add")).status_code == 403
    assert admin_client.get(reverse("admin:indicators_measurement_add")).status_code == 403
    measurement = housing.measurements.get()
    response = admin_client.post(
        reverse("admin:indicators_measurement_change", args=[measurement.pk]), {"value": "1"}
    )
    assert response.status_code == 403
    measurement.refresh_from_db()
    assert measurement.value == Decimal("412")


def test_the_measurement_list_filters_by_current_release_without_a_query_per_row(
    admin_client, housing, django_assert_max_num_queries
):
    url = reverse("admin:indicators_measurement_changelist")
    with django_assert_max_num_queries(12):
        response = admin_client.get(url, {"release__is_current__exact": "1"})
    assert "412" in response.content.decode()


def test_the_indicator_add_page_opens(admin_client, db):
    assert admin_client.get(reverse("admin:indicators_indicator_add")).status_code == 200


def test_making_indicator_targets_first_asks_which_indicator(admin_client, housing, small_plan):
    found = candidate(small_plan, "ca 500 bostäder per år", "500", "bostäder per år", 2026)
    response = admin_client.post(
        reverse("admin:steering_candidatetarget_changelist"),
        {"action": "make_indicator_targets", "_selected_action": [found.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<select name="indicator"' in page
    assert "Färdigställda bostäder" in page
    assert not Target.objects.filter(candidate__isnull=False).exists()


def test_making_indicator_targets_creates_a_target_linked_to_the_candidate(admin_client, housing, small_plan):
    found = candidate(small_plan, "ca 500 bostäder per år", "500", "bostäder per år", 2026)
    response = admin_client.post(
        reverse("admin:steering_candidatetarget_changelist"),
        {
            "action": "make_indicator_targets",
            "_selected_action": [found.pk],
            "apply": "1",
            "indicator": housing.pk,
        },
    )
    assert response.status_code == 302
    target = Target.objects.get(candidate__isnull=False)
    assert (target.indicator, target.candidate, target.year) == (housing, found, 2026)
    assert target.kind == Target.Kind.YEARLY_AMOUNT and target.value == Decimal("500")


def test_a_candidate_without_a_year_gets_the_year_given_on_the_page_or_an_error(
    admin_client, housing, small_plan
):
    found = candidate(small_plan, "ca 500 bostäder per år", "500", "bostäder per år", None)
    url = reverse("admin:steering_candidatetarget_changelist")
    data = {
        "action": "make_indicator_targets",
        "_selected_action": [found.pk],
        "apply": "1",
        "indicator": housing.pk,
    }
    response = admin_client.post(url, data, follow=True)
    assert not Target.objects.filter(candidate__isnull=False).exists()
    assert "ca 500 bostäder per år" in response.content.decode()
    admin_client.post(url, {**data, "year": "2026"})
    assert Target.objects.get(candidate=found).year == 2026


def test_the_candidate_target_list_still_has_the_steering_columns(admin_client, small_plan):
    candidate(small_plan, "ca 500 bostäder per år", "500", "bostäder per år", 2026)
    response = admin_client.get(reverse("admin:steering_candidatetarget_changelist"))
    assert response.status_code == 200
    assert "ca 500 bostäder per år" in response.content.decode()
