"""Slugs: the romanisation of Belarusian, separators, and old slugs that keep working (301)."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from core.migrations._reslug import legacy_slugify, reslug
from core.models import SlugAlias
from core.text import slugify_any, transliterate
from news.models import NewsItem
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory


def url_in(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("хата", "khata"),
        ("чата", "chata"),
        ("Ляхавічы", "liakhavichy"),
        ("Шчучын", "shchuchyn"),
        ("аналітычных", "analitychnykh"),
        ("Дэлегацыя ў Прышціне", "deliehacyja-u-pryshcinie"),
        ("Жодзіна і Ясна", "zhodzina-i-jasna"),
        ("Bashkëpunim ndëretnik në Shtërpcë", "bashkepunim-nderetnik-ne-shterpce"),
        ("Prishtina–Vilnius", "prishtina-vilnius"),
        ("14–15 кастрычніка", "14-15-kastrychnika"),
        ("Forumi i Tiranës, 14—15 tetor", "forumi-i-tiranes-14-15-tetor"),
        ("Prishtinë/Graçanicë", "prishtine-gracanice"),
        ("«Новая Беларусь»", "novaja-bielarus"),
    ],
)
def test_slugs_follow_the_documented_romanisation(text, slug):
    assert slugify_any(text) == slug


def test_no_two_belarusian_letters_share_a_latin_spelling():
    letters = "абвгдеёжзійклмнопрстуфхцчшыьэюя"
    spellings = {letter: transliterate(f"а{letter}") for letter in letters if letter != "ь"}
    # у and ў are one sound's positional variants and may share one; no other pair may.
    assert len(set(spellings.values())) == len(spellings)
    assert transliterate("хата") != transliterate("чата")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        lambda: NewsItemFactory(slug_be="stary-adras"),
        lambda: ProjectFactory(slug_be="stary-adras"),
        lambda: OrganisationFactory(slug_be="stary-adras"),
        lambda: PageFactory(slug_be="stary-adras"),
    ],
    ids=["news", "project", "organisation", "page"],
)
def test_an_old_slug_answers_with_a_301_to_the_current_address(client, make):
    obj = make()
    SlugAlias.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, language="be", slug="stary-adras"
    )
    type(obj)._base_manager.filter(pk=obj.pk).update(slug_be="novy-adras")
    obj.refresh_from_db()
    old = url_in(obj, "be").replace("novy-adras", "stary-adras")
    response = client.get(old + "?page=2")
    assert response.status_code == 301
    # A detail page reads nothing from a visitor's query string (portal.page_cache): the item's own address.
    assert response["Location"] == url_in(obj, "be")
    assert client.get(response["Location"]).status_code == 200
    # The old slug works from the other languages' sites too, like any slug.
    other = client.get(url_in(obj, "en").replace(obj.slug_en, "stary-adras"))
    assert other.status_code == 301 and other["Location"] == url_in(obj, "en")
    assert client.get(url_in(obj, "be").replace("novy-adras", "niama-takoha")).status_code == 404


@pytest.mark.django_db
def test_an_old_slug_of_a_draft_stays_hidden(client):
    from core.models import Status

    item = NewsItemFactory(slug_be="chernavik", status=Status.DRAFT)
    SlugAlias.objects.create(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk, language="be", slug="stary-chernavik"
    )
    assert client.get(url_in(item, "be").replace("chernavik", "stary-chernavik")).status_code == 404


@pytest.mark.django_db
def test_reslugging_replaces_generated_slugs_and_keeps_the_old_ones_reachable(client):
    title = "Форум у Тыране, 14–15 кастрычніка: хата і чата"
    generated = NewsItemFactory(title_be=title, slug_be=legacy_slugify(title))
    second = NewsItemFactory(title_be=title, slug_be=legacy_slugify(title) + "-2")
    chosen = NewsItemFactory(title_be="Хата", slug_be="maja-khata-na-kraju")
    assert generated.slug_be == "forum-u-tyranie-1415-kastrychnika-chata-i-chata"

    reslug(apps, "news", "NewsItem")

    generated.refresh_from_db()
    second.refresh_from_db()
    chosen.refresh_from_db()
    assert generated.slug_be == "forum-u-tyranie-14-15-kastrychnika-khata-i-chata"
    assert second.slug_be == "forum-u-tyranie-14-15-kastrychnika-khata-i-chata-2"
    assert chosen.slug_be == "maja-khata-na-kraju"  # an editor's own slug is left alone
    assert generated.slug_en == legacy_slugify(generated.title_en)  # nothing to change in English
    assert SlugAlias.objects.filter(content_type__model="newsitem").count() == 2

    old = client.get("/be/news/forum-u-tyranie-1415-kastrychnika-chata-i-chata/")
    assert old.status_code == 301 and old["Location"] == url_in(generated, "be")
    reslug(apps, "news", "NewsItem")  # a second run changes nothing
    assert SlugAlias.objects.count() == 2
    assert NewsItem.objects.get(pk=generated.pk).slug_be == generated.slug_be
