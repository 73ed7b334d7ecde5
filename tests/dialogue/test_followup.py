"""A resident adds to their case after sending it; staff see it, and the public never does."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from framsteg.dialogue.models import Case, CaseEvent, Photo
from framsteg.dialogue.photos import process_photo
from framsteg.dialogue.selectors import publicity
from framsteg.dialogue.services import followup
from framsteg.dialogue.services.followup import FollowupError, add_resident_message
from tests import factories as base_factories
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, json_body
from tests.dialogue.test_photos import photo_with_metadata

pytestmark = pytest.mark.django_db

MESSAGE = "Nu är även lampan vid trappan släckt, så det är ännu mörkare."


@pytest.fixture(autouse=True)
def fresh_limits_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIALOGUE_PHOTOS_PER_CASE = 3
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation():
    return base_factories.make_organisation("Tekniska förvaltningen", kind="administration", slug="tf")


@pytest.fixture
def case(organisation):
    lights = factories.make_category(organisation=organisation)
    return factories.make_case(
        category=lights,
        organisation=organisation,
        description="Lampan vid gångtunneln är släckt.",
        contact_name="Anna Svensson",
        contact_email="anna@example.org",
        created_at=timezone.now() - timedelta(days=2),
    )


@pytest.fixture
def officer(organisation):
    return base_factories.make_user("olle", organisation, first_name="Olle", last_name="Ek")


def follow_url(case: Case) -> str:
    return reverse("dialogue:follow", args=[case.follow_token])


def upload(content: bytes | None = None, name: str = "lampa.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or factories.jpeg_bytes(), content_type="image/jpeg")


def post(client, case: Case, data: dict | None = None, **extra):
    return client.post(
        follow_url(case), {"text": MESSAGE, **(data or {})}, HTTP_ACCEPT_LANGUAGE="en", **extra
    )


def resident_messages(case: Case):
    return CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.RESIDENT)


def staff_client(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


# --- The form on the follow page ---------------------------------------------------------------------------


def test_the_follow_page_offers_the_form(client, case):
    response = client.get(follow_url(case), HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Add something to your case" in html
    assert 'enctype="multipart/form-data"' in html and 'name="text"' in html
    assert 'type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple' in html
    assert 'aria-describedby="id_text_helptext"' in html
    assert 'name="website" id="id_website" value=""' in html and 'tabindex="-1"' in html
    assert response["Cache-Control"] == "private, no-store"


def test_the_form_is_shown_in_arabic_right_to_left(client, case):
    html = client.get(follow_url(case), HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert '<html lang="ar" dir="rtl">' in html and 'name="text"' in html


def test_a_message_is_added_and_the_resident_sees_it(client, case):
    before = Case.objects.get(pk=case.pk).updated_at

    response = post(client, case)

    event = resident_messages(case).get()
    assert response.status_code == 302
    assert response["Location"] == f"{follow_url(case)}#event-{event.pk}"
    assert event.text == MESSAGE and event.is_public and event.author is None
    assert event.data == {"source": "web", "photos": []}
    assert Case.objects.get(pk=case.pk).updated_at > before

    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert f'id="event-{event.pk}"' in html and MESSAGE in html
    assert "Your message" in html
    assert "has been added to your case" in html


def test_the_resident_sees_their_message_as_written_without_redaction(case):
    add_resident_message(case, "Ring mig på 070-123 45 67, Anna Svensson", [], Case.Source.WEB)

    [own] = [event for event in followup.resident_timeline(case) if event.is_resident_message]

    assert own.public_text == "Ring mig på 070-123 45 67, Anna Svensson"


def test_the_timeline_puts_messages_among_the_public_events_in_time_order(case):
    first = add_resident_message(case, "Först", [], Case.Source.WEB)
    answer = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ANSWER, is_public=True, text="Svar")
    note = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, text="Internt")
    second = add_resident_message(case, "Sedan", [], Case.Source.WEB)

    shown = [event.pk for event in followup.resident_timeline(case)]

    assert shown[-3:] == [first.pk, answer.pk, second.pk]
    assert note.pk not in shown


def test_photos_are_added_to_the_case_without_their_metadata(client, case):
    response = post(client, case, {"photos": [upload(photo_with_metadata()), upload(name="2.jpg")]})

    assert response.status_code == 302
    event = resident_messages(case).get()
    photos = list(case.photos.order_by("pk"))
    assert event.data["photos"] == [photo.pk for photo in photos] and len(photos) == 2
    assert not any(photo.is_public for photo in photos)
    stored = photos[0].image.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    assert b"Anna" not in stored
    html = client.get(follow_url(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You added 2 photos." in html


def test_photos_count_against_the_limit_of_the_whole_case(client, case):
    factories.make_photo(case)
    factories.make_photo(case)

    too_many = post(client, case, {"photos": [upload(name="a.jpg"), upload(name="b.jpg")]})

    assert too_many.status_code == 400
    assert "photos" in too_many.context["form"].errors
    assert not resident_messages(case).exists() and case.photos.count() == 2
    html = too_many.content.decode()
    assert MESSAGE in html
    assert "Photos you chose are not kept" in html
    assert "You can add 1 more photo" in html

    one = post(client, case, {"photos": [upload()]})

    assert one.status_code == 302 and case.photos.count() == 3


def test_a_full_case_offers_no_photos_and_never_drops_photos_silently(client, case):
    for _ in range(3):
        factories.make_photo(case)

    html = client.get(follow_url(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = post(client, case, {"photos": [upload()]})

    assert 'name="photos"' not in html and "as many photos as it can have" in html
    assert response.status_code == 400 and not resident_messages(case).exists()
    assert MESSAGE in response.content.decode()
    assert post(client, case).status_code == 302


def test_a_removed_photo_does_not_count_against_the_limit(case):
    for _ in range(3):
        factories.make_photo(case)
    Photo.objects.filter(pk=case.photos.first().pk).update(removed_at=timezone.now(), image="")

    assert followup.photo_room(case) == 1


def test_a_bad_photo_is_named_and_nothing_is_saved(client, case):
    response = post(client, case, {"photos": [upload(b"not a picture at all", name="lampa.jpg")]})

    assert response.status_code == 400
    [error] = response.context["form"].errors["photos"]
    assert error.startswith("lampa.jpg: ")
    assert not resident_messages(case).exists() and not case.photos.exists()


def test_an_empty_message_is_refused_and_nothing_is_lost(client, case):
    response = post(client, case, {"text": "   ", "photos": [upload()]})

    html = response.content.decode()
    assert response.status_code == 400
    assert not resident_messages(case).exists() and not case.photos.exists()
    assert "text" in response.context["form"].errors
    assert 'role="alert"' in html and 'href="#id_text"' in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert "Write what you want to add." in html
    assert "Photos you chose are not kept" in html
    assert "<title>Error:" in html


def test_a_too_long_message_is_refused_with_the_text_kept(client, case):
    text = "x" * (followup.MESSAGE_MAX_LENGTH + 1)

    response = post(client, case, {"text": text})

    assert response.status_code == 400 and not resident_messages(case).exists()
    assert text in response.content.decode()


def test_a_filled_in_trap_field_refuses_the_message(client, case):
    response = post(client, case, {"website": "http://spam.example"})

    html = response.content.decode()
    assert response.status_code == 400
    assert not resident_messages(case).exists()
    assert "Your message could not be sent" in html
    assert 'name="website" id="id_website" value=""' in html
    assert MESSAGE in html


def test_too_many_messages_from_one_address_get_429_with_the_text_kept(client, case, settings):
    settings.DIALOGUE_RATE_LIMIT = "2/h"

    first, second = post(client, case), post(client, case)
    third = post(client, case, {"text": "Den tredje lampan är också släckt."})

    assert first.status_code == second.status_code == 302
    assert third.status_code == 429
    assert resident_messages(case).count() == 2
    html = third.content.decode()
    assert "Den tredje lampan är också släckt." in html and 'role="alert"' in html
    assert "Your message was not sent" in html


def test_messages_and_reports_share_one_rate_limit(client, case, settings):
    settings.DIALOGUE_RATE_LIMIT = "1/h"
    client.post("/anmal/synpunkt/", {"feedback_type": "praise", "description": "Fint i parken."})

    assert post(client, case).status_code == 429


def test_a_failure_while_saving_says_not_received_and_saves_nothing(client, case, monkeypatch, caplog):
    def break_down(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(CaseEvent.objects, "create", break_down)

    response = post(client, case, {"photos": [upload()]})

    html = response.content.decode()
    assert response.status_code == 503
    assert "Your message was NOT received" in html and MESSAGE in html
    assert not case.photos.exists()
    assert "could not be saved" in caplog.text


def test_photo_files_are_deleted_when_saving_fails(case, monkeypatch, settings):
    def break_down(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(CaseEvent.objects, "create", break_down)
    photo = process_photo(io.BytesIO(factories.jpeg_bytes()))

    with pytest.raises(RuntimeError):
        add_resident_message(case, MESSAGE, [photo], Case.Source.WEB)

    assert not case.photos.exists()
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_a_closed_case_takes_the_message_and_stays_closed(client, case):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_at=timezone.now())
    case.refresh_from_db()
    before = case.updated_at

    html = client.get(follow_url(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = post(client, case)

    case.refresh_from_db()
    assert "the case is not opened again automatically" in html
    assert response.status_code == 302
    assert case.status == Case.Status.CLOSED and case.updated_at > before


def test_a_merged_case_points_to_the_main_case_and_takes_no_message(client, case):
    main = factories.make_case(description="Samma lampa.")
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DUPLICATE, duplicate_of=main)
    case.refresh_from_db()

    html = client.get(follow_url(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = post(client, case)

    assert 'name="text"' not in html
    assert f'give the case number <bdi dir="ltr">{main.reference}</bdi>' in html
    assert follow_url(main) not in html
    assert response.status_code == 403 and not resident_messages(case).exists()
    with pytest.raises(FollowupError):
        add_resident_message(case, MESSAGE, [], Case.Source.WEB)


def test_a_case_without_personal_data_takes_no_message(client, case):
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.CLOSED, personal_data_removed_at=timezone.now(), contact_email=""
    )
    case.refresh_from_db()

    html = client.get(follow_url(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = post(client, case)

    assert 'name="text"' not in html and "You can no longer add to this case" in html
    assert response.status_code == 403 and not resident_messages(case).exists()
    with pytest.raises(FollowupError):
        add_resident_message(case, MESSAGE, [], Case.Source.WEB)


def test_the_service_refuses_an_empty_message_and_too_many_photos(case, settings):
    settings.DIALOGUE_PHOTOS_PER_CASE = 1
    photos = [process_photo(io.BytesIO(factories.jpeg_bytes())) for _ in range(2)]

    with pytest.raises(FollowupError) as empty:
        add_resident_message(case, "  ", [], Case.Source.WEB)
    with pytest.raises(FollowupError) as too_many:
        add_resident_message(case, MESSAGE, photos, Case.Source.WEB)

    assert empty.value.field == "text" and too_many.value.field == "photos"
    assert not resident_messages(case).exists() and not case.photos.exists()


# --- Never public ------------------------------------------------------------------------------------------


def test_public_events_never_include_the_residents_messages(case):
    add_resident_message(case, MESSAGE, [], Case.Source.WEB)

    assert not any(event.kind == CaseEvent.Kind.RESIDENT for event in publicity.public_events(case))
    assert [event.kind for event in publicity.public_events(case)] == [CaseEvent.Kind.RECEIVED]


def test_the_public_pages_never_show_the_residents_message(client, case):
    add_resident_message(case, MESSAGE, [upload_photo()], Case.Source.WEB)

    detail = client.get(f"/anmalningar/{case.reference}/", HTTP_ACCEPT_LANGUAGE="en")
    listing = client.get("/anmalningar/", HTTP_ACCEPT_LANGUAGE="en")
    csv = client.get("/anmalningar.csv")

    assert detail.status_code == listing.status_code == csv.status_code == 200
    assert case.reference in detail.content.decode()
    for response in (detail, listing):
        html = response.content.decode()
        assert MESSAGE not in html and "Message from the resident" not in html and "Your message" not in html
    assert MESSAGE not in b"".join(csv.streaming_content).decode()
    photo = case.photos.get()
    assert client.get(f"/anmalningar/foto/{photo.pk}/").status_code == 404


def test_open311_never_shows_the_residents_message(client, case):
    add_resident_message(case, MESSAGE, [], Case.Source.WEB)

    listed = client.get(f"{API}/requests.json")
    single = client.get(f"{API}/requests/{case.reference}.json")
    as_xml = client.get(f"{API}/requests/{case.reference}.xml")

    assert listed.status_code == single.status_code == as_xml.status_code == 200
    for response in (listed, single, as_xml):
        assert MESSAGE not in response.content.decode()
    [request] = json_body(single)
    # The status in words, in the default language, and that the text waits for review.
    assert request["status_notes"].startswith("Mottagen. ")
    assert request["description"] is None


def test_open311_status_notes_keep_the_public_note_when_the_resident_writes_after_it(client, case):
    factories.approve(case)
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.PUBLIC_NOTE, is_public=True, review="approved", text="Lampan är lagad."
    )
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ANSWER, is_public=True, text="Hej! Tack.")
    add_resident_message(case, MESSAGE, [], Case.Source.WEB)

    [request] = json_body(client.get(f"{API}/requests/{case.reference}.json"))

    assert request["status_notes"] == "Lampan är lagad."


def upload_photo():
    return process_photo(io.BytesIO(factories.jpeg_bytes()))


# --- Staff -------------------------------------------------------------------------------------------------


def inbox_rows(response) -> dict[str, str]:
    """Each inbox row's HTML by case reference."""
    html = response.content.decode()
    return dict(re.findall(r'<tr id="case-(\d{4}-\d{5})".*?>(.*?)</tr>', html, re.S))


