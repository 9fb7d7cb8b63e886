"""One site on several addresses: the primary host, a mirror and an onion address serve the same item."""

import re

import pytest

from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

PRIMARY = "ura.example.org"
MIRROR = "mirror.example.net"
ONION = "urauraurauraurauraurauraurauraurauraurauraurauraurauraur.onion"
# How each address reaches the application: the primary and the mirror through the TLS proxy.
HOSTS = {
    PRIMARY: {"HTTP_HOST": PRIMARY, "HTTP_X_FORWARDED_PROTO": "https"},
    MIRROR: {"HTTP_HOST": MIRROR, "HTTP_X_FORWARDED_PROTO": "https"},
    ONION: {"HTTP_HOST": ONION},
}
SCHEME = {PRIMARY: "https", MIRROR: "https", ONION: "http"}


@pytest.fixture
def mirrors(settings):
    settings.SITE_URL = f"https://{PRIMARY}"
    settings.SITE_MIRRORS = [MIRROR]
    settings.ONION_HOST = ONION
    settings.ALLOWED_HOSTS = [PRIMARY, MIRROR, ONION]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    return settings


def absolute_links(html):
    """Every absolute address a reader's browser would follow or load (not the canonical/hreflang metadata)."""
    html = re.sub(r'<link rel="(canonical|alternate)" hreflang="[^"]*" href="[^"]*">', "", html)
    html = re.sub(r'<link rel="canonical" href="[^"]*">', "", html)
    html = re.sub(r"<meta [^>]*>", "", html)
    html = re.sub(r"<script type=\"application/ld\+json\">.*?</script>", "", html, flags=re.S)
    html = re.sub(r'<ul class="share-links">.*?</ul>', "", html, flags=re.S)
    return re.findall(r'(?:href|src|action)="(https?://[^"]+)"', html)


@pytest.mark.parametrize("host", [PRIMARY, MIRROR, ONION])
def test_the_same_item_on_every_address(client, mirrors, host):
    item = NewsItemFactory()
    response = client.get(f"/en/news/{item.slug_en}/", **HOSTS[host])
    assert response.status_code == 200
    html = response.content.decode()
    assert item.title_en in html
    # Links, forms and assets are relative or on the host the reader came through.
    for url in absolute_links(html):
        assert url.startswith(f"{SCHEME[host]}://{host}/") or not re.match(r"https?://[^/]*(example|onion)", url), url
    assert 'action="/en/search/"' in html
    # Canonical and hreflang name the primary address, wherever the page is read.
    assert f'<link rel="canonical" href="https://{PRIMARY}/en/news/{item.slug_en}/">' in html
    alternates = re.findall(r'<link rel="alternate" hreflang="[\w-]+" href="([^"]+)">', html)
    assert alternates and all(url.startswith(f"https://{PRIMARY}/") for url in alternates)
    # The feed links in the head work where the reader is.
    assert f'href="{SCHEME[host]}://{host}/en/feeds/news/"' in html


def test_only_the_primary_address_announces_the_onion_address(client, mirrors):
    item = NewsItemFactory()
    path = f"/en/news/{item.slug_en}/"
    assert client.get(path, **HOSTS[PRIMARY])["Onion-Location"] == f"http://{ONION}{path}"
    assert not client.get(path, **HOSTS[MIRROR]).has_header("Onion-Location")
    assert not client.get(path, **HOSTS[ONION]).has_header("Onion-Location")
    # Łacinka pages announce their own twin on the onion address.
    latin = client.get(f"/be-latn/news/{item.slug_be}/", **HOSTS[PRIMARY])
    assert latin["Onion-Location"] == f"http://{ONION}/be-latn/news/{item.slug_be}/"


def test_the_onion_address_is_plain_http_without_redirect_or_hsts(client, mirrors):
    onion = client.get("/en/", HTTP_HOST=ONION)
    assert onion.status_code == 200
    assert not onion.has_header("Strict-Transport-Security")
    # Plain HTTP on the other addresses still goes to HTTPS; over HTTPS they get HSTS.
    assert client.get("/en/", HTTP_HOST=MIRROR).status_code == 301
    assert client.get("/en/", HTTP_HOST=MIRROR)["Location"] == f"https://{MIRROR}/en/"
    assert client.get("/en/", **HOSTS[PRIMARY]).has_header("Strict-Transport-Security")


def test_the_page_cache_keeps_each_address_apart(client, mirrors):
    item = NewsItemFactory()
    path = f"/en/news/{item.slug_en}/"
    assert client.get(path, **HOSTS[PRIMARY])["X-Cache"] == "miss"
    onion = client.get(path, **HOSTS[ONION])
    assert onion["X-Cache"] == "miss"
    assert f"http://{ONION}/en/feeds/news/" in onion.content.decode()
    assert client.get(path, **HOSTS[ONION])["X-Cache"] == "hit"


@pytest.mark.parametrize("host", [PRIMARY, MIRROR, ONION])
def test_feeds_and_sitemaps_point_to_the_address_they_were_read_on(client, mirrors, host):
    item = NewsItemFactory()
    feed = client.get("/en/feeds/news/", **HOSTS[host]).content.decode()
    assert f"<link>{SCHEME[host]}://{host}/en/news/{item.slug_en}/</link>" in feed
    hosts = {match for match in re.findall(r"https?://([\w.-]+)/", feed) if match != "www.w3.org"}
    assert hosts == {host}
    sitemap = client.get("/sitemap-news.xml", **HOSTS[host]).content.decode()
    assert f"<loc>{SCHEME[host]}://{host}/en/news/{item.slug_en}/</loc>" in sitemap
    robots = client.get("/robots.txt", **HOSTS[host]).content.decode()
    assert f"Sitemap: {SCHEME[host]}://{host}/sitemap.xml" in robots


def test_the_language_cookie_on_the_onion_address_is_not_secure_only(client, mirrors):
    mirrors.LANGUAGE_COOKIE_SECURE = True
    onion = client.get("/language/be/?next=/be/", HTTP_HOST=ONION)
    assert onion["Location"] == "/be/"
    assert not onion.cookies["ura_language"]["secure"]
    primary = client.get("/language/be/?next=/be/", **HOSTS[PRIMARY])
    assert primary.cookies["ura_language"]["secure"]
