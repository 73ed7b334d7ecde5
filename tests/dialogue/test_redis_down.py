"""With the rate-limit cache (Redis) unreachable, residents' reports are still accepted.

The limit then counts in each process, the outage is logged once (not once per request), and the shared
cache is used again as soon as it answers.
"""

from __future__ import annotations

import logging
import socket
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import override_settings

from framsteg.dialogue import ratelimit
from framsteg.dialogue.models import Case
from tests.dialogue import factories
from tests.dialogue.test_report_views import FAULT, fault_data


def unreachable_port() -> int:
    """A local port nothing listens on: bound for a moment to get a free one, then closed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache_at(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture(autouse=True)
def fresh_fallback():
    ratelimit._fallback.reset()
    yield
    ratelimit._fallback.reset()


@pytest.fixture
def redis_down():
    with override_settings(CACHES=redis_cache_at(unreachable_port())):
        yield
        caches["default"].close()


def outage_warnings(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "framsteg.dialogue.ratelimit" and record.levelno == logging.WARNING
    ]


@pytest.mark.django_db
def test_reports_are_accepted_while_redis_is_unreachable(client, redis_down, caplog, settings):
    settings.DIALOGUE_RATE_LIMIT = "20/h"
    factories.make_districts()
    lights = factories.make_category()
    factories.make_question(lights, code="antal", required=True)
    factories.make_question(
        lights, code="typ", datatype="singlevaluelist", choices=[["gata", "Gatlampa"], ["park", "Parklampa"]]
    )
    caplog.set_level(logging.WARNING, logger="framsteg.dialogue.ratelimit")
    responses = [
        client.post(FAULT, fault_data(lights, description=f"Lampa nr {n} är släckt.")) for n in range(3)
    ]
    assert [response.status_code for response in responses] == [302, 302, 302]
    assert Case.objects.count() == 3
    assert all(response["Location"].startswith("/anmal/tack/") for response in responses)
    warnings = outage_warnings(caplog)
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0]


def test_the_limit_still_applies_per_process_while_redis_is_down(redis_down):
    with mock.patch.object(ratelimit.time, "time", return_value=3_600_000):
        results = [ratelimit.allow("report", "192.0.2.1", "3/h") for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_the_outage_is_logged_once_not_per_request(redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="framsteg.dialogue.ratelimit")
    clock = iter(range(0, 1000, 7))  # past RETRY_SECONDS each time: every hit tries Redis again
    with mock.patch.object(ratelimit.time, "monotonic", side_effect=lambda: float(next(clock))):
        for _ in range(10):
            assert ratelimit.allow("report", "192.0.2.1", "100/h")
    assert len(outage_warnings(caplog)) == 1


class FlakyCache:
    """A cache that fails like an unreachable Redis until `up` is set, and counts like one after."""

    def __init__(self) -> None:
        self.up = False
        self.calls = 0
        self.values: dict[str, int] = {}

    def _reach(self) -> None:
        self.calls += 1
        if not self.up:
            from redis.exceptions import ConnectionError as RedisConnectionError

            raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def add(self, key, value, timeout=None):
        self._reach()
        if key in self.values:
            return False
        self.values[key] = value
        return True

    def incr(self, key):
        self._reach()
        self.values[key] += 1
        return self.values[key]


def test_the_shared_cache_is_used_again_when_it_returns(caplog):
    caplog.set_level(logging.WARNING, logger="framsteg.dialogue.ratelimit")
    flaky = FlakyCache()
    now = [100.0]
    with (
        mock.patch.object(ratelimit, "cache", flaky),
        mock.patch.object(ratelimit.time, "monotonic", side_effect=lambda: now[0]),
        mock.patch.object(ratelimit.time, "time", return_value=3_600_000),
    ):
        assert ratelimit.allow("report", "192.0.2.1", "5/h")  # fails over, counts locally
        calls_at_failure = flaky.calls
        now[0] += 1
        assert ratelimit.allow("report", "192.0.2.1", "5/h")  # within the retry pause: Redis not tried
        assert flaky.calls == calls_at_failure
        flaky.up = True
        now[0] += ratelimit.RETRY_SECONDS
        assert ratelimit.allow("report", "192.0.2.1", "5/h")  # tried again, and it answers
        assert flaky.calls > calls_at_failure
        assert flaky.values  # the hit was counted in the shared cache
        assert ratelimit._fallback.down_since is None
    warnings = outage_warnings(caplog)
    assert len(warnings) == 2
    assert "answers again" in warnings[1]


def test_errors_that_are_not_an_outage_are_not_hidden():
    broken = mock.Mock()
    broken.add.side_effect = KeyError("a bug")
    with mock.patch.object(ratelimit, "cache", broken), pytest.raises(KeyError):
        ratelimit.allow("report", "192.0.2.1", "5/h")
