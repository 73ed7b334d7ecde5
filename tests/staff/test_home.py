from django.urls import reverse

from framsteg.steering.models import FollowUpPeriod
from tests import factories


def test_it_shows_the_open_period_and_the_users_commitments_by_area(small_plan, people, as_user):
    preschool, reading, building = small_plan["commitments"]
    factories.report(preschool, small_plan["period"], "done", 100)
    response = as_user(people["reporter"]).get(reverse("staff:home"))
    html = response.content.decode()
    assert "Utbildningsnämnden" in html
    assert "Skola och förskola" in html
    assert preschool.text in html and reading.text in html
    assert building.text not in html
    assert reverse("staff:report", args=[reading.pk]) in html
    assert response.context["reported"] == 1
    assert response.context["left"] == 1


def test_it_marks_which_commitments_are_reported_in_the_open_period(small_plan, people, as_user):
    preschool, reading, _ = small_plan["commitments"]
    old = factories.make_period("annual", 2025, is_open=False)
    factories.report(reading, old, "in_progress", 30)
    factories.report(preschool, small_plan["period"], "done", 100)
    response = as_user(people["reporter"]).get(reverse("staff:home"))
    rows = {c.pk: c for group in response.context["groups"] for c in group.commitments}
    assert rows[preschool.pk].reported_now
    assert not rows[reading.pk].reported_now
    assert rows[reading.pk].latest.progress == 30


def test_it_says_when_no_period_is_open_and_who_opens_one(small_plan, people, as_user):
    FollowUpPeriod.objects.update(is_open=False)
    html = as_user(people["reporter"]).get(reverse("staff:home")).content.decode()
    assert "No follow-up period is open for reporting." in html
    assert "An administrator opens a period" in html


def test_the_home_page_needs_a_bounded_number_of_queries(
    small_plan, people, as_user, django_assert_max_num_queries
):
    area = small_plan["areas"][0]
    schools = small_plan["organisations"][0]
    for number in range(15):
        commitment = factories.make_commitment(area, f"Åtagande nummer {number}", [schools])
        factories.report(commitment, small_plan["period"])
    client = as_user(people["reporter"])
    # Two of them resolve the user's roles for the staff menu.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("staff:home"))
    assert response.context["total"] == 17
