"""A Host header the site does not serve: a small 400 page and one log line, never a 500 or a traceback."""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# The variants of the audit: another name, userinfo smuggled before a name, empty, broken IPv6, too long.
BAD_HOSTS = ["evil.example.com", "127.0.0.1:80@evil.com", "", "[::1", "a" * 300]


@pytest.mark.parametrize("host", BAD_HOSTS)
@pytest.mark.parametrize("path", ["/en/", "/be/news/", "/be-latn/", "/iati/activities.xml", "/admin/login/"])
def test_a_bad_host_is_a_400_with_one_log_line(host, path, caplog):
    # No exception reaches the test: a 500 raises here (the test client re-raises it).
    client = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
    with caplog.at_level(logging.INFO):
        response = client.get(path)
    assert response.status_code == 400
    body = response.content.decode()
    assert '<p class="error-code">400</p>' in body
    assert len(body) < 2000  # the standalone page: no menu, no links built on the host
    assert "evil" not in body
    assert "no-store" in response["Cache-Control"]
    logged = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(logged) == 1, [record.getMessage()[:120] for record in logged]
    record = logged[0]
    assert record.name == "django.security.DisallowedHost"
    assert record.exc_info is None
    assert "\n" not in record.getMessage()
    assert len(record.getMessage()) < 400


def test_the_page_is_in_the_language_of_the_address():
    response = Client(HTTP_HOST="evil.example.com").get("/be/news/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 400
    assert '<html lang="be">' in response.content.decode()
    assert "Bad request" not in response.content.decode()


def test_a_post_with_a_bad_host_is_a_400_too():
    response = Client(HTTP_HOST="evil.example.com").post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 400


def test_a_host_the_site_serves_is_unaffected(client):
    assert client.get("/en/", HTTP_HOST="localhost").status_code == 200
