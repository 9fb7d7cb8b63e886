import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from core.models import Status
from news.models import NewsItem


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title_en = factory.Sequence(lambda n: f"Delegation visit to Prishtina {n}")
    title_sq = factory.Sequence(lambda n: f"Vizita e delegacionit në Prishtinë {n}")
    title_be = factory.Sequence(lambda n: f"Візіт дэлегацыі ў Прышціну {n}")
    lead_en = "The delegation met the Office of the President."
    lead_sq = "Delegacioni u takua me Zyrën e Presidentes."
    lead_be = "Дэлегацыя сустрэлася з Офісам Прэзідэнта."
    body_en = "<p>They discussed cooperation.</p>"
    body_sq = "<p>Ata diskutuan për bashkëpunimin.</p>"
    body_be = "<p>Яны абмеркавалі супрацоўніцтва.</p>"
    place_en = "Prishtina"
    place_sq = "Prishtinë"
    place_be = "Прышціна"
    kind = NewsItem.Kind.DELEGATION_VISIT
    date = datetime.date(2025, 4, 16)
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


def image_bytes(fmt="JPEG", size=(1000, 600), colour=(18, 58, 94), exif=None, **save_options):
    """A real image in memory; `exif` is a PIL.Image.Exif to embed (e.g. with GPS)."""
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", size, colour)
    buffer = io.BytesIO()
    if exif is not None:
        save_options["exif"] = exif
    image.save(buffer, fmt, **save_options)
    return buffer.getvalue()


def gps_exif(orientation=None):
    """EXIF with a GPS position (Prishtina), a camera model and optionally an orientation."""
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"  # Model
    exif[0x8825] = {1: "N", 2: (42.0, 39.0, 46.0), 3: "E", 4: (21.0, 9.0, 54.0)}  # GPSInfo
    if orientation:
        exif[0x0112] = orientation
    return exif


def uploaded_image(name="photo.jpg", fmt="JPEG", **kwargs):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)
