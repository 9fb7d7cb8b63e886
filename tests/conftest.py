"""What every test shares: an empty cache, English, the test database, the demo content, two markers.

Markers (pyproject.toml): `e2e`, the end-to-end tests in headless Chromium (tests/e2e), and
`system`, whole-system tests that start servers or processes of their own, rebuild the
database or walk every address (SYSTEM_TESTS below). `make test` runs everything; `make test-fast`, the loop
for editing, leaves out those two kinds (README.md, "Tests").

The demo content is seeded once per session, into a database of its own (see "The demo
content" below), not once per module.
"""

import io
import shutil
from contextlib import ExitStack, contextmanager

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
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


# --- Whole-system tests ------------------------------------------------------------------
#
# Marked `system` here, in one place, rather than in each file: the tests that start
# servers or processes of their own, migrate the database back and forth, or walk every
# address of the site. Each takes seconds to a minute; together they are left out of
# `make test-fast`. A key is a module or one test of it ("path::name", every parameter).

SYSTEM_TESTS = {
    "tests/faults/test_cache.py": "a private redis-server, paused and stopped",
    "tests/faults/test_database.py": "a TCP proxy to PostgreSQL, cut, and a second session holding locks",
    "tests/editorial/test_catalogue_servers.py": "two app servers and a redis-server",
    "tests/core/test_object_storage.py": "an S3 server (moto) and management commands in processes",
    "tests/portal/test_backup.py": "pg_dump and a restore into a fresh database, served by another process",
    "tests/test_migrations.py": "the migrations run backwards and forwards",
    "tests/library/test_migration.py": "the migrations run backwards and forwards",
    "tests/test_fuzz.py": "every public address in every language, with hostile values",
    "tests/events/test_khal.py": "khal, a calendar application, in processes of its own",
    "tests/moving/test_worker.py": "two job-queue workers, the first killed in the middle of an import",
    "tests/moving/test_downloads.py": "a local HTTP server standing in for the old site",
    "tests/moving/test_command_limits.py": "manage.py in a process of its own",
    "tests/mirror/test_snapshot.py::test_linkchecker_finds_no_broken_link_through_nginx_under_a_prefix": (
        "an nginx serving a snapshot, checked by LinkChecker"
    ),
    "tests/newsletter/test_smtp.py": "an SMTP server (aiosmtpd) receiving the newsletter's mail",
    "tests/newsletter/test_delivery.py": "an SMTP server (aiosmtpd) receiving digests, refusing and going away",
    "tests/newsletter/test_worker.py": "two job-queue workers and an SMTP server, the first worker killed mid-send",
    "tests/editorial/test_scheduled_changes_worker.py": "a job-queue worker applying a scheduled change",
    "tests/mirror/test_updates_worker.py": "a job-queue worker sending a snapshot's changes to an S3 server (moto)",
    "tests/editorial/test_every_path.py::test_every_admin_url_keeps_publication_and_other_languages": (
        "every admin address as two roles, with the forms as sent and forged"
    ),
}


def is_system_test(item):
    test = item.nodeid.split("[")[0]
    return test in SYSTEM_TESTS or test.split("::")[0] in SYSTEM_TESTS


def check_system_tests(config, items):
    """Each key of SYSTEM_TESTS names a file that is there, and a test of it that is collected."""
    collected = {item.nodeid.split("[")[0] for item in items}
    files = {test.split("::")[0] for test in collected}
    for key in SYSTEM_TESTS:
        path = key.split("::")[0]
        if not (config.rootpath / path).is_file() or (path in files and "::" in key and key not in collected):
            raise pytest.UsageError(f"SYSTEM_TESTS names a test that is not there: {key}")


# --- The test database ------------------------------------------------------------------
#
# The settings give every connection a web request's time limits (statement_timeout 5 s,
# lock_timeout 2 s; tests/faults checks them). Creating, migrating and dropping databases
# are a management command's work: on a busy server DROP DATABASE alone has taken more
# than 5 s, and then not one test ran. So pytest-django creates and drops the test
# database with manage.py's limits for management commands; the tests run with the web's.

WEB_LIMITS = settings.DATABASES["default"].get("OPTIONS", {}).get("options")
MANAGEMENT_LIMITS = WEB_LIMITS and f"{WEB_LIMITS} -c statement_timeout=600000 -c lock_timeout=60000"


