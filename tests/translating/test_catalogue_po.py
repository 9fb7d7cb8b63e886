"""The interface catalogues as .po files: download one's language, upload it back through the editor's checks."""

import polib
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from editorial.models import CatalogueEdit

pytestmark = pytest.mark.django_db

LATEST = "Latest news"
PLURAL = "%(count)d item published."
PLACEHOLDER = "The image is %(size)s; the limit is %(limit)s."


def make_user(username, *groups):
    user = User.objects.create_user(username, f"{username}@ura.example.org", "secret-pass-123", is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def be_translator(client):
    user = make_user("alesia", "Translators (be)")
    client.force_login(user)
    return user


def downloaded(client, language="be"):
    response = client.get(reverse("editorial:catalogue-download", args=(language,)))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="ura-{language}.po"'
    return polib.pofile(response.content.decode("utf-8"), wrapwidth=0)


def upload(client, po, language="be"):
    data = SimpleUploadedFile(f"ura-{language}.po", str(po).encode("utf-8"), content_type="text/x-gettext-translation")
    return client.post(reverse("editorial:catalogue-upload", args=(language,)), {"file": data}, follow=True)


def test_download_has_the_edits_and_upload_applies_a_changed_text(client, be_translator):
    CatalogueEdit.objects.create(language="be", msgid=PLACEHOLDER, msgstr="Выява %(size)s; мяжа %(limit)s.")
    po = downloaded(client)
    assert po.find(PLACEHOLDER).msgstr == "Выява %(size)s; мяжа %(limit)s."
    po.find(LATEST).msgstr = "Свежыя навіны"
    response = upload(client, po)
    assert response.redirect_chain[-1][0] == reverse("editorial:catalogue-language", args=("be",))
    assert any("Saved and live: 1." in str(message) for message in response.context["messages"])
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Свежыя навіны"


def test_a_file_with_any_problem_changes_nothing_and_reports_each(client, be_translator):
    po = downloaded(client)
    po.find(LATEST).msgstr = "Свежыя навіны"  # fine alone
    po.find(PLACEHOLDER).msgstr = "Выява %(size)s."  # a placeholder lost
    po.find(LATEST).msgstr = "Свежыя <script>alert(1)</script> навіны"  # markup the source does not have
    po.append(polib.POEntry(msgid="A text the site does not have", msgstr="Тэкст"))
    plural = po.find(PLURAL)
    plural.msgstr_plural = {0: "%(count)d матэрыял", 1: "%(count)d матэрыялы"}  # be has four forms
    response = upload(client, po)
    assert response.status_code == 200
    problems = {source for source, _problem in response.context["report"]["problems"]}
    assert problems == {LATEST, PLACEHOLDER, PLURAL, "A text the site does not have"}
    assert "Nothing was saved" in response.content.decode()
    assert not CatalogueEdit.objects.exists()


def test_a_translator_cannot_upload_or_download_another_language(client, be_translator):
    assert client.get(reverse("editorial:catalogue-download", args=("sq",))).status_code == 403
    po = polib.POFile()
    po.metadata = {"Language": "sq", "Content-Type": "text/plain; charset=UTF-8"}
    assert upload(client, po, "sq").status_code == 403
    assert client.get(reverse("editorial:catalogue-download", args=("xx",))).status_code == 404


def test_a_file_of_another_language_or_not_a_po_file_is_refused(client, be_translator):
    po = downloaded(client)
    po.metadata["Language"] = "sq"
    response = upload(client, po)
    assert "not “be”" in response.context["report"]["problems"][0][1]
    bad = SimpleUploadedFile("x.po", b"\xff\xfe not text", content_type="text/plain")
    response = client.post(reverse("editorial:catalogue-upload", args=("be",)), {"file": bad})
    assert response.context["report"]["problems"]
    assert not CatalogueEdit.objects.exists()


def test_the_upload_page_has_a_flat_cost(client, be_translator, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("editorial:catalogue-upload", args=("be",)), HTTP_ACCEPT_LANGUAGE="be")
    assert page.status_code == 200
    assert "Перакладзены файл .po" in page.content.decode()  # the form speaks the translator's language
