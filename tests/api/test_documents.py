from tests import factories


def test_it_lists_documents_with_their_versions(client, small_plan):
    response = client.get("/api/v1/documents")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [document] = body["items"]
    assert document["slug"] == "politisk-plattform"
    assert document["period"] == {"start": 2023, "end": 2026}
    assert document["current_version"] == 1
    assert [version["number"] for version in document["versions"]] == [1]
    assert len(document["versions"][0]["sha256"]) == 64


def test_it_shows_one_document_by_slug(client, small_plan):
    response = client.get("/api/v1/documents/politisk-plattform")

    assert response.status_code == 200
    assert response.json()["title"] == "Politisk plattform"


def test_current_version_is_the_newest_import(client, small_plan):
    document = small_plan["document"]
    document.versions.create(number=2, text="Ny text", format="text", sha256="b" * 64)

    body = client.get("/api/v1/documents/politisk-plattform").json()

    assert body["current_version"] == 2
    assert [version["number"] for version in body["versions"]] == [1, 2]


def test_an_unknown_document_is_a_json_404(client, small_plan):
    response = client.get("/api/v1/documents/finns-inte")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "finns-inte" in response.json()["detail"]


def test_listing_documents_takes_the_same_queries_for_many(client, small_plan, django_assert_max_num_queries):
    for number in range(10):
        factories.make_document(f"Nämndplan {number}", kind="committee_plan")

    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/documents?page_size=500")

    assert response.json()["count"] == 11
