from django.urls import reverse

from framsteg.steering.models import FollowUpPeriod, StatusUpdate
from tests import factories

URL = reverse("staff:report-many")


def table_data(client) -> dict:
    """The table as the browser would send it back untouched: every field with its shown value."""
    formset = client.get(URL).context["formset"]
    data = {f"form-{name}": value for name, value in formset.management_form.initial.items()}
    for form in formset:
        data[form.add_prefix("commitment_id")] = form.initial["commitment_id"]
        shown = form.initial.get("progress")
        data[form.add_prefix("progress")] = "" if shown is None else shown
        data[form.add_initial_prefix("progress")] = "" if shown is None else shown
        data[form.add_prefix("status")] = ""
        data[form.add_prefix("comment")] = ""
        data[form.add_prefix("reason")] = ""
    return data


def row(data: dict, commitment) -> str:
    index = next(
        key for key, value in data.items() if key.endswith("commitment_id") and value == commitment.pk
    )
    return index.removesuffix("commitment_id")


def test_it_saves_only_the_rows_that_were_changed(small_plan, people, as_user):
    preschool, reading, _ = small_plan["commitments"]
    factories.report(reading, small_plan["period"], "in_progress", 40)
    client = as_user(people["reporter"])
    data = table_data(client)
    data[row(data, preschool) + "status"] = factories.status("in_progress").pk
    data[row(data, preschool) + "progress"] = "15"
    data[row(data, preschool) + "comment"] = "Har börjat"
    response = client.post(URL, data)
    assert response.status_code == 302
    saved = StatusUpdate.objects.exclude(commitment=reading).get()
    assert (saved.commitment, saved.progress, saved.comment) == (preschool, 15, "Har börjat")
    assert saved.author_name == "Anna Andersson"
    assert saved.organisation == small_plan["organisations"][0]
    assert StatusUpdate.objects.filter(commitment=reading).count() == 1


def test_a_status_alone_keeps_the_previous_progress(small_plan, people, as_user):
    reading = small_plan["commitments"][1]
    factories.report(reading, small_plan["period"], "in_progress", 40)
    client = as_user(people["reporter"])
    data = table_data(client)
    data[row(data, reading) + "status"] = factories.status("delayed").pk
    client.post(URL, data)
    latest = StatusUpdate.objects.order_by("-pk").first()
    assert (latest.status.code, latest.progress) == ("delayed", 40)


def test_the_valid_rows_are_saved_and_the_invalid_ones_shown_again_as_typed(small_plan, people, as_user):
    preschool, reading, _ = small_plan["commitments"]
    client = as_user(people["reporter"])
    data = table_data(client)
    data[row(data, preschool) + "status"] = factories.status("in_progress").pk
    data[row(data, preschool) + "progress"] = "20"
    data[row(data, reading) + "status"] = factories.status("cancelled").pk
    data[row(data, reading) + "comment"] = "Pengarna tog slut"
    response = client.post(URL, data)
    assert response.status_code == 200
    saved = StatusUpdate.objects.get()
    assert (saved.commitment, saved.progress) == (preschool, 20)
    forms = {form.commitment.pk: form for form in response.context["formset"]}
    assert set(forms) == {reading.pk}
    assert "reason" in forms[reading.pk].errors
    assert forms[reading.pk]["comment"].value() == "Pengarna tog slut"
    html = response.content.decode()
    assert "1 row was not saved" in html
    assert "1 row was saved." in html
    assert f'id="row-{reading.pk}" class="row--error"' in html

    # Saving the corrected row saves it alone: the first row is not reported twice.
    again = response.context["formset"].data.copy()
    again[response.context["formset"].forms[0].add_prefix("reason")] = "Beslut i nämnden"
    response = client.post(URL, again)
    assert response.status_code == 302
    assert StatusUpdate.objects.count() == 2
    assert StatusUpdate.objects.filter(commitment=preschool).count() == 1
    assert StatusUpdate.objects.get(commitment=reading).progress is None


