"""Test settings: production settings with test-only speed-ups.

The suite runs on PostgreSQL (DATABASE_URL, default the local server).
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-used-anywhere-else-0123456789abcdef")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="ura-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="ura-test-static-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="ura-test-private-")
STORAGES = {
    "default": {"BACKEND": "core.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not os.environ.get("TEST_REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The catalogue version is looked at once per process and then only when a test asks
# (tests/editorial/test_catalogue.py): a test that empties the cache pays no query for it.
CATALOGUE_CHECK_SECONDS = 3600
# Background jobs run at once, in the test's own transaction (core.jobs); the queue's
# workers are tested as processes of their own (tests/moving/test_worker.py).
JOBS_IN_PROCESS = "now"
