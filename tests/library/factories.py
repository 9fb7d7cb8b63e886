import factory
from django.core.files.base import ContentFile

from library.models import Image
from tests.news.factories import image_bytes


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(lambda: ContentFile(image_bytes("PNG", size=(900, 600)), name="picture.png"))
    alt_text_en = "People around a table"
    alt_text_sq = "Njerëz rreth tryezës"
    alt_text_be = "Людзі за сталом"
    caption_en = "Round table in Viti"
    credit_en = "Ura"
