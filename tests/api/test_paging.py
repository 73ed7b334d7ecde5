import pytest

from tests.api.plans import build_plan


@pytest.fixture
def plan(db):
    return build_plan(areas=3, per_area=5)


def test_lists_answer_with_count_links_and_items(client, plan):
    body = client.get("/api/v1/commitments?page_size=4").json()

    assert list(body) == ["count", "next", "previous", "items"]
    assert body["count"] == 15
    assert len(body["items"]) == 4
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/commitments?page_size=4&page=2"


def test_page_two_continues_where_page_one_ended(client, plan):
    first = client.get("/api/v1/commitments?page_size=4").json()
    second = client.get(first["next"]).json()

    assert [item["reference"] for item in first["items"]] == ["1.1", "1.2", "1.3", "1.4"]
    assert [item["reference"] for item in second["items"]] == ["1.5", "2.1", "2.2", "2.3"]
    assert second["previous"] == "http://testserver/api/v1/commitments?page_size=4&page=1"


def test_the_last_page_has_no_next_link(client, plan):
    body = client.get("/api/v1/commitments?page_size=4&page=4").json()

    assert len(body["items"]) == 3
    assert body["next"] is None


def test_a_page_past_the_end_is_empty_and_points_back_to_the_last(client, plan):
    body = client.get("/api/v1/commitments?page_size=4&page=9").json()

    assert body["items"] == []
    assert body["count"] == 15
    assert body["previous"].endswith("page=4")


def test_filters_stay_in_the_page_links(client, plan):
    body = client.get("/api/v1/commitments?status=done&page_size=2").json()

    assert "status=done" in body["next"]


def test_the_default_page_size_is_fifty(client, db):
    build_plan(areas=6, per_area=10)

    body = client.get("/api/v1/commitments").json()

    assert len(body["items"]) == 50


@pytest.mark.parametrize("query", ["page_size=501", "page_size=0", "page=0", "page=ett"])
def test_page_bounds_are_enforced(client, db, query):
    response = client.get(f"/api/v1/commitments?{query}")

    assert response.status_code == 422


def test_page_size_of_five_hundred_is_allowed(client, plan):
    response = client.get("/api/v1/commitments?page_size=500")

    assert response.status_code == 200
    assert len(response.json()["items"]) == 15
