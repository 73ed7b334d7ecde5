"""The public list, map and pages of residents' reports show what is published and nothing personal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.selectors import publicity
from framsteg.dialogue.services.intake import Submission, submit_case
from tests.dialogue import factories

pytestmark = pytest.mark.django_db

REPORTS = "/anmalningar/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def districts():
    return factories.make_districts()


@pytest.fixture
def lights():
    return factories.make_category()


def page(client, path=REPORTS, language="en", **params) -> str:
    response = client.get(path, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def detail_url(case: Case) -> str:
    return f"/anmalningar/{case.reference}/"


def listed(html: str, case: Case) -> bool:
    return f'href="{detail_url(case)}"' in html


def safety_report(district, created_at=None, **extra) -> Case:
    return factories.make_case(
        kind=CaseKind.SAFETY,
        description="Det är mörkt och otryggt vid gångtunneln.",
        district=district,
        created_at=created_at,
        **extra,
    )


def test_a_new_report_shows_no_text_until_reviewed_then_the_approved_text(client, lights):
    case = submit_case(
        Submission(
            kind=CaseKind.FAULT,
            category=lights,
            description="Lampan vid lekplatsen är trasig. Ring mig på 070-123 45 67",
            contact_name="Karin Berg",
            contact_email="karin.berg@example.se",
            contact_phone="08-530 610 00",
        )
    )
    for html in (page(client), page(client, detail_url(case))):
        assert "Lampan vid lekplatsen" not in html
        assert "The text is being reviewed by the municipality before it is published." in html
        assert "070-123 45 67" not in html
    assert listed(page(client), case)
    factories.approve(case)  # the proposal: what the automatic check found removed
    for html in (page(client), page(client, detail_url(case))):
        assert "Lampan vid lekplatsen är trasig." in html
        assert "[borttaget]" in html
        assert "070-123 45 67" not in html
        assert "karin.berg@example.se" not in html
        assert "Karin" not in html
        assert "08-530 610 00" not in html
    assert "Reviewed by the municipality before publication." in page(client, detail_url(case))
    assert "has been removed" not in page(client, detail_url(case))


def test_feedback_and_fault_reports_are_listed_with_their_status_word(client, districts, lights):
    fault = factories.make_case(district=districts["Tumba"], status=Case.Status.CLOSED)
    feedback = factories.reviewed_case(kind=CaseKind.FEEDBACK, description="Bra med nya bänkar i parken!")
    html = page(client)
    assert listed(html, fault) and listed(html, feedback)
    assert "Bra med nya bänkar i parken!" in html
    assert "Closed" in html
    assert "Fixed" not in html.split('id="results-heading"')[1].split('class="reports-safety"')[0]


def test_unpublished_safety_reports_are_not_listed_but_are_counted(client, districts):
    hidden = [safety_report(districts["Tumba"]) for _ in range(3)]
    html = page(client)
    assert not any(listed(html, case) for case in hidden)
    assert "gångtunneln" not in html
    aggregate = publicity.safety_aggregate()
    tumba = next(row for row in aggregate.districts if row.label == "Tumba")
    assert tumba.counts[-1].value == 3 and not tumba.counts[-1].is_suppressed
    assert sum(count.value for row in aggregate.districts for count in row.counts) == 3


def test_a_safety_report_published_by_staff_is_listed(client, districts):
    published = safety_report(
        districts["Alby"],
        is_published=True,
        published_text="Trasig belysning i tunneln.",
        text_review="approved",
    )
    html = page(client)
    assert listed(html, published)
    assert "Trasig belysning i tunneln." in html
    assert page(client, detail_url(published))


def test_small_counts_are_shown_as_fewer_than_three(client, districts):
    safety_report(districts["Alby"])
    safety_report(districts["Alby"])
    aggregate = publicity.safety_aggregate()
    alby = next(row for row in aggregate.districts if row.label == "Alby")
    assert alby.counts[-1].value == 2
    assert alby.counts[-1].is_suppressed
    assert aggregate.has_suppressed
    safety = page(client).split('class="reports-safety"')[1]
    assert "fewer than 3" in safety
    assert '<td class="safety-table__count">2</td>' not in safety


def test_the_safety_counts_cover_the_last_weeks_only_and_hold_no_text(districts):
    now = timezone.now()
    safety_report(districts["Tumba"], created_at=now - timedelta(weeks=publicity.SAFETY_WEEKS + 1))
    safety_report(districts["Tumba"], created_at=now)
    aggregate = publicity.safety_aggregate()
    assert len(aggregate.weeks) == publicity.SAFETY_WEEKS
    assert sum(count.value for row in aggregate.districts for count in row.counts) == 1
    assert [row.counts[0].value for row in aggregate.categories] == [1]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "feedback"}, "praise"),
        ({"category": "klotter"}, "graffiti"),
        ({"district": "alby"}, "alby"),
        ({"status": "fixed"}, "fixed"),
    ],
)
def test_each_filter_narrows_the_list(client, districts, lights, params, expected):
    graffiti_category = factories.make_category(code="klotter", name="Klotter")
    cases = {
        "praise": factories.make_case(kind=CaseKind.FEEDBACK, district=districts["Tumba"]),
        "graffiti": factories.make_case(category=graffiti_category, district=districts["Tumba"]),
        "alby": factories.make_case(district=districts["Alby"]),
        "fixed": factories.make_case(district=districts["Tumba"], status=Case.Status.FIXED),
    }
    html = page(client, **params)
    assert [name for name, case in cases.items() if listed(html, case)] == [expected]
    assert 'href="/anmalningar/">Clear filters</a>' in html


def test_an_unknown_filter_value_is_explained_and_narrows_nothing(client, districts):
    case = factories.make_case(district=districts["Tumba"])
    html = page(client, district="atlantis")
    assert listed(html, case)
    assert "Some filters could not be used" in html


def test_pages_of_the_list_keep_the_filters(client, districts):
    tumba = [factories.make_case(district=districts["Tumba"]) for _ in range(30)]
    factories.make_case(district=districts["Alby"])
    html = page(client, district=districts["Tumba"].slug)
    assert "30 published reports" in html
    assert f'href="?district={districts["Tumba"].slug}&amp;page=2"' in html
    second = page(client, district=districts["Tumba"].slug, page=2)
    assert sum(listed(second, case) for case in tumba) == 5
    assert f'href="?district={districts["Tumba"].slug}&amp;page=1"' in second


def test_the_map_has_a_linked_marker_for_a_listed_report_with_a_position(client, lights):
    placed = factories.make_case(latitude=factories.ALBY_STATION[0], longitude=factories.ALBY_STATION[1])
    unplaced = factories.make_case()
    svg = page(client).split("<svg", 1)[1].split("</svg>", 1)[0]
    assert f'<a href="{detail_url(placed)}" aria-label="{placed.reference}: Gatubelysning, Received"' in svg
    assert detail_url(unplaced) not in svg
    assert '<path class="reports-map__outline" d="M' in svg


def test_markers_at_the_same_spot_are_spread_apart(client, lights):
    for _ in range(3):
        factories.make_case(latitude=factories.TUMBA_STATION[0], longitude=factories.TUMBA_STATION[1])
    svg = page(client).split("<svg", 1)[1]
    markers = [part.split("/>")[0] for part in svg.split('class="reports-map__marker"')[1:]]
    assert len(set(markers)) == 3


def test_an_arabic_reader_gets_a_right_to_left_page(client, lights):
    factories.make_case()
    assert 'dir="rtl"' in page(client, language="ar")
    assert 'dir="ltr"' in page(client, language="sv")


def test_the_list_needs_a_bounded_number_of_queries(client, districts, lights, django_assert_max_num_queries):
    for number in range(60):
        district = list(districts.values())[number % len(districts)]
        factories.make_case(district=district, latitude=district.latitude, longitude=district.longitude)
    for _ in range(4):
        safety_report(districts["Tumba"])
    with django_assert_max_num_queries(12):
        html = page(client, kind="fault")
    assert html.count('class="report-card"') == 25


def test_the_year_summary_counts_every_kind_of_report(districts):
    factories.make_case(status=Case.Status.IN_PROGRESS)
    factories.make_case(status=Case.Status.FIXED)
    factories.make_case(kind=CaseKind.FEEDBACK, status=Case.Status.ANSWERED)
    safety_report(districts["Tumba"])
    factories.make_case(status=Case.Status.CLOSED)
    factories.make_case(status=Case.Status.NOT_OURS)
    assert publicity.year_summary(timezone.localdate().year) == {
        "received": 6,
        "open": 2,
        "done": 2,
        "ended": 2,
    }


def test_a_report_page_shows_the_public_timeline_and_hides_notes_and_answers(client, districts, lights):
    case = factories.reviewed_case(district=districts["Tumba"], status=Case.Status.FIXED, place="Tumba torg")
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, text="Ring entreprenören på fredag.")
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.ANSWER, is_public=True, text="Hej Karin! Tack för din anmälan."
    )
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.PUBLIC_NOTE, review="approved", is_public=True, text="Lampan är lagad."
    )
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.PUBLIC_NOTE, review="pending", text="Utkast som väntar på granskning."
    )
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.PUBLIC_NOTE, review="rejected", text="Avvisad anteckning."
    )
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.STATUS,
        is_public=True,
        data={"before": "in_progress", "after": "fixed"},
    )
    html = page(client, detail_url(case))
    assert "Lampan är lagad." in html and "Note from the municipality" in html
    assert "Tack för din anmälan" not in html and "Answer from the municipality" not in html
    assert "Utkast" not in html and "Avvisad" not in html
    assert "Ring entreprenören" not in html
    assert "Fixed" in html
    assert "Tumba torg" in html
    assert "Gatubelysning" in html


def test_a_closed_report_never_reads_as_fixed(client, lights):
    case = factories.make_case(status=Case.Status.CLOSED)
    html = page(client, detail_url(case))
    assert "Closed" in html and "Fixed" not in html
    with_swedish = page(client, detail_url(case), language="sv")
    assert "Avslutad" in with_swedish and "Åtgärdad" not in with_swedish


def test_an_unpublished_report_is_not_found(client, districts):
    hidden = safety_report(districts["Tumba"])
    assert client.get(detail_url(hidden)).status_code == 404
    assert client.get("/anmalningar/2026-99999/").status_code == 404


def test_a_report_whose_text_was_rejected_is_shown_without_text(client, lights):
    case = factories.make_case(text_review="rejected", review_reason="Handlar om en granne.")
    html = page(client, detail_url(case))
    assert "The text of this report is not published." in html
    assert "Lampan vid busshållplatsen" not in html and "granne" not in html


def test_a_reference_with_extra_zeros_redirects_to_the_usual_one(client, lights):
    case = factories.make_case()
    response = client.get(f"/anmalningar/{case.year}-{case.number:07d}/")
    assert response.status_code == 301
    assert response["Location"] == detail_url(case)


def test_a_merged_report_points_to_the_report_it_was_merged_into(client, lights, districts):
    target = factories.make_case()
    duplicate = factories.make_case(status=Case.Status.DUPLICATE, duplicate_of=target)
    html = page(client, detail_url(duplicate))
    assert "Duplicate" in html
    assert f'Merged into <a href="{detail_url(target)}"><bdi dir="ltr">{target.reference}</bdi></a>' in html
    assert f'href="{detail_url(duplicate)}"' in page(client, detail_url(target))

    hidden_target = safety_report(districts["Tumba"])
    merged_safety = safety_report(
        districts["Tumba"], is_published=True, status=Case.Status.DUPLICATE, duplicate_of=hidden_target
    )
    html = page(client, detail_url(merged_safety))
    assert f'Merged into <bdi dir="ltr">{hidden_target.reference}</bdi>' in html
    assert detail_url(hidden_target) not in html


def test_a_report_page_links_the_commitments_it_is_linked_to(client, lights, small_plan):
    case = factories.make_case()
    commitment = small_plan["commitments"][0]
    case.commitments.add(commitment)
    html = page(client, detail_url(case))
    assert f'href="/atagande/{commitment.pk}/"' in html
    assert commitment.text in html


def test_a_public_photo_is_served_with_a_public_cache_header(client, media, lights):
    case = factories.make_case()
    photo = factories.make_photo(case, is_public=True)
    response = client.get(f"/anmalningar/foto/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == photo.image.open("rb").read()
    assert f'src="/anmalningar/foto/{photo.pk}/"' in page(client, detail_url(case))


def test_photos_that_are_not_public_are_not_found(client, media, districts, lights):
    case = factories.make_case()
    private = factories.make_photo(case, is_public=False)
    removed = factories.make_photo(case, is_public=True, removed_at=timezone.now())
    of_hidden_case = factories.make_photo(safety_report(districts["Tumba"]), is_public=True)
    for photo in (private, removed, of_hidden_case):
        assert client.get(f"/anmalningar/foto/{photo.pk}/").status_code == 404
    html = page(client, detail_url(case))
    assert f"/anmalningar/foto/{private.pk}/" not in html
    assert f"/anmalningar/foto/{removed.pk}/" not in html


def test_the_csv_holds_the_filtered_public_reports_without_personal_data(client, districts, lights):
    shown = factories.reviewed_case(
        district=districts["Tumba"],
        description="Ring 070-123 45 67",
        published_text="=Ring [borttaget]",
        contact_email="karin@example.se",
    )
    elsewhere = factories.make_case(district=districts["Alby"])
    safety_report(districts["Tumba"])
    response = client.get("/anmalningar.csv", {"district": districts["Tumba"].slug})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    lines = body.strip().splitlines()
    assert lines[0].startswith("reference,kind,category")
    assert len(lines) == 2 and lines[1].startswith(shown.reference)
    assert "'=Ring [borttaget]" in body
    assert "070-123" not in body and "karin@" not in body and elsewhere.reference not in body
    assert lines[0].endswith(",text_review") and lines[1].endswith(",reviewed")


def test_the_csv_leaves_out_text_and_place_waiting_for_review(client, districts, lights):
    waiting = factories.make_case(
        district=districts["Tumba"], description="Per Olsson på Storgatan 5", place="Storgatan 5"
    )
    body = b"".join(client.get("/anmalningar.csv").streaming_content).decode()
    [row] = [line for line in body.splitlines() if line.startswith(waiting.reference)]
    assert "Olsson" not in row and "Storgatan" not in row
    assert row.endswith(",pending")
