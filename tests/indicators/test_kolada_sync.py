"""Syncing from Kolada (against the local stand-in) stores exactly what Kolada sent, whole or not at all."""

from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks import default_task_backend

from framsteg.indicators.kolada import KoladaClient, KoladaError
from framsteg.indicators.models import Indicator, Measurement, Municipality, Release
from framsteg.indicators.services.sync import sync_kolada
from tests.indicators.kolada_standin import Cut, KoladaStandIn, Status

FIRST = datetime(2026, 6, 12, 3, 0, tzinfo=UTC)
SECOND = datetime(2026, 6, 13, 3, 0, tzinfo=UTC)
DATA = "/v3/data/kpi/N15428,N15813/municipality/0127,0000,0123,0136,0181,0191,0484,1290,1499"
MEMBERS = ["0123", "0136", "0181", "0191", "0484", "1290", "1499"]


@pytest.fixture
def kolada(settings):
    with KoladaStandIn() as standin:
        standin.load("botkyrka")
        settings.KOLADA_API_URL = standin.url
        yield standin


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def client(kolada, sleeps):
    return KoladaClient(kolada.url, sleep=sleeps.append)


@pytest.fixture
def indicators(db):
    def make(kpi: str, name: str) -> Indicator:
        return Indicator.objects.create(
            name=name, slug=kpi.lower(), direction="higher", source_kind="kolada", kolada_kpi=kpi
        )

    return make("N15428", "Behöriga till yrkesprogram"), make("N15813", "Behöriga lärare")


def stored(indicator: Indicator) -> set[tuple[str, int, str, Decimal | None]]:
    return set(
        indicator.current_release().measurements.values_list("municipality", "period", "gender", "value")
    )


def real(value: str) -> Decimal:
    return Decimal(value)


def test_a_full_sync_stores_exactly_the_rows_kolada_sent(kolada, client, indicators):
    pupils, teachers = indicators
    report = sync_kolada(client=client, now=FIRST)
    assert report.created == ["N15428", "N15813"]
    assert stored(pupils) == {
        ("0127", 2023, "T", real("84.023179")),
        ("0127", 2023, "K", real("86.183074")),
        ("0127", 2023, "M", real("82.034976")),
        ("0127", 2024, "T", real("81.601231")),
        ("0127", 2024, "K", real("81.717011")),
        ("0127", 2024, "M", real("81.492537")),
        ("0000", 2024, "T", real("84.0")),
        ("0000", 2024, "K", None),
        ("0000", 2024, "M", None),
        ("0123", 2024, "T", real("87.355212")),
        ("0123", 2024, "K", real("88.612836")),
        ("0123", 2024, "M", real("86.256781")),
        ("0136", 2024, "T", real("80.528052")),
        ("0136", 2024, "K", real("80.035026")),
        ("0136", 2024, "M", real("80.967238")),
        ("0181", 2024, "T", real("84.615384")),
        ("0181", 2024, "K", real("84.944532")),
        ("0181", 2024, "M", real("84.285714")),
        ("0191", 2024, "T", real("82.59587")),
        ("0191", 2024, "K", real("83.540372")),
        ("0191", 2024, "M", real("81.741573")),
        ("0484", 2024, "T", real("82.967448")),
        ("0484", 2024, "K", real("85.426356")),
        ("0484", 2024, "M", real("80.621301")),
    }
    assert stored(teachers) == {
        ("0127", 2021, "T", real("63.756614")),
        ("0127", 2022, "T", real("64.660749")),
        ("0127", 2023, "T", real("65.780781")),
    }


def test_a_row_marked_deleted_is_not_stored(kolada, client, indicators):
    sync_kolada(client=client, now=FIRST)
    assert not Measurement.objects.filter(indicator=indicators[1], period=2020).exists()


def test_paging_follows_next_url_over_three_pages(kolada, client, indicators):
    sync_kolada(client=client, now=FIRST)
    assert kolada.seen("/v3/data/") == [
        f"{DATA}?per_page=5000",
        f"{DATA}?page=2&per_page=5000",
        f"{DATA}?page=3&per_page=5000",
    ]


