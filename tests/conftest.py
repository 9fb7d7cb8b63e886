import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from editorial import catalogue

# Every list of languages derives from settings.LANGUAGES.
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no page or site version of an earlier test (rolled back) survives."""
    cache.clear()
    # The catalogues as committed, at the version an empty database has (editorial.catalogue):
    # no test sees the catalogue edits of an earlier (rolled back) one, and none pays a query for them.
    if catalogue.seen_catalogue_version() != "0":
        catalogue.install_translations({}, 0)
    cache.set(catalogue.CATALOGUE_VERSION_KEY, 0, timeout=None)
    yield


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.activate("en")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content (`seed_demo`), created once per test module for tests that only read it.

    It is created in a transaction that is rolled back when the module's tests are done, so no
    other module sees it; each test still runs in its own savepoint inside that transaction, so a
    test that changes the data leaves the next one alone. While the module runs, MEDIA_ROOT is
    the directory the demo files were copied to (it is returned). Tests that need an empty
    database (seeding from scratch) belong in a module that does not use this fixture.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())
        yield media
        transaction.set_rollback(True)
