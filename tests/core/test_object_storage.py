"""Media on S3-compatible object storage, against a real S3 API server (moto's standalone server).

moto's server is the S3 service here, started once per test session on 127.0.0.1; boto3 and
django-storages talk to it over HTTP exactly as they would to MinIO or a cloud store.
"""

import io
import json
import tarfile
import tokenize
from pathlib import Path

import pytest
import requests
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection

from core.models import Status
from core.storage import PrivateS3Storage, PublicS3Storage
from library.models import Image
from projects.models import Document
from tests.news.factories import image_bytes
from tests.partners.factories import OrganisationFactory
from tests.portal.test_deploy import run_manage, run_python
from tests.projects.factories import DocumentFactory, ProjectFactory, pdf_bytes
from tests.s3_server import s3_server as moto_server

ROOT = Path(__file__).resolve().parents[2]
S3_PORT = 18150
ENDPOINT = f"http://127.0.0.1:{S3_PORT}"
BUCKET = "ura-test"
S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": BUCKET,
    "AWS_S3_ENDPOINT_URL": ENDPOINT,
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
}
PRODUCTION = {
    "SECRET_KEY": "x7Hq2-production-like-secret-that-is-long-and-random-9fK3mZp0Lw8",
    "ALLOWED_HOSTS": "ura.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}
SHOW_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
print(json.dumps({
    "default": settings.STORAGES["default"]["BACKEND"],
    "private": settings.STORAGES["private"]["BACKEND"],
    "default_class": type(storages["default"]).__name__,
    "serve_media": settings.SERVE_MEDIA,
    "csp": settings.CONTENT_SECURITY_POLICY,
    "url": default_storage.url("news/2026/a.jpg"),
}))
"""


def show_settings(**env):
    result = run_python("-c", SHOW_SETTINGS, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_file_system_is_the_default():
    shown = show_settings()
    assert shown["default"] == "core.storage.FileSystemStorage"
    assert shown["private"] == "core.storage.FileSystemStorage"
    assert shown["serve_media"] is True
    assert shown["url"] == "/media/news/2026/a.jpg"
    assert "img-src 'self' data:;" in shown["csp"]


def test_the_bucket_name_switches_media_to_object_storage():
    shown = show_settings(**S3_ENV)
    assert shown["default"] == "core.storage.PublicS3Storage"
    assert shown["private"] == "core.storage.PrivateS3Storage"
    assert shown["default_class"] == "PublicS3Storage"
    assert shown["serve_media"] is False  # the store serves them
    assert shown["url"] == f"{ENDPOINT}/{BUCKET}/media/news/2026/a.jpg"
    assert f"img-src 'self' data: {ENDPOINT};" in shown["csp"]


def test_a_cdn_domain_serves_public_media():
    shown = show_settings(**S3_ENV, AWS_S3_CUSTOM_DOMAIN="media.ura.example.org")
    assert shown["url"] == "https://media.ura.example.org/media/news/2026/a.jpg"
    assert "img-src 'self' data: https://media.ura.example.org;" in shown["csp"]


def test_check_deploy_passes_with_object_storage():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **S3_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_code_reads_the_media_folders_but_the_settings():
    """With object storage on, MEDIA_ROOT and PRIVATE_MEDIA_ROOT mean nothing: only settings may name them."""
    named = []
    for path in ROOT.glob("**/*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "bench"} or "migrations" in relative.parts:
            continue
        if relative == Path("portal/settings.py"):
            continue
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                if token.type == tokenize.NAME and token.string in {"MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}:
                    named.append(f"{relative}:{token.start[0]}")
                if token.type == tokenize.NAME and token.string == "serve" and "django.views.static" in token.line:
                    named.append(f"{relative}:{token.start[0]}")
    assert named == []


# --- Against the S3 API server -------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    with moto_server(S3_PORT, tmp_path_factory.mktemp("moto"), BUCKET) as client:
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
        yield client


@pytest.fixture
def object_storage(s3_server, settings, tmp_path, monkeypatch):
    """Django's storages on the S3 server; the media folders point where nothing may appear."""
    for name, value in S3_ENV.items():
        setattr(settings, name, value)
    settings.AWS_S3_SIGNATURE_VERSION = "s3v4"
    settings.MEDIA_ROOT = tmp_path / "no-media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "no-private-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.storage.PublicS3Storage"},
        "private": {"BACKEND": "core.storage.PrivateS3Storage"},
    }
    # The document field took its storage when the model was defined: give it the new one.
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storages["private"])
    yield s3_server
    assert not settings.MEDIA_ROOT.exists()
    assert not settings.PRIVATE_MEDIA_ROOT.exists()


