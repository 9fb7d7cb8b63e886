"""The sitemap, one section per kind of page, each page in every language it exists in.

``/sitemap.xml`` is an index of ``/sitemap-<section>.xml``. Every URL carries
its ``hreflang`` alternates (and ``x-default``, the English page when there is
one); an item appears only in the languages it exists in (``core.i18n``).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.i18n import available_languages
from news.models import NewsItem
from partners.models import Organisation
from portal.models import Page
from projects.models import Project


class DefaultLanguageMixin:
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


class TranslatedSitemap(DefaultLanguageMixin, Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        return available_languages(item)

    def lastmod(self, item):
        return item.updated_at

    def location(self, item):
        return item.get_absolute_url()


class SectionSitemap(Sitemap):
    """Home and the section lists, which exist in every language (x-default: the unprefixed URL, which redirects by language)."""

    i18n = True
    alternates = True
    x_default = True
    priority = 0.8
    changefreq = "daily"

    def items(self):
        return ["portal:home", "news:list", "projects:list", "partners:list"]

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
    limit = 5000

    def items(self):
        return NewsItem.objects.published().order_by("-date", "pk")


class ProjectSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 5000

    def items(self):
        return Project.objects.published().order_by("-start_date", "pk")


class PartnerSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Organisation.objects.published().order_by("pk")


SITEMAPS = {
    "sections": SectionSitemap,
    "pages": PageSitemap,
    "news": NewsSitemap,
    "projects": ProjectSitemap,
    "partners": PartnerSitemap,
}
