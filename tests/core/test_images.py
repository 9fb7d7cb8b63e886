"""Image validation on records that already have a stored image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from library.models import Image as LibraryImage
from projects.models import GalleryImage
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def jpeg_bytes(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (18, 58, 94)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_stored_image_passes_validation_again(media_root):
    project = ProjectFactory()
    image = LibraryImage(file=SimpleUploadedFile("mitrovica.jpg", jpeg_bytes(), content_type="image/jpeg"))
    image.full_clean()
    image.save()
    picture = GalleryImage(project=project, image=image, caption_sq="Fokus grup në Mitrovicë")
    picture.full_clean()
    picture.save()

    stored = LibraryImage.objects.get(pk=image.pk)
    stored.file.open()
    stored.file.close()  # as after reading its dimensions for the change form
    stored.caption_en = "Focus group in Mitrovica"
    stored.full_clean()  # the admin form does this on every save
    stored.save()
    assert LibraryImage.objects.get(pk=image.pk).caption_en == "Focus group in Mitrovica"


def test_a_new_upload_that_is_not_an_image_is_refused(media_root):
    from django.core.exceptions import ValidationError

    project = ProjectFactory()
    picture = LibraryImage(file=SimpleUploadedFile("report.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"))
    with pytest.raises(ValidationError) as error:
        picture.full_clean()
    assert "file" in error.value.message_dict
    assert project.gallery.count() == 0
