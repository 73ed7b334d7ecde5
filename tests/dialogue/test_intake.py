"""A report becomes a case: checked, placed, routed, given deadlines and a reference, or not saved at all."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.utils import translation

from framsteg.dialogue.models import Case, CaseEvent, CaseKind, CategoryQuestion, Photo
from framsteg.dialogue.photos import ProcessedPhoto
from framsteg.dialogue.services.intake import IntakeError, Submission, submit_case
from tests.dialogue import factories
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

# A Wednesday in March, 10:00 in Stockholm (09:00 UTC).
WEDNESDAY = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


@pytest.fixture
def lights(db):
    return factories.make_category(organisation=make_organisation("Samhällsbyggnadsförvaltningen"))


def fault(category, **extra) -> Submission:
    extra.setdefault("description", "Lampan på gångvägen är släckt.")
    return Submission(kind=CaseKind.FAULT, category=category, **extra)


def photo(color=(10, 200, 30)) -> ProcessedPhoto:
    return ProcessedPhoto(
        content=factories.jpeg_bytes(color=color),
        width=40,
        height=30,
        content_type="image/jpeg",
        extension="jpg",
    )


def test_a_fault_is_registered_with_the_next_reference_of_the_year(lights):
    first = submit_case(fault(lights), now=WEDNESDAY)
    second = submit_case(fault(lights), now=WEDNESDAY)
    assert (first.reference, second.reference) == ("2026-00001", "2026-00002")
    assert first.status == Case.Status.RECEIVED
    assert Case.objects.count() == 2


def test_the_year_of_the_reference_is_the_year_in_stockholm():
    lights = factories.make_category()
    # 23:30 UTC on New Year's Eve is already New Year's Day in Stockholm.
    case = submit_case(fault(lights), now=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert case.reference == "2027-00001"


def test_due_dates_follow_the_default_promise_in_working_days(lights):
    case = submit_case(fault(lights), now=WEDNESDAY)
    assert (case.confirm_due, case.answer_due) == (date(2026, 3, 13), date(2026, 3, 25))


def test_a_category_promise_comes_before_the_kind_promise(lights):
    factories.make_promise(CaseKind.FAULT, confirm_within=3, answer_within=15)
    graffiti = factories.make_category("klotter", name="Klotter")
    factories.make_promise(category=graffiti, confirm_within=1, answer_within=5)
    by_kind = submit_case(fault(lights), now=WEDNESDAY)
    by_category = submit_case(fault(graffiti), now=WEDNESDAY)
    assert (by_kind.confirm_due, by_kind.answer_due) == (date(2026, 3, 16), date(2026, 4, 1))
    assert (by_category.confirm_due, by_category.answer_due) == (date(2026, 3, 12), date(2026, 3, 18))


def test_due_dates_skip_easter_and_count_from_the_day_in_stockholm(lights):
    # 22:30 UTC on Wednesday 1 April 2026 is already Maundy Thursday in Stockholm; Good Friday and
    # Easter Monday are not working days, so two working days end on Wednesday 8 April.
    case = submit_case(fault(lights), now=datetime(2026, 4, 1, 22, 30, tzinfo=UTC))
    assert case.confirm_due == date(2026, 4, 8)


def test_the_district_comes_from_the_position():
    factories.make_districts()
    case = submit_case(
        fault(
            factories.make_category(), latitude=factories.ALBY_STATION[0], longitude=factories.ALBY_STATION[1]
        )
    )
    assert case.district.name == "Alby"
    assert (case.latitude, case.longitude) == factories.ALBY_STATION


def test_the_district_comes_from_a_place_name_when_there_is_no_position():
    factories.make_districts()
    lights = factories.make_category()
    by_place = submit_case(fault(lights, place="Storvreten"))
    by_description = submit_case(fault(lights, description="Gatlampan vid Tumba torg är trasig."))
    unknown = submit_case(fault(lights, place="Drottninggatan 1"))
    assert by_place.district.name == "Tumba"
    assert by_description.district.name == "Tumba"
    assert unknown.district is None
    assert by_place.latitude is None


def test_routing_takes_the_most_specific_rule():
    districts = factories.make_districts()
    default = make_organisation("Samhällsbyggnadsförvaltningen")
    by_category = make_organisation("Gatuenheten")
    in_tullinge = make_organisation("Tullinge driftområde")
    lights = factories.make_category(organisation=default)
    factories.make_rule(lights, by_category)
    factories.make_rule(lights, in_tullinge, districts["Tullinge"])

    tullinge = submit_case(fault(lights, place="Tullinge centrum"))
    alby = submit_case(fault(lights, place="Alby"))
    assert tullinge.organisation == in_tullinge
    assert alby.organisation == by_category

    routed = tullinge.events.get(kind=CaseEvent.Kind.ROUTED)
    assert routed.data == {
        "organisation": in_tullinge.pk,
        "district": districts["Tullinge"].pk,
        "rule": "district",
    }
    assert not routed.is_public


def test_without_rules_the_category_organisation_is_responsible(lights):
    case = submit_case(fault(lights))
    assert case.organisation == lights.organisation
    assert case.events.get(kind=CaseEvent.Kind.ROUTED).data["rule"] == "default"


def test_feedback_without_category_is_registered_without_an_organisation(db):
    case = submit_case(
        Submission(kind=CaseKind.FEEDBACK, description="Tack för den fina parken!", feedback_type="praise")
    )
    assert case.organisation is None
    assert case.feedback_type == "praise"
    assert case.events.get(kind=CaseEvent.Kind.ROUTED).data["organisation"] is None


def test_the_received_event_is_public_and_says_nothing_personal(lights):
    case = submit_case(fault(lights, contact_name="Anna Svensson"), now=WEDNESDAY)
    received = case.events.get(kind=CaseEvent.Kind.RECEIVED)
    assert received.is_public
    assert received.text == ""
    assert received.created_at == WEDNESDAY
    assert list(case.events.values_list("kind", flat=True)) == ["received", "routed"]


def test_the_published_text_has_personal_data_removed(lights):
    case = submit_case(
        fault(
            lights,
            description="Anna här, lampan vid min port är släckt. Ring 070-123 45 67 eller anna@example.se.",
            contact_name="Anna Svensson",
            contact_email="anna@example.se",
        )
    )
    assert case.description.startswith("Anna här")
    assert (
        case.published_text
        == "[borttaget] här, lampan vid min port är släckt. Ring [borttaget] eller [borttaget]."
    )
    assert case.is_published


def test_safety_reports_are_never_published(db):
    case = submit_case(
        Submission(kind=CaseKind.SAFETY, description="Det känns otryggt vid tunneln på kvällarna.")
    )
    assert not case.is_published
    assert case.category is None


def test_photos_are_stored_with_random_names_by_month(lights, media_root):
    case = submit_case(fault(lights, photos=[photo(), photo((0, 0, 0))]))
    names = [p.image.name for p in case.photos.all()]
    assert len(names) == 2
    today = datetime.now()
    for name in names:
        directory, filename = name.rsplit("/", 1)
        assert directory == f"cases/{today:%Y}/{today:%m}"
        assert len(filename) == len("0123456789abcdef0123456789abcdef.jpg")
        assert (Path(media_root) / name).exists()
    assert all(not p.is_public for p in case.photos.all())


def test_a_failing_photo_leaves_neither_case_nor_files(lights, media_root):
    original = FileSystemStorage._save
    calls = []

    def fail_on_second(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, name, content)

    with mock.patch.object(FileSystemStorage, "_save", fail_on_second), pytest.raises(OSError):
        submit_case(fault(lights, photos=[photo(), photo()]))
    assert Case.objects.count() == 0
    assert Photo.objects.count() == 0
    assert CaseEvent.objects.count() == 0
    assert not [path for path in Path(media_root).rglob("*") if path.is_file()]


def test_a_failure_after_the_photos_removes_their_files(lights, media_root):
    with (
        mock.patch(
            "framsteg.dialogue.services.intake.CaseEvent.objects.create", side_effect=RuntimeError("boom")
        ),
        pytest.raises(RuntimeError),
    ):
        submit_case(fault(lights, photos=[photo()]))
    assert Case.objects.count() == 0
    assert not [path for path in Path(media_root).rglob("*") if path.is_file()]


def test_answers_are_kept_for_the_categorys_own_questions(lights):
    factories.make_question(lights, "antal", datatype=CategoryQuestion.Datatype.NUMBER)
    factories.make_question(
        lights,
        "lyser",
        "Lyser lampan alls?",
        CategoryQuestion.Datatype.SINGLE,
        choices=[["nej", "Nej"], ["blinkar", "Den blinkar"]],
        required=True,
    )
    case = submit_case(fault(lights, answers={"antal": "3", "lyser": "blinkar", "okand": "x"}))
    assert case.answers == {"antal": "3", "lyser": "blinkar"}


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"antal": "tre", "lyser": "nej"}, "answer_antal"),
        ({"lyser": "kanske"}, "answer_lyser"),
        ({"antal": "2"}, "answer_lyser"),
    ],
)
def test_invalid_or_missing_answers_are_refused(lights, answers, field):
    factories.make_question(lights, "antal", datatype=CategoryQuestion.Datatype.NUMBER)
    factories.make_question(
        lights,
        "lyser",
        "Lyser lampan alls?",
        CategoryQuestion.Datatype.SINGLE,
        choices=[["nej", "Nej"]],
        required=True,
    )
    with pytest.raises(IntakeError) as error:
        submit_case(fault(lights, answers=answers))
    assert error.value.field == field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": "   "}, "description"),
        ({"description": "x" * 4001}, "description"),
        ({"category": None}, "category"),
        ({"latitude": 59.2}, "longitude"),
        ({"longitude": 17.8}, "latitude"),
        ({"latitude": factories.STOCKHOLM_CITY[0], "longitude": factories.STOCKHOLM_CITY[1]}, "latitude"),
        ({"latitude": "north", "longitude": 17.8}, "latitude"),
        ({"contact_email": "anna at example"}, "contact_email"),
        ({"kind": "complaint"}, "kind"),
        ({"source": "fax"}, "source"),
        ({"happened_at": datetime(2030, 1, 1, tzinfo=UTC)}, "happened_at"),
        ({"photos": [photo()] * 4}, "photos"),
    ],
)
def test_invalid_submissions_are_refused_with_a_field(lights, changes, field):
    submission = fault(lights)
    for name, value in changes.items():
        setattr(submission, name, value)
    with pytest.raises(IntakeError) as error:
        submit_case(submission)
    assert error.value.field == field
    assert error.value.message
    assert Case.objects.count() == 0


def test_the_category_must_be_active_and_of_the_same_kind(lights):
    unsafe = factories.make_category("otrygg-plats", kind=CaseKind.SAFETY, name="Otrygg plats")
    retired = factories.make_category("gammal", name="Gammal", is_active=False)
    for category in (unsafe, retired):
        with pytest.raises(IntakeError) as error:
            submit_case(fault(category))
        assert error.value.field == "category"


def test_feedback_needs_its_type(db):
    with pytest.raises(IntakeError) as error:
        submit_case(Submission(kind=CaseKind.FEEDBACK, description="Bra jobbat"))
    assert error.value.field == "feedback_type"


def test_a_description_of_exactly_4000_characters_is_accepted(lights):
    assert submit_case(fault(lights, description="x" * 4000)).description == "x" * 4000


def test_error_messages_are_translated(lights):
    with translation.override("en"), pytest.raises(IntakeError) as error:
        submit_case(fault(lights, description=""))
    assert error.value.message == "Describe what you want to tell us."


def test_the_residents_language_is_kept_and_unknown_ones_fall_back_to_swedish(lights):
    assert submit_case(fault(lights, language="ar")).language == "ar"
    assert submit_case(fault(lights, language="so-SO")).language == "so"
    assert submit_case(fault(lights, language="xx")).language == "sv"


def test_a_naive_time_of_the_event_is_stockholm_time(lights):
    case = submit_case(fault(lights, happened_at=datetime(2026, 3, 10, 22, 0)), now=WEDNESDAY)
    assert case.happened_at == datetime(2026, 3, 10, 21, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_get_distinct_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises writes to one file")
    lights = factories.make_category()
    writers = 40
    barrier = threading.Barrier(writers)
    references, errors = [], []

    def write():
        try:
            barrier.wait()
            references.append(submit_case(fault(lights)).number)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(references) == list(range(1, writers + 1))
