import datetime

import factory
from django.utils import timezone

from core.models import Status
from events.models import Event


def local(*args):
    """An aware moment in the site's time zone."""
    return timezone.make_aware(datetime.datetime(*args), timezone.get_default_timezone())


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Public event in Lipjan {n}")
    title_sq = factory.Sequence(lambda n: f"Ngjarje publike në Lipjan {n}")
    title_be = factory.Sequence(lambda n: f"Публічная сустрэча ў Ліп’яне {n}")
    lead_en = "A platform for dialogue between communities."
    lead_sq = "Një platformë për dialog ndërmjet komuniteteve."
    lead_be = "Пляцоўка для дыялогу паміж супольнасцямі."
    description_en = "<p>With the Communities Committee.</p>"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
