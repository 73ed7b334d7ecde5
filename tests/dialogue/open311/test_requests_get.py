"""Reading service requests: the spec's fields and filters, and never anything that is not public."""

import json
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.services.intake import Submission, submit_case
from framsteg.dialogue.workdays import STOCKHOLM
from tests.dialogue import factories
from tests.dialogue.open311.conftest import API, assert_error, json_body, xml_root

pytestmark = pytest.mark.django_db

REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def ids(body) -> list[str]:
    return [request["service_request_id"] for request in body]


def listed(client, **params) -> list[str]:
    response = client.get(f"{API}/requests.json", params)
    assert response.status_code == 200, response.content
    return ids(json_body(response))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def lamp(services):
    """A fault at Tumba station, received in December, its text reviewed."""
    case = factories.reviewed_case(
        category=services["lights"],
        created_at=at("2026-12-01T09:30:00+01:00"),
        place="Tumba station",
        latitude=59.1995,
        longitude=17.8384,
    )
    return case


def test_a_request_in_xml_has_the_spec_fields_in_order(client, lamp, media):
    photo = factories.make_photo(lamp, is_public=True)
    root = xml_root(client.get(f"{API}/requests.xml"))
    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert [child.tag for child in request] == REQUEST_FIELDS
    assert request.findtext("service_request_id") == lamp.reference
    assert request.findtext("status") == "open"
    assert request.findtext("service_code") == "gatubelysning"
    assert request.findtext("service_name") == "Gatubelysning"
    assert request.findtext("description") == lamp.published_text
    assert request.findtext("agency_responsible") == "Samhällsbyggnadsförvaltningen"
    assert request.findtext("requested_datetime") == "2026-12-01T09:30:00+01:00"
    assert request.findtext("expected_datetime") == f"{lamp.answer_due.isoformat()}T23:59:59+01:00"
    assert request.findtext("address") == "Tumba station"
    assert request.findtext("lat") == "59.1993"  # public positions are about 50 m from the exact one
    assert request.findtext("long") == "17.83818"
    assert request.findtext("media_url") == f"http://testserver/anmalningar/foto/{photo.pk}/"
    assert request.findtext("zipcode") == ""


def test_requests_in_json_are_a_bare_array_with_numbers_and_nulls(client, lamp):
    (request,) = json_body(client.get(f"{API}/requests.json"))
    assert list(request) == REQUEST_FIELDS
    assert request["lat"] == 59.1993
    assert request["long"] == 17.83818
    assert request["media_url"] is None
    assert request["address_id"] is None


def test_times_carry_the_stockholm_offset_in_summer_and_winter(client, services):
    summer = factories.make_case(category=services["lights"], created_at=at("2026-07-01T10:00:00Z"))
    (request,) = json_body(client.get(f"{API}/requests/{summer.reference}.json"))
    assert request["requested_datetime"] == "2026-07-01T12:00:00+02:00"
    assert at(request["updated_datetime"]).tzinfo is not None


def test_one_request_is_an_array_of_one_in_both_formats(client, lamp):
    body = json_body(client.get(f"{API}/requests/{lamp.reference}.json"))
    assert ids(body) == [lamp.reference]
    root = xml_root(client.get(f"{API}/requests/{lamp.reference}.xml"))
    assert [node.findtext("service_request_id") for node in root.findall("request")] == [lamp.reference]


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("reference", ["2026-99999", "nonsense", "2026-"])
def test_an_unknown_request_is_not_found(client, lamp, fmt, reference):
    assert_error(client.get(f"{API}/requests/{reference}.{fmt}"), 404, fmt)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_tokens_are_never_handed_out_so_none_is_found(client, lamp, fmt):
    assert_error(client.get(f"{API}/tokens/{lamp.follow_token}.{fmt}"), 404, fmt)
    assert_error(client.get(f"{API}/tokens/12345.{fmt}"), 404, fmt)


