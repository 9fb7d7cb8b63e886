"""Wrong passwords: a user is locked out from one address after a few, not from everywhere."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password="right-horse-battery-9", is_staff=True)


def attempt(client, password, address="203.0.113.7", username="editor"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


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


def test_behind_the_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
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
