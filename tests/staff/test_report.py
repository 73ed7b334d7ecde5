from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from framsteg.steering.models import Evidence, FollowUpPeriod, StatusUpdate
from tests import factories


def url(commitment) -> str:
    return reverse("staff:report", args=[commitment.pk])


def form_data(**changes) -> dict:
    data = {
        "status": factories.status("in_progress").pk,
        "progress": "40",
        "comment": "",
        "reason": "",
        "links-TOTAL_FORMS": "3",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "3",
    }
    data.update(changes)
    return data


def test_a_reporter_of_the_owning_organisation_creates_a_new_update(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    response = as_user(people["reporter"]).post(url(preschool), form_data(comment="Fler platser öppnade"))
    assert response.status_code == 302
    update = StatusUpdate.objects.get()
    assert (update.commitment, update.period) == (preschool, small_plan["period"])
    assert update.progress == 40
    assert update.comment == "Fler platser öppnade"
    assert update.author == people["reporter"]
    assert update.author_name == "Anna Andersson"
    assert update.organisation == small_plan["organisations"][0]


def test_reporting_again_adds_an_update_and_leaves_the_earlier_one_as_it_was(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    earlier = factories.report(preschool, small_plan["period"], "in_progress", 20, comment="Första")
    as_user(people["reporter"]).post(url(preschool), form_data(progress="60", comment="Andra"))
    assert StatusUpdate.objects.count() == 2
    earlier.refresh_from_db()
    assert (earlier.progress, earlier.comment) == (20, "Första")


def test_a_member_of_another_organisation_may_not_report(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    client = as_user(people["outsider"])
    assert client.get(url(preschool)).status_code == 403
    assert client.post(url(preschool), form_data()).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_a_coordinator_follows_up_but_does_not_report_for_others(small_plan, people, as_user):
    assert as_user(people["coordinator"]).get(url(small_plan["commitments"][0])).status_code == 403


def test_a_superuser_may_report_on_any_commitment(small_plan, people, as_user):
    building = small_plan["commitments"][2]
    assert as_user(people["superuser"]).post(url(building), form_data()).status_code == 302
    update = StatusUpdate.objects.get()
    assert update.organisation == small_plan["organisations"][1]
    # The superuser has no full name: the report is signed with the organisation, never the user name.
    assert update.author_name == small_plan["organisations"][1].name


def test_an_anonymous_visitor_is_sent_to_log_in(small_plan, client):
    response = client.post(url(small_plan["commitments"][0]), form_data())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))
    assert not StatusUpdate.objects.exists()


def test_the_form_starts_from_the_latest_report(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    factories.report(preschool, small_plan["period"], "delayed", 35)
    form = as_user(people["reporter"]).get(url(preschool)).context["form"]
    assert form["progress"].value() == 35
    assert form["status"].value() == factories.status("delayed").pk


def test_an_empty_progress_takes_the_usual_value_of_the_status(small_plan, people, as_user):
    data = form_data(status=factories.status("done").pk, progress="")
    as_user(people["reporter"]).post(url(small_plan["commitments"][0]), data)
    assert StatusUpdate.objects.get().progress == 100


def test_an_empty_progress_is_refused_when_the_status_has_no_usual_value(small_plan, people, as_user):
    response = as_user(people["reporter"]).post(url(small_plan["commitments"][0]), form_data(progress=""))
    assert "progress" in response.context["form"].errors
    assert not StatusUpdate.objects.exists()


def test_a_status_that_needs_a_reason_is_refused_without_one(small_plan, people, as_user):
    client = as_user(people["reporter"])
    cancelled = factories.status("cancelled").pk
    response = client.post(url(small_plan["commitments"][0]), form_data(status=cancelled))
    assert response.status_code == 200
    assert "Give a reason for the status" in response.context["form"].errors["reason"][0]
    assert not StatusUpdate.objects.exists()
    client.post(url(small_plan["commitments"][0]), form_data(status=cancelled, reason="Budgeten drogs in"))
    assert StatusUpdate.objects.get().reason == "Budgeten drogs in"


def test_progress_outside_0_to_100_is_refused_and_the_comment_is_kept(small_plan, people, as_user):
    response = as_user(people["reporter"]).post(
        url(small_plan["commitments"][0]), form_data(progress="150", comment="Mitt utkast")
    )
    assert response.status_code == 200
    assert "progress" in response.context["form"].errors
    assert "Mitt utkast</textarea>" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_a_correction_points_at_what_it_corrects_and_needs_a_note(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    wrong = factories.report(preschool, small_plan["period"], "done", 100)
    client = as_user(people["reporter"])
    response = client.post(url(preschool), form_data(corrects=wrong.pk, correction_note=""))
    assert "correction_note" in response.context["form"].errors
    assert StatusUpdate.objects.count() == 1

    client.post(url(preschool), form_data(corrects=wrong.pk, correction_note="Fel åtagande markerades klart"))
    correction = StatusUpdate.objects.exclude(pk=wrong.pk).get()
    assert correction.corrects == wrong
    assert correction.correction_note == "Fel åtagande markerades klart"
    wrong.refresh_from_db()
    assert wrong.status.code == "done"


def test_a_correction_may_only_point_at_an_update_of_the_same_commitment(small_plan, people, as_user):
    preschool, reading, _ = small_plan["commitments"]
    other = factories.report(reading, small_plan["period"])
    factories.report(preschool, small_plan["period"])
    response = as_user(people["reporter"]).post(
        url(preschool), form_data(corrects=other.pk, correction_note="x")
    )
    assert "corrects" in response.context["form"].errors
    assert StatusUpdate.objects.count() == 2


def test_links_and_a_file_are_saved_as_evidence(small_plan, people, as_user):
    upload = SimpleUploadedFile("beslut.pdf", b"%PDF-1.7 protokoll", content_type="application/pdf")
    data = form_data(
        **{
            "links-0-title": "Protokoll",
            "links-0-url": "https://www.botkyrka.se/protokoll",
            "links-2-url": "https://example.se/rapport",
            "file": upload,
        }
    )
    response = as_user(people["reporter"]).post(url(small_plan["commitments"][0]), data)
    assert response.status_code == 302
    evidence = Evidence.objects.filter(status_update=StatusUpdate.objects.get())
    assert sorted(e.url for e in evidence if e.url) == [
        "https://example.se/rapport",
        "https://www.botkyrka.se/protokoll",
    ]
    stored = evidence.get(url="")
    assert stored.title == "beslut.pdf"
    assert stored.file.read() == b"%PDF-1.7 protokoll"


def test_a_disallowed_file_type_is_refused_with_a_clear_message(small_plan, people, as_user):
    upload = SimpleUploadedFile("program.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = as_user(people["reporter"]).post(url(small_plan["commitments"][0]), form_data(file=upload))
    error = response.context["form"].errors["file"][0]
    assert "program.exe" in error and "PDF" in error
    assert not StatusUpdate.objects.exists()


def test_a_file_whose_content_does_not_match_its_name_is_refused(small_plan, people, as_user):
    upload = SimpleUploadedFile("bild.png", b"<script>alert(1)</script>", content_type="image/png")
    response = as_user(people["reporter"]).post(url(small_plan["commitments"][0]), form_data(file=upload))
    assert "does not look like a .png file" in response.context["form"].errors["file"][0]


def test_a_file_larger_than_10_mb_is_refused(small_plan, people, as_user):
    upload = SimpleUploadedFile("stor.txt", b"a" * (10 * 1024 * 1024 + 1), content_type="text/plain")
    response = as_user(people["reporter"]).post(url(small_plan["commitments"][0]), form_data(file=upload))
    assert "at most 10 MB" in response.context["form"].errors["file"][0]


def test_it_says_the_file_must_be_chosen_again_when_another_field_is_wrong(small_plan, people, as_user):
    upload = SimpleUploadedFile("data.csv", b"a;b\n1;2\n", content_type="text/csv")
    response = as_user(people["reporter"]).post(
        url(small_plan["commitments"][0]), form_data(progress="-5", file=upload)
    )
    assert response.context["file_lost"]
    assert "Choose the file again" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_form_explains_that_nothing_can_be_reported_without_an_open_period(small_plan, people, as_user):
    FollowUpPeriod.objects.update(is_open=False)
    client = as_user(people["reporter"])
    response = client.get(url(small_plan["commitments"][0]))
    assert "No follow-up period is open for reporting." in response.content.decode()
    assert "form" not in response.context
    assert client.post(url(small_plan["commitments"][0]), form_data()).status_code == 409
    assert not StatusUpdate.objects.exists()


def test_the_page_shows_the_commitments_history(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    factories.report(preschool, small_plan["period"], "in_progress", 25, comment="Vi har börjat")
    html = as_user(people["reporter"]).get(url(preschool)).content.decode()
    assert "Earlier reports" in html
    assert "Vi har börjat" in html


def test_cannot_be_assessed_is_reported_without_a_percentage(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    client = as_user(people["reporter"])
    page = client.get(url(preschool)).content.decode()
    assert "Not asked for: Cancelled, Cannot be assessed." in page
    response = client.post(
        url(preschool), form_data(status=factories.status("cannot_assess").pk, progress="")
    )
    assert response.status_code == 302
    assert StatusUpdate.objects.get().progress is None


def test_a_cancelled_commitment_keeps_no_percentage_even_when_one_is_typed(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    data = form_data(status=factories.status("cancelled").pk, progress="35", reason="Nämnden beslutade")
    response = as_user(people["reporter"]).post(url(preschool), data)
    assert response.status_code == 302
    assert StatusUpdate.objects.get().progress is None


def test_a_status_with_a_percentage_still_needs_one(small_plan, people, as_user):
    preschool = small_plan["commitments"][0]
    response = as_user(people["reporter"]).post(url(preschool), form_data(progress=""))
    assert response.status_code == 200
    assert "progress" in response.context["form"].errors
    assert not StatusUpdate.objects.exists()
