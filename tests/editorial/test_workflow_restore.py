"""Restore and recover go through the same rules as a save, for every role."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from core.models import Status
from news.models import NewsItem
from projects.models import Objective
from search.models import SearchEntry
from tests.editorial.workflow_helpers import change_form_data, editor, make_user, translator
from tests.news.factories import NewsItemFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def admin_save(client, obj, **changes):
    response = client.post(change_url(obj), change_form_data(client.get(change_url(obj)), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


def restore(client, obj, version, **changes):
    """Open the restore page of `version` and post its form where the form posts (the change view)."""
    opts = obj._meta
    page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, version.pk]))
    assert page.status_code == 200
    assert page.context["form_url"] == change_url(obj)
    return page, client.post(page.context["form_url"], change_form_data(page, **changes))


def editor_without_publishing(username="nadia"):
    user = make_user(username)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_newsitem", "change_newsitem", "add_newsitem", "delete_newsitem"])
    )
    return user


def history_of_a_published_item_now_draft(client):
    """An item saved once as published, then as a draft; returns (item, the published version)."""
    item = NewsItemFactory(title_en="Visit to Prishtina", status=Status.PUBLISHED)
    client.force_login(editor("vera"))
    admin_save(client, item)
    published = Version.objects.get_for_object(item).first()
    admin_save(client, item, status=Status.DRAFT, title_en="Visit to Prishtina (draft)")
    return item, published


def test_posting_to_the_restore_address_changes_nothing(client):
    item, published = history_of_a_published_item_now_draft(client)
    url = reverse("admin:news_newsitem_revision", args=[item.pk, published.pk])
    assert client.post(url, {"title_en": "Forged", "status": Status.PUBLISHED}).status_code == 405
    item.refresh_from_db()
    assert (item.title_en, item.status) == ("Visit to Prishtina (draft)", Status.DRAFT)


def test_without_publish_permission_a_restore_keeps_the_item_unpublished(client):
    item, published = history_of_a_published_item_now_draft(client)
    client.force_login(editor_without_publishing())
    page, response = restore(client, item, published, status=Status.PUBLISHED)  # status is read-only: not posted
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_en == "Visit to Prishtina"
    assert item.status == Status.DRAFT
    client.logout()
    assert client.get(item.get_absolute_url_for("en")).status_code == 404
    assert "That version was “Published”" in page.content.decode()


def test_a_restore_keeps_the_current_status_by_default(client):
    item = NewsItemFactory(title_en="Statement", status=Status.DRAFT, publish_at=None)
    client.force_login(editor("vera"))
    admin_save(client, item)
    draft_version = Version.objects.get_for_object(item).first()
    admin_save(client, item, status=Status.PUBLISHED, title_en="Statement of the office")
    page, response = restore(client, item, draft_version)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.status) == ("Statement", Status.PUBLISHED)
    assert client.get(item.get_absolute_url_for("en")).status_code == 200
    assert "keeps this status" in page.content.decode()


def test_a_publisher_may_choose_the_old_status_explicitly(client):
    item, published = history_of_a_published_item_now_draft(client)
    _page, response = restore(client, item, published, status=Status.PUBLISHED)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_a_translator_restores_only_the_fields_of_their_language(client):
    item = NewsItemFactory(title_be="Візіт у Прышціну", title_en="Visit", kind=NewsItem.Kind.MEETING)
    client.force_login(editor("vera"))
    admin_save(client, item)
    old = Version.objects.get_for_object(item).first()
    admin_save(client, item, title_be="Візіт (зменена)", title_en="Visit to Prishtina", kind=NewsItem.Kind.STATEMENT)
    client.force_login(make_user("alesia", "Translators (be)"))
    _page, response = restore(client, item, old)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_be == "Візіт у Прышціну"
    assert item.title_en == "Visit to Prishtina"
    assert item.kind == NewsItem.Kind.STATEMENT


def test_a_restore_updates_the_search_index_and_is_a_version_with_a_comment(client):
    item, published = history_of_a_published_item_now_draft(client)
    admin_save(client, item, status=Status.PUBLISHED)
    restore(client, item, published)
    entry = SearchEntry.objects.get(kind="news", object_id=item.pk, language="en")
    assert entry.title == "Visit to Prishtina"
    assert "Restored the version of" in Version.objects.get_for_object(item).first().revision.get_comment()


def test_a_restore_meets_the_concurrent_edit_check(client):
    item, published = history_of_a_published_item_now_draft(client)
    page = client.get(reverse("admin:news_newsitem_revision", args=[item.pk, published.pk]))
    other = NewsItem.objects.get(pk=item.pk)
    other.title_en = "Changed meanwhile"
    other.save()  # someone else changes the title in between
    response = client.post(page.context["form_url"], change_form_data(page))
    assert response.status_code == 200
    conflict = response.context["adminform"].form.workflow_conflict
    assert [(c["saved"], c["yours"]) for c in conflict["conflicts"]] == [("Changed meanwhile", "Visit to Prishtina")]
    item.refresh_from_db()
    assert item.title_en == "Changed meanwhile"


def test_restore_brings_back_deleted_rows_and_drops_rows_added_since(client):
    project = ProjectFactory()
    kept = Objective.objects.create(project=project, text_en="Strengthen dialogue", order=1)
    gone = Objective.objects.create(project=project, text_en="Train young mediators", order=2)
    client.force_login(editor("vera"))
    admin_save(client, project)
    old = Version.objects.get_for_object(project).first()
    gone.delete()
    kept.text_en = "Strengthen the dialogue (reworded)"
    kept.save()
    Objective.objects.create(project=project, text_en="Added later", order=3)
    admin_save(client, project, title_en="Dialogue, later")
    _page, response = restore(client, project, old)
    assert response.status_code == 302
    texts = sorted(project.objectives.values_list("text_en", flat=True))
    assert texts == ["Strengthen dialogue", "Train young mediators"]


@pytest.mark.parametrize("who", ["editor", "no_publish"])
def test_a_recovered_item_comes_back_as_a_draft(client, who):
    item = NewsItemFactory(title_en="Deleted visit", status=Status.PUBLISHED)
    client.force_login(editor("vera"))
    admin_save(client, item)
    assert client.post(reverse("admin:news_newsitem_delete", args=[item.pk]), {"post": "yes"}).status_code == 302
    client.force_login(editor("vera2") if who == "editor" else editor_without_publishing())
    version = Version.objects.get_deleted(NewsItem).first()
    url = reverse("admin:news_newsitem_recover", args=[version.pk])
    page = client.get(url)
    assert "comes back as a draft" in page.content.decode()
    assert client.post(url, change_form_data(page)).status_code == 302
    recovered = NewsItem.objects.get(pk=item.pk)
    assert recovered.status == Status.DRAFT
    client.logout()
    assert client.get(recovered.get_absolute_url_for("en")).status_code == 404


def test_a_translator_cannot_recover(client):
    item = NewsItemFactory()
    client.force_login(editor("vera"))
    admin_save(client, item)
    client.post(reverse("admin:news_newsitem_delete", args=[item.pk]), {"post": "yes"})
    client.force_login(translator("arben"))
    version = Version.objects.get_deleted(NewsItem).first()
    assert client.get(reverse("admin:news_newsitem_recover", args=[version.pk])).status_code == 403


@pytest.mark.parametrize(
    ("who", "may_publish"),
    [("administrator", True), ("editor", True), ("no_publish", False), ("translator", False)],
)
@pytest.mark.parametrize("action", ["publish_now", "schedule", "unpublish"])
def test_bulk_actions_obey_the_publish_permission(client, who, may_publish, action):
    future = timezone.now() + datetime.timedelta(days=3)
    start = {
        "publish_now": {"status": Status.DRAFT, "publish_at": None},
        "schedule": {"status": Status.DRAFT, "publish_at": future},
        "unpublish": {"status": Status.PUBLISHED},
    }[action]
    item = NewsItemFactory(**start)
    before = item.status
    user = {
        "administrator": lambda: make_user("root", superuser=True),
        "editor": lambda: editor("vera"),
        "no_publish": editor_without_publishing,
        "translator": lambda: translator("arben"),
    }[who]()
    client.force_login(user)
    client.post(reverse("admin:news_newsitem_changelist"), {"action": action, "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert (item.status != before) is may_publish
