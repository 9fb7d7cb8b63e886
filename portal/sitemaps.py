"""The sitemap, one section per kind of page, each page in every language it exists in.

``/sitemap.xml`` is an index of ``/sitemap-<section>.xml`` (and its pages,
``?p=2``, 250 items each: counted and read in SQL, so no file reads more
than its own items and a worker's memory does not grow with the data). Every URL carries
its ``hreflang`` alternates (and ``x-default``, the English page when there is
one); an item appears only in the languages it exists in (``core.i18n``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core import cache as site_cache
from core.i18n import available_languages, title_field
from core.views import FlatPaginator, check_page_number, reads_query
from events.models import Event
from news.models import NewsItem
from partners.models import Organisation
from portal import latin
from portal.models import Page
from projects.models import Project


def latin_location(location):
    """The Łacinka twin of an absolute Belarusian address."""
    parts = urlsplit(location)
    return parts._replace(path=latin.latin_path(parts.path)).geturl()


class LatinMixin:
    """Every Belarusian URL also in Łacinka (be-Latn, /be-latn/), each naming the other as an alternate."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = []
        for url in super().get_urls(page=page, site=site, protocol=protocol):
            alternates = []
            belarusian = None
            for alternate in url.get("alternates", ()):
                alternates.append(alternate)
                if alternate["lang_code"] == latin.SOURCE:
                    belarusian = alternate["location"]
                    alternates.append({"lang_code": latin.TAG, "location": latin_location(belarusian)})
            url["alternates"] = alternates
            urls.append(url)
            if belarusian is not None and url["location"] == belarusian:
                urls.append({**url, "location": latin_location(belarusian)})
        return urls


class DefaultLanguageMixin(LatinMixin):
    """x-default names the page in the default language itself.

    Django's x-default drops the language prefix, which with translated slugs
    would send a visitor of another language to a slug that does not exist there.
    """

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_language = {alt["lang_code"]: alt["location"] for alt in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and settings.LANGUAGE_CODE in by_language:
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls


class ItemPaginator(FlatPaginator):
    """Pages of items counted and sliced in SQL, each item then listed in the languages it exists in.

    Django's i18n sitemap paginates a list of every (item, language) pair, so
    it loads every item to serve any file. Here a file holds `limit` items
    (up to three URLs each: far under the protocol's 50,000 URLs and 50 MB),
    and only that file's items are read; the count is cached per site version.
    """

    def __init__(self, object_list, per_page, languages_for):
        super().__init__(object_list, per_page)
        self.languages_for = languages_for

    def page(self, number):
        page = super().page(number)
        page.object_list = [(item, code) for item in page.object_list for code in self.languages_for(item)]
        return page


class TranslatedSitemap(DefaultLanguageMixin, Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 250

    def get_languages_for_item(self, item):
        return available_languages(item)

    def lastmod(self, item):
        return item.updated_at

    def location(self, item):
        # Each URL is asked for once per language of the item (its alternates): remember them.
        urls = item.__dict__.setdefault("_sitemap_urls", {})
        language = get_language()
        if language not in urls:
            urls[language] = item.get_absolute_url()
        return urls[language]

    def fields(self):
        """What a sitemap entry reads: slugs and titles in every language, the change time."""
        model = self.items().model
        names = ("slug", title_field(model))
        return ["pk", "updated_at", *(f"{name}_{code}" for name in names for code, _name in settings.LANGUAGES)]

    @property
    def paginator(self):
        return ItemPaginator(self.items().only(*self.fields()), self.limit, self.get_languages_for_item)

    def get_latest_lastmod(self):
        model = self.items().model._meta.label
        return (
            cache.get_or_set(
                **site_cache.fragment(f"sitemap-lastmod:{model}"),
                default=lambda: self.items().aggregate(latest=Max("updated_at"))["latest"] or False,
            )
            or None
        )


class SectionSitemap(LatinMixin, Sitemap):
    """Home and the section lists, which exist in every language (x-default: the unprefixed URL, which redirects by language)."""

    i18n = True
    alternates = True
    x_default = True
    priority = 0.8
    changefreq = "daily"

    def items(self):
        return ["portal:home", "news:list", "events:list", "projects:list", "partners:list"]

    def location(self, item):
        return reverse(item)


class PageSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Page.objects.published().order_by("pk")


class NewsSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return NewsItem.objects.published().order_by("pk")


class EventSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Event.objects.published().order_by("pk")


class ProjectSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Project.objects.published().order_by("pk")


class PartnerSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Organisation.objects.published().order_by("pk")


SITEMAPS = {
    "sections": SectionSitemap,
    "pages": PageSitemap,
    "news": NewsSitemap,
    "events": EventSitemap,
    "projects": ProjectSitemap,
    "partners": PartnerSitemap,
}


URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def render_urlset(urls):
    """Django's sitemap.xml template, written out directly: thousands of URLs in milliseconds."""
    parts = [URLSET_OPEN]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{url['lastmod']:%Y-%m-%d}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{url['changefreq']}</changefreq>")
        if url.get("priority") not in (None, ""):
            parts.append(f"<priority>{url['priority']}</priority>")
        for alternate in url.get("alternates", ()):
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


INDEX_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def index_files():
    """Every file of every section, with the section's latest change: [(path, lastmod or None), ...]."""
    files = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        path = reverse("sitemap_section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        files.append((path, lastmod))
        files.extend((f"{path}?p={page}", lastmod) for page in range(2, sitemap.paginator.num_pages + 1))
    return files


def render_index(origin):
    """The index's XML for one origin (scheme and host), and its Last-Modified date (None if a section has none)."""
    files = index_files()
    parts = [INDEX_OPEN]
    for path, lastmod in files:
        parts.append(f"<sitemap><loc>{escape(origin + path)}</loc>")
        if lastmod:
            parts.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
        parts.append("</sitemap>\n")
    parts.append("</sitemapindex>\n")
    dates = [lastmod for _path, lastmod in files]
    return "".join(parts), max(dates) if dates and all(dates) else None


@require_safe
def sitemap_index(request):
    """``/sitemap.xml``: the index of the section files, for the host the reader came through.

    Made once per site version and origin: it lists every file (some 500 at
    100,000 news), so it is the one page whose size grows with the content.
    """
    origin = f"{request.scheme}://{RequestSite(request).domain}"
    body, latest = cache.get_or_set(
        **site_cache.fragment(f"sitemap-index:{origin}"), default=lambda: render_index(origin)
    )
    response = HttpResponse(body, content_type="application/xml")
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@reads_query("p")
@require_safe
def sitemap_section(request, section):
    """One file of a section (``?p=`` for the next ones); unknown sections and pages are 404."""
    if section not in SITEMAPS:
        raise Http404("No such sitemap section")
    sitemap = SITEMAPS[section]()
    check_page_number(request.GET.get("p"))
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such sitemap page") from error
    response = HttpResponse(render_urlset(urls), content_type="application/xml")
    latest = getattr(sitemap, "latest_lastmod", None)
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
