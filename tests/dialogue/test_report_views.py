"""Residents report feedback, faults and safety concerns, get a reference and follow their case privately."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from framsteg.dialogue.models import Case, CaseEvent, CaseKind, CategoryQuestion
from framsteg.dialogue.services.intake import IntakeError
from tests.dialogue import factories
from tests.dialogue.test_photos import photo_with_metadata, png_declaring

pytestmark = pytest.mark.django_db

START = "/anmal/"
FEEDBACK = "/anmal/synpunkt/"
FAULT = "/anmal/felanmalan/"
SAFETY = "/anmal/trygghet/"


@pytest.fixture(autouse=True)
def fresh_limits_and_media(settings, tmp_path):
    """Every test starts with no reports counted against the address and a media folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def districts():
    return factories.make_districts()


@pytest.fixture
def lights(districts):
    category = factories.make_category(description="Lampor som inte lyser eller blinkar.")
    factories.make_question(category, code="antal", required=True)
    factories.make_question(
        category,
        code="typ",
        label="Vilken sorts lampa?",
        datatype="singlevaluelist",
        choices=[["gata", "Gatlampa"], ["park", "Parklampa"]],
    )
    return category


def fault_data(category, **extra) -> dict:
    data = {
        "category": category.pk,
        "description": "Lampan vid gångtunneln är släckt sedan en vecka.",
        "q-gatubelysning-antal": "2",
        "q-gatubelysning-typ": "gata",
        "place": "Gångtunneln vid Tumba station",
        "latitude": str(factories.TUMBA_STATION[0]),
        "longitude": str(factories.TUMBA_STATION[1]),
    }
    data.update(extra)
    return data


