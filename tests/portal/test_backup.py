"""backup, then restore into a fresh database and empty upload folders: the site serves the same content."""

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="backup and restore use pg_dump")

# Runs in a fresh process with the restored database and folders; prints a digest of each answer.
SERVE = """
import hashlib, json, os, sys
import django
django.setup()
from django.test import Client
client = Client()
result = {}
for url in json.loads(sys.argv[1]):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    result[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
print(json.dumps(result))
"""


def digest(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [response.status_code, hashlib.sha256(body).hexdigest()]


@pytest.fixture
def fresh_database():
    params = connection.get_connection_params()
    name = f"{params['dbname']}_restore"
    admin = psycopg2.connect(
        dbname="postgres", user=params.get("user"), host=params.get("host"), port=params.get("port")
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = params.get("user") or "postgres"
    host = params.get("host") or "127.0.0.1"
    yield f"postgres://{user}@{host}:{params.get('port') or 5432}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_into_a_fresh_database_serve_the_same_site(client, settings, tmp_path, fresh_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    assert {path.name for path in (tmp_path / "backup").iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "private-media.tar.gz",
    }

    from_export = json.loads(client.get("/en/export/projects.json").content)
    document_urls = [
        document["url"].removeprefix(settings.SITE_URL)
        for record in from_export["results"]
        for document in record["documents"]
    ]
    image_urls = [
        record["image"].removeprefix(settings.SITE_URL)
        for record in json.loads(client.get("/en/export/news.json").content)["results"]
        if record.get("image")
    ]
    assert document_urls and image_urls
    urls = [
        "/en/",
        "/be/news/",
        "/sq/projects/",
        "/en/partners/",
        "/be/export/news.json",
        "/en/export/projects.json",
        "/sq/feeds/news/",
        "/sitemap-news.xml",
        *document_urls[:3],
        *image_urls[:3],
    ]
    before = {url: digest(client, url) for url in urls}
    assert all(status == 200 for status, _digest in before.values()), before

    restored_media, restored_private = tmp_path / "restored-media", tmp_path / "restored-private"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.restored_settings",
        "DATABASE_URL": fresh_database,
        "MEDIA_ROOT": str(restored_media),
        "PRIVATE_MEDIA_ROOT": str(restored_private),
    }
    restore = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "backup")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restore.returncode == 0, restore.stderr
    assert any(restored_private.rglob("*.pdf"))
    again = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "backup")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode != 0 and "not empty" in again.stderr

    served = subprocess.run(
        [sys.executable, "-c", SERVE, json.dumps(urls)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert served.returncode == 0, served.stderr
    assert json.loads(served.stdout.strip().splitlines()[-1]) == before
