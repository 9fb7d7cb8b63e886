"""Łacinka beyond the visible text: structured data, JSON exports, search and the kind badge."""

import json
import re

import pytest
from django.conf import settings

from news.models import NewsItem
from opendata import exports
from portal import latin
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(html):
    return [json.loads(block) for block in LD_JSON.findall(html)]


def nodes(value):
    """Every object inside a parsed JSON value (a @graph's nodes too)."""
    if isinstance(value, dict):
        yield value
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from nodes(item)


def strings(value, key=None):
    """Every (key, string) pair inside a parsed JSON value."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)
    elif isinstance(value, str):
        yield key, value


def test_structured_data_of_a_lacinka_page_is_in_lacinka(client, settings):
    item = NewsItemFactory(title_be="Шчаслівы візіт у Прышціну", lead_be="Сустрэча з «Шчасцем» </script> & іншым.")
    cyrillic = structured_data(client.get(f"/be/news/{item.slug_be}/").content.decode())
    html = client.get(f"/be-latn/news/{item.slug_be}/").content.decode()
    blocks = structured_data(html)  # still valid JSON
    assert len(blocks) == len(cyrillic) >= 1
    article = next(node for node in nodes(blocks) if node.get("headline"))
    assert article["headline"] == latin.to_latin(item.title_be) == "Ščaslivy vizit u Pryšcinu"
    assert article["description"] == latin.to_latin(item.lead_be)
    assert article["inLanguage"] == "be-Latn"
    assert article["@type"] == next(node for node in nodes(cyrillic) if node.get("headline"))["@type"]
    for key, value in strings(blocks):
        assert not CYRILLIC.search(value), (key, value)
        assert "/be/" not in value, (key, value)  # this site's Belarusian pages are the Łacinka ones
    assert f"{settings.SITE_URL}/be-latn/news/{item.slug_be}/" in {value for _key, value in strings(blocks)}
    # Escaped as the Cyrillic page escapes it: the text cannot close the script block.
    for block in LD_JSON.findall(html):
        assert "<" not in block and ">" not in block and "&" not in block


def test_other_languages_keep_their_structured_data(client):
    item = NewsItemFactory()
    blocks = structured_data(client.get(f"/sq/news/{item.slug_sq}/").content.decode())
    assert any(node.get("headline") == item.title_sq for node in nodes(blocks))


def test_structured_data_conversion_leaves_types_codes_and_other_hosts_alone():
    converter = latin.Converter({"testserver"})
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "name": "Гомель",
        "inLanguage": "be",
        "email": "шлях@example.org",
        "datePublished": "2025-04-14",
        "url": "http://testserver/be/news/x/",
        "sameAs": ["https://elsewhere.example/be/x/"],
        "about": [{"@type": "Place", "name": "Мінск"}],
    }
    assert converter.data(data) == {
        **data,
        "name": "Homiel",
        "inLanguage": "be-Latn",
        "url": "http://testserver/be-latn/news/x/",
        "about": [{"@type": "Place", "name": "Minsk"}],
    }
    broken = '<script type="application/ld+json">{"name": "Гомель",</script>'
    assert converter.html(broken) == broken  # not JSON: left as it is rather than broken further


def test_lacinka_exports_are_converted_json(client, settings):
    organisation = OrganisationFactory(name_be="Грамадская ініцыятыва")
    item = NewsItemFactory(title_be="Шчаслівы візіт", kind=NewsItem.Kind.ANNOUNCEMENT)
    item.organisations.add(organisation)
    cyrillic = client.get("/be/export/news.json").json()
    response = client.get("/be-latn/export/news.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Language"] == "be-Latn"
    data = response.json()
    assert data["language"] == "be-Latn"
    assert data["count"] == cyrillic["count"] == 1
    record, original = data["results"][0], cyrillic["results"][0]
    assert record["title"] == "Ščaslivy vizit"
    assert record["lead"] == latin.to_latin(original["lead"])
    assert record["kind_label"] == "Ab’java"
    assert record["organisations"][0]["name"] == "Hramadskaja inicyjatyva"
    assert record["url"] == f"{settings.SITE_URL}/be-latn/news/{item.slug_be}/"
    # Codes, dates and identifiers stay what the Cyrillic export says.
    for key in ("id", "kind", "date", "published", "updated", "source_language"):
        assert record[key] == original[key], key
    for key, value in strings(data):
        assert not CYRILLIC.search(value), (key, value)


def test_lacinka_export_pages_link_to_lacinka_pages(client, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_PAGE_SIZE", 1)
    NewsItemFactory.create_batch(2)
    data = client.get("/be-latn/export/news.json").json()
    assert data["next"] == "http://testserver/be-latn/export/news.json?page=2"
    assert client.get("/be-latn/export/nothing.json").status_code == 404


@pytest.fixture
def places():
    """Four names written as each language writes them (as in tests/search/test_scripts.py)."""
    names = {
        "gracanica": ("Грачаніца", "Graçanicë", "Gračanica"),
        "lipjan": ("Ліп’ян", "Lipjan", "Lipjan"),
        "viacorka": ("Вячорка", "Viaçorka", "Viačorka"),
        "pristina": ("Прышціна", "Prishtinë", "Pristina"),
    }
    return {
        key: NewsItemFactory(
            title_be=f"Сустрэча: {be}",
            title_sq=f"Takim: {sq}",
            title_en=f"Meeting: {en}",
            lead_be=f"Дэлегацыя правяла сустрэчу: {be}.",
        )
        for key, (be, sq, en) in names.items()
    }


def found(client, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return [result["url"] for result in response.context["results"]], response.content.decode()


@pytest.mark.parametrize(
    ("key", "cyrillic", "lacinka"),
    [("viacorka", "Вячорка", "Viačorka"), ("gracanica", "Грачаніца", "Hračanica"), ("lipjan", "Ліп’ян", "Lipjan")],
)
def test_lacinka_search_finds_what_cyrillic_and_english_searches_find(client, places, key, cyrillic, lacinka):
    item = places[key]
    latin_urls, html = found(client, "/be-latn/search/", lacinka)
    cyrillic_urls, _ = found(client, "/be/search/", cyrillic)
    english_urls, _ = found(client, "/en/search/", lacinka)
    # The Łacinka page is the Belarusian one converted: the same items, in the same order.
    assert latin_urls == cyrillic_urls
    assert latin_urls[:1] == [item.get_absolute_url_for("be")]
    assert english_urls[:1] == [item.get_absolute_url_for("en")]
    # Its links and excerpts are in Łacinka.
    assert f'href="/be-latn/news/{item.slug_be}/"' in html
    excerpt = latin.to_latin("Дэлегацыя правяла сустрэчу")
    assert excerpt in re.sub(r"</?mark>", "", html)


def test_the_kind_badge_keeps_apostrophes_and_digraphs(client):
    item = NewsItemFactory(kind=NewsItem.Kind.ANNOUNCEMENT)
    badges = {
        "/be/news/": "Аб’ява",
        "/be-latn/news/": "Ab’java",
        f"/be-latn/news/{item.slug_be}/": "Ab’java",
        "/sq/news/": "Njoftim",
        f"/sq/news/{item.slug_sq}/": "Njoftim",
        "/en/news/": "Announcement",
    }
    for url, label in badges.items():
        html = client.get(url).content.decode()
        assert re.findall(r'class="tag"[^>]*>([^<]*)<', html)[:1] == [label], url


def test_an_ascii_apostrophe_survives_the_conversion():
    # Editors type "Аб'ява" as often as "Аб’ява": latynkatar alone drops the ASCII one.
    assert latin.to_latin("Аб'ява ў Ліп'яне") == "Ab'java ŭ Lip'janie"
    assert latin.to_latin("АБ'ЯВА") == "AB'JAVA"
    assert latin.to_latin("Аб’ява") == "Ab’java"


def test_the_badge_style_changes_no_letter_and_keeps_a_lowercase_j_legible():
    # "Ab’java" and "Njoftim" were read as "Ab'Java" and "NJoftim": at 0.8rem bold the dot of
    # a small "j" disappears on a phone. No rule may recase the badge, and it stays at 0.85rem.
    css = (settings.BASE_DIR / "static" / "css" / "ura.css").read_text()
    rule = re.search(r"^\.tag \{(.*?)\}", css, re.S | re.M).group(1)
    assert "text-transform" not in rule
    assert float(re.search(r"font-size: ([\d.]+)rem", rule).group(1)) >= 0.85
    assert not re.search(r"\.tag[^{]*\{[^}]*text-transform", css)
