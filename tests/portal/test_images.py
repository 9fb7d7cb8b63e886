"""Image validation on records that already have a stored image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects.models import GalleryImage
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def jpeg_bytes(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (18, 58, 94)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_stored_image_passes_validation_again(media_root):
    project = ProjectFactory()
    picture = GalleryImage(
        project=project,
        image=SimpleUploadedFile("mitrovica.jpg", jpeg_bytes(), content_type="image/jpeg"),
        caption_sq="Fokus grup në Mitrovicë",
        caption_be="Фокус-група ў Мітравіцы",
    )
    picture.full_clean()
    picture.save()

    stored = GalleryImage.objects.get(pk=picture.pk)
    stored.image.open()
    stored.image.close()  # as after reading its dimensions for the change form
    stored.caption_en = "Focus group in Mitrovica"
    stored.full_clean()  # the admin's inline formset does this on every save
    stored.save()
    assert GalleryImage.objects.get(pk=picture.pk).caption_en == "Focus group in Mitrovica"


def test_a_new_upload_that_is_not_an_image_is_refused(media_root):
    from django.core.exceptions import ValidationError

    project = ProjectFactory()
    picture = GalleryImage(
        project=project,
        image=SimpleUploadedFile("report.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"),
    )
    with pytest.raises(ValidationError) as error:
        picture.full_clean()
    assert "image" in error.value.message_dict
