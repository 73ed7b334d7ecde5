from framsteg.steering.models import CandidateTarget


def test_it_lists_the_status_vocabulary_in_order(client, db):
    body = client.get("/api/v1/statuses").json()

    assert [status["code"] for status in body["items"]][:3] == ["not_started", "in_progress", "partly_done"]
    cancelled = next(status for status in body["items"] if status["code"] == "cancelled")
    assert cancelled["requires_reason"] is True
    assert cancelled["label"] == "Avbruten"


def test_status_labels_follow_the_requested_language(client, db):
    body = client.get("/api/v1/statuses", headers={"accept-language": "en"}).json()

    assert body["items"][0]["label"] == "Not started"
    assert body["items"][0]["code"] == "not_started"


def test_it_lists_follow_up_periods(client, small_plan):
    [period] = client.get("/api/v1/periods").json()["items"]

    assert period == {
        "id": small_plan["period"].pk,
        "kind": "tertial",
        "year": 2026,
        "label": "Tertial 2026",
        "starts_on": "2026-01-01",
        "ends_on": "2026-04-30",
        "report_due": None,
        "is_open": True,
    }


def test_it_lists_organisations_by_name(client, small_plan):
    body = client.get("/api/v1/organisations").json()

    assert [item["name"] for item in body["items"]] == ["Samhällsbyggnadsnämnden", "Utbildningsnämnden"]
    assert body["items"][0]["parent"] is None


def test_it_lists_candidate_targets_with_their_source(client, small_plan):
    document = small_plan["document"]
    building = small_plan["commitments"][2]
    text = document.current_version.text
    start = text.find("ca 500")
    CandidateTarget.objects.create(
        document=document,
        version=document.current_version,
        area=building.area,
        commitment=building,
        text="ca 500 bostäder per år",
        value="500.0000",
        unit="bostäder per år",
        qualifier="ca",
        context=building.text,
        source_start=start,
        source_end=start + 22,
    )

    [target] = client.get("/api/v1/candidate-targets?document=politisk-plattform").json()["items"]

    assert target["value"] == "500"
    assert target["commitment"] == building.pk
    assert target["source"] == {"version": 1, "start": start, "end": start + 22}
    assert text[target["source"]["start"] : target["source"]["end"]] == "ca 500 bostäder per år"
