"""Redis paused or stopped: pages are built without the cache, with one warning per incident.

What is asserted is what makes them quick, not how quick they are (bench/faults measures
that): after one failed call the cache is skipped, and no later call reaches Redis.
"""

import logging
import socket
import time

import pytest
import redis as redis_client
from django.core.cache import cache

from core.cache_backend import ResilientRedisCache
from tests.faults.services import PrivateRedis

pytestmark = pytest.mark.skipif(PrivateRedis.binary is None, reason="redis-server is not installed")

OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25, "IGNORE_EXCEPTIONS": True}
# Long enough that no retry falls within a test, however slow the machine.
NO_RETRY_SECONDS = 3600


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


def commands_processed(server):
    """How many commands the server has run (from a connection of its own; the INFO itself counts once)."""
    with redis_client.Redis(port=server.port, socket_timeout=10) as connection:
        return connection.info("stats")["total_commands_processed"]


def test_a_paused_redis_costs_one_call_then_is_skipped(redis, caplog, settings):
    settings.CACHE_RETRY_SECONDS = NO_RETRY_SECONDS
    backend = redis_cache(redis.url)
    assert backend.set("key", "value")
    assert backend.get("key") == "value"
    before = commands_processed(redis)
    redis.pause()
    try:
        assert backend.get("key", "fallback") == "fallback"  # the one call that waits for its timeout
        for _ in range(50):
            assert backend.get("key") is None
            backend.set("key", "other")
            assert backend.get_many(["a", "b"]) == {}
    finally:
        redis.resume()
    # Redis, running again, has seen only the first GET (sent before the pause was noticed) and the INFOs.
    assert commands_processed(redis) - before <= 3
    assert not backend.available
    assert len(warnings_of(caplog)) == 1
    assert warnings_of(caplog)[0].exc_info is None
    assert backend.get("key") is None  # still skipped: the retry time has not come


def test_the_cache_is_used_again_once_redis_is_back(redis, caplog, settings):
    settings.CACHE_RETRY_SECONDS = 0.2
    backend = redis_cache(redis.url)
    assert backend.set("key", "value")
    redis.pause()
    try:
        assert backend.get("key", "fallback") == "fallback"
    finally:
        redis.resume()
    assert not backend.available
    time.sleep(settings.CACHE_RETRY_SECONDS)  # at least the retry time has passed: the next call asks Redis
    assert backend.get("key") == "value"
    assert backend.available
    assert "available again" in warnings_of(caplog)[-1].getMessage()
    assert len(warnings_of(caplog)) == 2


def test_a_redis_that_never_answers_is_tried_once_with_one_warning(caplog, settings):
    """A listener that accepts connections and says nothing: each call that reached it would open one."""
    settings.CACHE_RETRY_SECONDS = NO_RETRY_SECONDS
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        backend = redis_cache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        for _ in range(100):
            assert backend.get("key", "fallback") == "fallback"
            assert backend.get_many(["a", "b"]) == {}
        silent.setblocking(False)
        connections = 0
        while True:
            try:
                silent.accept()[0].close()
            except BlockingIOError:
                break
            connections += 1
    assert connections == 1
    assert len(warnings_of(caplog)) == 1


@pytest.mark.django_db
def test_pages_and_healthz_are_served_without_asking_a_paused_redis_again(client, redis, settings):
    settings.CACHE_RETRY_SECONDS = NO_RETRY_SECONDS
    settings.CACHES = {
        "default": {"BACKEND": "core.cache_backend.ResilientRedisCache", "LOCATION": redis.url, "OPTIONS": OPTIONS}
    }
    assert client.get("/en/").status_code == 200
    before = commands_processed(redis)
    redis.pause()
    try:
        for path in ("/en/", "/be/news/", "/sq/projects/", "/en/partners/"):
            assert client.get(path).status_code == 200, path
        health = client.get("/healthz")
    finally:
        redis.resume()
    # One command (or one pipeline of the page cache's reads) reached Redis; every later call skipped it.
    assert commands_processed(redis) - before <= 3
    assert health.status_code == 503
    assert b"cache: skipped after a recent failure" in health.content
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
