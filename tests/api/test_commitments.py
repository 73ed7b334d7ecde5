from tests import factories
from tests.api.plans import build_plan


def test_it_lists_commitments_with_reference_owners_and_source(client, small_plan):
    body = client.get("/api/v1/commitments").json()

    assert body["count"] == 3
    preschool = body["items"][0]
    assert preschool["reference"] == "1.1"
    assert preschool["area"] == {"id": small_plan["areas"][0].pk, "title": "Skola och förskola"}
    assert preschool["responsible"][0]["slug"] == "utbildningsnamnden"
    assert preschool["responsible"][0]["basis"] == "assigned"
    assert preschool["source"]["quote"] == "Få fler barn att börja förskolan"
    assert preschool["latest"] is None
    assert preschool["history"] == []


def test_the_latest_status_is_the_correction(client, reported_plan):
    body = client.get(f"/api/v1/commitments/{reported_plan['commitments'][0].pk}").json()

    assert body["latest"]["status"] == "delayed"
    assert body["latest"]["label"] == "Försenad"
    assert body["latest"]["progress"] == 20
    assert body["latest"]["period"]["label"] == "Tertial 2026"


def test_history_runs_oldest_first_and_keeps_what_was_corrected(client, reported_plan):
    body = client.get(f"/api/v1/commitments/{reported_plan['commitments'][0].pk}").json()

    first, correction = body["history"]
    assert first["status"] == "in_progress"
    assert first["corrects"] is None
    assert correction["corrects"] == reported_plan["first"].pk
    assert correction["correction_note"] == "Fel status i första rapporten"
    assert correction["organisation"]["slug"] == "utbildningsnamnden"
    assert correction["evidence"] == [
        {"title": "Nämndprotokoll", "url": "https://example.org/protokoll.pdf", "document": None}
    ]


def test_history_does_not_name_the_person_who_reported(client, reported_plan):
    body = client.get(f"/api/v1/commitments/{reported_plan['commitments'][0].pk}").json()

    assert "Anna Andersson" not in str(body)


def test_rewordings_and_budget_are_included(client, small_plan):
    building = small_plan["commitments"][2]
    building.budget_sek = 2500000
    building.save()
    building.revisions.create(
        version=building.source_version, previous_text="Bygga 400 bostäder", new_text=building.text
    )

    body = client.get(f"/api/v1/commitments/{building.pk}").json()

    assert body["budget_sek"] == "2500000"
    assert body["rewordings"][0]["previous_text"] == "Bygga 400 bostäder"
    assert body["rewordings"][0]["version"] == 1


def test_it_filters_by_area_and_document(client, small_plan):
    housing = small_plan["areas"][1]
    factories.make_document("Annan plan", slug="annan-plan")

    by_area = client.get(f"/api/v1/commitments?area={housing.pk}").json()
    by_document = client.get("/api/v1/commitments?document=annan-plan").json()

    assert [item["reference"] for item in by_area["items"]] == ["2.1"]
    assert by_document["count"] == 0


def test_it_filters_by_responsible_organisation(client, small_plan):
    body = client.get("/api/v1/commitments?organisation=samhallsbyggnadsnamnden").json()

    assert [item["id"] for item in body["items"]] == [small_plan["commitments"][2].pk]


def test_it_filters_by_latest_status(client, reported_plan):
    delayed = client.get("/api/v1/commitments?status=delayed").json()
    in_progress = client.get("/api/v1/commitments?status=in_progress").json()

    assert [item["id"] for item in delayed["items"]] == [reported_plan["commitments"][0].pk]
    assert in_progress["count"] == 0  # the first report was corrected


def test_it_filters_commitments_never_reported(client, reported_plan):
    body = client.get("/api/v1/commitments?status=not_reported").json()

    assert {item["id"] for item in body["items"]} == {c.pk for c in reported_plan["commitments"][1:]}


def test_a_status_code_no_status_has_matches_nothing(client, reported_plan):
    """Like every other filter: the vocabulary is data (an administrator may add a status), so a well-formed
    code the API does not know is a valid question with an empty answer, as the OpenAPI document says."""
    response = client.get("/api/v1/commitments?status=klar")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_malformed_status_code_is_refused(client, small_plan):
    response = client.get("/api/v1/commitments", {"status": "in progress"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]


def test_it_searches_the_text(client, small_plan):
    body = client.get("/api/v1/commitments?q=läslust").json()

    assert [item["text"] for item in body["items"]] == ["Öka insatser för läslust och läskunnighet"]


def test_removed_commitments_are_listed_with_a_flag(client, small_plan):
    document = small_plan["document"]
    version = document.versions.create(number=2, text="Ny text", format="text", sha256="c" * 64)
    reading = small_plan["commitments"][1]
    reading.removed_in = version
    reading.save()

    body = client.get(f"/api/v1/commitments/{reading.pk}").json()

    assert body["removed"] is True
    assert body["removed_in_version"] == 2


def test_an_unknown_commitment_is_a_json_404(client, small_plan):
    response = client.get("/api/v1/commitments/99999")

    assert response.status_code == 404
    assert response.json() == {"detail": "No commitment with the id 99999."}


def test_listing_a_plan_of_a_hundred_commitments_takes_few_queries(client, db, django_assert_max_num_queries):
    build_plan(areas=10, per_area=10)

    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/commitments?page_size=500").json()

    assert body["count"] == 100
    assert len(body["items"]) == 100
    assert body["items"][0]["history"][1]["corrects"] == body["items"][0]["history"][0]["id"]


def test_filtering_by_status_takes_few_queries(client, db, django_assert_max_num_queries):
    build_plan(areas=10, per_area=10)

    with django_assert_max_num_queries(9):
        body = client.get("/api/v1/commitments?status=done&page_size=500").json()

    assert body["count"] == 50
