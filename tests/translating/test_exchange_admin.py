"""The admin pages and commands of the translators' files: export, import with a dry run, the list action."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from lxml import etree
from reversion.models import Version

from core import i18n
from tests.news.factories import NewsItemFactory
from tests.translating.test_exchange import BODY_EN, X12, make_user, translate_xliff12
from translating import exchange

pytestmark = pytest.mark.django_db

EXPORT = "/admin/translations/export/"
IMPORT = "/admin/translations/import/"


@pytest.fixture
def item():
    return NewsItemFactory(body_en=BODY_EN, body_be="", lead_be="", source_language="en")


def unit_ids(content):
    return {unit.get("id") for unit in etree.fromstring(content).iter(f"{{{X12}}}trans-unit")}


def test_the_pages_are_for_staff_with_a_language(client, django_assert_max_num_queries):
    assert client.get(EXPORT).status_code == 302  # to the login page
    client.force_login(make_user("nobody"))
    assert client.get(EXPORT).status_code == 403
    assert client.get(IMPORT).status_code == 403
    client.force_login(make_user("alesia", "Translators (be)"))
    with django_assert_max_num_queries(14):
        response = client.get(EXPORT)
    assert response.status_code == 200
    assert [code for code, _name in response.context["form"].fields["language"].choices] == ["be"]
    with django_assert_max_num_queries(12):
        assert client.get(IMPORT).status_code == 200


def test_the_dashboard_links_the_pages(client):
    client.force_login(make_user("alesia", "Translators (be)"))
    page = client.get("/admin/").content.decode()
    assert f'href="{EXPORT}"' in page and f'href="{IMPORT}"' in page
    client.force_login(make_user("nobody"))
    assert EXPORT not in client.get("/admin/").content.decode()


def test_export_downloads_what_is_missing_in_one_language(client, item):
    fresh = NewsItemFactory(source_language="en")
    client.force_login(make_user("alesia", "Translators (be)"))
    response = client.post(EXPORT, {"language": "be", "format": "xliff12", "stale": "on"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ura-be-')
    ids = unit_ids(response.content)
    assert f"news.newsitem.{item.pk}.body.1" in ids
    assert not any(unit.startswith(f"news.newsitem.{fresh.pk}.") for unit in ids)
    # Another language is not offered to a Belarusian translator.
    refused = client.post(EXPORT, {"language": "sq", "format": "xliff12"})
    assert refused.status_code == 200 and "language" in refused.context["form"].errors


def test_the_list_action_exports_the_selection(client, item):
    other = NewsItemFactory(source_language="en", lead_be="")
    client.force_login(make_user("alesia", "Translators (be)"))
    changelist = reverse("admin:news_newsitem_changelist")
    assert "export_for_translation" in client.get(changelist).content.decode()
    response = client.post(changelist, {"action": "export_for_translation", "_selected_action": [str(other.pk)]})
    assert response.status_code == 302 and response["Location"] == f"{EXPORT}?selection=1"
    page = client.get(response["Location"])
    assert "stale" not in page.context["form"].fields
    download = client.post(EXPORT, {"language": "be", "format": "xliff20", "selection": "1"})
    root = etree.fromstring(download.content)
    ids = {unit.get("id") for unit in root.iter("{urn:oasis:names:tc:xliff:document:2.0}unit")}
    assert ids and all(unit.startswith(f"news.newsitem.{other.pk}.") for unit in ids)


def test_import_shows_the_changes_then_applies_them_when_confirmed(client, item):
    translator = make_user("alesia", "Translators (be)")
    client.force_login(translator)
    data = translate_xliff12(exchange.export(exchange.units_of(item, "be"), "be", "xliff12"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = client.post(IMPORT, {"file": SimpleUploadedFile("be.xlf", data)})
    assert report.status_code == 200
    page = report.content.decode()
    assert "БЕ The delegation met the Office of the President." in page
    item.refresh_from_db()
    assert item.lead_be == ""
    token = report.context["token"]
    done = client.post(IMPORT, {"token": token})
    assert done.status_code == 200 and done.context["applied"]
    item.refresh_from_db()
    assert item.lead_be == "БЕ The delegation met the Office of the President."
    assert i18n.translation_status(item, "be") == i18n.COMPLETE
    # The token is used up.
    assert client.post(IMPORT, {"token": token}).status_code == 302


def test_import_of_another_language_is_refused_with_a_message(client, item):
    client.force_login(make_user("drita", "Translators (sq)"))
    data = translate_xliff12(exchange.export(exchange.units_of(item, "be"), "be", "xliff12"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(IMPORT, {"file": SimpleUploadedFile("be.xlf", data)})
    assert response.status_code == 200
    assert "You may not translate into Belarusian" in response.content.decode()
    item.refresh_from_db()
    assert item.body_be == ""


def test_the_commands_export_and_import_as_a_user(item, tmp_path):
    translator = make_user("alesia", "Translators (be)")
    path = tmp_path / "be.xlf"
    call_command("export_translations", str(path), language="be", format="xliff12", stale=True, user="alesia")
    assert f"news.newsitem.{item.pk}.lead.1" in unit_ids(path.read_bytes())
    with pytest.raises(CommandError, match="may not translate into sq"):
        call_command("export_translations", str(tmp_path / "sq.xlf"), language="sq", user="alesia")
    path.write_bytes(translate_xliff12(path.read_bytes()))
    call_command("import_translations", str(path), user="alesia", dry_run=True)
    item.refresh_from_db()
    assert item.lead_be == ""
    call_command("import_translations", str(path), user="alesia")
    item.refresh_from_db()
    assert item.lead_be == "БЕ The delegation met the Office of the President."
    revision = Version.objects.get_for_object(item).first().revision
    assert revision.user == translator and revision.comment == "Imported from XLIFF by alesia"
    with pytest.raises(CommandError, match="document type"):
        bomb = tmp_path / "bomb.xlf"
        bomb.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><xliff version="1.2"/>')
        call_command("import_translations", str(bomb), user="alesia")


def test_an_editor_without_publishing_imports_into_live_and_draft_items_without_changing_publication(client):
    """The import saves as the change form does: a live item stays live, a draft stays a draft."""
    from django.contrib.auth.models import Permission
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.models import Status

    live = NewsItemFactory(body_en=BODY_EN, body_be="", lead_be="", source_language="en", status=Status.PUBLISHED)
    draft = NewsItemFactory(
        body_en=BODY_EN, body_be="", lead_be="", source_language="en", status=Status.DRAFT, publish_at=None
    )
    published_at = live.publish_at
    nadia = make_user("nadia")
    nadia.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_newsitem", "change_newsitem", "add_newsitem"])
    )
    assert not nadia.has_perm("news.can_publish")
    client.force_login(nadia)
    data = translate_xliff12(
        exchange.export(exchange.units_of(live, "be") + exchange.units_of(draft, "be"), "be", "xliff12")
    )
    report = client.post(IMPORT, {"file": SimpleUploadedFile("be.xlf", data)})
    assert report.status_code == 200
    done = client.post(IMPORT, {"token": report.context["token"]})
    assert done.status_code == 200 and done.context["applied"]
    live.refresh_from_db()
    draft.refresh_from_db()
    assert live.lead_be == draft.lead_be == "БЕ The delegation met the Office of the President."
    assert (live.status, live.publish_at) == (Status.PUBLISHED, published_at)
    assert (draft.status, draft.publish_at) == (Status.DRAFT, None)
    client.logout()
    assert client.get(live.get_absolute_url_for("be")).status_code == 200
    assert client.get(draft.get_absolute_url_for("be")).status_code == 404
    assert Version.objects.get_for_object(live).first().revision.user == nadia
