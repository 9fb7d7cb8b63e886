"""Redis paused or stopped: pages are built without the cache, quickly, with one warning per incident."""

import logging
import time

import pytest
from django.core.cache import cache

from core.cache_backend import ResilientRedisCache
from tests.faults.services import PrivateRedis, free_port

pytestmark = pytest.mark.skipif(PrivateRedis.binary is None, reason="redis-server is not installed")

OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25, "IGNORE_EXCEPTIONS": True}


@pytest.fixture
def redis():
    server = PrivateRedis()
    yield server
    server.stop()


def redis_cache(url):
    return ResilientRedisCache(url, {"OPTIONS": OPTIONS, "KEY_PREFIX": "ura-test"})


def warnings_of(caplog):
    return [
        record for record in caplog.records if record.name == "core.cache_backend" and record.levelno >= logging.WARNING
    ]


def test_a_paused_redis_costs_one_short_timeout_then_nothing(redis, caplog, settings):
    settings.CACHE_RETRY_SECONDS = 0.5
    backend = redis_cache(redis.url)
    assert backend.set("key", "value")
    assert backend.get("key") == "value"
    redis.pause()
    try:
        started = time.monotonic()
        assert backend.get("key", "fallback") == "fallback"
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            assert backend.get("key") is None
            backend.set("key", "other")
        skipped = time.monotonic() - started
    finally:
        redis.resume()
    assert first < 0.6
    assert skipped < 0.2
    assert not backend.available
    assert len(warnings_of(caplog)) == 1
    assert warnings_of(caplog)[0].exc_info is None
    time.sleep(0.6)
    assert backend.get("key") == "value"
    assert backend.available
    assert "available again" in warnings_of(caplog)[-1].getMessage()


def test_a_stopped_redis_fails_fast_with_one_warning(caplog):
    backend = redis_cache(f"redis://127.0.0.1:{free_port()}/0")
    started = time.monotonic()
    for _ in range(100):
        assert backend.get("key", "fallback") == "fallback"
        assert backend.get_many(["a", "b"]) == {}
    assert time.monotonic() - started < 1
    assert len(warnings_of(caplog)) == 1


@pytest.mark.django_db
def test_pages_and_healthz_answer_quickly_with_redis_paused(client, redis, settings):
    settings.CACHES = {
        "default": {"BACKEND": "core.cache_backend.ResilientRedisCache", "LOCATION": redis.url, "OPTIONS": OPTIONS}
    }
    assert client.get("/en/").status_code == 200
    redis.pause()
    try:
        for path in ("/en/", "/be/news/", "/sq/projects/", "/en/partners/"):
            started = time.monotonic()
            assert client.get(path).status_code == 200
            assert time.monotonic() - started < 1.5, path
        started = time.monotonic()
        health = client.get("/healthz")
        assert time.monotonic() - started < 1.5
    finally:
        redis.resume()
    assert health.status_code == 503
    assert b"cache:" in health.content
    assert b"database: ok" in health.content
    cache.clear()


@pytest.mark.django_db
def test_while_redis_is_away_pages_are_fresh_and_none_is_stale_after_it_returns(client, redis, settings):
    from tests.news.factories import NewsItemFactory

    settings.CACHE_RETRY_SECONDS = 0.3
    settings.CACHES = {
        "default": {"BACKEND": "core.cache_backend.ResilientRedisCache", "LOCATION": redis.url, "OPTIONS": OPTIONS}
    }
    client.get("/en/news/")
    assert client.get("/en/news/")["X-Cache"] == "hit"
    redis.pause()
    try:
        # Another server publishes; this one cannot learn the new version from Redis.
        NewsItemFactory(title_en="Published while the cache was away")
        during = client.get("/en/news/")
    finally:
        redis.resume()
    assert during.status_code == 200
    assert during["X-Cache"] == "bypass"
    assert b"Published while the cache was away" in during.content
    time.sleep(0.4)
    # Redis is back with the version from before the outage: the page stored then must not return.
    after = client.get("/en/news/")
    assert b"Published while the cache was away" in after.content
    assert after["X-Cache"] == "miss"
    cache.clear()
