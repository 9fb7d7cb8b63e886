"""The page cache keys a page on what changes it: the parameters its view reads, and a signed-in user.

Made-up query parameters, their order, empty filter fields, ``?preview`` or a
session cookie without a signed-in user make no new entry and skip nothing:
the page comes from the entry of its canonical address (portal.page_cache).
"""

import random
import string

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from core.models import Status
from core.views import query_parameters
from tests.editorial.workflow_helpers import editor
from tests.news.factories import NewsItemFactory
from tests.portal.factories import sign_in_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return NewsItemFactory(title_en="Delegation visit to Prishtina")


def visitor(**headers):
    return Client(**headers)


def stored(path):
    """The page as the first anonymous visitor gets it, now in the cache."""
    response = visitor().get(path)
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"
    return response


def random_query(rnd):
    names = ["cb", "utm_source", "fbclid", "x" + "".join(rnd.choices(string.ascii_lowercase, k=6))]
    return "&".join(
        f"{rnd.choice(names)}={''.join(rnd.choices(string.ascii_letters + string.digits, k=12))}" for _ in range(3)
    )


@pytest.mark.parametrize(
    "path",
    ["/en/news/", "/en/projects/", "/en/partners/", "/be-latn/news/", "/en/", "/en/feeds/news/", "/sitemap.xml"],
)
def test_made_up_parameters_are_served_from_the_pages_own_entry(item, path):
    page = stored(path)
    rnd = random.Random(path)
    for _ in range(10):
        response = visitor().get(f"{path}?{random_query(rnd)}")
        assert response["X-Cache"] == "hit"
        assert response.content == page.content


def test_a_detail_page_ignores_made_up_parameters(item):
    path = item.get_absolute_url_for("en")
    page = stored(path)
    response = visitor().get(f"{path}?cb=12345")
    assert (response["X-Cache"], response.content) == ("hit", page.content)


def test_the_view_never_sees_a_parameter_it_does_not_read(item):
    """Nothing of a made-up parameter reaches a stored page (the language switcher keeps the query string)."""
    first = visitor().get("/en/news/?kind=visit&marker=injected-by-a-visitor")
    assert first["X-Cache"] == "miss"
    assert "injected-by-a-visitor" not in first.content.decode()
    assert "kind%3Dvisit" in first.content.decode()  # the filter itself is kept
    assert visitor().get("/en/news/?kind=visit")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "variant",
    [
        "year=2025&kind=visit",  # another order
        "kind=visit&year=2025&topic=&partner=",  # the filter form sends its empty fields
        "kind=statement&kind=visit&year=2025",  # repeated: the view reads the last value
        "page=&kind=visit&year=2025&utm_medium=social",
    ],
)
def test_one_entry_per_set_of_filters_whatever_their_order(item, variant):
    page = stored("/en/news/?kind=visit&year=2025")
    response = visitor().get(f"/en/news/?{variant}")
    assert (response["X-Cache"], response.content) == ("hit", page.content)


def test_different_filters_are_different_pages(item):
    stored("/en/news/?kind=visit")
    assert visitor().get("/en/news/?kind=visit&year=2025")["X-Cache"] == "miss"
    assert visitor().get("/en/news/?kind=visit&page=1")["X-Cache"] == "miss"


@pytest.mark.parametrize(
    "cookie",
    [
        "sessionid=no-such-session-0123456789abcdef",
        "sessionid=x",
        'sessionid="abcdefgh\\000ijklmnop"',  # a quoted cookie may carry a NUL
        "sessionid=" + "a" * 5000,
        "messages=made-up",
        "sessionid=no-such-session-0123456789abcdef; messages=made-up; csrftoken=abc",
    ],
)
def test_a_stray_cookie_is_served_from_the_cache(item, cookie):
    page = stored("/en/news/")
    response = visitor(HTTP_COOKIE=cookie).get("/en/news/")
    assert (response["X-Cache"], response.content) == ("hit", page.content)
    assert "public" in response["Cache-Control"]


def test_a_session_without_a_user_is_served_from_the_cache(item):
    session = SessionStore()
    session["something"] = "not a signed-in user"
    session.save()
    page = stored("/en/news/")
    response = visitor(HTTP_COOKIE=f"sessionid={session.session_key}").get("/en/news/")
    assert (response["X-Cache"], response.content) == ("hit", page.content)


@pytest.mark.parametrize("value", ["1", "yes", "0123456789"])
def test_an_anonymous_preview_is_the_public_page_from_the_cache(item, value):
    path = item.get_absolute_url_for("en")
    page = stored(path)
    response = visitor().get(f"{path}?preview={value}")
    assert (response["X-Cache"], response.content) == ("hit", page.content)


def test_an_anonymous_preview_of_a_draft_is_still_not_found():
    draft = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    assert visitor().get(f"{draft.get_absolute_url_for('en')}?preview=1").status_code == 404


def test_staff_pages_and_previews_are_never_cached(client, item):
    draft = NewsItemFactory(title_en="Draft statement", status=Status.DRAFT, publish_at=None)
    client.force_login(editor())
    for path in ("/en/news/?kind=visit&cb=1", f"{draft.get_absolute_url_for('en')}?preview=1"):
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # Nothing was stored: the anonymous visitor's first request is a miss, and shows no draft.
    anonymous = visitor().get("/en/news/?kind=visit")
    assert anonymous["X-Cache"] == "miss"
    assert "Draft statement" not in anonymous.content.decode()
    # A signed-in user also gets the parameters as sent: the preview works.
    assert "Draft statement" in client.get(f"{draft.get_absolute_url_for('en')}?preview=1&cb=2").content.decode()


def test_a_signed_in_reader_with_a_messages_cookie_is_past_the_cache(item):
    stored("/en/news/")
    reader = sign_in_reader(Client())
    reader.cookies["messages"] = "made-up"
    response = reader.get("/en/news/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/en/news/?page=01",
        "/en/news/?part=01",
        "/en/news/?page=%2B1",
        "/en/news/?page=%201",
        "/en/news/?page=%EF%BC%91",  # a full-width 1
        "/en/partners/?page=%D9%A1",  # an Arabic-Indic 1
        "/en/search/?q=visit&page=01",
        "/en/search/?page=7",  # no query: nothing to page through
        "/sitemap-news.xml?p=01",
        "/en/export/news.json?page=01",
    ],
)
def test_a_page_number_has_one_spelling(item, path):
    assert visitor().get(path).status_code == 404


def declared(patterns=None, namespace="", prefix=""):
    """(name, parameters) of every public view that reads the query string."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from declared(
                entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace, route
            )
        elif isinstance(entry, URLPattern) and query_parameters(entry.callback):
            yield f"{namespace}{entry.name}", query_parameters(entry.callback)


def test_what_each_view_reads_from_the_query_string():
    """Every other public view reads nothing from it: the page cache hands it an empty one."""
    assert dict(declared()) == {
        "choose_language": ("next",),
        "sitemap_section": ("p",),
        "news:list": ("kind", "year", "topic", "partner", "page", "part"),
        "events:list": ("when", "project", "topic", "place", "year", "page"),
        "events:feed": ("project", "topic", "place", "year"),
        "projects:list": ("status", "donor", "year", "topic", "page"),
        "partners:list": ("kind", "country", "page"),
        "portal:search": ("q", "type", "page"),
        "portal:news_feed": ("kind", "year", "topic", "partner"),
        "portal:news_feed_atom": ("kind", "year", "topic", "partner"),
        "portal:export": ("page",),
    }