def test_open_and_closed_follow_the_case_status(client, services):
    open_ones = [
        factories.make_case(category=services["lights"], status=status)
        for status in (Case.Status.RECEIVED, Case.Status.IN_PROGRESS)
    ]
    closed_ones = [
        factories.make_case(category=services["lights"], status=status)
        for status in (
            Case.Status.FIXED,
            Case.Status.ANSWERED,
            Case.Status.CLOSED,
            Case.Status.DUPLICATE,
            Case.Status.NOT_OURS,
        )
    ]
    statuses = {
        request["service_request_id"]: request["status"]
        for request in json_body(client.get(f"{API}/requests.json"))
    }
    assert {statuses[case.reference] for case in open_ones} == {"open"}
    assert {statuses[case.reference] for case in closed_ones} == {"closed"}
    assert set(listed(client, status="open")) == {case.reference for case in open_ones}
    assert set(listed(client, status="closed")) == {case.reference for case in closed_ones}
    assert len(listed(client, status="open,closed")) == 7
    assert len(listed(client, status="")) == 7


def test_status_notes_give_the_latest_reviewed_public_note_never_an_answer(client, services):
    answered = factories.reviewed_case(
        category=services["lights"], status=Case.Status.FIXED, contact_name="Karin Berg"
    )
    CaseEvent.objects.create(case=answered, kind=CaseEvent.Kind.NOTE, text="Internt: ring elbolaget")
    CaseEvent.objects.create(
        case=answered,
        kind=CaseEvent.Kind.PUBLIC_NOTE,
        is_public=True,
        review="approved",
        text="Lampan är lagad.",
    )
    CaseEvent.objects.create(
        case=answered, kind=CaseEvent.Kind.ANSWER, is_public=True, text="Hej Karin Berg! Tack för tipset."
    )
    CaseEvent.objects.create(
        case=answered, kind=CaseEvent.Kind.PUBLIC_NOTE, review="pending", text="Ej granskad: ring Per"
    )
    quiet = factories.reviewed_case(category=services["lights"], status=Case.Status.IN_PROGRESS)
    waiting = factories.make_case(category=services["lights"], status=Case.Status.IN_PROGRESS)
    notes = {
        request["service_request_id"]: request["status_notes"]
        for request in json_body(client.get(f"{API}/requests.json", HTTP_ACCEPT_LANGUAGE="en"))
    }
    assert notes[answered.reference] == "Lampan är lagad."
    assert notes[quiet.reference] == "Being handled"
    assert notes[waiting.reference] == (
        "Being handled. The text is being reviewed by the municipality before it is published."
    )


def test_a_request_waiting_for_review_has_no_description_and_no_address(client, services):
    case = factories.make_case(
        category=services["lights"],
        description="Per Olsson på Storgatan 5 ringer 070.123.45.67",
        place="Storgatan 5",
    )
    (request,) = json_body(client.get(f"{API}/requests/{case.reference}.json"))
    assert request["description"] is None
    assert request["address"] is None
    assert "Olsson" not in json.dumps(request) and "Storgatan" not in json.dumps(request)
    factories.approve(case)
    case.published_text = "En lampa är trasig."
    case.save()
    (request,) = json_body(client.get(f"{API}/requests/{case.reference}.json"))
    assert request["description"] == "En lampa är trasig."
    assert request["address"] == "Storgatan 5"


def test_filters_by_service_code_and_request_ids(client, services):
    lamp = factories.make_case(category=services["lights"])
    paint = factories.make_case(category=services["graffiti"])
    other = factories.make_case(category=services["graffiti"])
    assert listed(client, service_code="gatubelysning") == [lamp.reference]
    assert set(listed(client, service_code="gatubelysning,klotter")) == {
        lamp.reference,
        paint.reference,
        other.reference,
    }
    assert set(listed(client, service_request_id=f"{lamp.reference},{paint.reference}")) == {
        lamp.reference,
        paint.reference,
    }


