"""The interface catalogue editor: edits stored in the database, live at once, per-language permissions."""

import re
import threading
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.translation import trans_real

from editorial import catalogue
from editorial.models import CatalogueEdit, CatalogueVersion, entry_key

pytestmark = pytest.mark.django_db

LATEST = "Latest news"
PLURAL = "%(count)d item published."
CONTEXT = ("translation status", "outdated")
PLACEHOLDER = "The image is %(size)s; the limit is %(limit)s."


def make_user(username, *groups, superuser=False):
    user = User.objects.create_user(username, f"{username}@ura.example.org", "secret-pass-123", is_staff=True)
    user.is_superuser = superuser
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def entry_url(language, msgid, msgctxt=""):
    return reverse("editorial:catalogue-entry", args=(language, entry_key(msgctxt, msgid)))


@pytest.fixture
def be_translator(client):
    user = make_user("alesia", "Translators (be)")
    client.force_login(user)
    return user


def test_a_saved_translation_is_live_at_once_and_confirmed(client, be_translator):
    response = client.get(entry_url("be", LATEST))
    assert response.status_code == 200
    assert "Апошнія навіны" in response.content.decode()
    response = client.post(entry_url("be", LATEST), {"msgstr": "Свежыя навіны"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("editorial:catalogue-language", args=("be",))
    page = response.content.decode()
    assert "live on every server" in page  # the confirmation
    assert reverse("admin:index") in page  # the way back to the admin
    edit = CatalogueEdit.objects.get(language="be", msgid=LATEST)
    assert (edit.msgstr, edit.edited_by) == ("Свежыя навіны", be_translator)
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Свежыя навіны"
    with translation.override("sq"):
        assert translation.gettext(LATEST) != "Свежыя навіны"
    client.logout()
    assert "Свежыя навіны" in client.get("/be/").content.decode()


def test_plural_forms_are_labelled_with_examples_and_all_four_are_saved(client, be_translator):
    page = client.get(entry_url("be", PLURAL)).content.decode()
    for label in ("1, 21, 31…", "2–4, 22–24, 32–34…", "0, 5–20, 25–30…", "1.5"):
        assert label in page
    assert len(re.findall(r'<label for="id_msgstr_\d"', page)) == 4
    forms = ["%(count)d навіна", "%(count)d навіны", "%(count)d навін", "%(count)d навіны (дроб)"]
    response = client.post(entry_url("be", PLURAL), {f"msgstr_{i}": text for i, text in enumerate(forms)})
    assert response.status_code == 302
    assert CatalogueEdit.objects.get(language="be", msgid=PLURAL).msgstr_plural == forms
    with translation.override("be"):
        assert translation.ngettext(PLURAL, "%(count)d items published.", 21) == "%(count)d навіна"
        assert translation.ngettext(PLURAL, "%(count)d items published.", 3) == "%(count)d навіны"
        assert translation.ngettext(PLURAL, "%(count)d items published.", 11) == "%(count)d навін"


def test_an_entry_with_context_is_edited_on_its_own(client, be_translator):
    msgctxt, msgid = CONTEXT
    page = client.get(entry_url("be", msgid, msgctxt)).content.decode()
    assert msgctxt in page
    assert client.post(entry_url("be", msgid, msgctxt), {"msgstr": "нясвежы"}).status_code == 302
    with translation.override("be"):
        assert translation.pgettext(msgctxt, msgid) == "нясвежы"
        assert translation.gettext(msgid) == msgid  # the same text without the context is not touched


def test_placeholders_must_match_the_source(client, be_translator):
    response = client.post(entry_url("be", PLACEHOLDER), {"msgstr": "Выява мае %(size)s; дазволена %(max)s."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "placeholders of the source text" in page
    assert "%(limit)s" in page
    assert not CatalogueEdit.objects.exists()
    response = client.post(entry_url("be", PLURAL), {f"msgstr_{i}": "{count} навін" for i in range(4)})
    assert response.status_code == 200
    assert not CatalogueEdit.objects.exists()


def test_a_language_translator_sees_and_opens_only_their_catalogue(client, be_translator):
    page = client.get(reverse("editorial:catalogue")).content.decode()
    assert reverse("editorial:catalogue-language", args=("be",)) in page
    assert reverse("editorial:catalogue-language", args=("sq",)) not in page
    assert client.get(reverse("editorial:catalogue-language", args=("sq",))).status_code == 403
    assert client.get(entry_url("sq", LATEST)).status_code == 403
    assert client.post(entry_url("sq", LATEST), {"msgstr": "Lajme"}).status_code == 403
    assert not CatalogueEdit.objects.exists()
    assert client.get(reverse("editorial:catalogue-language", args=("xx",))).status_code == 404
    assert client.get(reverse("editorial:catalogue-entry", args=("be", "0" * 16))).status_code == 404


def test_editors_edit_every_catalogue_and_others_none(client):
    client.force_login(make_user("vera", "Editors"))
    page = client.get(reverse("editorial:catalogue")).content.decode()
    for code in ("be", "sq", "en"):
        assert reverse("editorial:catalogue-language", args=(code,)) in page
    client.force_login(make_user("nobody"))  # staff, no group
    assert client.get(reverse("editorial:catalogue")).status_code == 403
    client.logout()
    assert client.get(reverse("editorial:catalogue")).status_code == 302  # to the login page


def test_the_admin_index_links_the_editor_for_translators(client, be_translator):
    assert reverse("editorial:catalogue") in client.get(reverse("admin:index")).content.decode()


def test_filters_search_pages_and_no_server_paths(client, be_translator):
    url = reverse("editorial:catalogue-language", args=("be",))
    everything = client.get(url)
    assert everything.status_code == 200
    assert str(settings.BASE_DIR) not in everything.content.decode()
    assert everything.context["page_obj"].paginator.count > 100
    assert len(everything.context["page_obj"].object_list) == 25
    found = client.get(url, {"q": "апошнія навіны"}).context["page_obj"].object_list  # in the translation
    assert LATEST in [entry.msgid for entry in found]
    found = client.get(url, {"q": "latest NEWS"}).context["page_obj"].object_list  # in the source
    assert LATEST in [entry.msgid for entry in found]
    assert client.get(url, {"status": "untranslated"}).context["page_obj"].paginator.count == 0
    assert client.get(url, {"status": "changed"}).context["page_obj"].paginator.count == 0
    client.post(entry_url("be", LATEST), {"msgstr": ""})
    assert [e.msgid for e in client.get(url, {"status": "untranslated"}).context["page_obj"]] == [LATEST]
    assert [e.msgid for e in client.get(url, {"status": "changed"}).context["page_obj"]] == [LATEST]
    assert client.get(url, {"status": "bogus"}).status_code == 400
    assert client.get(url, {"page": "9999"}).status_code == 200
    assert client.get(url, {"page": "x"}).status_code == 200


def test_restoring_the_repository_text_drops_the_edit(client, be_translator):
    client.post(entry_url("be", LATEST), {"msgstr": "Свежыя навіны"})
    page = client.get(entry_url("be", LATEST)).content.decode()
    assert "Свежыя навіны" in page and "Апошнія навіны" in page  # edit and repository text
    response = client.post(entry_url("be", LATEST), {"restore": "1"}, follow=True)
    assert "from the repository" in response.content.decode()
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Апошнія навіны"
    # No edit is left to stand over the repository text when a later release changes it.
    assert not CatalogueEdit.objects.filter(language="be", msgid=LATEST).exists()
    page = client.get(entry_url("be", LATEST)).content.decode()
    assert "Свежыя навіны" not in page


def test_rosetta_address_leads_to_the_editor(client, be_translator):
    response = client.get("/rosetta/files/project/")
    assert response.status_code == 302
    assert response["Location"] == reverse("editorial:catalogue")


def test_an_edit_in_another_process_is_loaded_after_the_check_interval(monkeypatch, client):
    client.get("/be/")
    CatalogueEdit.objects.create(language="be", msgid=LATEST, msgstr="Навіны з іншага сервера")
    number = catalogue.bump_version()
    cache.set(catalogue.CATALOGUE_VERSION_KEY, number)  # what the other server published
    monkeypatch.setattr(catalogue, "next_check", 10**12)  # within the interval: not looked at
    with translation.override("be"):
        client.get("/be/")
        assert translation.gettext(LATEST) == "Апошнія навіны"
    monkeypatch.setattr(catalogue, "next_check", 0.0)  # the interval is over
    client.get("/be/")
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Навіны з іншага сервера"
    # With the shared cache emptied (or down), the version comes from the database.
    CatalogueEdit.objects.filter(msgid=LATEST).update(msgstr="Навіны з базы")
    catalogue.bump_version()
    cache.delete(catalogue.CATALOGUE_VERSION_KEY)
    monkeypatch.setattr(catalogue, "next_check", 0.0)
    client.get("/en/")
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Навіны з базы"


def test_steady_state_costs_no_query(monkeypatch, django_assert_max_num_queries):
    catalogue.check_catalogues()
    loaded = trans_real._translations["be"]
    monkeypatch.setattr(catalogue, "next_check", 0.0)  # even when the interval is over
    with django_assert_max_num_queries(0):
        catalogue.check_catalogues()
        catalogue.check_catalogues()
    assert trans_real._translations["be"] is loaded
    assert CatalogueVersion.objects.count() == 0


def test_export_and_import_round_trip(tmp_path, client, be_translator):
    client.post(entry_url("be", LATEST), {"msgstr": "Свежыя навіны"})
    forms = ["%(count)d навіна", "%(count)d навіны", "%(count)d навін", "%(count)d навіны"]
    client.post(entry_url("be", PLURAL), {f"msgstr_{i}": text for i, text in enumerate(forms)})
    msgctxt, msgid = CONTEXT
    client.post(entry_url("be", msgid, msgctxt), {"msgstr": "нясвежы"})
    committed = catalogue.catalogue_path("be").read_bytes()
    call_command("export_catalogue_edits", "--output", str(tmp_path), stdout=open("/dev/null", "w"))
    assert catalogue.catalogue_path("be").read_bytes() == committed  # --output leaves locale/ alone
    po = polib.pofile(str(tmp_path / "be" / "LC_MESSAGES" / "django.po"))
    assert po.find(LATEST).msgstr == "Свежыя навіны"
    assert po.find(msgid, msgctxt=msgctxt).msgstr == "нясвежы"
    assert [po.find(PLURAL).msgstr_plural[i] for i in range(4)] == forms
    assert len(po) == len(polib.pofile(str(catalogue.catalogue_path("be"))))
    sq = polib.pofile(str(tmp_path / "sq" / "LC_MESSAGES" / "django.po"))
    assert sq.find(LATEST).msgstr == polib.pofile(str(catalogue.catalogue_path("sq"))).find(LATEST).msgstr

    before = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in CatalogueEdit.objects.all()}
    CatalogueEdit.objects.all().delete()
    call_command("import_catalogue_edits", str(tmp_path), stdout=open("/dev/null", "w"))
    after = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in CatalogueEdit.objects.all()}
    assert after == before  # only the three entries that differ from the committed catalogues
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Свежыя навіны"


def test_readers_in_other_threads_see_the_old_or_the_new_text_while_catalogues_reload():
    """Each request thread looks up its language while another thread swaps the catalogues in."""
    seen, stop = set(), threading.Event()

    def reader():
        while not stop.is_set():
            with translation.override("be"):
                seen.add(translation.gettext(LATEST))
                seen.add(translation.ngettext(PLURAL, "%(count)d items published.", 5))

    threads = [threading.Thread(target=reader) for _n in range(4)]
    for thread in threads:
        thread.start()
    try:
        for round_ in range(8):
            overrides = {LATEST: f"Навіны {round_}", (PLURAL, 2): f"%(count)d навін {round_}"}
            catalogue.install_translations({"be": overrides}, round_ + 1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    expected = {"Апошнія навіны", "Апублікавана %(count)d матэрыялаў."}
    expected |= {f"Навіны {n}" for n in range(8)} | {f"%(count)d навін {n}" for n in range(8)}
    assert seen <= expected  # never the English source, never a half-built catalogue
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Навіны 7"


def test_edits_come_back_without_a_query_when_django_drops_its_translations(
    client, be_translator, django_assert_max_num_queries
):
    client.post(entry_url("be", LATEST), {"msgstr": "Свежыя навіны"})
    trans_real._translations = {}  # what Django's autoreloader does when a .mo file changes
    trans_real._default = None
    client.logout()
    with django_assert_max_num_queries(0):
        catalogue.check_catalogues()
    with translation.override("be"):
        assert translation.gettext(LATEST) == "Свежыя навіны"


def test_a_request_within_the_interval_does_not_look_at_the_catalogues(monkeypatch, client):
    calls = []
    monkeypatch.setattr(catalogue, "check_catalogues", lambda: calls.append(1))
    monkeypatch.setattr(catalogue, "next_check", 10**12)
    client.get("/be/")
    assert calls == []
    monkeypatch.setattr(catalogue, "next_check", 0.0)
    client.get("/be/")
    assert calls == [1]


def test_edits_come_back_on_the_next_request_after_a_settings_change_drops_django_translations(
    monkeypatch, client, be_translator
):
    client.post(entry_url("be", LATEST), {"msgstr": "Свежыя навіны"})
    client.logout()
    monkeypatch.setattr(catalogue, "next_check", 10**12)  # within the interval
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):  # Django drops its translations
        assert catalogue.next_check == 0.0
        client.get("/be/")
        with translation.override("be"):
            assert translation.gettext(LATEST) == "Свежыя навіны"


def test_only_a_changed_mo_file_makes_the_next_request_look_at_the_catalogues(monkeypatch):
    monkeypatch.setattr(catalogue, "next_check", 10**12)
    catalogue.check_soon(sender=None, file_path=Path("locale/be/LC_MESSAGES/django.po"))
    catalogue.check_soon(sender=None, setting="TIME_ZONE")
    assert catalogue.next_check == 10**12
    # As the development autoreloader sends it (Django then drops its translations).
    file_changed.send(sender=None, file_path=Path(settings.LOCALE_PATHS[0]) / "be" / "LC_MESSAGES" / "django.mo")
    assert catalogue.next_check == 0.0


def test_each_filter_says_how_many_entries_it_shows(client, be_translator):
    url = reverse("editorial:catalogue-language", args=("be",))
    client.post(entry_url("be", LATEST), {"msgstr": ""})
    response = client.get(url, {"q": "latest"})
    counts = {str(item["label"]): item["count"] for item in response.context["filters"]}
    shown = response.context["page_obj"].paginator.count
    assert counts == {"All": shown, "Untranslated": 1, "Changed here (not yet in the repository)": 1}
    assert 'Untranslated <span class="catalogue-count">(1)</span>' in response.content.decode()
