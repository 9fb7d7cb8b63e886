"""The private Django names core.compat relies on still mean what it expects (Django as in requirements.txt)."""

import pytest
from django.core.files.base import ContentFile

from core.compat import is_new_upload
from library.models import Image
from tests.news.factories import image_bytes


@pytest.mark.django_db
def test_a_file_is_a_new_upload_until_it_is_stored(media_root):
    image = Image(file=ContentFile(image_bytes(), name="visit.jpg"), alt_text_en="A meeting")
    assert is_new_upload(image.file)
    image.save()
    assert not is_new_upload(image.file)
    assert not is_new_upload(Image.objects.get(pk=image.pk).file)
