"""Someone is editing this: editors who have the same item's form open see each other."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from editorial import presence
from tests.editorial.workflow_helpers import editor, make_user
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_two_editors_of_one_item_see_each_other_and_only_that_item():
    item, other_item = NewsItemFactory(), NewsItemFactory()
    vera, olena = signed_in(editor("vera")), signed_in(editor("olena"))
    change = reverse("admin:news_newsitem_change", args=[item.pk])
    first = vera.get(change).content.decode()
    assert 'id="presence"' in first and "Also editing this item now" in first
    assert '<span class="presence-names"></span>' in first  # nobody else yet: the box is hidden
    second = olena.get(change).content.decode()
    assert "vera (since " in second
    editing = reverse("admin:news_newsitem_editing", args=[item.pk])
    assert [name.split(" (")[0] for name in vera.post(editing).json()["others"]] == ["olena"]
    assert olena.post(reverse("admin:news_newsitem_editing", args=[other_item.pk])).json() == {"others": []}
    # Olena closes the page: Vera no longer sees her.
    olena.post(editing, {"leaving": "1"})
    assert vera.post(editing).json() == {"others": []}


def test_an_editor_not_heard_from_has_left(monkeypatch):
    item = NewsItemFactory()
    vera, olena = editor("vera"), editor("olena")
    presence.seen(item, vera)
    later = time.time() + presence.PRESENCE_TIMEOUT + 1
    monkeypatch.setattr(presence.time, "time", lambda: later)
    assert presence.seen(item, olena) == []


def test_presence_needs_post_and_the_change_permission():
    item = NewsItemFactory()
    editing = reverse("admin:news_newsitem_editing", args=[item.pk])
    vera = signed_in(editor())
    assert vera.get(editing).status_code == 405
    assert vera.post(reverse("admin:news_newsitem_editing", args=[999999])).status_code == 404
    assert Client().post(editing).status_code == 302  # to the login page
    assert signed_in(make_user("clerk")).post(editing).status_code in {403, 404}
