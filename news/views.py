from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core import cache as site_cache
from core.i18n import collated, other_languages
from core.models import Topic, published_q, urls_of
from core.views import (
    FilteredListMixin,
    PublishedMixin,
    StablePartsMixin,
    TranslatedSlugLookupMixin,
    canonical_redirect,
)
from news.forms import NewsFilterForm
from news.models import NewsItem
from partners.models import Organisation

# The partner filter offers the organisations named in the most news; any other
# partner is reached from the partner directory (its page links to its news),
# and ?partner=<slug> of any published organisation still works.
PARTNER_CHOICES = 25


def most_used_partners(limit=PARTNER_CHOICES):
    """The published organisations named in the most published news, alphabetically."""
    links = NewsItem.organisations.through.objects.filter(published_q(prefix="newsitem__"))
    return Organisation.objects.most_linked(links, limit)


def news_filter_choices():
    """What the news filters offer, in the active language; computed once per site version."""
    published = NewsItem.objects.published()
    return {
        "topic": list(Topic.objects.filter(news__in=published).distinct().order_by(collated("name"), "pk")),
        "partner": most_used_partners(),
        "years": [day.year for day in published.dates("date", "year", order="DESC")],
    }


LATEST_ON_DETAIL = 5


def latest_news():
    """The newest published news, as the detail pages' "Latest news" shows them; once per site version.

    One more than a page shows, so that the item being read can be left out.
    """
    fields = [
        "pk",
        "date",
        "publish_at",
        *(f"{name}_{code}" for name in ("title", "slug") for code, _n in settings.LANGUAGES),
    ]
    return list(NewsItem.objects.published().only(*fields)[: LATEST_ON_DETAIL + 1])


def news_filter_form(data):
    """The news filters (list page and feeds): only values that lead to published items are valid."""
    choices = cache.get_or_set(**site_cache.fragment(f"news-filters:{get_language()}"), default=news_filter_choices)
    partners = Organisation.objects.published().filter(news__in=NewsItem.objects.published()).distinct()
    return NewsFilterForm(
        data,
        topic=choices["topic"],
        partner=choices["partner"],
        years=choices["years"],
        lookups={"partner": partners},
    )


class NewsListView(StablePartsMixin, FilteredListMixin, PublishedMixin, ListView):
    """Published news, newest first, filtered by kind, year, topic and partner; older pages are
    stable parts (StablePartsMixin): a publish changes the first page only.

    An unknown filter value gives 400; a page number that is not a number or
    out of range gives 404 (FilteredListMixin).
    """

    model = NewsItem
    paginate_by = 12
    query_parameters = (*NewsFilterForm.base_fields, "page", "part")

    def get_filter_form(self):
        return news_filter_form(self.request.GET)

    def filter_queryset(self, queryset, form):
        data = form.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("year"):
            queryset = queryset.filter(date__year=data["year"])
        topic = form.selected("topic")
        if topic is not None:
            queryset = queryset.filter(topics=topic)
        partner = form.selected("partner")
        if partner is not None:
            queryset = queryset.filter(organisations=partner)
        return queryset.select_related("image")


def share_links(url, title):
    """Plain share links: no script of any network is loaded on our pages."""
    text = f"{title} {url}"
    return [
        ("email", _("E-mail"), "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
        ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        ("telegram", "Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title})),
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
    ]


class NewsDetailView(TranslatedSlugLookupMixin, PublishedMixin, DetailView):
    """One item, with its organisations, projects and topics and the latest news.

    The slug is looked up in the active language, then in the fallback
    languages; any address but the item's own in this language is redirected
    there (TranslatedSlugLookupMixin). What may be seen — published items, previews
    for staff — is PublishedMixin's rule.
    """

    model = NewsItem

    def get(self, request, *args, **kwargs):
        self.object = item = self.get_object(self.get_queryset().with_relations())
        return canonical_redirect(request, item) or self.render_to_response(
            self.get_context_data(object=item, **self.item_context(item))
        )

    def item_context(self, item):
        """Share links, the latest news and the links next to the text, each list's addresses (and the
        languages of the latest news' titles) worked out in one call."""
        url = self.request.build_absolute_uri(item.get_absolute_url())
        latest = cache.get_or_set(**site_cache.fragment("latest-news"), default=latest_news)
        latest = [other for other in latest if other.pk != item.pk][:LATEST_ON_DETAIL]
        projects = list(item.projects.all())
        return {
            "absolute_url": url,
            "share_links": share_links(url, item.title),
            "latest_news": list(zip(latest, urls_of(latest), other_languages(latest), strict=True)),
            "organisation_links": Organisation.links(item.organisations.all()),
            "project_links": list(zip(projects, urls_of(projects), strict=True)),
        }
