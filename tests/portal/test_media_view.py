"""/media/ served through the storage API (the file system here): type, caching, 304, and 404 for the rest."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.http import http_date

from tests.news.factories import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(media_root):
    return default_storage.save("news/2026/visit.png", ContentFile(image_bytes("PNG", size=(40, 20))))


def test_a_stored_file_is_served_with_its_type_and_a_long_cache(client, stored):
    response = client.get(f"/media/{stored}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == default_storage.open(stored).read()
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=2592000"
    assert response["Last-Modified"] == http_date(default_storage.get_modified_time(stored).timestamp())


def test_an_unchanged_file_is_a_304(client, stored):
    modified = http_date(default_storage.get_modified_time(stored).timestamp())
    assert client.get(f"/media/{stored}", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


@pytest.mark.parametrize(
    "path",
    ["news/2026/missing.png", "news/2026/", "news/../../etc/passwd", "news/2026/./visit.png", "a" * 300],
)
def test_names_that_are_not_a_stored_file_are_404(client, stored, path):
    assert client.get(f"/media/{path}").status_code == 404
