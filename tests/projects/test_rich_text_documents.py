"""Links to a project's documents in a news body show the document's type, size and language."""

import pytest
from django.utils import translation

from core.models import Status
from tests.news.factories import NewsItemFactory
from tests.portal.factories import sign_in_reader
from tests.projects.factories import DocumentFactory, ProjectFactory, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def news_page(client, body, language):
    item = NewsItemFactory(**{f"body_{language}": body})
    with translation.override(language):
        url = item.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "facts"),
    [
        ("en", "(PDF, {size}\xa0bytes, in English)"),
        ("be", "(PDF, {size}\xa0байты, па-англійску)"),
        ("sq", "(PDF, {size}\xa0bajte, në anglisht)"),
    ],
)
def test_a_link_to_a_document_says_its_type_size_and_language(client, language, facts):
    document = DocumentFactory(language="en")
    with translation.override(language):
        address = document.get_absolute_url()
    html = news_page(client, f'<p>Read <a href="{address}">the report</a>.</p>', language)
    facts = facts.format(size=len(pdf_bytes()))  # the PDF is 142 bytes: "байты" in Belarusian
    assert f'the report</a> <span class="document-meta">{facts}</span>' in html


def test_documents_of_a_project_visitors_cannot_see_are_not_described(client):
    document = DocumentFactory(project=ProjectFactory(status=Status.DRAFT))
    with translation.override("en"):
        address = document.get_absolute_url()
    html = news_page(
        client,
        f'<p><a href="{address}">Draft report</a></p><p><a href="/en/projects/x/documents/999999/">Gone</a></p>',
        "en",
    )
    assert "document-meta" not in html


def test_document_links_cost_one_query_however_many(client, django_assert_max_num_queries):
    documents = DocumentFactory.create_batch(3)
    with translation.override("en"):
        body = "".join(
            f'<p><a href="{document.get_absolute_url()}">{document.title_en}</a></p>' for document in documents
        )
    item = NewsItemFactory(body_en=body)
    sign_in_reader(client)
    client.get(item.get_absolute_url_for("en"))  # the menu's cache is warm from now on
    from tests.news.test_views import DETAIL_QUERIES

    with django_assert_max_num_queries(DETAIL_QUERIES):  # DETAIL_QUERIES - 1 for such a reader, 1 for the documents
        assert client.get(item.get_absolute_url_for("en")).content.decode().count("document-meta") == 3