@contextmanager
def connection_options(options):
    """New connections of the default database get these PostgreSQL `options` until the end."""
    settings_dict = connection.settings_dict.setdefault("OPTIONS", {})
    before = settings_dict.get("options")
    connection.close()
    settings_dict["options"] = options
    try:
        yield
    finally:
        connection.close()
        settings_dict["options"] = before


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """pytest-django creates (and without --reuse-db drops) the test database in here."""
    if MANAGEMENT_LIMITS is None:
        yield
        return
    with connection_options(MANAGEMENT_LIMITS):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """The tests run in here."""
    if WEB_LIMITS is None:
        yield
        return
    with connection_options(WEB_LIMITS):
        yield


# --- The demo content -------------------------------------------------------------------
#
# `seed_demo` takes seconds (every item in three languages, with its images and their
# renditions), too long to pay again in each module that reads it. On PostgreSQL it runs
# once per session, into a database of its own: a copy of the migrated, empty test
# database (CREATE DATABASE ... TEMPLATE, a fraction of a second), where it is committed.
# While a module that asks for the demo content runs, the default connection points to
# that database, inside a transaction that is rolled back when the module is done, and
# MEDIA_ROOT to a fresh copy of the demo upload folder; every other test keeps the empty
# test database. So what a module changes, in its tests or in its module-wide fixtures,
# no other module sees, and each test runs in a savepoint of its own, rolled back after it,
# so the next test of the module does not see it either. A test that commits
# (transaction=True, live_server) cannot run inside the module's transaction: none may
# share a module with the demo content (checked when the tests are collected). Other
# databases than PostgreSQL have no cheap copy: there the demo is seeded in each module's
# transaction.

COMMITTING_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    check_system_tests(config, items)
    demo_modules = {item.path for item in items if "demo_content" in item.fixturenames}
    for item in items:
        if is_system_test(item):
            item.add_marker(pytest.mark.system)
        marker = item.get_closest_marker("django_db")
        commits = COMMITTING_FIXTURES & set(item.fixturenames) or (
            marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
        )
        if item.path in demo_modules and commits:
            raise pytest.UsageError(f"{item.nodeid} commits: it cannot share a module with demo_content")


@contextmanager
def use_database(name):
    """Point the default connection to the database `name` (closed on the way in and out)."""
    test_name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = test_name


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """(database name, upload folder) of the demo content, seeded once per session; None without PostgreSQL."""
    if connection.vendor != "postgresql":
        yield None
        return
    media = tmp_path_factory.mktemp("demo-media")
    test_name = connection.settings_dict["NAME"]
    name = f"{test_name}_demo"
    # CREATE DATABASE ... TEMPLATE needs the template alone: connection_options closes ours.
    with django_db_blocker.unblock(), connection_options(MANAGEMENT_LIMITS):
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{test_name}"')
        with use_database(name), override_settings(MEDIA_ROOT=media):
            call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    yield name, media
    with django_db_blocker.unblock(), connection_options(MANAGEMENT_LIMITS), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def demo_content(demo_database, django_db_blocker, tmp_path_factory):
    """The demo content (`seed_demo`), for the tests of a module that read it (see above).

    While the module runs, MEDIA_ROOT is a copy of the demo upload folder of its own (it is
    returned). Tests that need an empty database (seeding from scratch) belong in a module
    that does not use this fixture.
    """
    media = tmp_path_factory.mktemp("demo-module")
    with django_db_blocker.unblock(), ExitStack() as stack:
        if demo_database is not None:
            name, demo_media = demo_database
            shutil.copytree(demo_media, media, dirs_exist_ok=True)
            stack.enter_context(use_database(name))
        with override_settings(MEDIA_ROOT=media), transaction.atomic():
            if demo_database is None:
                call_command("seed_demo", verbosity=0, stdout=io.StringIO())
            yield media
            transaction.set_rollback(True)


@pytest.fixture
def empty_queue():
    """The job queue's tables empty before and after the test (the worker tests: tests/job_workers.py)."""
    from tests.job_workers import QUEUE_TABLES

    with connection.cursor() as cursor:
        cursor.execute(QUEUE_TABLES)
    yield
    with connection.cursor() as cursor:
        cursor.execute(QUEUE_TABLES)
