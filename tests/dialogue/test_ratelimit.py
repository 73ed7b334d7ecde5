"""Rate limits count hits per key in fixed windows, in whatever cache the workers share."""

from __future__ import annotations

import os
import socket
import uuid
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from framsteg.dialogue import ratelimit
from framsteg.dialogue.ratelimit import Rate, allow, client_address, parse_rate

LOCMEM = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit-tests"}
}
REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def locmem():
    with override_settings(CACHES=LOCMEM):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def at(seconds: float):
    return mock.patch.object(ratelimit.time, "time", return_value=seconds)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("20/h", Rate(20, 3600)),
        ("5/m", Rate(5, 60)),
        ("100/d", Rate(100, 86400)),
        ("3/s", Rate(3, 1)),
        (" 10 / 15m ", Rate(10, 900)),
        ("0", None),
        ("", None),
    ],
)
def test_rates_are_parsed(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["20", "20/y", "h/20", "-1/h", "0/h", "twenty/h", "20/0h"])
def test_invalid_rates_are_a_configuration_error(text):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(text)


def test_hits_over_the_limit_are_refused(locmem):
    with at(1_000_000):
        assert [allow("report", "192.0.2.1", "3/h") for _ in range(5)] == [True, True, True, False, False]


def test_keys_and_scopes_count_separately(locmem):
    with at(1_000_000):
        assert allow("report", "192.0.2.1", "1/h")
        assert allow("report", "192.0.2.2", "1/h")
        assert allow("open311", "192.0.2.1", "1/h")
        assert not allow("report", "192.0.2.1", "1/h")


def test_a_new_window_starts_a_new_count(locmem):
    start = 3600 * 1000
    with at(start):
        assert allow("report", "192.0.2.1", "1/h")
        assert not allow("report", "192.0.2.1", "1/h")
    with at(start + 3599):
        assert not allow("report", "192.0.2.1", "1/h")
    with at(start + 3600):
        assert allow("report", "192.0.2.1", "1/h")


def test_zero_means_no_limit(locmem):
    assert all(allow("report", "192.0.2.1", "0") for _ in range(100))


def test_the_key_is_not_stored_in_clear(locmem):
    allow("report", "192.0.2.77", "5/m")
    assert not any("192.0.2.77" in str(key) for key in locmem._cache)


def test_an_invalid_rate_fails_loudly(locmem):
    with pytest.raises(ImproperlyConfigured):
        allow("report", "192.0.2.1", "many")


def test_the_client_address_is_remote_addr_not_a_forwarded_header():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "203.0.113.9"


def redis_is_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_counting_is_shared_through_redis():
    if not redis_is_running():
        if os.environ.get("CI"):
            pytest.fail("Redis must run at 127.0.0.1:6379 in CI")
        pytest.skip("no Redis at 127.0.0.1:6379")
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    scope = f"test-{uuid.uuid4().hex}"
    with override_settings(CACHES=redis), at(7_200_000):
        results = [allow(scope, "192.0.2.1", "3/h") for _ in range(4)]
        # A second connection (another worker) sees the same count.
        caches["default"].close()
        assert not allow(scope, "192.0.2.1", "3/h")
        assert allow(scope, "192.0.2.2", "3/h")
    assert results == [True, True, True, False]


# Retry-After: how long a refused client waits


def test_a_decision_says_how_many_seconds_remain_in_the_window(locmem):
    start = 3600 * 1000
    with at(start + 600):
        first = ratelimit.check("report", "192.0.2.1", "1/h")
        second = ratelimit.check("report", "192.0.2.1", "1/h")
    assert first == ratelimit.Decision(allowed=True, retry_after=3000)
    assert second == ratelimit.Decision(allowed=False, retry_after=3000)


def test_retry_after_rounds_up_and_is_never_zero_while_limited(locmem):
    start = 60 * 100_000
    with at(start + 0.5):
        assert ratelimit.check("report", "192.0.2.1", "1/m").retry_after == 60
    with at(start + 59.9):
        decision = ratelimit.check("report", "192.0.2.1", "1/m")
    assert decision == ratelimit.Decision(allowed=False, retry_after=1)


def test_the_client_may_try_again_when_retry_after_has_passed(locmem):
    start = 900 * 10_000
    with at(start + 100):
        ratelimit.check("report", "192.0.2.1", "1/15m")
        refused = ratelimit.check("report", "192.0.2.1", "1/15m")
    assert not refused.allowed
    with at(start + 100 + refused.retry_after):
        assert ratelimit.check("report", "192.0.2.1", "1/15m").allowed


def test_without_a_limit_there_is_nothing_to_wait_for(locmem):
    assert ratelimit.check("report", "192.0.2.1", "0") == ratelimit.Decision(allowed=True, retry_after=0)


def test_allow_and_check_count_the_same_hits(locmem):
    with at(1_000_000):
        assert allow("report", "192.0.2.1", "2/h")
        assert ratelimit.check("report", "192.0.2.1", "2/h").allowed
        assert not allow("report", "192.0.2.1", "2/h")
