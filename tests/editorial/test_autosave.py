"""Autosave of the admin forms (editorial.autosave): kept per user and form, never public, gone once saved."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from reversion.models import Version

from core.models import Status
from editorial.autosave import autosaves_of
from editorial.models import AutosavedForm
from news.models import NewsItem
from tests.conftest import LANGUAGES
from tests.editorial.workflow_helpers import change_form_data, editor, make_user, translator
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

TYPED_TITLE = "Delegation of the democratic forces meets civil society in Prishtina"


def autosave_url(item=None):
    if item is None:
        return reverse("admin:news_newsitem_autosave_add")
    return reverse("admin:news_newsitem_autosave", args=(item.pk,))


def change_url(item):
    return reverse("admin:news_newsitem_change", args=(item.pk,))


def post_autosave(client, item=None, fields=None, loaded=None, labels=None):
    payload = {"fields": fields if fields is not None else [["title_en", TYPED_TITLE], ["status", "published"]]}
    payload["labels"] = labels or {}
    if loaded is not None:
        payload["loaded"] = loaded.isoformat()
    return client.post(autosave_url(item), json.dumps(payload), content_type="application/json")


def draft_item(**kwargs):
    kwargs.setdefault("status", Status.DRAFT)
    kwargs.setdefault("publish_at", None)
    return NewsItemFactory(**kwargs)


def offered_fields(response):
    match = re.search(r'<script id="autosave-draft" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1))["fields"] if match else None


# --- Keeping the form ---------------------------------------------------------------


def test_an_autosave_is_kept_for_the_user_and_never_touches_the_item(client):
    item = draft_item()
    title, updated_at = item.title_en, item.updated_at
    versions = Version.objects.get_for_object(item).count()
    user = editor()
    client.force_login(user)

    response = post_autosave(client, item, fields=[["title_en", TYPED_TITLE], ["status", "published"]])

    assert response.status_code == 200
    assert response.json()["kept"] is True
    kept = autosaves_of(user, NewsItem, item.pk).get()
    assert kept.fields == [["title_en", TYPED_TITLE], ["status", "published"]]
    item.refresh_from_db()
    assert (item.title_en, item.status, item.updated_at) == (title, Status.DRAFT, updated_at)
    assert not item.is_public
    assert Version.objects.get_for_object(item).count() == versions
    # Visitors still get nothing, in any language.
    client.logout()
    for code in LANGUAGES:
        assert client.get(item.get_absolute_url_for(code)).status_code == 404


def test_a_second_autosave_replaces_the_first(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    post_autosave(client, item, fields=[["title_en", "First"]])
    post_autosave(client, item, fields=[["title_en", "Second"]])
    assert [kept.fields for kept in autosaves_of(user, NewsItem, item.pk)] == [[["title_en", "Second"]]]


def test_the_csrf_token_and_the_buttons_are_not_kept(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    fields = [["csrfmiddlewaretoken", "x"], ["_save", "Save"], ["form-__prefix__-title", "x"], ["title_en", "Kept"]]
    post_autosave(client, item, fields=fields)
    assert autosaves_of(user, NewsItem, item.pk).get().fields == [["title_en", "Kept"]]


@pytest.mark.parametrize(
    "body",
    ["not json", json.dumps([1, 2]), json.dumps({"fields": [["only a name"]]}), json.dumps({"fields": "x"})],
)
def test_a_malformed_autosave_is_refused(client, body):
    item = draft_item()
    client.force_login(editor())
    response = client.post(autosave_url(item), body, content_type="application/json")
    assert response.status_code == 400
    assert not AutosavedForm.objects.exists()


def test_only_post_and_delete_are_accepted(client):
    item = draft_item()
    client.force_login(editor())
    assert client.get(autosave_url(item)).status_code == 405


# --- Who may autosave ---------------------------------------------------------------


def test_autosave_needs_a_login(client):
    item = draft_item()
    response = post_autosave(client, item)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not AutosavedForm.objects.exists()


def test_autosave_needs_the_permission_to_change_the_item(client):
    item = draft_item()
    viewer = make_user("milan")
    viewer.user_permissions.add(Permission.objects.get(codename="view_newsitem"))
    client.force_login(viewer)
    assert post_autosave(client, item).status_code == 403
    assert client.delete(autosave_url(item)).status_code == 403
    # The form they may only view loads no autosave.
    response = client.get(change_url(item))
    assert response.status_code == 200
    assert response.context["autosave"] is None
    assert b"autosave.js" not in response.content
    assert not AutosavedForm.objects.exists()


def test_the_add_form_autosave_needs_the_permission_to_add(client):
    client.force_login(translator())  # translators change items but never add them
    assert post_autosave(client).status_code == 403
    assert not AutosavedForm.objects.exists()


def test_autosave_of_an_unknown_item_is_not_found(client):
    client.force_login(editor())
    response = client.post(
        reverse("admin:news_newsitem_autosave", args=(987654,)),
        json.dumps({"fields": []}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_translator_autosaves_the_items_they_may_change(client):
    item = draft_item()
    user = translator()
    client.force_login(user)
    assert post_autosave(client, item, fields=[["title_sq", "Titull i ri"]]).status_code == 200
    assert autosaves_of(user, NewsItem, item.pk).exists()


# --- Offered back only to its user ------------------------------------------------------


def test_the_change_form_offers_the_autosave_back_to_its_user(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    post_autosave(client, item, fields=[["title_en", TYPED_TITLE]])

    response = client.get(change_url(item))

    assert response.status_code == 200
    assert offered_fields(response) == [["title_en", TYPED_TITLE]]
    assert "You have unsaved changes from" in response.content.decode()
    # The form itself still shows what is saved: restoring is the editor's choice.
    assert response.context["adminform"].form.initial["title_en"] == item.title_en


def test_an_autosave_is_never_shown_to_another_user(client):
    item = draft_item()
    client.force_login(editor("vera"))
    post_autosave(client, item, fields=[["title_en", TYPED_TITLE]])

    client.force_login(editor("olena"))
    response = client.get(change_url(item))
    assert response.status_code == 200
    assert offered_fields(response) is None
    assert TYPED_TITLE not in response.content.decode()
    # Their own autosave and discard leave Vera's alone.
    post_autosave(client, item, fields=[["title_en", "Olena's title"]])
    client.delete(autosave_url(item))
    assert AutosavedForm.objects.get().fields == [["title_en", TYPED_TITLE]]
    assert AutosavedForm.objects.get().user.username == "vera"


def test_the_add_form_offers_the_autosave_of_a_new_item(client):
    user = editor()
    client.force_login(user)
    assert post_autosave(client, fields=[["title_en", TYPED_TITLE]]).status_code == 200
    assert autosaves_of(user, NewsItem, "").exists()
    response = client.get(reverse("admin:news_newsitem_add"))
    assert offered_fields(response) == [["title_en", TYPED_TITLE]]


def test_a_form_sent_back_with_errors_does_not_offer_the_autosave(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    form = client.get(change_url(item))
    post_autosave(client, item, fields=[["title_en", TYPED_TITLE]])
    response = client.post(change_url(item), change_form_data(form, title_en="", date=""))
    assert response.status_code == 200  # the form with its errors, holding the newer input
    assert offered_fields(response) is None
    assert response.context["autosave"]["url"] == autosave_url(item)
    assert autosaves_of(user, NewsItem, item.pk).exists()


def test_the_offer_says_when_the_item_was_saved_after_the_autosave(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    post_autosave(client, item)
    AutosavedForm.objects.update(saved_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get(change_url(item))
    assert response.context["autosave"]["saved_after"] is True


def test_an_old_autosave_is_not_offered(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    post_autosave(client, item)
    AutosavedForm.objects.update(saved_at=timezone.now() - datetime.timedelta(days=31))
    assert offered_fields(client.get(change_url(item))) is None


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_offer_is_in_the_users_language_and_time_format(client, code):
    item = draft_item()
    user = editor()
    client.force_login(user)
    post_autosave(client, item)
    today = timezone.localtime().replace(hour=0, minute=5)
    AutosavedForm.objects.update(saved_at=today)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code

    response = client.get(change_url(item))

    with translation.override(code):
        offer = gettext("You have unsaved changes from %(time)s.") % {"time": "00:05"}
        restore, discard = gettext("Restore"), gettext("Discard")
    content = response.content.decode()
    assert offer in content
    assert f">{restore}</button>" in content
    assert f">{discard}</button>" in content


# --- Removed when saved, discarded, deleted, logged out --------------------------------


def test_a_successful_save_removes_the_autosave(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    form = client.get(change_url(item))
    post_autosave(client, item, fields=[["title_en", TYPED_TITLE]])
    response = client.post(change_url(item), change_form_data(form, title_en=TYPED_TITLE))
    assert response.status_code == 302
    assert not autosaves_of(user, NewsItem, item.pk).exists()
    item.refresh_from_db()
    assert item.title_en == TYPED_TITLE


def test_saving_a_new_item_removes_the_add_form_autosave(client):
    user = editor()
    client.force_login(user)
    form = client.get(reverse("admin:news_newsitem_add"))
    post_autosave(client, fields=[["title_en", TYPED_TITLE]])
    data = change_form_data(form, title_en=TYPED_TITLE, body_en="<p>Text.</p>", date="2025-04-16")
    data = {name: value for name, value in data.items() if value != ""}  # empty lists post nothing
    response = client.post(reverse("admin:news_newsitem_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not AutosavedForm.objects.filter(user=user).exists()


def test_an_autosave_still_on_its_way_after_the_save_is_refused(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    form = client.get(change_url(item))
    loaded = datetime.datetime.fromisoformat(form.context["autosave"]["loaded"])
    client.post(change_url(item), change_form_data(form, title_en=TYPED_TITLE))

    response = post_autosave(client, item, loaded=loaded)

    assert response.status_code == 409
    assert response.json()["kept"] is False
    assert not autosaves_of(user, NewsItem, item.pk).exists()
    # The form opened after the save autosaves again.
    reopened = client.get(change_url(item))
    loaded = datetime.datetime.fromisoformat(reopened.context["autosave"]["loaded"])
    assert post_autosave(client, item, loaded=loaded).status_code == 200


def test_discard_removes_the_autosave(client):
    item = draft_item()
    user = editor()
    client.force_login(user)
    post_autosave(client, item)
    response = client.delete(autosave_url(item))
    assert response.status_code == 200
    assert not AutosavedForm.objects.exists()
    assert offered_fields(client.get(change_url(item))) is None


def test_logging_out_removes_the_users_autosaves(client):
    item = draft_item()
    other = editor("olena")
    AutosavedForm.objects.create(user=other, content_type=ContentType.objects.get_for_model(NewsItem), object_id="1")
    client.force_login(editor())
    post_autosave(client, item)
    post_autosave(client)
    client.post(reverse("admin:logout"))
    assert list(AutosavedForm.objects.values_list("user__username", flat=True)) == ["olena"]


def test_deleting_the_item_removes_its_autosaves(client):
    item = draft_item()
    client.force_login(editor())
    post_autosave(client, item)
    response = client.post(reverse("admin:news_newsitem_delete", args=(item.pk,)), {"post": "yes"})
    assert response.status_code == 302
    assert not AutosavedForm.objects.exists()


# --- The page and its script ---------------------------------------------------------------


def test_the_change_form_has_no_inline_script(client):
    item = draft_item()
    client.force_login(editor())
    post_autosave(client, item)
    response = client.get(change_url(item))
    content = response.content.decode()
    assert '<script src="/static/editorial/autosave.js" defer></script>' in content
    for attributes in re.findall(r"<script([^>]*)>", content):
        assert "src=" in attributes or 'type="application/json"' in attributes or 'type="importmap"' in attributes
    assert not re.search(r"\son[a-z]+=", content.split('<div id="autosave"', 1)[1].split("</div>", 1)[0])
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]


# --- Size ---------------------------------------------------------------------------


def test_an_autosave_over_the_size_limit_is_refused_with_a_translated_message(client, settings):
    item = draft_item()
    client.force_login(editor())
    big = "x" * settings.AUTOSAVE_MAX_BYTES
    response = post_autosave(client, item, fields=[["body_en", big]])
    assert response.status_code == 413
    assert response.json() == {
        "kept": False,
        "message": "Not kept: the unsaved changes are larger than 1.0\xa0MB. Save the form to keep them.",
    }
    assert not AutosavedForm.objects.exists()
    belarusian = client.post(
        autosave_url(item),
        json.dumps({"fields": [["body_be", big]]}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="be",
    )
    assert belarusian.status_code == 413
    assert belarusian.json()["message"].startswith("Не запомнена")


def test_an_autosave_just_under_the_limit_is_kept(client, settings):
    settings.AUTOSAVE_MAX_BYTES = 4096
    item = draft_item()
    user = editor()
    client.force_login(user)
    assert post_autosave(client, item, fields=[["title_en", "x" * 3900]]).status_code == 200
    assert post_autosave(client, item, fields=[["title_en", "y" * 4100]]).status_code == 413
    assert autosaves_of(user, NewsItem, item.pk).get().fields == [["title_en", "x" * 3900]]
