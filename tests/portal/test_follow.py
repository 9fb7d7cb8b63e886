"""Feeds a reader can find (list, topic and partner pages, the follow page, OPML), the phone header's
menu toggle, and the gallery's full-size photos."""

import re
from urllib.parse import unquote

import pytest
from lxml import etree

from core.models import Topic
from news.models import NewsItem
from tests.conftest import LANGUAGES
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.projects.factories import GalleryImageFactory, ProjectFactory

pytestmark = pytest.mark.django_db

PREFIXES = [*LANGUAGES, "be-latn"]


def feed_links(html):
    block = re.search(r'<p class="feed-links">.*?</p>', html, re.S)
    assert block, "no visible feed link"
    return [unquote(url.replace("&amp;", "&")) for url in re.findall(r'href="([^"]+)"', block.group(0))]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_news_list_shows_its_feeds(client, prefix):
    NewsItemFactory()
    links = feed_links(client.get(f"/{prefix}/news/").content.decode())
    assert links == [f"/{prefix}/feeds/news/", f"/{prefix}/feeds/news/atom/", f"/{prefix}/feeds/"]
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_topic_shows_the_feed_of_that_topic(client, prefix):
    topic = Topic.objects.create(name_en="Security", name_sq="Siguria", name_be="Бяспека")
    NewsItemFactory().topics.add(topic)
    language = "be" if prefix == "be-latn" else prefix
    slug = getattr(topic, f"slug_{language}")
    response = client.get(f"/{prefix}/news/?topic={slug}")
    assert response.status_code == 200
    rss = feed_links(response.content.decode())[0]
    assert rss == f"/{prefix}/feeds/news/?topic={slug}"
    feed = client.get(rss)
    assert feed.status_code == 200


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_partner_page_shows_the_feed_of_its_news(client, prefix):
    partner = OrganisationFactory()
    NewsItemFactory().organisations.add(partner)
    language = "be" if prefix == "be-latn" else prefix
    slug = getattr(partner, f"slug_{language}")
    html = client.get(f"/{prefix}/partners/{slug}/").content.decode()
    rss = feed_links(html)[0]
    assert rss == f"/{prefix}/feeds/news/?partner={slug}"
    assert client.get(rss).status_code == 200


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_follow_page_lists_every_feed_and_the_footer_links_to_it(client, prefix):
    topic = Topic.objects.create(name_en="Security", name_sq="Siguria", name_be="Бяспека")
    NewsItemFactory().topics.add(topic)
    home = client.get(f"/{prefix}/").content.decode()
    footer = home.split('class="site-footer"', 1)[1]
    assert f'href="/{prefix}/feeds/"' in footer
    response = client.get(f"/{prefix}/feeds/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    for code in ("be", "be-latn", "sq", "en"):
        assert f'href="/{code}/feeds/news/"' in html
        assert f'href="/{code}/feeds/news/atom/"' in html
    assert "?kind=visit" in html
    assert "?topic=" in html
    assert f'href="/{prefix}/feeds/feeds.opml"' in html


@pytest.mark.parametrize("prefix", ["en", "be-latn"])
def test_the_opml_file_lists_the_same_feeds_absolute_on_the_readers_host(client, prefix):
    NewsItemFactory()
    response = client.get(f"/{prefix}/feeds/feeds.opml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-opml")
    root = etree.fromstring(response.content)
    urls = [outline.get("xmlUrl") for outline in root.iter("outline") if outline.get("xmlUrl")]
    assert "http://testserver/be/feeds/news/" in urls
    assert "http://testserver/be-latn/feeds/news/" in urls
    assert f"http://testserver/{prefix}/feeds/news/?kind=visit" in urls
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_a_kind_gets_a_feed_once_a_published_item_has_it(client):
    """A feed with nothing in it helps no reader: the follow page and the OPML file offer a kind's
    feeds only when a published item is of that kind, and a draft does not count."""
    NewsItemFactory(kind=NewsItem.Kind.STATEMENT)
    NewsItemFactory(kind=NewsItem.Kind.MEETING, status="draft")
    html = client.get("/sq/feeds/").content.decode()
    opml = client.get("/sq/feeds/feeds.opml").content.decode()
    for document in (html, opml):
        assert f"?kind={NewsItem.Kind.STATEMENT.value}" in document
        assert f"?kind={NewsItem.Kind.MEETING.value}" not in document
        assert f"?kind={NewsItem.Kind.DELEGATION_VISIT.value}" not in document


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_menu_folds_behind_a_toggle_that_needs_no_script(client, prefix):
    html = client.get(f"/{prefix}/").content.decode()
    fold = re.search(
        r'<details class="menu-fold"[^>]*>\s*<summary class="menu-toggle">(.*?)</summary>\s*<nav', html, re.S
    )
    assert fold, "the menu is not in a <details> toggle"
    label = re.sub(r"<[^>]+>", "", fold.group(1)).strip()
    assert label  # a visible label, in the reader's language
    assert re.search(r'<script src="/static/js/menu\.js" defer></script>', html)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_gallery_photos_open_full_size_with_caption_credit_and_keyboard_links(client, media_root, prefix):
    project = ProjectFactory()
    GalleryImageFactory(
        project=project,
        image__credit_en="Fatmir Berisha",
        image__credit_be="Fatmir Berisha",
        image__credit_sq="Fatmir Berisha",
    )
    GalleryImageFactory(project=project, caption_be="Другі здымак", caption_en="Second photo", caption_sq="Foto e dytë")
    language = "be" if prefix == "be-latn" else prefix
    html = client.get(f"/{prefix}/projects/{getattr(project, f'slug_{language}')}/").content.decode()
    assert html.count('class="gallery-open" href="#photo-1"') == 1
    assert 'class="gallery-open" href="#photo-2"' in html
    first = re.search(
        r'<div class="lightbox" id="photo-1" role="dialog" aria-label="[^"]+" tabindex="-1">(.*?)</div>', html, re.S
    )
    second = re.search(r'<div class="lightbox" id="photo-2" [^>]*>(.*?)</div>', html, re.S)
    assert first and second
    assert "Fatmir Berisha" in first.group(1)
    assert "<img " in first.group(1) and 'alt="' in first.group(1)
    assert 'href="#photo-2" rel="next"' in first.group(1)
    assert 'href="#photo-1" rel="prev"' in second.group(1)
    assert 'class="lightbox-close" href="#gallery-title"' in first.group(1)
    if prefix == "be-latn":
        assert "Druhi zdymak" in second.group(1)
    # CSP: the script is our own file, nothing inline.
    assert '<script src="/static/js/lightbox.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