def test_request_ids_override_the_other_filters(client, services):
    old = factories.make_case(category=services["lights"], created_at=timezone.now() - timedelta(days=400))
    assert listed(client) == []
    assert listed(client, service_request_id=old.reference, service_code="klotter", status="closed") == [
        old.reference
    ]


def test_without_dates_the_last_90_days_are_listed(client, services):
    now = timezone.now()
    recent = factories.make_case(category=services["lights"], created_at=now - timedelta(days=89))
    factories.make_case(category=services["lights"], created_at=now - timedelta(days=91))
    assert listed(client) == [recent.reference]
    assert listed(client, start_date="", end_date="") == [recent.reference]


def test_a_date_window_selects_by_requested_datetime(client, services):
    inside = factories.make_case(category=services["lights"], created_at=at("2026-03-10T12:00:00+01:00"))
    factories.make_case(category=services["lights"], created_at=at("2026-06-10T12:00:00+02:00"))
    window = {"start_date": "2026-03-01T00:00:00+01:00", "end_date": "2026-04-01T00:00:00+02:00"}
    assert listed(client, **window) == [inside.reference]
    assert listed(client, start_date="2026-03-10T10:00:00Z", end_date="2026-03-10T12:00:00Z") == [
        inside.reference
    ]
    assert listed(client, start_date="2026-03-01T00:00:00+01:00") == [inside.reference]


def test_a_plus_sign_that_arrived_as_a_space_is_read_as_an_offset(client, services):
    inside = factories.make_case(category=services["lights"], created_at=at("2026-03-10T12:00:00+01:00"))
    url = f"{API}/requests.json?start_date=2026-03-10T11:00:00+01:00&end_date=2026-03-10T13:00:00+01:00"
    assert ids(json_body(client.get(url))) == [inside.reference]


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize(
    "query, mentioned",
    [
        ({"start_date": "1 mars 2026"}, "start_date"),
        ({"end_date": "2026-13-01T00:00:00Z"}, "end_date"),
        ({"start_date": "2026-03-01T00:00:00"}, "time zone"),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-02T00:00:00Z"}, "90 days"),
        ({"start_date": "2026-04-01T00:00:00Z", "end_date": "2026-03-01T00:00:00Z"}, "later"),
        ({"status": "pending"}, "status"),
        ({"updated_after": "yesterday"}, "updated_after"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "two"}, "page"),
    ],
)
def test_invalid_filters_are_refused_with_400(client, services, fmt, query, mentioned):
    response = client.get(f"{API}/requests.{fmt}", query, HTTP_ACCEPT_LANGUAGE="en")
    assert_error(response, 400, fmt, mentioned)


def test_updated_after_and_before_select_by_updated_datetime(client, services):
    old = factories.make_case(category=services["lights"], created_at=timezone.now() - timedelta(days=200))
    Case.objects.filter(pk=old.pk).update(updated_at=at("2026-11-20T10:00:00+01:00"))
    Case.objects.filter(pk=factories.make_case(category=services["lights"]).pk).update(
        updated_at=at("2026-10-01T10:00:00+02:00")
    )
    assert listed(
        client, updated_after="2026-11-01T00:00:00+01:00", updated_before="2026-11-30T00:00:00+01:00"
    ) == [old.reference]


def test_at_most_1000_requests_are_returned_and_pages_reach_the_rest(client, services):
    now = timezone.now()
    Case.objects.bulk_create(
        Case(
            year=2026,
            number=number,
            kind=CaseKind.FAULT,
            category=services["lights"],
            description="Släckt lampa",
            published_text="Släckt lampa",
            created_at=now - timedelta(minutes=number),
        )
        for number in range(1, 1003)
    )
    assert len(listed(client)) == 1000
    assert len(listed(client, page_size="5000")) == 1000
    assert listed(client, page="2", page_size="1000") == ["2026-01001", "2026-01002"]
    assert listed(client, page="3", page_size="400") == [f"2026-{number:05d}" for number in range(801, 1003)]


