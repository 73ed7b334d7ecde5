from tests import factories
from tests.api.plans import build_plan


def test_it_lists_areas_with_their_roll_up(client, reported_plan):
    body = client.get("/api/v1/areas").json()

    assert body["count"] == 2
    school, housing = body["items"]
    assert school["title"] == "Skola och förskola"
    assert school["document"] == "politisk-plattform"
    assert school["rollup"]["total"] == 2
    assert school["rollup"]["reported"] == 1
    assert school["rollup"]["mean_progress"] == 10.0  # the correction's 20 % and an unreported 0 %
    assert school["rollup"]["counts"]["delayed"] == 1
    assert school["rollup"]["counts"]["in_progress"] == 0
    assert school["rollup"]["counts"]["not_reported"] == 1
    assert housing["rollup"]["counts"]["not_reported"] == 1


def test_roll_up_counts_list_every_status_in_vocabulary_order_then_not_reported(client, small_plan):
    counts = client.get("/api/v1/areas").json()["items"][0]["rollup"]["counts"]

    assert list(counts) == [
        "not_started",
        "in_progress",
        "partly_done",
        "done",
        "delayed",
        "cancelled",
        "cannot_assess",
        "not_reported",
    ]


def test_removed_commitments_leave_the_roll_up(client, small_plan):
    document = small_plan["document"]
    version = document.versions.create(number=2, text="Ny text", format="text", sha256="c" * 64)
    reading = small_plan["commitments"][1]
    reading.removed_in = version
    reading.save()

    school = client.get(f"/api/v1/areas/{small_plan['areas'][0].pk}").json()

    assert school["rollup"]["total"] == 1


def test_it_filters_areas_by_document(client, small_plan):
    other = factories.make_document("Nämndplan", kind="committee_plan", slug="namndplan")
    factories.make_area(other, "Ekonomi", slug="ekonomi")

    body = client.get("/api/v1/areas?document=namndplan").json()

    assert [area["title"] for area in body["items"]] == ["Ekonomi"]


def test_it_shows_one_area_with_its_responsible_organisations(client, small_plan):
    school_area = small_plan["areas"][0]
    school_area.responsible.add(small_plan["organisations"][0])

    body = client.get(f"/api/v1/areas/{school_area.pk}").json()

    assert body["responsible"] == [
        {"id": small_plan["organisations"][0].pk, "slug": "utbildningsnamnden", "name": "Utbildningsnämnden"}
    ]


def test_an_unknown_area_is_a_json_404(client, small_plan):
    response = client.get("/api/v1/areas/99999")

    assert response.status_code == 404
    assert response.json()["detail"] == "No area with the id 99999."


def test_listing_areas_of_a_large_plan_takes_few_queries(client, db, django_assert_max_num_queries):
    build_plan(areas=10, per_area=10)

    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/areas?page_size=500").json()

    assert body["count"] == 10
    assert body["items"][0]["rollup"]["counts"]["done"] == 5
