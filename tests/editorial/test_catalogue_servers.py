"""Two real server processes on one database and one Redis: a catalogue edit saved through A shows on B.

No shared disk and no restart: the edit is a database row, and B learns of the new catalogue
version from the shared cache within its check interval (editorial.catalogue).
"""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.urls import reverse

from editorial.models import entry_key

# Ports of our own (CATALOGUE_TEST_PORT changes the first of the three).
BASE_PORT = int(os.environ.get("CATALOGUE_TEST_PORT", 18230))
REDIS_SERVER = shutil.which("redis-server")
LATEST = "Latest news"
CHECK_SECONDS = 2  # the servers' CATALOGUE_CHECK_SECONDS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server (apt-get install redis-server)"),
]


def wait_for(port, path="/livez", seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}{path}", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


@pytest.fixture
def servers():
    """A private redis-server and two `runserver --noreload` processes on the test database."""
    redis_port, ports = BASE_PORT, (BASE_PORT + 1, BASE_PORT + 2)
    redis = subprocess.Popen(
        [REDIS_SERVER, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "1",
        "SECRET_KEY": settings.SECRET_KEY,  # the test's sessions are valid on the servers
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/1",
        "LOG_LEVEL": "WARNING",
        "CATALOGUE_CHECK_SECONDS": str(CHECK_SECONDS),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_for(port)
        yield ports
    finally:
        for process in [*processes, redis]:
            process.terminate()
        for process in [*processes, redis]:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def test_an_edit_saved_on_one_server_shows_on_the_other_within_seconds(servers):
    port_a, port_b = servers
    user = User.objects.create_user("alesia", "alesia@ura.example.org", "secret-pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators (be)"))
    login = Client()
    login.force_login(user)  # a session in the shared database, valid on both servers
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, login.cookies[settings.SESSION_COOKIE_NAME].value)

    home_b = f"http://127.0.0.1:{port_b}/be/"
    assert "Апошнія навіны" in requests.get(home_b, timeout=10).text  # a visitor of B, before

    url = f"http://127.0.0.1:{port_a}" + reverse("editorial:catalogue-entry", args=("be", entry_key("", LATEST)))
    form = browser.get(url, timeout=10)
    assert form.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    saved = browser.post(url, {"csrfmiddlewaretoken": token, "msgstr": "Навіны з сервера A"}, allow_redirects=False)
    assert saved.status_code == 302, saved.text[:500]
    assert saved.headers["Location"] == reverse("editorial:catalogue-language", args=("be",))
    assert "Навіны з сервера A" in requests.get(f"http://127.0.0.1:{port_a}/be/", timeout=10).text

    # Once the servers' check interval has passed, B's next answer looks at the shared catalogue
    # version again and shows the edit (a slow machine only lets more time pass; nothing is timed).
    time.sleep(CHECK_SECONDS + 0.5)
    assert "Навіны з сервера A" in requests.get(home_b, timeout=30).text
    # The other languages are untouched on B.
    assert "Навіны з сервера A" not in requests.get(f"http://127.0.0.1:{port_b}/sq/", timeout=10).text
