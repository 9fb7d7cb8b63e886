"""Wrong passwords: a user is locked out from one address after a few, not from everywhere.

The address is the TCP peer's, or, behind a trusted proxy, the one that proxy saw (portal.middleware.client_ip).
"""

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model

from portal.middleware import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password="right-horse-battery-9", is_staff=True)


def attempt(client, password, address="203.0.113.7", username="editor"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def attempt_with(client, password, peer, forwarded):
    """A login whose TCP peer is `peer`, carrying `X-Forwarded-For: forwarded`."""
    return client.post(
        LOGIN, {"username": "editor", "password": password}, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded
    )


def test_after_the_limit_even_the_right_password_is_refused_with_a_translated_page(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Too many failed logins" in locked.content.decode()
    response = attempt(client, "right-horse-battery-9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_translated(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    english = attempt(client, "wrong").content.decode()
    belarusian = client.post(
        LOGIN, {"username": "editor", "password": "x"}, REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="be"
    )
    assert belarusian.status_code == 429
    assert "Too many failed logins" in english
    assert "Too many failed logins" not in belarusian.content.decode()


def test_an_attacker_cannot_lock_the_editor_out_of_their_own_address(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        attempt(client, "wrong", address="198.51.100.66")
    assert attempt(client, "wrong", address="198.51.100.66").status_code == 429
    response = attempt(client, "right-horse-battery-9", address="203.0.113.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_other_users_at_the_same_address_can_still_log_in(client, editor):
    get_user_model().objects.create_user("editor2", password="other-horse-battery-7", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "wrong")
    assert attempt(client, "other-horse-battery-7", username="editor2").status_code == 302


def test_behind_the_proxy_the_address_it_saw_counts(client, editor):
    # nginx on this machine (a trusted proxy) appended the address it saw to what the client sent.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.66",
        )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"
    # The same proxy, another visitor: not locked out.
    response = client.post(
        LOGIN,
        {"username": "editor", "password": "right-horse-battery-9"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.67",
    )
    assert response.status_code == 302


def test_rotating_x_forwarded_for_without_the_proxy_does_not_bypass_the_lockout(client, editor):
    # The app server reached directly: whatever the client writes in the header is not its address.
    statuses = [
        attempt_with(client, "wrong", "198.51.100.66", f"203.0.113.{number}").status_code
        for number in range(settings.AXES_FAILURE_LIMIT + 2)
    ]
    assert statuses[-1] == 429
    assert attempt_with(client, "right-horse-battery-9", "198.51.100.66", "203.0.113.200").status_code == 429
    assert "_auth_user_id" not in client.session
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


def test_rotating_the_client_part_through_the_proxy_does_not_bypass_the_lockout(client, editor):
    for number in range(settings.AXES_FAILURE_LIMIT + 2):
        last = attempt_with(client, "wrong", "127.0.0.1", f"203.0.113.{number}, 198.51.100.66")
    assert last.status_code == 429
    assert attempt_with(client, "right-horse-battery-9", "127.0.0.1", "10.9.9.9, 198.51.100.66").status_code == 429


def test_a_spoofed_victim_address_cannot_lock_the_victim_out(client, editor):
    # An attacker connecting directly writes the editor's address (192.0.2.7) into the header.
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt_with(client, "wrong", "198.51.100.66", "192.0.2.7")
    assert attempt_with(client, "wrong", "198.51.100.66", "192.0.2.7").status_code == 429
    # The editor, at 192.0.2.7 (directly, or through the proxy), still logs in.
    assert attempt(client, "right-horse-battery-9", address="192.0.2.7").status_code == 302
    client.logout()
    assert attempt_with(client, "right-horse-battery-9", "127.0.0.1", "192.0.2.7").status_code == 302


def test_behind_several_proxies_the_last_address_no_proxy_of_ours_added_counts(client, editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    # client -> CDN edge (not ours) -> our load balancer 10.0.0.2 -> nginx on this machine.
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt_with(client, "wrong", "127.0.0.1", f"203.0.113.{number}, 198.51.100.66, 10.0.0.2")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"


def test_many_addresses_guessing_one_password_are_logged_and_lock_nobody_out(client, editor, settings, caplog):
    settings.LOGIN_ALERT_FAILURES = 10
    for number in range(25):
        assert attempt(client, "wrong", address=f"198.51.100.{number}").status_code == 200
    alerts = [record for record in caplog.records if record.name == "portal.logins"]
    assert [record.levelname for record in alerts] == ["WARNING", "WARNING"]
    assert "10 failed logins for user 'editor' from 10 addresses" in alerts[0].getMessage()
    # The editor, at their own address, is not locked out by it.
    assert attempt(client, "right-horse-battery-9", address="203.0.113.7").status_code == 302


def test_an_administrator_sees_the_lockout_and_lifts_it(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "boss-horse-battery-1")
    admin_client = type(client)()
    admin_client.force_login(admin)
    listing = admin_client.get("/admin/editorial/loginlockout/")
    assert listing.status_code == 200
    assert "203.0.113.7" in listing.content.decode()
    lockout = AccessAttempt.objects.get(username="editor")
    response = admin_client.post(
        "/admin/editorial/loginlockout/", {"action": "delete_selected", "_selected_action": [lockout.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, "right-horse-battery-9").status_code == 302


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.5", "", "203.0.113.5"),  # directly, no header
        ("203.0.113.5", "192.0.2.7", "203.0.113.5"),  # directly: the header is the client's own
        ("127.0.0.1", "", "127.0.0.1"),  # from the proxy's machine itself
        ("127.0.0.1", "192.0.2.7", "192.0.2.7"),
        ("127.0.0.1", "192.0.2.7, 127.0.0.1", "192.0.2.7"),  # a request from the proxy's machine through it
        ("127.0.0.1", "127.0.0.1", "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "192.0.2.7:443", "127.0.0.1"),
        ("127.0.0.1", " 2001:db8::7 ", "2001:db8::7"),
        ("::1", "192.0.2.7", "192.0.2.7"),
        ("10.0.0.2", "192.0.2.7", "10.0.0.2"),  # not in TRUSTED_PROXIES
        ("::ffff:127.0.0.1", "192.0.2.7", "192.0.2.7"),  # gunicorn bound to [::] sees IPv4 peers so
    ],
)
def test_client_ip(rf, peer, forwarded, expected):
    request = rf.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_trusted_proxy_that_is_not_an_address_refuses_to_start():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "TRUSTED_PROXIES": "nginx"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr
