"""Belarusian in Łacinka at /be-latn/: converted from the Cyrillic page, same items, cached, guarded."""

import re

import pytest
from django.conf import settings
from lxml import etree

from portal import latin
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def visible_text(html):
    """The text a reader sees: no scripts, styles or tags (attributes dropped)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_conversion_is_modern_lacinka():
    assert latin.to_latin("Чэрвень, жнівень, шлях, лёс, беларус") == "Červień, žnivień, šlach, los, biełarus"
    assert latin.to_latin("Ура · 2025") == "Ura · 2025"
    assert latin.to_latin("Prishtina") == "Prishtina"


def test_text_in_other_languages_scripts_and_urls_are_left_alone():
    converter = latin.Converter({"testserver"})
    html = (
        '<p title="Назва">Мінск і <span lang="en">Minsk <b>Office</b></span>, <q lang="sq">Prishtinë</q> і Гомель'
        '<a href="/be/news/шлях/?q=ш">Навіны</a><img src="/media/шлях.jpg" alt="Фота"></p>'
        '<script>var s = "Шлях";</script><style>p::before{content:"Ш"}</style><!-- Шлях -->'
        '<link rel="alternate" hreflang="be" href="http://testserver/be/">'
    )
    assert converter.html(html) == (
        '<p title="Nazva">Minsk i <span lang="en">Minsk <b>Office</b></span>, <q lang="sq">Prishtinë</q> i Homiel'
        '<a href="/be-latn/news/шлях/?q=ш">Naviny</a><img src="/media/шлях.jpg" alt="Fota"></p>'
        '<script>var s = "Шлях";</script><style>p::before{content:"Ш"}</style><!-- Шлях -->'
        '<link rel="alternate" hreflang="be" href="http://testserver/be/">'
    )


def test_modeltranslation_keeps_three_content_languages():
    assert settings.MODELTRANSLATION_LANGUAGES == ("be", "sq", "en")
    assert all(latin.PREFIX not in fallbacks for fallbacks in settings.MODELTRANSLATION_FALLBACK_LANGUAGES.values())
    from news.models import NewsItem

    assert not any("latn" in field.name for field in NewsItem._meta.get_fields())


def test_a_news_item_in_lacinka_has_the_same_slug_and_no_cyrillic_left(client):
    item = NewsItemFactory(
        title_be="Візіт дэлегацыі ў Прышціну",
        body_be="<p>Сустрэча з «Шчасцем».</p>",
    )
    cyrillic = client.get(f"/be/news/{item.slug_be}/")
    response = client.get(f"/be-latn/news/{item.slug_be}/")
    assert cyrillic.status_code == response.status_code == 200
    html = response.content.decode()
    assert '<html lang="be-Latn">' in html
    assert "Vizit delehacyi ŭ Pryšcinu" in html
    assert "Sustreča z" in html
    # Dates and interface strings are converted too; only the Cyrillic switcher entry stays Cyrillic.
    leftover = CYRILLIC.findall(visible_text(html.replace('lang="be">Беларуская<', "")))
    assert leftover == [] or "".join(leftover) == "Беларуская"
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    # Links to Belarusian pages stay in Łacinka, with the same slugs.
    assert re.search(rf'href="(https?://[^"/]+)?/be-latn/news/{re.escape(item.slug_be)}/', html)
    assert 'href="/be/news/' not in html
    assert 'action="/be-latn/search/"' in html


def test_lacinka_links_back_to_the_cyrillic_item_and_alternates_name_both(client):
    item = NewsItemFactory()
    html = client.get(f"/be-latn/news/{item.slug_be}/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))
    assert alternates["be"] == f"{settings.SITE_URL}/be/news/{item.slug_be}/"
    assert alternates["be-Latn"] == f"{settings.SITE_URL}/be-latn/news/{item.slug_be}/"
    assert alternates["en"] == f"{settings.SITE_URL}/en/news/{item.slug_en}/"
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"{settings.SITE_URL}/be-latn/news/{item.slug_be}/"
    # The Cyrillic page names its Łacinka twin the same way.
    cyrillic = client.get(f"/be/news/{item.slug_be}/").content.decode()
    assert f'hreflang="be-Latn" href="{settings.SITE_URL}/be-latn/news/{item.slug_be}/"' in cyrillic


def test_the_switcher_offers_lacinka_and_lands_on_the_same_item(client):
    item = NewsItemFactory()
    html = client.get(f"/be/news/{item.slug_be}/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    link = re.search(r'<a href="([^"]+)" hreflang="be-Latn" lang="be-Latn"[^>]*>Łacinka</a>', switcher)
    assert link
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == f"/be-latn/news/{item.slug_be}/"
    assert response.cookies["ura_language"].value == "be-latn"
    # On the Łacinka page, Łacinka is the current entry and Cyrillic is one click away.
    latin_html = client.get(response["Location"]).content.decode()
    switcher = latin_html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'hreflang="be-Latn" lang="be-Latn" aria-current="true"', switcher)
    assert re.search(r'href="/language/be/\?next=%2Fbe%2Fnews%2F[^"]*" hreflang="be" lang="be">Беларуская<', switcher)
    # The root address remembers Łacinka.
    assert client.get("/")["Location"] == "/be-latn/"


def test_lacinka_pages_are_cached_not_converted_again(client, django_assert_max_num_queries):
    item = NewsItemFactory()
    first = client.get(f"/be-latn/news/{item.slug_be}/")
    assert first["X-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the site version only
        second = client.get(f"/be-latn/news/{item.slug_be}/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    # The Cyrillic page is its own entry.
    assert client.get(f"/be/news/{item.slug_be}/")["X-Cache"] == "miss"


def test_unknown_lacinka_pages_are_404_in_lacinka(client):
    response = client.get("/be-latn/news/no-such-item/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="be-Latn">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert not CYRILLIC.search(re.sub(r'lang="be">[^<]*<', "", visible_text(html)).replace("Беларуская", ""))


def test_lacinka_redirects_stay_in_lacinka(client):
    item = NewsItemFactory()
    response = client.get(f"/be-latn/news/{item.slug_en}/")  # another language's slug
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(f"/be-latn/news/{item.slug_be}/")
    assert client.get("/be-latn/news")["Location"] == "/be-latn/news/"


def test_lacinka_feeds_are_converted(client):
    item = NewsItemFactory(title_be="Шчаслівы візіт")
    response = client.get("/be-latn/feeds/news/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<language>be-Latn</language>" in xml
    assert "Ščaslivy vizit" in xml
    assert f"http://testserver/be-latn/news/{item.slug_be}/" in xml
    assert not CYRILLIC.search(xml)
    atom = client.get("/be-latn/feeds/news/atom/").content.decode()
    assert "Ščaslivy vizit" in atom and not CYRILLIC.search(atom)
    # Still well-formed feeds, in be-Latn.
    assert etree.fromstring(xml.encode()).findtext("channel/language") == "be-Latn"
    root = etree.fromstring(atom.encode())
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "be-Latn"


def test_the_sitemap_lists_lacinka_with_alternates(client):
    item = NewsItemFactory()
    xml = client.get("/sitemap-news.xml").content.decode()
    assert f"<loc>http://testserver/be-latn/news/{item.slug_be}/</loc>" in xml
    assert f'hreflang="be-Latn" href="http://testserver/be-latn/news/{item.slug_be}/"' in xml
    sections = client.get("/sitemap-sections.xml").content.decode()
    assert "<loc>http://testserver/be-latn/news/</loc>" in sections


@pytest.mark.parametrize("path", ["/be-latn/", "/be-latn/news/", "/be-latn/projects/", "/be-latn/partners/"])
def test_lacinka_section_pages_answer_with_one_h1(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="be-Latn">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_language_choice_refuses_unknown_languages_and_foreign_targets(client):
    assert client.get("/language/de/").status_code == 404
    response = client.get("/language/sq/?next=https://elsewhere.example/sq/")
    assert response["Location"] == "/sq/"
    response = client.get("/language/sq/?next=//elsewhere.example/sq/")
    assert response["Location"] == "/sq/"
    assert "no-store" in response["Cache-Control"]


def test_robots_keeps_lacinka_search_out_too(client):
    assert "Disallow: /be-latn/search/" in client.get("/robots.txt").content.decode()


def test_lacinka_search_answers_in_lacinka(client):
    NewsItemFactory(title_be="Шчаслівы візіт у Прышціну")
    response = client.get("/be-latn/search/?q=Прышціну")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="be-Latn">' in html
    assert "Ščaslivy vizit" in html
    assert 'href="/be-latn/news/' in html


@pytest.mark.django_db
def test_latin_pages_announce_their_own_feeds(client):
    html = client.get("/be-latn/").content.decode()
    feeds = re.findall(r'<link rel="alternate" type="application/(?:rss|atom)\+xml"[^>]*>', html)
    assert len(feeds) == 2
    for link in feeds:
        assert 'hreflang="be-Latn"' in link
        assert re.search(r'href="(https?://[^"/]+)?/be-latn/feeds/news/', link), link
    # The hreflang alternates still name the Cyrillic page.
    assert re.search(r'<link rel="alternate" hreflang="be" href="[^"]*/be/"', html)


@pytest.mark.parametrize(
    ("path", "target"), [("/be-latn", "/be-latn/"), ("/be-latn?q=Pry%C5%A1cina", "/be-latn/?q=Pry%C5%A1cina")]
)
def test_the_lacinka_home_has_one_address(client, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target
    assert client.get(target).status_code == 200
