"""Production settings: `check --deploy` is clean, and a missing secret refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def clean_environment(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "portal.settings", **env})
    return environment


def run_python(*args, **env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean_environment(**env), capture_output=True, text=True, timeout=120
    )


def run_manage(*args, **env):
    return run_python("manage.py", *args, **env)


def test_check_deploy_passes_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x7Hq2-production-like-secret-that-is-long-and-random-9fK3mZp0Lw8",
        ALLOWED_HOSTS="ura.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    # What gunicorn loads: DEBUG is off unless set, and there is no secret.
    result = run_python("-c", "import portal.wsgi", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_management_commands_run_in_development_mode_on_a_bare_machine():
    result = run_manage("makemigrations", "--check", "--dry-run", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stdout + result.stderr


def test_management_commands_with_a_secret_stay_in_production_mode():
    result = run_manage("diffsettings", "--output", "unified", SECRET_KEY="x" * 50, DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    assert "+ DEBUG = True" not in result.stdout


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/en/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    proxied = client.get("/en/", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code != 301
