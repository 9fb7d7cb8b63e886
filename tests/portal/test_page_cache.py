"""The page cache for anonymous visitors, its invalidation, HTTP caching headers and compression."""

import datetime
import gzip
import time

import brotli
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion import create_revision
from reversion.models import Version

from core import cache as site_cache
from core.models import Status
from news.models import NewsItem
from tests.editorial.workflow_helpers import editor
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import MenuItemFactory, PageFactory, TopicFactory, sign_in_reader
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/be/news/",
    "/sq/news/?kind=visit",
    "/en/projects/",
    "/en/partners/",
    "/en/search/?q=delegation",
    "/en/feeds/news/",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/en/export/news.json",
]


@pytest.fixture
def content():
    organisation = OrganisationFactory(name_en="Kosovar Centre for Security Studies")
    item = NewsItemFactory(title_en="Delegation visit to Prishtina")
    item.organisations.add(organisation)
    return item


def visitor():
    return Client()


@pytest.mark.parametrize("path", PAGES)
def test_second_anonymous_view_comes_from_the_cache_with_no_query(content, path, django_assert_num_queries):
    client = visitor()
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_pages_are_public_with_validators_and_no_cookie(content, path):
    response = visitor().get(path)
    control = response["Cache-Control"]
    assert "public" in control and "max-age=" in control and "s-maxage=" in control
    assert response["ETag"]
    assert response["Last-Modified"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    # The security headers are kept on the stored page.
    assert visitor().get(path)["Content-Security-Policy"]


@pytest.mark.parametrize("path", PAGES)
def test_conditional_gets_that_match_get_304(content, path):
    client = visitor()
    first = client.get(path)
    by_etag = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_browsers_ask_again_every_time():
    assert "max-age=0" in visitor().get("/en/news/")["Cache-Control"]


def test_a_conditional_get_after_a_change_gets_the_new_page(content):
    client = visitor()
    first = client.get("/en/news/")
    content.title_en = "Delegation visit to Tirana"
    content.save()
    response = client.get("/en/news/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "Delegation visit to Tirana" in response.content.decode()


def test_the_cache_is_keyed_by_host_and_query(content):
    client = visitor()
    client.get("/en/news/")
    assert client.get("/en/news/", HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert client.get("/en/news/?kind=visit")["X-Cache"] == "miss"
    assert client.get("/en/news/?kind=visit")["X-Cache"] == "hit"


def shows(path, text):
    return text in visitor().get(path).content.decode()


def warm(*paths):
    client = visitor()
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit"


def test_editing_an_item_invalidates_its_pages_in_every_language_lists_and_feeds(content):
    detail = {code: f"/{code}/news/{getattr(content, f'slug_{code}')}/" for code in ("be", "sq", "en")}
    warm("/en/", "/en/news/", "/en/feeds/news/", *detail.values())
    content.title_en = "Round table in Tirana"
    content.title_be = "Круглы стол у Тыране"
    content.save()
    assert shows("/en/", "Round table in Tirana")
    assert shows("/en/news/", "Round table in Tirana")
    assert shows("/en/feeds/news/", "Round table in Tirana")
    assert shows(detail["en"], "Round table in Tirana")
    assert shows(detail["be"], "Круглы стол у Тыране")


def test_publishing_shows_the_item_and_unpublishing_hides_it():
    draft = NewsItemFactory(title_en="Statement on media freedom", status=Status.DRAFT, publish_at=None)
    warm("/en/news/", "/sitemap-news.xml")
    assert not shows("/en/news/", "Statement on media freedom")
    draft.status = Status.PUBLISHED
    draft.save()
    assert shows("/en/news/", "Statement on media freedom")
    assert shows("/sitemap-news.xml", draft.get_absolute_url_for("en"))
    warm("/en/news/")
    draft.status = Status.DRAFT
    draft.save()
    assert not shows("/en/news/", "Statement on media freedom")


def test_deleting_and_restoring_an_item(content):
    with create_revision():
        content.save()
    warm("/en/news/")
    pk = content.pk
    content.delete()
    assert not shows("/en/news/", "Delegation visit to Prishtina")
    warm("/en/news/")
    Version.objects.get_deleted(NewsItem).get(object_id=str(pk)).revision.revert()
    assert shows("/en/news/", "Delegation visit to Prishtina")


def test_a_partner_page_follows_the_news_that_lists_it(content):
    organisation = content.organisations.get()
    path = organisation.get_absolute_url_for("en")
    warm(path)
    other = NewsItemFactory(title_en="Youth exchange in Mitrovica")
    warm(path)
    other.organisations.add(organisation)  # a link only: the many-to-many table changes
    assert shows(path, "Youth exchange in Mitrovica")


def test_a_project_page_follows_its_partners(content):
    project = ProjectFactory(title_en="Security consensus")
    path = project.get_absolute_url_for("en")
    organisation = content.organisations.get()
    warm(path)
    project.partner_roles.create(organisation=organisation, role="funding", order=0)
    assert shows(path, "Kosovar Centre for Security Studies")
    warm(path)
    organisation.name_en = "Kosovar Centre for Security Studies (QKSS)"
    organisation.save()
    assert shows(path, "Kosovar Centre for Security Studies (QKSS)")


def test_a_menu_change_shows_on_every_page(content):
    page = PageFactory(title_en="Cooperation with international partners")
    warm("/en/", "/en/news/", content.get_absolute_url_for("en"))
    MenuItemFactory(section="", page=page, label_en="Cooperation")
    for path in ("/en/", "/en/news/", content.get_absolute_url_for("en")):
        assert shows(path, ">Cooperation<")


def test_renaming_a_topic_shows_in_the_filters(content):
    topic = TopicFactory(name_en="Security")
    content.topics.add(topic)
    warm("/en/news/")
    topic.name_en = "Regional security"
    topic.save()
    assert shows("/en/news/", "Regional security")


def test_a_scheduled_item_appears_at_its_publish_time_without_a_job(content):
    publish_at = timezone.now() + datetime.timedelta(seconds=2)
    NewsItemFactory(title_en="Conference on interethnic dialogue", status=Status.PUBLISHED, publish_at=publish_at)
    response = visitor().get("/en/news/")
    assert "Conference on interethnic dialogue" not in response.content.decode()
    shared_max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert shared_max_age <= 2
    assert visitor().get("/en/news/")["X-Cache"] == "hit"
    time.sleep(max(0.0, (publish_at - timezone.now()).total_seconds()) + 0.1)
    assert shows("/en/news/", "Conference on interethnic dialogue")


def test_the_site_version_never_goes_back_when_the_cache_forgets_it(content):
    before = site_cache.version()
    site_cache.cache.delete(site_cache.VERSION_KEY)
    assert site_cache.version() > before


def test_staff_bypass_the_cache_and_get_private_pages(client, content):
    warm("/en/news/")
    client.force_login(editor())
    response = client.get("/en/news/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_previews_and_admin_are_never_cached(client):
    draft = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(editor())
    with_preview = client.get(f"/en/news/{draft.slug_en}/?preview=1")
    assert with_preview.status_code == 200
    assert "no-store" in with_preview["Cache-Control"]
    assert "X-Cache" not in with_preview
    admin = client.get(reverse("admin:index"))
    assert "X-Cache" not in admin
    assert "no-store" in admin["Cache-Control"] or "no-cache" in admin["Cache-Control"]
    # An anonymous preview request is not served from (or stored in) the cache either.
    assert visitor().get(f"/en/news/{draft.slug_en}/?preview=1").status_code == 404


def test_not_found_and_bad_requests_are_not_stored():
    assert "X-Cache" not in visitor().get("/en/news/no-such-item/")
    assert visitor().get("/en/news/?kind=nonsense").status_code == 400
    assert "X-Cache" not in visitor().get("/en/news/?kind=nonsense")


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)], ids=["br", "gzip"]
)
@pytest.mark.parametrize("path", ["/en/", "/sitemap.xml", "/en/export/news.json", "/en/feeds/news/"])
def test_pages_are_compressed_and_cached_per_encoding(content, path, encoding, decompress):
    plain = visitor().get(path).content
    client = visitor()
    first = client.get(path, HTTP_ACCEPT_ENCODING=f"{encoding}, deflate")
    second = client.get(path, HTTP_ACCEPT_ENCODING=f"{encoding}, deflate")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    for response in (first, second):
        assert response["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response["Vary"]
        assert decompress(response.content) == plain


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("gzip, br;q=0", "gzip"),  # q=0: not acceptable
        ("br;q=0.1, gzip;q=0.9", "gzip"),
        ("gzip;q=0.5, br;q=1.0", "br"),
        ("BR;Q=0.8, GZIP;Q=0.2", "br"),
        ("gzip, deflate, br, zstd", "br"),  # equal weights: brotli first
        ("br;q=0, gzip;q=0", None),
        ("gzip;q=0", None),
        ("*", "br"),
        ("*;q=0.3, gzip", "gzip"),
        ("br;q=0.5, identity", None),  # uncompressed, weighted higher
        ("x-gzip", "gzip"),
        ("br;q=nonsense, gzip", "gzip"),
        ("", None),
    ],
)
def test_accept_encoding_weights_are_honoured(content, accept, expected):
    plain = visitor().get("/en/").content
    for _ in range(2):  # a miss, then a hit of the same key
        response = visitor().get("/en/", HTTP_ACCEPT_ENCODING=accept)
        assert response.get("Content-Encoding") == expected
        decompress = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[expected]
        assert decompress(response.content) == plain