def test_a_wrong_percentage_is_kept_as_typed(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    client = as_user(people["reporter"])
    data = table_data(client)
    data[row(data, preschool) + "status"] = factories.status("in_progress").pk
    data[row(data, preschool) + "progress"] = "140"
    response = client.post(URL, data)
    form = response.context["formset"].forms[0]
    assert "progress" in form.errors
    assert form["progress"].value() == "140"
    assert "No row was saved." in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_statuses_without_a_percentage_need_none(small_plan, people, as_user):
    preschool, reading, _ = small_plan["commitments"]
    factories.report(reading, small_plan["period"], "in_progress", 40)
    client = as_user(people["reporter"])
    data = table_data(client)
    data[row(data, preschool) + "status"] = factories.status("cannot_assess").pk
    data[row(data, reading) + "status"] = factories.status("cannot_assess").pk  # 40 still in the field
    response = client.post(URL, data)
    assert response.status_code == 302
    latest = StatusUpdate.objects.filter(status__code="cannot_assess")
    assert [update.progress for update in latest] == [None, None]


def test_a_stale_table_saves_nothing(small_plan, people, as_user):
    preschool, reading, _ = small_plan["commitments"]
    client = as_user(people["reporter"])
    data = table_data(client)
    data[row(data, preschool) + "status"] = factories.status("in_progress").pk
    data[row(data, preschool) + "progress"] = "20"
    data[row(data, reading) + "commitment_id"] = "999999"
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not StatusUpdate.objects.exists()
    assert "Nothing was saved" in response.content.decode()


def test_a_changed_comment_without_a_status_asks_for_one(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    client = as_user(people["reporter"])
    data = table_data(client)
    data[row(data, preschool) + "comment"] = "Glömde status"
    response = client.post(URL, data)
    assert "status" in response.context["formset"].forms[0].errors
    assert not StatusUpdate.objects.exists()


def test_an_untouched_table_saves_nothing_and_says_so(small_plan, people, as_user):
    client = as_user(people["reporter"])
    response = client.post(URL, table_data(client), follow=True)
    assert not StatusUpdate.objects.exists()
    assert "no row was changed" in response.content.decode()


def test_a_row_for_a_commitment_the_user_does_not_report_on_is_refused(small_plan, people, as_user):
    building = small_plan["commitments"][2]
    client = as_user(people["reporter"])
    data = table_data(client)
    data["form-0-commitment_id"] = building.pk
    data["form-0-status"] = factories.status("done").pk
    response = client.post(URL, data)
    assert response.context["formset"].non_form_errors()
    assert not StatusUpdate.objects.exists()


def test_the_table_explains_when_no_period_is_open(small_plan, people, as_user):
    FollowUpPeriod.objects.update(is_open=False)
    response = as_user(people["reporter"]).get(URL)
    assert "No follow-up period is open for reporting." in response.content.decode()


def test_the_table_needs_a_bounded_number_of_queries(
    small_plan, people, as_user, django_assert_max_num_queries
):
    area = small_plan["areas"][0]
    schools = small_plan["organisations"][0]
    for number in range(15):
        commitment = factories.make_commitment(area, f"Åtagande nummer {number}", [schools])
        factories.report(commitment, small_plan["period"])
    client = as_user(people["reporter"])
    with django_assert_max_num_queries(14):  # 2 of them: the roles, for the menu
        response = client.get(URL)
    assert len(response.context["formset"].forms) == 17
    data = table_data(client)
    for index in range(17):
        data[f"form-{index}-status"] = factories.status("done").pk
    # A fixed number of reads and one insert for all the updates, then the audit entry of each row.
    with django_assert_max_num_queries(20 + 17):
        response = client.post(URL, data)
    assert response.status_code == 302
    assert StatusUpdate.objects.filter(status__code="done").count() == 17
