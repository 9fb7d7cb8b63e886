import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import Status, Topic
from portal.models import MenuItem, Page


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name_en = factory.Sequence(lambda n: f"Security {n}")
    name_sq = factory.Sequence(lambda n: f"Siguria {n}")
    name_be = factory.Sequence(lambda n: f"Бяспека {n}")


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title_en = factory.Sequence(lambda n: f"About us {n}")
    title_sq = factory.Sequence(lambda n: f"Rreth nesh {n}")
    title_be = factory.Sequence(lambda n: f"Пра нас {n}")
    body_en = "<p>Who we are.</p>"
    body_sq = "<p>Kush jemi.</p>"
    body_be = "<p>Хто мы.</p>"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class MenuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenuItem

    section = MenuItem.Section.NEWS
    order = factory.Sequence(lambda n: n)


def sign_in_reader(client, username="reader"):
    """`client` signed in as a user with no rights at all: past the page cache, as any signed-in user is.

    Its pages are rendered afresh (fragment caches stay warm); the page cache's
    check of the session costs the request one query.
    """
    user, _created = get_user_model().objects.get_or_create(username=username)
    client.force_login(user)
    return client
