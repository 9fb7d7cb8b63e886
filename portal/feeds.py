"""RSS 2.0 and Atom feeds of the news, one per language (and per kind or topic).

``/<lang>/feeds/news/`` (RSS) and ``/<lang>/feeds/news/atom/`` (Atom) list the
latest published news that exist in that language; the news list's filters
(``?kind=``, ``?topic=``, ``?year=``, ``?partner=``) narrow them, read by the same
form: a value the list would not offer gives 400, as there. The lead is plain
text, so it goes out escaped once: feed readers show it as text, never as markup.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import cache as site_cache
from core.views import bad_request
from news.forms import NewsFilterForm
from news.models import NewsItem
from news.views import news_filter_choices, news_filter_form

FEED_LENGTH = 30


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    # The news list's filters (core.views.query_parameters).
    query_parameters = tuple(NewsFilterForm.base_fields)

    # One instance serves every request: per-request values live in `obj`,
    # the language is the active one.

    def __call__(self, request, *args, **kwargs):
        request.news_filters = {"kind": "", "topic": None, "year": None, "partner": None}
        if any(request.GET.get(name) for name in request.news_filters):
            form = news_filter_form(request.GET)
            if not form.is_valid():
                return bad_request(request)
            request.news_filters = {
                "kind": form.cleaned_data["kind"],
                "topic": form.selected("topic"),
                "year": form.cleaned_data["year"],
                "partner": form.selected("partner"),
            }
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        # Enclosures are absolute on the host the reader came through (a mirror, the onion address).
        return {
            **request.news_filters,
            "language": get_language(),
            "path": request.get_full_path(),
            "base": request.build_absolute_uri("/")[:-1],
        }

    def title(self, obj):
        if obj["kind"]:
            # Translators: a feed's title; %(site)s is the site's name ("Ura", not inflected); %(kind)s a type of
            # news item ("Delegation visit")
            return _("%(site)s: news — %(kind)s") % {
                "site": settings.SITE_NAME,
                "kind": NewsItem.Kind(obj["kind"]).label,
            }
        if obj["topic"]:
            # Translators: a feed's title; %(site)s is the site's name ("Ura", not inflected); %(topic)s a topic's name
            return _("%(site)s: news — %(topic)s") % {"site": settings.SITE_NAME, "topic": obj["topic"].name}
        # Translators: a feed's title; %(site)s is the site's name ("Ura", not inflected)
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
        # Translators: %(site)s is the site's name ("Ura"), which cannot be inflected: phrase the
        # sentence so that it needs no case ending (sq: "nga %(site)s", not "të %(site)s").
        return _("Delegation visits, meetings, statements, events, announcements and publications of %(site)s.") % {
            "site": settings.SITE_NAME
        }

    subtitle = description

    def items(self, obj):
        code = obj["language"]
        items = (
            NewsItem.objects.published()
            .filter(**{f"title_{code}__gt": "", f"slug_{code}__gt": ""})
            .select_related("image")
            .prefetch_related("topics")
            .order_by("-publish_at", "-pk")
        )
        if obj["kind"]:
            items = items.filter(kind=obj["kind"])
        if obj["topic"]:
            items = items.filter(topics=obj["topic"])
        if obj["year"]:
            items = items.filter(date__year=obj["year"])
        if obj["partner"]:
            items = items.filter(organisations=obj["partner"])
        items = list(items[:FEED_LENGTH])
        for item in items:
            item.feed_base = obj["base"]
        return items

    # item_link is Feed's default, get_absolute_url() in the active language,
    # which every item listed exists in.

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # No fallback: a lead in another language does not belong in this feed.
        # The lead is plain text: escaped here, then once more as XML by the feed writer.
        return escape(getattr(item, f"lead_{get_language()}") or "")

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        categories = [str(item.get_kind_display())]
        categories += [topic.name for topic in item.topics.all() if topic.name]
        return categories

    def item_enclosures(self, item):
        # The library recorded the rendition's size when it made it: no file is asked about here.
        enclosure = item.image.enclosure() if item.image_id else None
        if enclosure is None:
            return []
        url, length, mime_type = enclosure
        # Store and CDN addresses are absolute already; the site's own go on the reader's host.
        if not url.startswith(("http://", "https://")):
            url = f"{item.feed_base}{url}"
        return [Enclosure(url, str(length), mime_type)]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed


def published_kinds():
    """The kinds that published news items have; computed once per site version."""
    return set(NewsItem.objects.published().order_by().values_list("kind", flat=True).distinct())


def feed_list():
    """Every feed of the site in the active language: all news, then by kind and by topic, each
    kind and topic only once a published item has it (a feed with nothing in it helps no reader).

    [(title, rss path, atom path)], for the "follow us" page and its OPML file.
    """
    rss, atom = reverse("portal:news_feed"), reverse("portal:news_feed_atom")
    feeds = [(_("All news"), rss, atom)]
    kinds = cache.get_or_set(**site_cache.fragment("news-kinds"), default=published_kinds)
    for kind in NewsItem.Kind:
        if kind in kinds:
            feeds.append((str(kind.label), f"{rss}?kind={kind.value}", f"{atom}?kind={kind.value}"))
    topics = cache.get_or_set(**site_cache.fragment(f"news-filters:{get_language()}"), default=news_filter_choices)[
        "topic"
    ]
    for topic in topics:
        feeds.append((topic.name, f"{rss}?topic={topic.slug}", f"{atom}?topic={topic.slug}"))
    return feeds