@pytest.mark.parametrize(
    ("accept", "expected"), [("br, gzip", "gzip"), ("br, gzip;q=0", None), ("gzip;q=0", None), ("gzip", "gzip")]
)
def test_pages_with_a_form_token_are_never_brotli_and_honour_gzip_q_zero(accept, expected):
    # The login page uses a CSRF token: Django's gzip with its BREACH padding, or nothing.
    response = visitor().get("/admin/login/", HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == expected


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "past the page cache"])
def test_a_page_reads_the_site_version_once(content, monkeypatch, signed_in):
    """The version is read once per request (with the page itself on a hit), however many fragments the page has."""
    reads, inside_get_many = [], []
    real_get, real_get_many = site_cache.cache.get, site_cache.cache.get_many

    def get(key, *args, **kwargs):
        if not inside_get_many:  # the local-memory cache's get_many calls get for each key
            reads.append(key)
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.extend(keys)
        inside_get_many.append(True)
        try:
            return real_get_many(keys, *args, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(site_cache.cache, "get", get)
    monkeypatch.setattr(site_cache.cache, "get_many", get_many)
    client = sign_in_reader(Client()) if signed_in else visitor()
    for _ in range(2):  # the first render fills the fragments, the second is a hit (or a warm render)
        reads.clear()
        assert client.get("/en/news/").status_code == 200
        assert reads.count(site_cache.VERSION_KEY) == 1, "\n".join(map(str, reads))
