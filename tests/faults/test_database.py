"""The database locked, slow or gone: visitors get a translated 503 with Retry-After, never a 500."""

import re

import psycopg2
import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.test import Client

from tests.conftest import LANGUAGES
from tests.faults.services import TcpProxy

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the time limits are PostgreSQL's")


@pytest.fixture
def client():
    """As a server answers: an error in a view reaches the site's handler500 (portal.views.server_error), not the test."""
    return Client(raise_request_exception=False)


def raw_connection():
    """A second session on the test database, outside Django."""
    params = connection.get_connection_params()
    return psycopg2.connect(
        dbname=params["dbname"], user=params.get("user"), host=params.get("host"), port=params.get("port")
    )


def test_web_requests_have_time_limits(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        statement = cursor.fetchone()[0]
        cursor.execute("SHOW lock_timeout")
        lock = cursor.fetchone()[0]
    assert statement == f"{settings.DB_STATEMENT_TIMEOUT // 1000}s"
    assert lock == f"{settings.DB_LOCK_TIMEOUT // 1000}s"


@pytest.mark.django_db(transaction=True)
def test_a_locked_table_gives_a_503_when_the_lock_timeout_ends_the_wait(client, caplog):
    # What bounds the wait is PostgreSQL's lock_timeout (asserted above), not how fast this machine is:
    # the 503 says it was that limit that ended it. bench/faults measures the time.
    locker = raw_connection()
    try:
        with locker.cursor() as cursor:
            cursor.execute("LOCK TABLE news_newsitem IN ACCESS EXCLUSIVE MODE")
            response = client.get("/en/news/")
            health = client.get("/healthz")
    finally:
        locker.rollback()
        locker.close()
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.DB_RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    assert "Database unavailable for GET /en/news/: canceling statement due to lock timeout" in caplog.text
    assert health.status_code == 503
    assert b"unavailable: database" in health.content
    # The health check gives up on its own, shorter limits (or its one second), whichever comes first.
    assert re.search(
        rb"database: (canceling statement due to (lock|statement) timeout|no answer within)", health.content
    )
    close_old_connections()  # what Django does at the start of every request
    assert client.get("/en/news/").status_code == 200


@pytest.fixture
def proxied_database():
    """The default connection goes through a proxy the test can cut."""
    proxy = TcpProxy(connection.settings_dict["HOST"] or "127.0.0.1", connection.settings_dict["PORT"] or 5432)
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": str(proxy.port)})
    try:
        yield proxy
    finally:
        proxy.cut()
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


@pytest.mark.django_db(transaction=True)
def test_a_database_that_goes_away_gives_a_translated_503_and_comes_back(client, proxied_database):
    assert client.get("/en/partners/").status_code == 200  # now in the page cache
    proxied_database.cut()
    # A page in the page cache is still served; every other page is a 503.
    assert client.get("/en/partners/").status_code == 200
    english_title = None
    for code in ["en", *[code for code in LANGUAGES if code != "en"]]:
        for path in (f"/{code}/", f"/{code}/news/", f"/{code}/projects/", f"/{code}/search/?q=visit"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response["Retry-After"] == str(settings.DB_RETRY_AFTER)
            body = response.content.decode()
            assert f'<html lang="{code}">' in body
            title = body.split("<h1>", 1)[1].split("</h1>", 1)[0]
            close_old_connections()
        english_title = english_title or title
        if code != "en":
            assert title != english_title, f"the 503 page is not translated into {code}"
    health = client.get("/healthz")
    assert health.status_code == 503
    assert b"database:" in health.content
    assert client.get("/readyz").status_code == 503
    assert client.get("/livez").status_code == 200

    proxied_database.restore()
    close_old_connections()
    assert client.get("/en/news/").status_code == 200
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_session_cookie_while_the_database_is_away_gets_the_503(client, proxied_database):
    """The page cache cannot tell whether the session is a signed-in user's: the page is left to the 503."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "0123456789abcdefghijklmnopqrstuv"
    proxied_database.cut()
    response = client.get("/en/news/")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    proxied_database.restore()
    close_old_connections()