def test_a_429_and_a_503_during_the_sync_are_waited_out(kolada, client, indicators, sleeps):
    kolada.fail(f"{DATA}?page=2&per_page=5000", Status(429, retry_after="1"))
    kolada.fail(f"{DATA}?page=3&per_page=5000", Status(503))
    sync_kolada(client=client, now=FIRST)
    assert sleeps == [1.0, 2.0]
    assert Measurement.objects.filter(indicator=indicators[0]).count() == 24


def test_the_release_records_where_and_when_it_came_from(kolada, client, indicators):
    sync_kolada(client=client, now=FIRST)
    release = indicators[0].current_release()
    assert release.retrieved_at == FIRST
    assert release.source.startswith("Kolada")
    assert "2026-06-12" in release.label
    assert set(release.measurements.values_list("source", flat=True)) == {"Kolada"}


def test_the_title_and_description_are_the_ones_kolada_returns(kolada, client, indicators):
    sync_kolada(client=client, now=FIRST)
    pupils, teachers = (Indicator.objects.get(pk=indicator.pk) for indicator in indicators)
    assert pupils.kolada_title == "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)"
    assert teachers.kolada_title.startswith("Lärare (heltidstjänster) med lärarlegitimation")
    assert teachers.kolada_description.startswith("Mätt den 17/8 för år 2015")
    assert pupils.name == "Behöriga till yrkesprogram"


def test_the_comparison_group_is_stored_with_its_members_and_names(kolada, client, indicators):
    report = sync_kolada(client=client, now=FIRST)
    group = Municipality.objects.get(code="G37345")
    assert report.comparison_group == "G37345"
    assert (group.name, group.is_group) == ("Liknande kommuner, övergripande, Botkyrka, 2025", True)
    assert sorted(group.members.values_list("code", flat=True)) == MEMBERS
    assert Municipality.objects.get(code="1290").name == "Kristianstad"
    assert Municipality.objects.get(code="0000").name == "Riket"
    assert not Municipality.objects.filter(code="G90001").exists()  # Järfälla's group, not ours


def test_a_second_sync_asks_only_for_changes_and_merges_them_into_a_new_release(kolada, client, indicators):
    pupils, teachers = indicators
    sync_kolada(client=client, now=FIRST)
    first = pupils.current_release()
    before = stored(pupils)
    kolada.requests.clear()

    report = sync_kolada(client=client, now=SECOND)

    assert kolada.seen("/v3/data/") == [f"{DATA}?from_date=2026-06-12&per_page=5000"]
    assert (report.created, report.unchanged) == (["N15428"], ["N15813"])
    first.refresh_from_db()
    assert not first.is_current and first.measurements.count() == 24
    expected = before - {("0127", 2024, "T", real("81.601231")), ("0000", 2024, "K", None)}
    expected |= {
        ("0127", 2024, "T", real("81.7")),
        ("0127", 2025, "T", real("82.0")),
        ("0127", 2025, "K", None),
    }
    assert stored(pupils) == expected
    assert teachers.releases.count() == 1
    assert Indicator.objects.get(pk=teachers.pk).kolada_synced_at == SECOND


def test_full_ignores_the_last_sync(kolada, client, indicators):
    sync_kolada(client=client, now=FIRST)
    kolada.requests.clear()
    report = sync_kolada(client=client, now=SECOND, full=True)
    assert kolada.seen("/v3/data/")[0] == f"{DATA}?per_page=5000"
    assert report.unchanged == ["N15428", "N15813"]
    assert Release.objects.count() == 2


def test_a_sync_cut_off_half_way_leaves_no_partial_release(kolada, client, indicators):
    pupils = indicators[0]
    sync_kolada(client=client, now=FIRST)
    current = pupils.current_release()
    kolada.fail(f"{DATA}?page=2&per_page=5000", *[Cut()] * 5)

    with pytest.raises(KoladaError):
        sync_kolada(client=client, now=SECOND, full=True)

    assert Release.objects.count() == 2
    assert Measurement.objects.count() == 27
    assert pupils.current_release() == current
    assert Indicator.objects.get(pk=pupils.pk).kolada_synced_at == FIRST


def test_a_first_sync_cut_off_half_way_stores_nothing(kolada, client, indicators):
    kolada.fail(f"{DATA}?page=3&per_page=5000", *[Cut()] * 5)
    with pytest.raises(KoladaError):
        sync_kolada(client=client, now=FIRST)
    assert (Release.objects.count(), Measurement.objects.count()) == (0, 0)
    assert Indicator.objects.get(pk=indicators[0].pk).kolada_synced_at is None