def photo_upload(content: bytes, name: str = "lampa.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def errors_of(response) -> dict:
    return response.context["form"].errors


# Showing the forms


def test_the_start_page_offers_the_three_kinds_and_the_emergency_notice(client):
    response = client.get(START, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    for path in (FEEDBACK, FAULT, SAFETY):
        assert f'href="{path}"' in html
    assert 'href="tel:112"' in html and 'href="tel:11414"' in html and "polisen.se" in html
    assert 'role="note"' in html
    assert 'href="/anmalningar/"' in html
    assert re.search(r'href="/anmal/" aria-current="page"', html)


@pytest.mark.parametrize("path", [FEEDBACK, FAULT, SAFETY])
def test_each_form_is_shown_in_swedish_by_default_and_right_to_left_in_arabic(client, lights, path):
    swedish = client.get(path)
    arabic = client.get(path, HTTP_ACCEPT_LANGUAGE="ar")

    assert swedish.status_code == arabic.status_code == 200
    assert '<html lang="sv" dir="ltr">' in swedish.content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    html = swedish.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple' in html
    assert 'type="hidden" name="latitude"' in html and 'type="hidden" name="longitude"' in html
    assert 'autocomplete="email"' in html and 'autocomplete="tel"' in html and 'autocomplete="name"' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_unknown_kind_is_not_found(client):
    assert client.get("/anmal/klagomal/").status_code == 404


def test_the_safety_form_starts_with_the_emergency_notice(client):
    html = client.get(SAFETY, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert html.index("tel:112") < html.index('class="report-form"')
    assert 'type="date" name="happened_on"' in html and 'type="time" name="happened_time"' in html


def test_the_fault_form_lists_active_categories_with_their_descriptions_and_questions(client, lights):
    factories.make_category(code="klotter", name="Klotter", is_active=False)

    html = client.get(FAULT).content.decode()

    assert "Gatubelysning" in html and "Lampor som inte lyser eller blinkar." in html
    assert "Klotter" not in html
    assert 'name="q-gatubelysning-antal"' in html
    assert 'name="q-gatubelysning-typ" value="park"' in html


def translate_into_arabic(lights) -> None:
    """The category's description and its list question in Arabic; the number question stays Swedish."""
    lights.description_translations = {"ar": "مصابيح لا تضيء أو تومض."}
    lights.save()
    CategoryQuestion.objects.filter(category=lights, code="typ").update(
        translations={
            "ar": {"label": "ما نوع المصباح؟", "choices": {"gata": "مصباح شارع", "park": "مصباح حديقة"}}
        }
    )


def test_an_arabic_form_asks_translated_questions_in_arabic_without_marking_them_swedish(client, lights):
    translate_into_arabic(lights)

    html = client.get(FAULT, HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert re.search(r'<p class="report-option__hint" id="[^"]+">مصابيح لا تضيء أو تومض.</p>', html)
    assert "<legend><span>ما نوع المصباح؟</span>" in html
    assert '<label for="id_q-gatubelysning-typ_0">مصباح شارع</label>' in html
    assert '<label for="id_q-gatubelysning-typ_1">مصباح حديقة</label>' in html
    for swedish in ("Lampor som inte lyser eller blinkar.", "Vilken sorts lampa?", "Gatlampa", "Parklampa"):
        assert swedish not in html
    # The question with no Arabic translation is shown in Swedish, marked as such.
    assert '<span lang="sv" dir="auto">Hur många lampor är släckta?</span>' in html


def test_a_language_without_a_translation_shows_the_swedish_texts_marked_as_swedish(client, lights):
    translate_into_arabic(lights)

    html = client.get(FAULT, HTTP_ACCEPT_LANGUAGE="so").content.decode()

    hint = (
        r'<p class="report-option__hint" id="[^"]+" lang="sv" dir="auto">Lampor som inte lyser eller blinkar.'
    )
    assert re.search(hint, html)
    assert '<legend><span lang="sv" dir="auto">Vilken sorts lampa?</span>' in html
    assert '<label for="id_q-gatubelysning-typ_0" lang="sv" dir="auto">Gatlampa</label>' in html
    assert "مصباح" not in html


def test_a_swedish_form_marks_nothing_as_swedish(client, lights):
    translate_into_arabic(lights)

    html = client.get(FAULT).content.decode()

    assert "<legend><span>Vilken sorts lampa?</span>" in html
    assert '<label for="id_q-gatubelysning-typ_0">Gatlampa</label>' in html
    assert not re.search(r'<(p|span|label)[^>]* lang="sv"', html)


def test_translated_hints_of_the_feedback_form_are_not_marked_swedish(client):
    html = client.get(FEEDBACK, HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert html.count('class="report-option__hint"') == 3
    assert not re.search(r'class="report-option__hint"[^>]* lang="sv"', html)


# Sending reports


def test_a_fault_report_is_registered_and_the_resident_is_sent_to_the_confirmation(client, lights):
    response = client.post(FAULT, fault_data(lights))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/anmal/tack/{case.follow_token}/"
    assert case.kind == CaseKind.FAULT and case.category == lights
    assert case.answers == {"antal": "2", "typ": "gata"}
    assert case.place == "Gångtunneln vid Tumba station"
    assert (case.latitude, case.longitude) == pytest.approx(factories.TUMBA_STATION, abs=1e-6)
    assert case.district.name == "Tumba"
    assert case.language == "sv"


def test_feedback_is_registered_in_the_residents_language(client, districts):
    response = client.post(
        FEEDBACK,
        {"feedback_type": "praise", "description": "Tack för den nya lekplatsen i Alby!"},
        HTTP_ACCEPT_LANGUAGE="ar",
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.kind, case.feedback_type, case.language) == (CaseKind.FEEDBACK, "praise", "ar")


def test_a_safety_report_keeps_when_it_happened_and_is_not_published(client, districts):
    category = factories.make_category(code="belysning-trygghet", kind=CaseKind.SAFETY, name="Mörka platser")

    response = client.post(
        SAFETY,
        {
            "category": category.pk,
            "description": "Det är mörkt och folk samlas vid gångtunneln på kvällarna.",
            "happened_on": "2024-03-01",
            "happened_time": "21:30",
            "place": "Tumba torg",
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert case.kind == CaseKind.SAFETY and case.category == category
    assert not case.is_published
    assert timezone.localtime(case.happened_at).isoformat() == "2024-03-01T21:30:00+01:00"
    assert case.district.name == "Tumba"


def test_a_safety_report_needs_no_category_and_no_time(client, districts):
    response = client.post(SAFETY, {"description": "Otryggt vid busshållplatsen."})

    assert response.status_code == 302
    assert Case.objects.get().category is None


def test_a_time_without_a_date_is_questioned(client):
    response = client.post(SAFETY, {"description": "Otryggt.", "happened_time": "21:30"})

    assert response.status_code == 400
    assert "happened_on" in errors_of(response)


def test_the_confirmation_shows_the_reference_and_the_private_link(client, lights):
    client.post(FAULT, fault_data(lights))
    case = Case.objects.get()

    response = client.get(f"/anmal/tack/{case.follow_token}/", HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'Your case number is <bdi dir="ltr"><span class="nowrap">{case.reference}</span></bdi>' in html
    assert f"http://testserver/arende/{case.follow_token}/" in html
    assert "You gave no contact details, so we cannot answer you" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_confirmation_promises_an_answer_when_contact_details_were_given(client, lights):
    client.post(FAULT, fault_data(lights, contact_email="anna@example.se", contact_name="Anna"))
    case = Case.objects.get()

    html = client.get(f"/anmal/tack/{case.follow_token}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert case.contact_email == "anna@example.se"
    assert "You will get an answer by" in html
    assert "cannot answer you" not in html


# Invalid input keeps what was typed


def test_an_empty_description_is_refused_and_everything_typed_is_kept(client, lights):
    response = client.post(
        FAULT,
        fault_data(lights, description="  ", contact_name="Anna Svensson", contact_phone="070-123 45 67"),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "description" in errors_of(response)
    assert 'role="alert"' in html and 'href="#id_description"' in html
    assert 'aria-describedby="id_description_helptext id_description_error"' in html
    assert 'value="Anna Svensson"' in html and 'value="070-123 45 67"' in html
    assert 'value="Gångtunneln vid Tumba station"' in html
    assert f'value="{factories.TUMBA_STATION[0]}"' in html
    assert re.search(rf'value="{lights.pk}"[^>]* checked', html)


def test_a_required_question_of_the_chosen_category_must_be_answered(client, lights):
    response = client.post(FAULT, fault_data(lights, **{"q-gatubelysning-antal": ""}))

    assert response.status_code == 400
    assert "q-gatubelysning-antal" in errors_of(response)


def test_questions_of_other_categories_are_not_required(client, lights):
    graffiti = factories.make_category(code="klotter", name="Klotter")

    response = client.post(FAULT, {"category": graffiti.pk, "description": "Klotter på skolans vägg."})

    assert response.status_code == 302
    assert Case.objects.get().answers == {}


def test_a_fault_needs_a_category(client, lights):
    response = client.post(FAULT, {"description": "Något är trasigt."})

    assert response.status_code == 400
    assert 'href="#id_category_0"' in response.content.decode()


def test_a_position_outside_the_municipality_is_refused_at_the_place_field(client, lights):
    latitude, longitude = factories.STOCKHOLM_CITY

    response = client.post(FAULT, fault_data(lights, latitude=str(latitude), longitude=str(longitude)))

    assert response.status_code == 400
    assert "place" in errors_of(response)
    assert Case.objects.count() == 0


def test_half_a_position_is_refused(client, lights):
    response = client.post(FAULT, fault_data(lights, longitude=""))

    assert response.status_code == 400
    assert "place" in errors_of(response)


def test_the_place_name_alone_is_enough(client, lights):
    response = client.post(FAULT, fault_data(lights, latitude="", longitude="", place="Storvretens centrum"))

    assert response.status_code == 302
    assert Case.objects.get().latitude is None


def test_an_invalid_email_address_is_explained(client, lights):
    response = client.post(
        FAULT, fault_data(lights, contact_email="anna(at)example"), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert errors_of(response)["contact_email"] == ["Write the e-mail address in the form name@example.se."]


def test_an_intake_error_is_shown_at_its_field(client, lights, monkeypatch):
    def refuse(submission, **options):
        raise IntakeError("The position is outside Botkyrka.", "latitude")

    monkeypatch.setattr("framsteg.dialogue.views.resident.report.submit_case", refuse)

    response = client.post(FAULT, fault_data(lights))

    assert response.status_code == 400
    assert errors_of(response)["place"] == ["The position is outside Botkyrka."]


# Spam and abuse


def test_a_filled_in_trap_field_refuses_the_report_with_an_error(client, lights):
    response = client.post(
        FAULT, fault_data(lights, website="http://spam.example"), HTTP_ACCEPT_LANGUAGE="en"
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "Your report could not be sent" in html
    assert 'name="website" id="id_website" value=""' in html
    assert "Lampan vid gångtunneln" in html


def test_too_many_reports_from_one_address_get_429_with_the_text_kept(client, lights, settings):
    settings.DIALOGUE_RATE_LIMIT = "2/h"

    first = client.post(FAULT, fault_data(lights))
    second = client.post(FAULT, fault_data(lights))
    third = client.post(FAULT, fault_data(lights, description="Den tredje lampan är också släckt."))

    assert first.status_code == second.status_code == 302
    assert third.status_code == 429
    assert Case.objects.count() == 2
    html = third.content.decode()
    assert "Den tredje lampan är också släckt." in html
    assert 'role="alert"' in html


def test_the_rate_limit_can_be_turned_off(client, lights, settings):
    settings.DIALOGUE_RATE_LIMIT = "0"

    statuses = {client.post(FAULT, fault_data(lights)).status_code for _ in range(4)}

    assert statuses == {302}


# Failures while saving


def test_a_failure_while_saving_shows_no_success_and_saves_nothing(client, lights, monkeypatch, caplog):
    def break_down(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(CaseEvent.objects, "create", break_down)

    response = client.post(FAULT, fault_data(lights), HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 503
    assert Case.objects.count() == 0
    assert "Your report was NOT received" in html
    assert "Thank you" not in html
    assert "Lampan vid gångtunneln är släckt sedan en vecka." in html
    assert "could not be saved" in caplog.text


# Photos


def test_a_photo_is_stored_without_its_gps_position(client, lights):
    original = photo_with_metadata()

    response = client.post(FAULT, {**fault_data(lights), "photos": photo_upload(original)})

    assert response.status_code == 302
    photo = Case.objects.get().photos.get()
    stored = photo.image.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    for leftover in (b"Exif", b"Anna", b"Telefonfabriken"):
        assert leftover not in stored


def test_several_photos_are_accepted_up_to_the_limit(client, lights, settings):
    settings.DIALOGUE_PHOTOS_PER_CASE = 2

    def photos(count: int) -> list:
        return [photo_upload(factories.jpeg_bytes(), name=f"{n}.jpg") for n in range(count)]

    too_many = client.post(FAULT, {**fault_data(lights), "photos": photos(3)})
    two = client.post(FAULT, {**fault_data(lights), "photos": photos(2)})

    assert too_many.status_code == 400 and "photos" in errors_of(too_many)
    assert two.status_code == 302
    assert Case.objects.get().photos.count() == 2


@pytest.mark.parametrize(
    ("name", "content", "max_bytes"),
    [
        ("stor.jpg", None, 1000),
        ("inte-en-bild.jpg", b"<html><script>alert(1)</script></html>", None),
        ("bomb.png", png_declaring(50_000, 50_000), None),
    ],
    ids=["too large", "not an image", "decompression bomb"],
)
def test_bad_photos_are_refused_by_name_and_the_rest_is_kept(
    client, lights, settings, name, content, max_bytes
):
    if max_bytes:
        settings.DIALOGUE_PHOTO_MAX_BYTES = max_bytes
    content = content or factories.jpeg_bytes(400, 300)

    response = client.post(FAULT, {**fault_data(lights), "photos": photo_upload(content, name=name)})

    html = response.content.decode()
    assert response.status_code == 400
    assert Case.objects.count() == 0
    [error] = errors_of(response)["photos"]
    assert error.startswith(f"{name}: ")
    assert "Lampan vid gångtunneln är släckt sedan en vecka." in html
    assert 'class="note note--warning"' in html


# Following a case


def test_the_follow_page_shows_status_and_public_answers_but_never_internal_notes(client, lights):
    case = factories.make_case(category=lights, status=Case.Status.ANSWERED, contact_email="anna@example.se")
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, text="Intern: ring entreprenören.")
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.ANSWER,
        is_public=True,
        text="Tack! Vi byter lampan på fredag.",
    )

    response = client.get(f"/arende/{case.follow_token}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert case.reference in html
    assert "Besvarad" in html
    assert "Tack! Vi byter lampan på fredag." in html
    assert "Intern: ring entreprenören." not in html
    assert case.description in html
    assert "anna@example.se" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "private, no-store"


def test_a_closed_case_reads_closed_and_never_fixed(client, lights):
    case = factories.make_case(category=lights, status=Case.Status.CLOSED)

    html = client.get(f"/arende/{case.follow_token}/").content.decode()

    assert "Avslutad" in html
    assert "Åtgärdad" not in html


def test_a_merged_case_names_the_other_case_without_linking_to_its_private_page(client, lights):
    main = factories.make_case(category=lights)
    duplicate = factories.make_case(category=lights, status=Case.Status.DUPLICATE, duplicate_of=main)

    html = client.get(f"/arende/{duplicate.follow_token}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert main.reference in html
    assert main.follow_token not in html


def test_an_unknown_token_is_not_found(client):
    assert client.get("/arende/no-such-token/").status_code == 404
    assert client.get("/anmal/tack/no-such-token/").status_code == 404


def test_the_residents_photo_is_served_only_with_the_right_token(client, lights):
    case = factories.make_case(category=lights)
    other = factories.make_case(category=lights)
    photo = factories.make_photo(case)
    other_photo = factories.make_photo(other)

    page = client.get(f"/arende/{case.follow_token}/").content.decode()
    shown = client.get(f"/arende/{case.follow_token}/foto/{photo.pk}/")
    wrong_token = client.get(f"/arende/{other.follow_token}/foto/{photo.pk}/")
    not_its_photo = client.get(f"/arende/{case.follow_token}/foto/{other_photo.pk}/")

    assert f"/arende/{case.follow_token}/foto/{photo.pk}/" in page
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert shown["Cache-Control"] == "private, no-store"
    assert b"".join(shown.streaming_content).startswith(b"\xff\xd8")
    assert wrong_token.status_code == 404
    assert not_its_photo.status_code == 404


def test_a_removed_photo_is_no_longer_served(client, lights):
    case = factories.make_case(category=lights)
    photo = factories.make_photo(case, removed_at=timezone.now())

    assert client.get(f"/arende/{case.follow_token}/foto/{photo.pk}/").status_code == 404


def test_a_number_answer_may_have_a_decimal_comma(client, lights):
    response = client.post(FAULT, fault_data(lights, **{"q-gatubelysning-antal": "2,5"}))

    assert response.status_code == 302
    assert Case.objects.get().answers["antal"] == "2.5"


def test_answers_to_list_and_time_questions_are_stored_by_code(client, lights):
    factories.make_question(
        lights,
        code="fel",
        label="Vad är fel?",
        datatype="multivaluelist",
        choices=[["slackt", "Släckt"], ["blinkar", "Blinkar"], ["skadad", "Skadad stolpe"]],
    )
    factories.make_question(lights, code="sedan", label="Sedan när?", datatype="datetime")

    html = client.get(FAULT).content.decode()
    response = client.post(
        FAULT,
        fault_data(
            lights,
            **{"q-gatubelysning-fel": ["slackt", "skadad"], "q-gatubelysning-sedan": "2024-03-01T18:00"},
        ),
    )

    assert 'type="checkbox" name="q-gatubelysning-fel" value="blinkar"' in html
    assert 'type="datetime-local" name="q-gatubelysning-sedan"' in html
    assert response.status_code == 302
    answers = Case.objects.get().answers
    assert answers["fel"] == ["slackt", "skadad"]
    assert answers["sedan"].startswith("2024-03-01T18:00")
    follow = client.get(f"/arende/{Case.objects.get().follow_token}/").content.decode()
    assert "Släckt, Skadad stolpe" in follow


def test_the_follow_page_shows_the_answers_in_the_readers_language_where_translated(client, lights):
    translate_into_arabic(lights)
    case = factories.make_case(category=lights, answers={"antal": "2", "typ": "park"})

    arabic = client.get(f"/arende/{case.follow_token}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    somali = client.get(f"/arende/{case.follow_token}/", HTTP_ACCEPT_LANGUAGE="so").content.decode()

    assert '<div><dt>ما نوع المصباح؟</dt><dd dir="auto">مصباح حديقة</dd></div>' in arabic
    assert (
        '<div><dt lang="sv" dir="auto">Hur många lampor är släckta?</dt><dd dir="auto">2</dd></div>' in arabic
    )
    assert (
        '<div><dt lang="sv" dir="auto">Vilken sorts lampa?</dt>'
        '<dd dir="auto"><span lang="sv" dir="auto">Parklampa</span></dd></div>'
    ) in somali


# When a refused resident may send again


@pytest.mark.parametrize(
    ("seconds_left", "retry_after", "sentence"),
    [
        (600, "600", "You can send it again in about 10 minutes."),
        (61, "61", "You can send it again in about 2 minutes."),
        (30, "30", "You can send it again in about 1 minute."),
    ],
)
def test_a_refused_report_says_when_to_send_it_again(
    client, lights, settings, monkeypatch, seconds_left, retry_after, sentence
):
    settings.DIALOGUE_RATE_LIMIT = "1/h"
    window_end = 3600 * 1000
    monkeypatch.setattr("framsteg.dialogue.ratelimit.time.time", lambda: window_end - seconds_left)

    assert client.post(FAULT, fault_data(lights)).status_code == 302
    refused = client.post(FAULT, fault_data(lights), HTTP_ACCEPT_LANGUAGE="en")

    assert refused.status_code == 429
    assert refused["Retry-After"] == retry_after
    assert sentence in refused.content.decode()


def test_only_a_refused_report_carries_retry_after(client, lights, settings):
    settings.DIALOGUE_RATE_LIMIT = "2/h"

    accepted = client.post(FAULT, fault_data(lights))
    invalid = client.post(FAULT, fault_data(lights, description=""), HTTP_ACCEPT_LANGUAGE="en")

    assert accepted.status_code == 302
    assert invalid.status_code == 400
    assert not accepted.has_header("Retry-After")
    assert not invalid.has_header("Retry-After")
    assert "You can send it again" not in invalid.content.decode()