def object_keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_uploads_and_renditions_go_to_the_store_with_long_caching_under_random_names(client, object_storage):
    logo = Image(file=ContentFile(image_bytes("PNG", size=(640, 320)), name="logo.png"), alt_text_en="KCSF")
    logo.save()  # the library writes the renditions next to the original, through the storage
    OrganisationFactory(slug_en="kcsf", logo=logo)
    name = logo.file.name
    assert name.startswith("library/") and name.endswith("/logo.png")
    assert len(name.split("/")[-2]) >= 16  # a random folder: the address cannot be guessed
    assert isinstance(storages["default"], PublicS3Storage)

    page = client.get("/en/partners/kcsf/")
    assert page.status_code == 200
    keys = object_keys(object_storage)
    assert f"media/{name}" in keys
    folder = name.rsplit("/", 1)[0]
    renditions = sorted(key for key in keys if key.startswith(f"media/{folder}/") and key.endswith(".webp"))
    # 160 and 320 pixels wide for the page, stored next to the original.
    assert {"160w", "320w"} <= {key.split("-")[-2] for key in renditions if "-full-" in key}
    for key in [f"media/{name}", *renditions]:
        url = f"{ENDPOINT}/{BUCKET}/{key}"
        if "-full-" in key and key.split("-")[-2] in ("160w", "320w"):
            assert url in page.content.decode()  # the page links the logo's own widths
        answer = requests.get(url, timeout=5)
        assert answer.status_code == 200
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    health = client.get("/healthz")
    assert health.status_code == 200, health.content


@pytest.mark.django_db
def test_a_draft_projects_document_stays_private_until_published(client, object_storage):
    project = ProjectFactory(slug_en="civil-society-monitoring", status=Status.DRAFT, publish_at=None)
    document = DocumentFactory(project=project)
    key = f"private/{document.file.name}"
    assert isinstance(document.file.storage, PrivateS3Storage)
    assert key in object_keys(object_storage)
    # Not readable from the store without a signature, nor through the view while a draft.
    assert requests.get(f"{ENDPOINT}/{BUCKET}/{key}", timeout=5).status_code == 403
    assert client.get(document.get_absolute_url()).status_code == 404

    project.status = Status.PUBLISHED
    project.save()
    answer = client.get(document.get_absolute_url())
    assert answer.status_code == 302
    assert answer["Cache-Control"] == "private, no-store"
    signed = answer["Location"]
    assert signed.startswith(f"{ENDPOINT}/{BUCKET}/{key}?")
    assert "X-Amz-Expires=60" in signed
    download = requests.get(signed, timeout=5)
    assert download.status_code == 200
    assert download.content == pdf_bytes()
    assert 'attachment; filename="' in download.headers["Content-Disposition"]
    assert download.headers["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_staff_who_see_projects_reach_a_drafts_document(client, object_storage):
    document = DocumentFactory(project=ProjectFactory(status=Status.DRAFT, publish_at=None))
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get(document.get_absolute_url()).status_code == 404  # staff without the permission
    editor.user_permissions.add(Permission.objects.get(codename="view_project"))
    client.force_login(User.objects.get(pk=editor.pk))
    answer = client.get(document.get_absolute_url())
    assert answer.status_code == 302
    assert requests.get(answer["Location"], timeout=5).content == pdf_bytes()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backup uses pg_dump")
@pytest.mark.django_db
def test_backup_takes_the_files_from_the_store(object_storage, tmp_path):
    logo = Image(file=ContentFile(image_bytes("PNG"), name="logo.png"))
    logo.save()
    OrganisationFactory(logo=logo)
    document = DocumentFactory()
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    with tarfile.open(tmp_path / "backup" / "media.tar.gz") as tar:
        assert logo.file.name in tar.getnames()
    with tarfile.open(tmp_path / "backup" / "private-media.tar.gz") as tar:
        assert tar.extractfile(document.file.name).read() == pdf_bytes()
