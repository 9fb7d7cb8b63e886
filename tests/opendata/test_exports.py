import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from core.models import Status
from projects.models import Role
from tests.conftest import LANGUAGES
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import sign_in_reader
from tests.projects.factories import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def export_url(language, dataset):
    with override(language):
        return reverse("portal:export", kwargs={"dataset": dataset})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("count", [3, 15])
def test_news_export(client, language, count, django_assert_max_num_queries):
    items = [NewsItemFactory() for _ in range(count)]
    for item in items:
        item.organisations.add(OrganisationFactory())
    NewsItemFactory(status=Status.DRAFT, publish_at=None)
    # The count, the page and its organisations, projects and topics.
    with django_assert_max_num_queries(5):
        response = client.get(export_url(language, "news"))
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == language and data["count"] == count
    record = next(r for r in data["results"] if r["id"] == items[0].pk)
    assert record["title"] == getattr(items[0], f"title_{language}")
    assert record["url"].endswith(items[0].get_absolute_url_for(language))
    assert record["organisations"][0]["name"] == getattr(items[0].organisations.get(), f"name_{language}")
    assert "ў" in response.content.decode() or language != "be"


def test_projects_and_partners_export(client):
    role = ProjectPartnerFactory(role=Role.FUNDING, organisation=OrganisationFactory(name_sq="Fondi Ballkanik"))
    data = client.get(export_url("sq", "projects")).json()
    project = data["results"][0]
    assert project["title"] == role.project.title_sq
    assert project["partners"][0]["role"] == "funding"
    assert project["partners"][0]["name"] == "Fondi Ballkanik"
    partners = client.get(export_url("sq", "partners")).json()
    assert {p["name"] for p in partners["results"]} == {"Fondi Ballkanik"}


def test_only_items_that_exist_in_the_language(client):
    NewsItemFactory(title_be="", slug_be="")
    assert client.get(export_url("be", "news")).json()["count"] == 0
    assert client.get(export_url("en", "news")).json()["count"] == 1


def test_pages_and_bad_input(client):
    ProjectFactory()
    assert client.get(export_url("en", "projects"), {"page": 2}).status_code == 404
    assert client.get(export_url("en", "projects"), {"page": "x"}).status_code == 404
    assert client.get(export_url("en", "secrets")).status_code == 404


def test_news_export_lists_only_what_the_news_page_shows(client):
    item = NewsItemFactory()
    shown = OrganisationFactory(name_be="Цэнтр грамадскіх ініцыятываў")
    item.organisations.add(shown, OrganisationFactory(is_public=False))
    item.projects.add(ProjectFactory(), ProjectFactory(status=Status.DRAFT, publish_at=None))
    record = client.get(export_url("be", "news")).json()["results"][0]
    assert [org["name"] for org in record["organisations"]] == ["Цэнтр грамадскіх ініцыятываў"]
    assert [project["id"] for project in record["projects"]] == [item.projects.get(status=Status.PUBLISHED).pk]


def rendered(client, url, params=None):
    # A signed-in reader is past the page cache: the export is computed.
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.json()


def page_reads(queries):
    """The queries that read where every page starts (and so the count): the sort keys of every row."""
    keys_only = re.compile(r'SELECT ("news_newsitem"\."(date|id)" AS "(date|pk)",? ){2}FROM "news_newsitem"')
    return sum(bool(keys_only.match(query["sql"])) for query in queries)


def test_the_count_is_read_once_per_site_version_and_language(client, django_assert_max_num_queries):
    sign_in_reader(client)
    items = [NewsItemFactory() for _ in range(3)]
    NewsItemFactory(title_be="", slug_be="")
    counts = []
    for language in ("en", "be", "en"):
        with django_assert_max_num_queries(6) as queries:
            data = rendered(client, export_url(language, "news"))
        counts.append((data["count"], page_reads(queries.captured_queries)))
    assert counts == [(4, 1), (3, 1), (4, 0)]
    items[0].delete()
    with django_assert_max_num_queries(6) as queries:
        data = rendered(client, export_url("en", "news"))
    assert data["count"] == 3 and data["pages"] == 1
    assert page_reads(queries.captured_queries) == 1
    NewsItemFactory()
    assert rendered(client, export_url("en", "news"))["count"] == 4


@pytest.mark.parametrize("dataset", ["news", "projects", "partners"])
def test_the_last_page_costs_what_the_first_does(client, dataset, monkeypatch, django_assert_max_num_queries):
    factory = {"news": NewsItemFactory, "projects": ProjectFactory, "partners": OrganisationFactory}[dataset]
    sign_in_reader(client)
    for _ in range(9):
        factory()
    url = export_url("en", dataset)
    everything = [record["id"] for record in rendered(client, url)["results"]]
    assert len(everything) == 9
    monkeypatch.setattr("opendata.exports.EXPORT_PAGE_SIZE", 2)
    ids, offsets = [], []
    for number in range(1, 6):
        with django_assert_max_num_queries(8) as queries:
            data = rendered(client, url, {"page": number})
        assert data["pages"] == 5 and data["count"] == 9
        ids += [record["id"] for record in data["results"]]
        offsets += [
            int(value) for query in queries.captured_queries for value in re.findall(r"OFFSET (\d+)", query["sql"])
        ]
    # Same records in the same order as one big page; no page skips rows with OFFSET.
    assert ids == everything
    assert offsets == []
    assert rendered(client, url, {"page": 5})["previous"].endswith("?page=4")
