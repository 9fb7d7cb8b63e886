"""The operator's journey in the admin: upload, the check's report, start, progress; and who may."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from moving.models import ImportRun
from news.models import NewsItem
from tests.editorial.workflow_helpers import editor, make_user
from tests.moving.conftest import FIXTURES

pytestmark = pytest.mark.django_db

ADD = reverse("admin:moving_importrun_add")
LIST = reverse("admin:moving_importrun_changelist")


def operator(username="ilir"):
    user = make_user(username)
    user.user_permissions.add(Permission.objects.get(codename="import_site"))
    return user


def export_upload(name="export.xml", content=None):
    data = content if content is not None else (FIXTURES / "polylang.xml").read_bytes()
    return SimpleUploadedFile(name, data, content_type="text/xml")


def test_an_operator_uploads_reads_the_check_starts_and_sees_the_import_done(
    client, django_capture_on_commit_callbacks
):
    client.force_login(operator())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, {"export_file": export_upload(), "kinds": "visits=visit", "menu_names": "main-en"})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:moving_importrun_change", args=[run.pk])
    # The check ran (as a job) and wrote nothing.
    assert run.state == ImportRun.State.CHECKED
    assert run.report["counts"]["created"] == 7  # three posts, a draft, two pages, a menu entry
    assert run.kind_map == {"visits": "visit"} and run.menus == ["main-en"]
    assert not NewsItem.objects.exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Start the import" in page.text
    assert "the language de is not one of the site’s" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:moving_importrun_start", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == ImportRun.State.DONE
    assert (run.done, run.total) == (10, 10)
    news = NewsItem.objects.exclude(status="draft").get()
    assert news.kind == NewsItem.Kind.DELEGATION_VISIT
    listing = client.get(LIST)
    assert "10 of 10 (100%)" in listing.text


def test_the_report_is_in_the_operators_language(client, django_capture_on_commit_callbacks):
    client.force_login(operator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, {"export_file": export_upload()})
    run = ImportRun.objects.get()
    with translation.override("sq"):
        page = client.get(reverse("admin:moving_importrun_change", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="sq")
    assert "Nisni importin" in page.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("export.txt", b"<rss/>", "Choose the .xml file of a WordPress export."),
        ("export.xml", b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss/>', "declares a document type"),
        (
            "export.xml",
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
            "This is not a WordPress export.",
        ),
    ],
    ids=["extension", "doctype", "not-wordpress"],
)
def test_a_bad_file_gets_a_readable_message_and_no_run(client, name, content, message):
    client.force_login(operator())
    response = client.post(ADD, {"export_file": export_upload(name, content)})
    assert response.status_code == 200
    assert message in response.text
    assert not ImportRun.objects.exists()


def test_the_uploads_must_be_a_zip(client):
    client.force_login(operator())
    response = client.post(
        ADD, {"export_file": export_upload(), "uploads_archive": SimpleUploadedFile("uploads.zip", b"not a zip")}
    )
    assert "The uploads must be a zip file." in response.text
    assert not ImportRun.objects.exists()


def test_images_come_from_the_uploaded_zip(client, django_capture_on_commit_callbacks, uploads):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in uploads.rglob("*"):
            if path.is_file():
                zipped.write(path, "wp-content/uploads/" + str(path.relative_to(uploads)))
    client.force_login(operator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            ADD,
            {"export_file": export_upload(), "uploads_archive": SimpleUploadedFile("uploads.zip", archive.getvalue())},
        )
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:moving_importrun_start", args=[run.pk]))
    news = NewsItem.objects.exclude(status="draft").get()
    assert news.image.alt_text_en == "The delegation in Pristina"


def test_only_operators_and_superusers_reach_any_import_page(client, django_capture_on_commit_callbacks):
    owner = operator()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, {"export_file": export_upload()})
    run = ImportRun.objects.get()
    urls = [
        LIST,
        ADD,
        reverse("admin:moving_importrun_change", args=[run.pk]),
        reverse("admin:moving_importrun_delete", args=[run.pk]),
        reverse("admin:moving_importrun_history", args=[run.pk]),
    ]
    client.force_login(editor("vera"))  # every content permission, not this one
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(ADD, {"export_file": export_upload()}).status_code == 403
    assert client.post(reverse("admin:moving_importrun_start", args=[run.pk])).status_code == 403
    run.refresh_from_db()
    assert run.state == ImportRun.State.CHECKED
    assert ImportRun.objects.count() == 1
    client.force_login(make_user("root", superuser=True))
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("admin:moving_importrun_start", args=[run.pk])).status_code == 405


def test_a_run_is_not_started_twice_while_it_is_checked(client):
    client.force_login(operator())
    run = ImportRun.objects.create(export_file="imports/x.xml", state=ImportRun.State.CHECKING)
    response = client.post(reverse("admin:moving_importrun_start", args=[run.pk]), follow=True)
    assert "cannot be started now" in response.text
    run.refresh_from_db()
    assert run.state == ImportRun.State.CHECKING


def test_the_old_addresses_are_listed_for_who_may_see_them(client):
    client.force_login(make_user("root", superuser=True))
    assert client.get(reverse("admin:core_slugalias_changelist")).status_code == 200
    client.force_login(make_user("nobody"))
    assert client.get(reverse("admin:core_slugalias_changelist")).status_code == 403


def test_a_file_over_the_limit_is_refused_with_its_size(client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(operator())
    response = client.post(ADD, {"export_file": export_upload()})
    assert "the limit is 1000" in response.text
    assert not ImportRun.objects.exists()


def test_deleting_a_run_deletes_its_uploaded_files(client, django_capture_on_commit_callbacks):
    client.force_login(operator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, {"export_file": export_upload()})
    run = ImportRun.objects.get()
    storage, name = run.export_file.storage, run.export_file.name
    assert storage.exists(name)
    response = client.post(reverse("admin:moving_importrun_delete", args=[run.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not ImportRun.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize(
    ("language", "help_text"),
    [("be", "Па адной у радку"), ("sq", "Një për rresht"), ("en", "One per line")],
)
def test_the_add_form_speaks_the_operators_language(client, language, help_text):
    client.force_login(operator())
    page = client.get(ADD, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert help_text in page
    assert "visit, meeting" in page  # the kinds are codes in every language
    assert 'id="import-progress"' not in page  # nothing runs before the file is sent
