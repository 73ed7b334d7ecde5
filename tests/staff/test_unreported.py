import csv
import io

from django.urls import reverse

from framsteg.steering.models import FollowUpPeriod
from tests import factories


def rows_by_name(response) -> dict:
    return {row.organisation.name: row for row in response.context["rows"]}


def test_a_reporter_sees_what_their_organisation_has_left_to_report(small_plan, people, as_user):
    preschool, reading, _ = small_plan["commitments"]
    factories.report(preschool, small_plan["period"])
    factories.report(reading, factories.make_period("annual", 2025, is_open=False))
    response = as_user(people["reporter"]).get(reverse("staff:unreported"))
    rows = rows_by_name(response)
    assert list(rows) == ["Utbildningsnämnden"]
    schools = rows["Utbildningsnämnden"]
    assert (schools.total, schools.reported) == (2, 1)
    assert schools.unreported == [reading]
    assert "1 of 2 not reported" in response.content.decode()


def test_a_coordinator_sees_every_organisation(small_plan, people, as_user):
    factories.report(small_plan["commitments"][0], small_plan["period"])
    response = as_user(people["coordinator"]).get(reverse("staff:unreported"))
    rows = rows_by_name(response)
    assert set(rows) == {"Utbildningsnämnden", "Samhällsbyggnadsnämnden"}
    assert len(rows["Samhällsbyggnadsnämnden"].unreported) == 1
    assert response.context["unreported_count"] == 2


def test_removed_commitments_are_not_asked_for(small_plan, people, as_user):
    reading = small_plan["commitments"][1]
    reading.removed_in = reading.source_version
    reading.save()
    rows = rows_by_name(as_user(people["reporter"]).get(reverse("staff:unreported")))
    assert rows["Utbildningsnämnden"].total == 1


def test_the_csv_lists_the_same_commitments(small_plan, people, as_user):
    preschool, reading, building = small_plan["commitments"]
    factories.report(preschool, small_plan["period"])
    response = as_user(people["superuser"]).get(reverse("staff:unreported-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows[0]) == 7
    body = rows[1:]
    assert [(row[0], row[5]) for row in body] == [
        ("Samhällsbyggnadsnämnden", building.text),
        ("Utbildningsnämnden", reading.text),
    ]
    assert body[1][6].endswith(reverse("staff:report", args=[reading.pk]))


def test_the_csv_neutralises_text_a_spreadsheet_would_run(small_plan, people, as_user):
    area = small_plan["areas"][0]
    factories.make_commitment(area, '=HYPERLINK("http://evil")', [small_plan["organisations"][0]])
    text = as_user(people["reporter"]).get(reverse("staff:unreported-csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_it_says_when_no_period_is_open(small_plan, people, as_user):
    FollowUpPeriod.objects.update(is_open=False)
    client = as_user(people["coordinator"])
    assert "No follow-up period is open" in client.get(reverse("staff:unreported")).content.decode()
    assert len(client.get(reverse("staff:unreported-csv")).content.decode("utf-8-sig").splitlines()) == 1


def test_the_overview_needs_a_bounded_number_of_queries(
    small_plan, people, as_user, django_assert_max_num_queries
):
    for number in range(10):
        factories.make_commitment(small_plan["areas"][1], f"Bygg {number}", small_plan["organisations"])
    client = as_user(people["coordinator"])
    # Two of them resolve the user's roles for the staff menu.
    with django_assert_max_num_queries(12):
        client.get(reverse("staff:unreported"))