def test_the_case_page_shows_the_message_labelled_as_from_the_resident(case, officer):
    event = add_resident_message(case, MESSAGE, [upload_photo()], Case.Source.WEB)

    html = staff_client(officer).get(reverse("cases:detail", args=[case.year, case.number])).content.decode()

    entry = html[html.index(f'id="event-{event.pk}"') :]
    entry = entry[: entry.index("</li>")]
    assert "case-event--resident" in entry
    assert "Message from the resident" in entry and MESSAGE in entry
    assert "never published" in entry
    assert "1 photo added to the case." in entry


def test_the_inbox_marks_a_case_whose_latest_event_is_a_message_from_the_resident(case, officer):
    quiet = factories.make_case(organisation=case.organisation, category=case.category)
    add_resident_message(case, MESSAGE, [], Case.Source.WEB)

    rows = inbox_rows(staff_client(officer).get(reverse("cases:inbox")))

    assert "New message from the resident" in rows[case.reference]
    assert "New message from the resident" not in rows[quiet.reference]


def test_the_mark_stays_after_automatic_notices_and_goes_when_staff_act(case, officer):
    add_resident_message(case, MESSAGE, [], Case.Source.WEB)
    client = staff_client(officer)
    for kind in (CaseEvent.Kind.REMINDED, CaseEvent.Kind.EMAILED):
        CaseEvent.objects.create(case=case, kind=kind, data={"ok": True})

    still = inbox_rows(client.get(reverse("cases:inbox")))[case.reference]
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, text="Läst.", author=officer)
    gone = inbox_rows(client.get(reverse("cases:inbox")))[case.reference]

    assert "New message from the resident" in still
    assert "New message from the resident" not in gone


