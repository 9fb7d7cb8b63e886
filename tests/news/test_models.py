import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from core.models import Status
from news.models import NewsItem
from tests.conftest import LANGUAGES
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Hello <strong>world</strong></p>'
    "<script>alert('x')</script>"
    '<img src="x" onerror="alert(1)">'
    '<p><a href="javascript:alert(1)">click</a> <a href="https://example.org/" target="_blank">safe</a></p>'
    '<p style="position:fixed;top:0">styled</p>'
    "<style>body{display:none}</style>"
    '<iframe src="https://evil.example/"></iframe>'
    '<object data="x.swf"></object><svg onload="alert(1)"><circle/></svg>'
    "<!-- secret comment -->"
)
FORBIDDEN = (
    "<script",
    "onerror",
    "onclick",
    "onload",
    "javascript:",
    "style=",
    "<style",
    "<iframe",
    "<object",
    "<svg",
    "<img",
    "secret comment",
    "target=",
)


def test_slugs_are_made_from_each_languages_title():
    item = NewsItemFactory(
        title_be="Беларускія дэмакратычныя сілы ў Прышціне",
        title_sq="Bashkëpunimi ndëretnik në Shtërpcë",
        title_en="Belarusian democratic forces in Prishtina",
    )
    assert item.slug_be == "bielaruskija-demakratychnyja-sily-u-pryshcinie"
    assert item.slug_sq == "bashkepunimi-nderetnik-ne-shterpce"
    assert item.slug_en == "belarusian-democratic-forces-in-prishtina"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ясная яблыня з’ехала", "jasnaja-jablynia-zjekhala"),
        ("Сустрэча ў Шчучыне", "sustrecha-u-shchuchynie"),
        ("Çështje të sigurisë në Graçanicë", "ceshtje-te-sigurise-ne-gracanice"),
        ("Ëndrra e Ulqinit", "endrra-e-ulqinit"),
        ("  Hello, World!  ", "hello-world"),
    ],
)
def test_slugs_are_url_clean(title, slug):
    item = NewsItemFactory(title_be=title, title_sq=title, title_en=title)
    for code in LANGUAGES:
        value = getattr(item, f"slug_{code}")
        assert value == slug
        assert value.isascii() and value == value.lower()


def test_long_titles_give_slugs_cut_at_a_word():
    item = NewsItemFactory(title_en="Regional cooperation " * 11)
    assert len(item.slug_en) <= 80
    assert not item.slug_en.endswith("-")


def test_slugs_are_unique_per_language_and_may_repeat_across_languages():
    first = NewsItemFactory(title_en="Closing conference", title_sq="Konferenca", title_be="Канферэнцыя")
    second = NewsItemFactory(title_en="Closing conference", title_sq="Konferenca", title_be="Канферэнцыя")
    third = NewsItemFactory(title_en="Closing conference", title_sq="closing conference", title_be="Канферэнцыя")
    assert first.slug_en == "closing-conference"
    assert second.slug_en == "closing-conference-2"
    assert third.slug_en == "closing-conference-3"
    assert third.slug_sq == "closing-conference"  # another language: no clash
    assert second.slug_be == "kanfierencyja-2"


def test_a_given_slug_is_kept_and_duplicates_are_refused_by_the_database():
    item = NewsItemFactory(slug_en="my-own-address")
    item.title_en = "A new title"
    item.save()
    item.refresh_from_db()
    assert item.slug_en == "my-own-address"
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItemFactory(slug_en="my-own-address")


def test_no_slug_without_a_title_in_that_language():
    item = NewsItemFactory(title_be="", title_sq="")
    assert item.slug_be in ("", None)
    assert item.slug_sq in ("", None)
    assert item.slug_en


@pytest.mark.parametrize("code", LANGUAGES)
def test_hostile_html_is_stripped_on_save(code):
    item = NewsItemFactory(**{f"body_{code}": HOSTILE})
    item.refresh_from_db()
    body = getattr(item, f"body_{code}")
    for bad in FORBIDDEN:
        assert bad not in body
    assert "<strong>world</strong>" in body
    assert 'href="https://example.org/"' in body
    assert 'rel="noopener noreferrer nofollow"' in body


def test_empty_editor_output_is_stored_as_empty():
    item = NewsItemFactory(body_en="<p></p>")
    item.refresh_from_db()
    assert item.body_en == ""


def test_publication_rules():
    now = timezone.now()
    public = NewsItemFactory()
    draft = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    scheduled = NewsItemFactory(status=Status.PUBLISHED, publish_at=now + datetime.timedelta(days=2))
    assert scheduled.status == Status.SCHEDULED  # a future time makes it scheduled
    due = NewsItemFactory(status=Status.SCHEDULED, publish_at=now - datetime.timedelta(minutes=1))
    visible = set(NewsItem.objects.published())
    assert visible == {public, due}
    assert not draft.is_public and not scheduled.is_public and due.is_public


def test_str_and_absolute_url_follow_the_language():
    item = NewsItemFactory(
        title_en="Meeting in Bujanovac", title_sq="Takim në Bujanoc", title_be="Сустрэча ў Буянавацы"
    )
    for code, expected in (
        ("en", "/en/news/meeting-in-bujanovac/"),
        ("sq", "/sq/news/takim-ne-bujanoc/"),
        ("be", "/be/news/sustrecha-u-bujanavacy/"),
    ):
        with translation.override(code):
            assert item.get_absolute_url() == expected
    with translation.override("sq"):
        assert str(item) == "Takim në Bujanoc"
