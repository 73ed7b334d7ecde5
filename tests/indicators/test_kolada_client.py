"""The Kolada client pages, splits id lists, retries politely and refuses answers of the wrong shape."""

from datetime import date

import pytest

from framsteg.indicators.kolada import KoladaClient, KoladaError, chunked, data_url
from tests.indicators.kolada_standin import Cut, KoladaStandIn, Status


@pytest.fixture
def standin():
    with KoladaStandIn() as standin:
        yield standin


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def client(standin, sleeps):
    return KoladaClient(standin.url, sleep=sleeps.append)


def page(values, next_url=None):
    return {"values": values, "count": len(values), "next_url": next_url}


def test_a_data_request_uses_the_path_form_with_5000_rows_a_page():
    url = data_url("https://api.kolada.se/v3/", ["N15428", "N15813"], ["0127", "0000"])
    assert url == "https://api.kolada.se/v3/data/kpi/N15428,N15813/municipality/0127,0000?per_page=5000"


def test_a_data_request_can_name_years_and_ask_for_changes_since_a_day():
    url = data_url("https://x/v3", ["N15428"], ["0127"], [2023, 2024], from_date=date(2026, 6, 12))
    assert (
        url
        == "https://x/v3/data/kpi/N15428/municipality/0127/year/2023,2024?from_date=2026-06-12&per_page=5000"
    )


def test_id_lists_are_split_into_lists_of_at_most_25_without_repeats():
    ids = [f"N{number:05}" for number in range(30)] + ["N00000"]
    assert [len(chunk) for chunk in chunked(ids)] == [25, 5]
    assert chunked(ids)[1][-1] == "N00029"


def test_pages_are_followed_until_next_url_is_absent(standin, client):
    standin.serve(
        "/v3/kpi/N1?per_page=5000", page([{"id": "N1", "title": "a"}], f"{standin.url}/kpi/N1?page=2")
    )
    standin.serve("/v3/kpi/N1?page=2", page([{"id": "N2", "title": "b"}], f"{standin.url}/kpi/N1?page=3"))
    standin.serve("/v3/kpi/N1?page=3", {"values": [{"id": "N3", "title": "c"}], "count": 1})
    assert [row["id"] for row in client.kpis(["N1"])] == ["N1", "N2", "N3"]
    assert len(standin.requests) == 3


def test_a_429_waits_as_long_as_retry_after_says(standin, client, sleeps):
    standin.serve("/v3/kpi/N1?per_page=5000", page([{"id": "N1", "title": "a"}]))
    standin.fail("/v3/kpi/N1?per_page=5000", Status(429, retry_after="1"))
    assert client.kpis(["N1"])[0]["title"] == "a"
    assert sleeps == [1.0]
    assert len(standin.requests) == 2


def test_server_errors_and_cut_connections_are_retried_with_growing_waits(standin, client, sleeps):
    standin.serve("/v3/kpi/N1?per_page=5000", page([{"id": "N1", "title": "a"}]))
    standin.fail("/v3/kpi/N1?per_page=5000", Status(503), Status(500), Cut())
    assert client.kpis(["N1"])[0]["title"] == "a"
    assert sleeps == [2.0, 4.0, 8.0]


def test_after_the_last_attempt_the_error_names_the_address_and_the_attempts(standin, client, sleeps):
    standin.fail("/v3/kpi/N1?per_page=5000", *[Status(503)] * 5)
    with pytest.raises(KoladaError) as raised:
        client.kpis(["N1"])
    assert "5" in str(raised.value) and "/v3/kpi/N1" in str(raised.value) and "503" in str(raised.value)
    assert sleeps == [2.0, 4.0, 8.0, 16.0]
    assert len(standin.requests) == 5


def test_a_refused_request_is_not_retried(standin, client, sleeps):
    with pytest.raises(KoladaError, match="404"):
        client.kpis(["N99999"])
    assert (len(standin.requests), sleeps) == (1, [])


@pytest.mark.parametrize(
    "body",
    [{"rows": []}, {"values": {"id": "N1"}}, {"values": ["N1"]}, {"values": [{"id": "N1"}]}, ["N1"]],
    ids=["no values", "values not a list", "row not an object", "row without title", "a bare list"],
)
def test_an_answer_of_the_wrong_shape_is_an_error(standin, client, body):
    standin.serve("/v3/kpi/N1?per_page=5000", body)
    with pytest.raises(KoladaError, match="unexpected form"):
        client.kpis(["N1"])


def test_a_slow_server_times_out_and_is_retried(sleeps):
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        host, port = silent.getsockname()
        client = KoladaClient(f"http://{host}:{port}/v3", timeout=0.2, max_attempts=2, sleep=sleeps.append)
        with pytest.raises(KoladaError, match="2"):
            client.kpis(["N1"])
    assert sleeps == [2.0]