def test_more_than_25_kpis_are_asked_for_in_two_requests(kolada, client, db):
    kpis = [f"N9{number:04}" for number in range(1, 31)]
    for kpi in kpis:
        Indicator.objects.create(
            name=kpi, slug=kpi.lower(), direction="higher", source_kind="kolada", kolada_kpi=kpi
        )
    places = "0127,0000," + ",".join(MEMBERS)
    for chunk in (kpis[:25], kpis[25:]):
        ids = ",".join(chunk)
        metadata = [{"id": kpi, "title": f"Titel {kpi}", "description": ""} for kpi in chunk]
        kolada.serve(f"/v3/kpi/{ids}?per_page=5000", {"values": metadata, "count": len(chunk)})
        rows = [
            {"kpi": kpi, "municipality": "0127", "period": 2024, "values": [{"gender": "T", "value": 1}]}
            for kpi in chunk
        ]
        kolada.serve(f"/v3/data/kpi/{ids}/municipality/{places}?per_page=5000", {"values": rows, "count": 25})

    report = sync_kolada(client=client, now=FIRST)

    assert [request.split("?")[0] for request in kolada.seen("/v3/kpi/")] == [
        f"/v3/kpi/{','.join(kpis[:25])}",
        f"/v3/kpi/{','.join(kpis[25:])}",
    ]
    assert [request.split("/municipality/")[0] for request in kolada.seen("/v3/data/")] == [
        f"/v3/data/kpi/{','.join(kpis[:25])}",
        f"/v3/data/kpi/{','.join(kpis[25:])}",
    ]
    assert len(report.created) == 30
    assert Release.objects.filter(is_current=True).count() == 30


def test_a_value_of_the_wrong_form_stops_the_sync(kolada, client, indicators):
    kolada.serve(f"{DATA}?page=3&per_page=5000", {"values": [{"kpi": "N15813", "municipality": "0127"}]})
    with pytest.raises(KoladaError):
        sync_kolada(client=client, now=FIRST)
    assert Release.objects.count() == 0


def test_only_the_kpis_asked_for_are_synced(kolada, client, indicators):
    kolada.serve("/v3/kpi/N15813?per_page=5000", {"values": [], "count": 0})
    report = sync_kolada(client=client, kpis=["N15813"], now=FIRST)
    assert report.unknown_kpis == ["N15813"]
    assert Release.objects.count() == 0
    assert kolada.seen("/v3/data/") == []


def test_the_command_shows_a_progress_bar_on_stderr(kolada, indicators):
    out, err = StringIO(), StringIO()
    call_command("sync_kolada", stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0] == "[....................] 0/2 KPI N15428 page 1"
    assert "[##########..........] 1/2 KPI N15428" in lines
    assert lines[-1] == "[####################] 2/2 KPI N15813"
    assert "N15428, N15813" in out.getvalue()


def test_the_command_is_quiet_with_verbosity_0(kolada, indicators):
    out, err = StringIO(), StringIO()
    call_command("sync_kolada", verbosity=0, stdout=out, stderr=err)
    assert (out.getvalue(), err.getvalue()) == ("", "")
    assert Release.objects.count() == 2


def test_the_command_reports_a_failure_as_a_command_error(kolada, indicators, settings):
    kolada.fail("/v3/kpi/N15428,N15813?per_page=5000", Status(404))
    with pytest.raises(CommandError, match="404"):
        call_command("sync_kolada", stdout=StringIO(), stderr=StringIO())


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_enqueue_queues_the_sync_instead_of_running_it(kolada, indicators):
    out = StringIO()
    call_command("sync_kolada", "--enqueue", "--kpi", "N15428", "--full", stdout=out, stderr=StringIO())
    [queued] = default_task_backend.results
    assert queued.task.name == "sync_kolada_task"
    assert queued.kwargs == {"kpis": ["N15428"], "full": True}
    assert kolada.requests == []
    assert queued.id in out.getvalue()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_the_background_task_runs_the_same_sync(kolada, indicators):
    from framsteg.indicators.tasks import sync_kolada_task

    result = sync_kolada_task.enqueue()
    assert result.return_value["created"] == ["N15428", "N15813"]
    assert result.return_value["comparison_group"] == "G37345"
