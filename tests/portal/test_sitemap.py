import pytest
from django.utils import timezone
from lxml import etree as ET

from core.models import Status
from tests.conftest import LANGUAGES
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def urlset(client, section):
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall(f"{SM}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        entries[url.findtext(f"{SM}loc")] = alternates
    return entries


def test_index_lists_every_section(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [loc.text for loc in root.iter(f"{SM}loc")]
    assert locs == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ("sections", "pages", "news", "events", "projects", "partners")
    ]


def test_news_in_every_language_with_reciprocal_alternates(client):
    item = NewsItemFactory(
        title_be="Беларускія дэмакратычныя сілы ў Прышціне", title_sq="Forcat demokratike bjelloruse në Prishtinë"
    )
    entries = urlset(client, "news")
    locs = {f"http://testserver{item.get_absolute_url_for(code)}": code for code in LANGUAGES}
    locs[f"http://testserver/be-latn/news/{item.slug_be}/"] = "be-Latn"
    assert set(entries) == set(locs)
    for loc, alternates in entries.items():
        assert alternates.pop("x-default") == f"http://testserver{item.get_absolute_url_for('en')}"
        assert alternates == {code: url for url, code in locs.items()}
        assert alternates[locs[loc]] == loc


def test_only_published_items_and_their_languages(client):
    NewsItemFactory(status=Status.DRAFT, publish_at=None)
    NewsItemFactory(status=Status.SCHEDULED, publish_at=timezone.now() + timezone.timedelta(days=3))
    albanian_only = NewsItemFactory(title_en="", slug_en="", title_be="", slug_be="")
    entries = urlset(client, "news")
    assert list(entries) == [f"http://testserver{albanian_only.get_absolute_url_for('sq')}"]
    assert list(entries.values())[0] == {"sq": list(entries)[0]}  # no x-default without English


def test_projects_partners_and_pages(client):
    project = ProjectFactory()
    OrganisationFactory(is_public=False)
    partner = OrganisationFactory(name_be="", slug_be="")
    page = PageFactory()
    assert len(urlset(client, "projects")) == 4 and project.pk  # be, be-Latn, sq, en
    partners = urlset(client, "partners")
    assert set(partners) == {f"http://testserver{partner.get_absolute_url_for(code)}" for code in ("sq", "en")}
    assert len(urlset(client, "pages")) == 4 and page.pk
    sections = urlset(client, "sections")
    assert "http://testserver/be/news/" in sections
    assert sections["http://testserver/en/"]["x-default"] == "http://testserver/"


def test_unknown_section_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_points_to_the_sitemap_and_keeps_admin_and_search_out(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    for code in LANGUAGES:
        assert f"Disallow: /{code}/search/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