def test_the_inbox_filters_cases_with_a_new_message_and_finds_closed_ones(case, officer):
    quiet = factories.make_case(organisation=case.organisation, category=case.category)
    closed = factories.make_case(
        organisation=case.organisation, category=case.category, status=Case.Status.CLOSED
    )
    add_resident_message(case, MESSAGE, [], Case.Source.WEB)
    add_resident_message(closed, "Lampan är släckt igen.", [], Case.Source.WEB)
    client = staff_client(officer)

    default = client.get(reverse("cases:inbox"))
    filtered = client.get(reverse("cases:inbox"), {"message": "new"})
    every_status = client.get(reverse("cases:inbox"), {"message": "new", "status": "all"})

    html = default.content.decode()
    assert 'name="message"' in html and "Has a new message from the resident" in html
    assert "New messages from residents" in html
    assert re.search(r'href="\?[^"]*message=new[^"]*status=all', html.replace("&amp;", "&"))
    assert set(inbox_rows(default)) == {case.reference, quiet.reference}
    assert set(inbox_rows(filtered)) == {case.reference}
    assert set(inbox_rows(every_status)) == {case.reference, closed.reference}


def test_the_inbox_with_messages_needs_few_queries(organisation, officer, django_assert_max_num_queries):
    lights = factories.make_category(organisation=organisation)
    for index in range(40):
        made = factories.make_case(category=lights, organisation=organisation)
        if index % 2:
            add_resident_message(made, f"Meddelande {index}", [], Case.Source.WEB)
    client = staff_client(officer)

    with django_assert_max_num_queries(18):
        plain = client.get(reverse("cases:inbox"))
    with django_assert_max_num_queries(18):
        filtered = client.get(reverse("cases:inbox"), {"message": "new"})

    assert len(inbox_rows(plain)) == 40 and len(inbox_rows(filtered)) == 20
    assert plain.content.decode().count("New message from the resident") == 20


def test_staff_in_other_organisations_do_not_see_the_message(case):
    other = base_factories.make_organisation("Utbildningsförvaltningen", kind="administration", slug="uf")
    outsider = base_factories.make_user("otto", other)
    add_resident_message(case, MESSAGE, [], Case.Source.WEB)

    response = staff_client(outsider).get(reverse("cases:inbox"), {"message": "new", "status": "all"})

    assert case.reference not in inbox_rows(response)
