import pytest
from django.urls import reverse

from framsteg.steering.models import StatusUpdate
from tests import factories


@pytest.fixture
def update(small_plan):
    return factories.report(
        small_plan["commitments"][0], small_plan["period"], "in_progress", 40, comment="Original"
    )


def test_the_admin_shows_a_status_update_but_cannot_change_it(people, update, as_user):
    client = as_user(people["superuser"])
    url = reverse("admin:steering_statusupdate_change", args=[update.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="comment"' not in page.content.decode()
    client.post(url, {"comment": "Ändrad", "progress": 90})
    update.refresh_from_db()
    assert (update.comment, update.progress) == ("Original", 40)


def test_the_admin_cannot_delete_or_add_a_status_update(people, update, as_user):
    client = as_user(people["superuser"])
    assert client.get(reverse("admin:steering_statusupdate_delete", args=[update.pk])).status_code == 403
    assert client.get(reverse("admin:steering_statusupdate_add")).status_code == 403
    changelist = client.get(reverse("admin:steering_statusupdate_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert StatusUpdate.objects.filter(pk=update.pk).exists()


def test_a_commitment_shows_its_status_history_read_only(small_plan, people, update, as_user):
    url = reverse("admin:steering_commitment_change", args=[small_plan["commitments"][0].pk])
    html = as_user(people["superuser"]).get(url).content.decode()
    assert "Original" in html
    assert "status_updates-0-comment" not in html


@pytest.mark.parametrize(
    "name",
    [
        "steering_status",
        "steering_steeringdocument",
        "steering_documentversion",
        "steering_area",
        "steering_commitment",
        "steering_responsibility",
        "steering_commitmentrevision",
        "steering_candidatetarget",
        "steering_followupperiod",
        "steering_statusupdate",
        "steering_evidence",
        "steering_documentlink",
        "organisations_organisation",
        "organisations_membership",
        "auth_user",
    ],
)
def test_every_model_has_a_working_list_in_the_admin(small_plan, people, update, as_user, name):
    assert as_user(people["superuser"]).get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_opening_a_period_closes_the_open_one(small_plan, people, as_user):
    later = factories.make_period("interim", 2026, is_open=False)
    as_user(people["superuser"]).post(
        reverse("admin:steering_followupperiod_changelist"),
        {"action": "open_for_reporting", "_selected_action": [later.pk]},
    )
    later.refresh_from_db()
    small_plan["period"].refresh_from_db()
    assert later.is_open and not small_plan["period"].is_open
