import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils.translation import override

from portal.seo import page_meta
from projects.models import Role
from tests.conftest import LANGUAGES
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory, image_bytes
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def get(client, obj, language):
    response = client.get(obj.get_absolute_url_for(language))
    assert response.status_code == 200
    return response.content.decode()


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def graph(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_item_preview_and_news_article(client, language, settings, media_root):
    settings.SITE_URL = "https://ura.example.org"
    item = NewsItemFactory(
        image=ImageFactory(
            file=SimpleUploadedFile("visit.jpg", image_bytes(size=(1600, 900)), content_type="image/jpeg")
        )
    )
    html = get(client, item, language)
    url = f"https://ura.example.org{item.get_absolute_url_for(language)}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == getattr(item, f"title_{language}")
    assert meta(html, "property", "og:description") == getattr(item, f"lead_{language}")
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:image").startswith("https://ura.example.org/media/library/")
    assert "-social-1200w-" in meta(html, "property", "og:image")  # 1200 × 630 around the focal point
    assert meta(html, "property", "og:image:alt") == item.image.alt_text
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "description") == getattr(item, f"lead_{language}")
    nodes = graph(html)
    article = nodes["NewsArticle"]
    assert article["headline"] == getattr(item, f"title_{language}")
    assert article["inLanguage"] == language
    assert article["datePublished"].startswith(item.publish_at.date().isoformat())
    assert article["publisher"] == {"@id": "https://ura.example.org/#organisation"}
    assert nodes["Organization"]["name"] == settings.SITE_NAME
    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]
    assert crumbs[-1]["item"] == url


def test_project_and_partner_structured_data(client, django_assert_max_num_queries):
    donor = OrganisationFactory(
        name_en="Balkan Trust for Democracy", acronym_en="BTD", website="https://www.gmfus.org/"
    )
    role = ProjectPartnerFactory(organisation=donor, role=Role.FUNDING)
    ProjectPartnerFactory(project=role.project, role=Role.LEAD)
    nodes = graph(get(client, role.project, "en"))
    project = nodes["Project"]
    assert project["name"] == role.project.title_en
    assert project["funder"][0]["name"] == "Balkan Trust for Democracy"
    start = role.project.start_date
    assert project["foundingDate"] == f"{start.year:04d}-{start.month:02d}"
    assert len(project["member"]) == 1
    partner_nodes = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', get(client, donor, "en"), re.S).group(1)
    )["@graph"]
    organisation = partner_nodes[1]
    assert organisation["@type"] == "Organization"
    assert organisation["alternateName"] == "BTD"
    assert organisation["sameAs"] == "https://www.gmfus.org/"


def test_page_and_home(client):
    page = PageFactory()
    assert graph(get(client, page, "sq"))["WebPage"]["name"] == page.title_sq
    with override("be"):
        html = client.get(reverse("portal:home")).content.decode()
    website = graph(html)["WebSite"]
    assert website["potentialAction"]["target"]["urlTemplate"].endswith("/be/search/?q={search_term_string}")
    assert meta(html, "property", "og:locale") == "be_BY"


def test_json_ld_cannot_close_its_script_element(client):
    item = NewsItemFactory(title_en="</script><script>alert(1)</script>", lead_en="Tom & Jerry <b>")
    html = get(client, item, "en")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["@graph"][1]["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)</script>" not in html


def test_search_page_is_not_indexed_and_canonical_keeps_only_the_page(client):
    with override("en"):
        html = client.get(reverse("portal:search"), {"q": "x"}).content.decode()
        assert '<meta name="robots" content="noindex, follow">' in html
        listing = client.get(reverse("news:list"), {"page": "1", "kind": "visit"}).content.decode()
    assert re.search(r'<link rel="canonical" href="[^"]*/en/news/">', listing)


def test_opensearch_description(client):
    with override("sq"):
        response = client.get(reverse("portal:opensearch"))
        home = client.get(reverse("portal:home")).content.decode()
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert "/sq/search/?q={searchTerms}" in response.content.decode()
    assert 'rel="search" type="application/opensearchdescription+xml"' in home


@pytest.mark.parametrize("path", ["/en/", "/be/news/", "/sq/search/?q=siguria"])
def test_the_site_parts_of_the_head_read_nothing_from_the_database(rf, path, django_assert_num_queries):
    # The site organisation, WebSite, breadcrumbs, feeds and locales come from settings and
    # URLs only, so the SEO block of a page that shows no item costs no query (nothing to cache).
    request = rf.get(path)
    with override(path[1:3]):
        request.resolver_match = resolve(request.path)
        with django_assert_num_queries(0):
            meta_data = page_meta(request)
    assert '"@type":"Organization"' in meta_data["json_ld"]
