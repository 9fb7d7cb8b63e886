import datetime

import factory
from django.utils import timezone

from news.models import NewsItem
from portal.models import Status


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
    kind = NewsItem.Kind.DELEGATION_VISIT
    date = datetime.date(2025, 4, 16)
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