def test_the_list_takes_a_fixed_number_of_queries(client, services, media):
    for _number in range(5):
        case = factories.make_case(category=services["lights"])
        factories.make_photo(case, is_public=True)
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ANSWER, is_public=True, text="Lagat.")
    client.get(f"{API}/requests.json")  # sessions, translations and promises warmed up
    with CaptureQueriesContext(connection) as five:
        client.get(f"{API}/requests.json")
    for _number in range(5):
        case = factories.make_case(category=services["graffiti"])
        factories.make_photo(case, is_public=True)
    with CaptureQueriesContext(connection) as ten:
        client.get(f"{API}/requests.json")
    # One more category means one more promise lookup, nothing per case.
    assert len(ten) <= len(five) + 2


# Privacy


def test_contact_details_and_the_original_description_never_appear(client, services):
    case = submit_case(
        Submission(
            kind=CaseKind.FAULT,
            category=services["lights"],
            description="Lampan är trasig. Ring mig på 070-123 45 67, jag heter Karin Berg.",
            answers={"antal": "2"},
            place="Utanför Karin Bergs port, Tumba",
            contact_name="Karin Berg",
            contact_email="karin.berg@example.se",
            contact_phone="08-530 610 00",
        )
    )
    for url in (f"{API}/requests.json", f"{API}/requests.xml", f"{API}/requests/{case.reference}.xml"):
        text = client.get(url).content.decode()
        assert case.reference in text
        for secret in ("070-123 45 67", "karin.berg@example.se", "08-530 610 00", "Karin", case.follow_token):
            assert secret not in text


def test_unpublished_safety_reports_are_never_listed_or_shown(client, db):
    worry = factories.make_category(code="otrygg-plats", kind=CaseKind.SAFETY, name="Otrygg plats")
    hidden = factories.make_case(kind=CaseKind.SAFETY, category=worry, description="Mörkt i tunneln")
    published = factories.make_case(kind=CaseKind.SAFETY, category=worry, is_published=True)
    for fmt in ("xml", "json"):
        text = client.get(f"{API}/requests.{fmt}").content.decode()
        assert hidden.reference not in text
        assert "Mörkt i tunneln" not in text
        assert published.reference in text
        text = client.get(f"{API}/requests.{fmt}", {"service_request_id": hidden.reference}).content.decode()
        assert hidden.reference not in text
        assert_error(client.get(f"{API}/requests/{hidden.reference}.{fmt}"), 404, fmt)


def test_control_characters_that_xml_cannot_carry_are_left_out(client, services):
    case = factories.reviewed_case(category=services["lights"], published_text="Lampan\x0b blinkar\x1f.")
    root = xml_root(client.get(f"{API}/requests/{case.reference}.xml"))
    assert root.findtext("request/description") == "Lampan blinkar."
    (request,) = json_body(client.get(f"{API}/requests/{case.reference}.json"))
    assert request["description"] == "Lampan\x0b blinkar\x1f."


def test_unpublished_photos_are_not_linked(client, lamp, media):
    factories.make_photo(lamp, is_public=False)
    (request,) = json_body(client.get(f"{API}/requests.json"))
    assert request["media_url"] is None


def test_feedback_without_a_service_is_not_a_service_request(client, services):
    feedback = factories.make_case(kind=CaseKind.FEEDBACK)
    assert feedback.reference not in listed(client)


def test_dates_in_the_future_of_the_window_reach_at_most_90_days(client, services):
    created = datetime(2026, 1, 10, 12, tzinfo=STOCKHOLM)
    early = factories.make_case(category=services["lights"], created_at=created)
    factories.make_case(category=services["lights"], created_at=created + timedelta(days=95))
    assert listed(client, start_date="2026-01-01") == [early.reference]
