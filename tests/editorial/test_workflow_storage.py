"""A storage that fails during a save: a message on the form, the input kept, no half-written file, no change."""

import io
import random
import resource
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from library.models import Image as LibraryImage
from news.models import NewsItem
from tests.editorial.workflow_helpers import change_form_data, editor
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def noisy_jpeg(width=900, height=600):
    """A photo-like JPEG of a few hundred KB (noise does not compress)."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


@contextmanager
def file_size_limit(limit):
    """The kernel refuses to write past `limit` bytes in any file of this process (EFBIG), as a full disk would."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def files_in(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


def post_with_image(client, item, data_changes):
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = change_form_data(client.get(url), **data_changes)
    data["image_upload"] = SimpleUploadedFile("prishtina.jpg", noisy_jpeg(), content_type="image/jpeg")
    data.update(image_alt_be="Прышціна", image_alt_sq="Prishtina", image_alt_en="Prishtina")
    return client.post(url, data)


def test_a_write_that_fails_half_way_leaves_no_file_and_keeps_the_form(client, media_root):
    item = NewsItemFactory(title_en="Delegation visit to Prishtina")
    client.force_login(editor())
    Path(media_root).mkdir(parents=True, exist_ok=True)
    before = files_in(media_root)
    with file_size_limit(64 * 1024):
        response = post_with_image(client, item, {"title_en": "Delegation of Belarusian democratic forces"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "The uploaded file could not be stored, so nothing was saved." in text
    assert "Delegation of Belarusian democratic forces" in text  # the input is kept
    assert files_in(media_root) == before  # no truncated file
    item.refresh_from_db()
    assert item.title_en == "Delegation visit to Prishtina"
    assert not item.image
    assert not LibraryImage.objects.exists()  # the upload did not reach the library either


def test_an_upload_folder_that_cannot_be_created_is_a_form_error(client, media_root):
    item = NewsItemFactory(title_en="Delegation visit to Prishtina")
    client.force_login(editor())
    Path(media_root).mkdir(parents=True, exist_ok=True)
    (Path(media_root) / "library").write_text("not a folder")  # the storage cannot make library/<year>/
    response = post_with_image(client, item, {"title_en": "New title"})
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    item.refresh_from_db()
    assert item.title_en == "Delegation visit to Prishtina"
    assert NewsItem.objects.filter(title_en="New title").count() == 0


def test_the_message_is_in_the_editors_language(client, media_root):
    item = NewsItemFactory()
    user = editor()
    client.force_login(user)
    Path(media_root).mkdir(parents=True, exist_ok=True)
    (Path(media_root) / "library").write_text("not a folder")
    client.cookies["ura_language"] = "sq"
    response = post_with_image(client, item, {})
    assert response.status_code == 200
    assert "Skedari i ngarkuar nuk mund të ruhej" in response.content.decode()
