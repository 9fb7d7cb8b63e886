import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from lxml import etree as ET

from core.models import Status
from news.models import NewsItem
from tests.conftest import LANGUAGES
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory, image_bytes
from tests.portal.factories import TopicFactory

pytestmark = pytest.mark.django_db


ATOM = "{http://www.w3.org/2005/Atom}"


def feed_url(language, name="portal:news_feed"):
    with override(language):
        return reverse(name)


@pytest.fixture
def visit():
    return NewsItemFactory(
        title_be="Беларускія дэмакратычныя сілы ў Прышціне: супрацоўніцтва з Рэспублікай Косава",
        title_sq="Forcat demokratike bjelloruse në Prishtinë: bashkëpunim me Republikën e Kosovës",
        title_en="Belarusian democratic forces in Prishtina: cooperation with the Republic of Kosovo",
        lead_be="Дэлегацыя сустрэлася з кіраўніцай Офіса Прэзідэнта Косава Леартай Холлай.",
        lead_sq="Delegacioni u takua me shefen e Zyrës së Presidentes së Kosovës, Learta Hollaj.",
        lead_en="The delegation met the head of the Office of the President of Kosovo, Learta Hollaj.",
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_rss_lists_published_news_in_that_language(client, language, visit, django_assert_max_num_queries):
    NewsItemFactory(title_en="A draft", status=Status.DRAFT, publish_at=None)
    NewsItemFactory(title_en="Later", status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=1))
    english_only = NewsItemFactory(title_en="Only in English", title_be="", title_sq="", slug_be="", slug_sq="")
    with django_assert_max_num_queries(4):
        response = client.get(feed_url(language))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    titles = [item.findtext("title") for item in items]
    expected = [getattr(visit, f"title_{language}")] + (["Only in English"] if language == "en" else [])
    assert sorted(titles) == sorted(expected)
    first = next(item for item in items if item.findtext("title") == getattr(visit, f"title_{language}"))
    assert first.findtext("description") == getattr(visit, f"lead_{language}")
    assert first.findtext("link") == f"http://testserver{visit.get_absolute_url_for(language)}"
    assert first.findtext("pubDate")
    assert english_only.pk


@pytest.mark.parametrize("language", LANGUAGES)
def test_atom_feed(client, language, visit):
    response = client.get(feed_url(language, "portal:news_feed_atom"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == getattr(visit, f"title_{language}")
    assert entry.findtext(f"{ATOM}summary") == getattr(visit, f"lead_{language}")
    assert entry.findtext(f"{ATOM}updated")


def test_hero_image_is_an_enclosure_with_length_and_type(client, media_root):
    data = image_bytes()
    item = NewsItemFactory(image=ImageFactory(file=SimpleUploadedFile("visit.jpg", data, content_type="image/jpeg")))
    channel = ET.fromstring(client.get(feed_url("en")).content).find("channel")
    enclosure = channel.find("item/enclosure")
    assert enclosure.get("type") == "image/jpeg"
    # The 1200-pixel JPEG rendition, with the size recorded when it was made.
    name = enclosure.get("url").split("/media/", 1)[1]
    assert int(enclosure.get("length")) == item.image.file.storage.size(name) > 0
    assert "-full-" in name and name.endswith(".jpg")


def test_feeds_by_kind_and_topic(client):
    topic = TopicFactory(name_en="Diaspora", name_sq="Diaspora", name_be="Дыяспара")
    statement = NewsItemFactory(title_en="A statement", kind=NewsItem.Kind.STATEMENT)
    statement.topics.add(topic)
    NewsItemFactory(title_en="A visit", kind=NewsItem.Kind.DELEGATION_VISIT)
    by_kind = ET.fromstring(client.get(feed_url("en"), {"kind": "statement"}).content)
    assert [item.findtext("title") for item in by_kind.iter("item")] == ["A statement"]
    by_topic = ET.fromstring(client.get(feed_url("be"), {"topic": topic.slug_be}).content)
    assert [item.findtext("title") for item in by_topic.iter("item")] == [statement.title_be]
    assert "Дыяспара" in by_topic.find("channel").findtext("title")
    # The news list's filter form decides, as on the list page: 400.
    assert client.get(feed_url("en"), {"kind": "nonsense"}).status_code == 400
    assert client.get(feed_url("en"), {"topic": "nonsense"}).status_code == 400


def test_feed_escapes_markup_in_titles(client):
    NewsItemFactory(title_en="Less <b>than</b> & more", lead_en="<script>alert(1)</script>")
    response = client.get(feed_url("en"))
    assert b"<script>" not in response.content
    item = ET.fromstring(response.content).find("channel/item")
    assert item.findtext("title") == "Less <b>than</b> & more"


HOSTILE_LEADS = [
    "X1\"'><script>alert(1)</script><img src=x onerror=alert(2)></script><svg/onload=alert(3)>",
    "A literal &lt;b&gt; stays literal & so does <b>this</b>",
    "<![CDATA[ ]]> ]]> <!-- comment --> &amp; &#x3C;script&#x3E;",
]


class TextOnly(HTMLParser):
    """What a feed reader that renders the description as HTML would show, and the tags it would build."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_comment(self, data):
        self.tags.append("!--")

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("lead", HOSTILE_LEADS)
@pytest.mark.parametrize("feed", ["portal:news_feed", "portal:news_feed_atom"])
def test_hostile_leads_reach_feed_readers_as_text(client, lead, feed):
    NewsItemFactory(title_en="Hostile", lead_en=lead)
    response = client.get(feed_url("en", feed))
    root = ET.fromstring(response.content)  # well-formed XML
    description = root.findtext("channel/item/description") if feed == "portal:news_feed" else None
    if description is None:
        summary = root.find(f"{ATOM}entry/{ATOM}summary")
        assert summary.get("type") == "html"
        description = summary.text
    reader = TextOnly()
    reader.feed(description)
    reader.close()
    assert reader.tags == []
    assert "".join(reader.text) == lead


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("value", ["\x00", "a\x00b", "%ff", "x" * 5000, "../../etc/passwd"])
def test_bad_feed_filters_are_400_like_the_list(client, language, value):
    NewsItemFactory()
    for name in ("kind", "topic", "year", "partner"):
        for feed in ("portal:news_feed", "portal:news_feed_atom"):
            assert client.get(feed_url(language, feed), {name: value}).status_code == 400
    with override(language):
        assert client.get(reverse("news:list"), {"topic": value}).status_code == 400


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_link_to_the_feed_of_their_language(client, language):
    with override(language):
        response = client.get(reverse("portal:home"))
    html = response.content.decode()
    feed = re.search(r'<link rel="alternate" type="application/rss\+xml" hreflang="(\w+)"[^>]* href="([^"]+)">', html)
    assert feed.group(1) == language
    # Absolute: crawlers reject hreflang alternates with relative addresses.
    assert re.fullmatch(rf"https?://[^/]+/{language}/feeds/news/", feed.group(2))
