"""The Redis cache, made to fail fast and quietly.

The cache only speeds pages up: when Redis is stopped, stalled or unreachable,
pages are built without it. django-redis already ignores its errors
(``IGNORE_EXCEPTIONS``); on top of that, ``ResilientRedisCache``

- stops asking Redis for ``CACHE_RETRY_SECONDS`` after a failure, so a stalled
  Redis costs one short socket timeout per process every few seconds instead
  of one per cache call (several per page);
- writes one warning when Redis becomes unavailable and one when it is back,
  instead of a traceback per call;
- remembers that it came back (``take_recovery``), so that the site version is
  moved once: a content change saved while Redis was away could not move it.
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    """Redis failed a moment ago; the cache is skipped until the retry time."""


class _GuardedClient:
    """The django-redis client, behind the cache's circuit breaker."""

    def __init__(self, client, cache):
        self._client = client
        self._cache = cache

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        @functools.wraps(attribute)
        def call(*args, **kwargs):
            self._cache.before_call()
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                self._cache.failed(error)
                raise
            self._cache.succeeded()
            return result

        return call


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._guarded = None
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._down_since = None
        self._recovered = False

    @property
    def retry_seconds(self):
        return getattr(settings, "CACHE_RETRY_SECONDS", 5)

    @property
    def client(self):
        if self._guarded is None:
            self._guarded = _GuardedClient(super().client, self)
        return self._guarded

    @property
    def available(self):
        """False while the cache is being skipped after a failure."""
        return self._down_since is None

    def before_call(self):
        if self._down_since is not None and time.monotonic() < self._retry_at:
            raise ConnectionInterrupted(connection=None) from CacheUnavailable("skipped after a failure")

    def failed(self, error):
        with self._lock:
            self._retry_at = time.monotonic() + self.retry_seconds
            if self._down_since is None:
                self._down_since = time.monotonic()
                logger.warning(
                    "Cache unavailable (%s); pages are built without it, next try in %s s",
                    error.__cause__ or error,
                    self.retry_seconds,
                )

    def succeeded(self):
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is not None:
                logger.warning("Cache available again after %.1f s", time.monotonic() - self._down_since)
                self._down_since = None
                self._recovered = True

    def take_recovery(self):
        """True once after Redis came back from a failure this process saw (core.cache then moves the site version:
        a content change made during the failure could not move it)."""
        with self._lock:
            recovered, self._recovered = self._recovered, False
        return recovered
