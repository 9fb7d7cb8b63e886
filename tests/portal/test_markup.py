"""Markup every public page type shares, in each language: one <h1> and one <main>, headings
in order, labelled form fields, images with alt text, unique landmark names, one canonical
link, absolute hreflang alternates, lang attributes on fallback text, nothing loaded from
other sites; the Belarusian pages in Łacinka (/be-latn/) too."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import Organisation
from projects.models import Role
from tests.conftest import LANGUAGES
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The parts of a page the checks below look at."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs, lang in effect)
        self.headings = []  # (level, lang in effect, text)
        self.labels_for = set()
        self._stack = []  # (tag, lang)
        self._heading = None
        self.feed(html)

    def _lang(self):
        return self._stack[-1][1] if self._stack else None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang", self._lang())
        self.tags.append((tag, attrs, lang))
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), lang, ""]
        if tag not in VOID:
            self._stack.append((tag, lang))

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data):
        if self._heading:
            self._heading[2] += data

    def find(self, tag, **attrs):
        return [a for t, a, _lang in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


@pytest.fixture
def site(media_root):
    donor = OrganisationFactory(
        name_en="Balkan Trust for Democracy",
        name_sq="Balkan Trust for Democracy",
        name_be="Балканскі фонд за дэмакратыю",
        kind=Organisation.Kind.DONOR,
        country="RS",
    )
    lead = OrganisationFactory(
        name_en="New Social Initiative", name_sq="Iniciativa e Re Sociale", name_be="Новая сацыяльная ініцыятыва"
    )
    project = ProjectFactory()
    ProjectPartnerFactory(project=project, organisation=donor, role=Role.FUNDING)
    ProjectPartnerFactory(project=project, organisation=lead, role=Role.LEAD)
    item = NewsItemFactory(
        title_en="Belarusian democratic forces in Prishtina",
        title_sq="Forcat demokratike bjelloruse në Prishtinë",
        title_be="Беларускія дэмакратычныя сілы ў Прышціне",
    )
    item.organisations.add(donor, lead)
    item.projects.add(project)
    # Written in Albanian only: Belarusian and English readers see it as a fallback.
    albanian_only = NewsItemFactory(
        title_en=None,
        title_be=None,
        title_sq="Takim në Shtërpcë me komunitetet joshumicë",
        lead_en=None,
        lead_be=None,
        body_en="",
        body_be="",
        place_en=None,
        place_be=None,
        source_language="sq",
        date=datetime.date(2024, 3, 5),
    )
    page = PageFactory()
    return {"item": item, "albanian_only": albanian_only, "project": project, "donor": donor, "page": page}


def urls(site, language):
    with translation.override(language):
        return {
            "home": reverse("portal:home"),
            "news list": reverse("news:list"),
            "news list filtered": reverse("news:list") + "?kind=visit",
            "news detail": site["item"].get_absolute_url(),
            "fallback news detail": site["albanian_only"].get_absolute_url(),
            "project list": reverse("projects:list"),
            "project detail": site["project"].get_absolute_url(),
            "partner list": reverse("partners:list"),
            "partner detail": site["donor"].get_absolute_url(),
            "page": site["page"].get_absolute_url(),
            "search": reverse("portal:search") + "?q=prishtina",
            "search without query": reverse("portal:search"),
            "404": f"/{language}/no-such-page/",
            "400": reverse("news:list") + "?kind=no-such-kind",
        }


# Belarusian in Łacinka: the Belarusian pages at /be-latn/, with lang="be-Latn".
SCRIPTS = [*((code, code) for code in LANGUAGES), ("be-Latn", "be")]


def pages(client, site):
    for language, source in SCRIPTS:
        for name, url in urls(site, source).items():
            if language == "be-Latn":
                url = "/be-latn/" + url.removeprefix("/be/")
            response = client.get(url)
            expected = {"404": 404, "400": 400}.get(name, 200)
            assert response.status_code == expected, (url, response.status_code)
            yield language, name, url, Page(response.content.decode())


def test_every_page_type_has_one_h1_one_main_and_the_page_language(client, site):
    for language, _name, url, page in pages(client, site):
        assert [a.get("lang") for a in page.find("html")] == [language], url
        assert len(page.find("main")) == 1, url
        assert [level for level, _lang, _text in page.headings].count(1) == 1, url


def test_headings_do_not_skip_levels(client, site):
    for _language, _name, url, page in pages(client, site):
        levels = [level for level, _lang, _text in page.headings]
        for previous, current in zip(levels, levels[1:], strict=False):
            assert current <= previous + 1, (url, levels)


def test_form_fields_have_labels_and_images_have_alt_text(client, site):
    for _language, _name, url, page in pages(client, site):
        for tag, attrs, _lang in page.tags:
            if tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit", "button"}:
                assert attrs.get("id") in page.labels_for or attrs.get("aria-label"), (url, attrs)
            if tag == "img":
                assert "alt" in attrs, (url, attrs)


def test_landmarks_of_one_kind_have_distinct_names(client, site):
    for _language, _name, url, page in pages(client, site):
        for role in ("search", "navigation"):
            if role == "search":
                landmarks = [a for t, a, _lang in page.tags if a.get("role") == "search"]
            else:
                landmarks = [a for t, a, _lang in page.tags if t == "nav"]
            if len(landmarks) > 1:
                names = [a.get("aria-label") or a.get("aria-labelledby") for a in landmarks]
                assert len(set(names)) == len(names), (url, role, names)


def test_one_canonical_link_and_absolute_hreflang_alternates(client, site):
    for _language, name, url, page in pages(client, site):
        if name in {"404", "400"}:
            continue
        assert len(page.find("link", rel="canonical")) == 1, url
        for prop in ("og:title", "og:url", "og:image", "og:type"):
            assert len(page.find("meta", property=prop)) == 1, (url, prop)
        for link in page.find("link", rel="alternate"):
            if "hreflang" in link:
                assert link["href"].startswith(("http://", "https://")), (url, link)


def test_nothing_is_loaded_from_other_sites(client, site):
    for _language, _name, url, page in pages(client, site):
        for tag, attrs, _lang in page.tags:
            if tag == "link" and attrs.get("rel") in {"canonical", "alternate"}:
                continue
            if tag in {"script", "link", "img", "source", "iframe", "video", "audio", "object", "embed", "track"}:
                for attr in ("src", "href", "srcset", "data", "poster"):
                    value = attrs.get(attr) or ""
                    assert not value.startswith(("http:", "https:", "//")), (url, tag, attrs)


@pytest.mark.parametrize("language", ["be", "en"])
def test_fallback_text_carries_its_own_language(client, site, language):
    with translation.override(language):
        url = site["albanian_only"].get_absolute_url()
    page = Page(client.get(url).content.decode())
    [(_level, lang, text)] = [h for h in page.headings if h[0] == 1]
    assert lang == "sq" and "Shtërpcë" in text
    bodies = [lang for tag, attrs, lang in page.tags if tag == "div" and "prose" in attrs.get("class", "").split()]
    assert bodies == ["sq"]


@pytest.mark.parametrize("active", LANGUAGES)
def test_saving_keeps_a_missing_translation_empty(active):
    with translation.override(active):
        item = NewsItemFactory(title_en=None, title_be=None, body_en="", body_be="", source_language="sq")
        item.save()
    item.refresh_from_db()
    assert item.body_sq.startswith("<p>") and item.body_en == "" and item.body_be == ""
