"""RSS 2.0 and Atom feeds of the news, one per language (and per kind or topic).

``/<lang>/feeds/news/`` (RSS) and ``/<lang>/feeds/news/atom/`` (Atom) list the
latest published news that exist in that language; ``?kind=visit`` or
``?topic=<slug>`` narrow them. Unknown kinds or topics give 404.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.models import Topic
from news.models import NewsItem

FEED_LENGTH = 30


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    # One instance serves every request: per-request values live in `obj`,
    # the language is the active one.

    def get_object(self, request):
        language = get_language()
        kind = request.GET.get("kind", "")
        topic_slug = request.GET.get("topic", "")
        if kind and kind not in NewsItem.Kind.values:
            raise Http404("Unknown kind")
        topic = None
        if topic_slug:
            topic = Topic.objects.filter(**{f"slug_{language}": topic_slug}).first()
            if topic is None:
                raise Http404("Unknown topic")
        return {"kind": kind, "topic": topic, "language": language, "path": request.get_full_path()}

    def title(self, obj):
        if obj["kind"]:
            return _("%(site)s: news — %(kind)s") % {
                "site": settings.SITE_NAME,
                "kind": NewsItem.Kind(obj["kind"]).label,
            }
        if obj["topic"]:
            return _("%(site)s: news — %(topic)s") % {"site": settings.SITE_NAME, "topic": obj["topic"].name}
        return _("%(site)s: news") % {"site": settings.SITE_NAME}

    def link(self, obj):
        url = reverse("news:list")
        if obj["kind"]:
            url += f"?kind={obj['kind']}"
        elif obj["topic"]:
            url += f"?topic={obj['topic'].slug}"
        return url

    def feed_url(self, obj):
        return obj["path"]

    def description(self, obj):
        return _("Delegation visits, meetings, statements and events of %(site)s.") % {"site": settings.SITE_NAME}

    subtitle = description

    def items(self, obj):
        code = obj["language"]
        items = (
            NewsItem.objects.published()
            .filter(**{f"title_{code}__gt": "", f"slug_{code}__gt": ""})
            .prefetch_related("topics")
            .order_by("-publish_at", "-pk")
        )
        if obj["kind"]:
            items = items.filter(kind=obj["kind"])
        if obj["topic"]:
            items = items.filter(topics=obj["topic"])
        return items[:FEED_LENGTH]

    # item_link is Feed's default, get_absolute_url() in the active language,
    # which every item listed exists in.

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # No fallback: a lead in another language does not belong in this feed.
        return getattr(item, f"lead_{get_language()}") or ""

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        categories = [str(item.get_kind_display())]
        categories += [topic.name for topic in item.topics.all() if topic.name]
        return categories

    def item_enclosures(self, item):
        if not item.image:
            return []
        try:
            length = item.image.size
        except OSError:
            return []
        mime_type = mimetypes.guess_type(item.image.name)[0] or "application/octet-stream"
        return [Enclosure(f"{settings.SITE_URL}{item.image.url}", str(length), mime_type)]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
