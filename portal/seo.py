"""What search engines and social networks read about a page.

``page_meta(request, obj)`` gives the canonical URL, the description, the
preview image and the JSON-LD graph (schema.org) of the page being rendered.
An item describes itself (``structured_data(language)`` on its model:
``NewsArticle`` for news, ``Project`` for projects, ``Organization`` for
partners, ``WebPage`` for static pages); this module adds the site's
``Organization``, ``WebSite`` with a search action on the home page and a
``BreadcrumbList`` on every inner page.
The template side is ``seo_head``, ``seo_description`` and ``page_address`` in
``portal/templatetags/portal_tags.py``.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.seo import describe
from core.text import absolute_url
from portal import latin

OG_LOCALES = {"be": "be_BY", "sq": "sq_AL", "en": "en_GB"}
DEFAULT_DESCRIPTION = _(
    "News, projects and partners of a civic cooperation network, in Belarusian, Albanian and English."
)

SECTION_TITLES = {
    "news": _("News"),
    "events": _("Events"),
    "projects": _("Projects"),
    "partners": _("Partners"),
}
VIEW_TITLES = {
    "news:list": _("News"),
    "events:list": _("Events"),
    "projects:list": _("Projects"),
    "partners:list": _("Partners"),
    "portal:search": _("Search"),
}
# Pages that search engines should not keep (result lists change with every query).
NOINDEX_VIEWS = {"portal:search"}


def site_organisation(home_url):
    """The site's own organisation, defined once per page (items refer to it: core.seo.site_reference)."""
    return {
        "@type": "Organization",
        "@id": f"{settings.SITE_URL}/#organisation",
        "name": settings.SITE_NAME,
        "url": home_url,
        "logo": absolute_url(static("img/apple-touch-icon.png")),
        "email": settings.CONTACT_EMAIL,
    }


def json_ld(data):
    """JSON for a <script type="application/ld+json"> block: <, > and & escaped as in json_script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # markup characters escaped just above


def canonical_url(request):
    url = absolute_url(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


def website_data(language, home_url):
    """The site as a schema.org WebSite, with its search as a SearchAction (the home page's graph)."""
    return {
        "@type": "WebSite",
        "@id": f"{settings.SITE_URL}/#website",
        "name": settings.SITE_NAME,
        "url": home_url,
        "inLanguage": language,
        "publisher": {"@id": f"{settings.SITE_URL}/#organisation"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(reverse("portal:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_list(crumbs):
    """[(name, absolute URL)] as a schema.org BreadcrumbList."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": link}
            for position, (name, link) in enumerate(crumbs, start=1)
        ],
    }


# The items with a drawn preview image (portal.views.social_image), by their section.
SOCIAL_IMAGE_SECTIONS = ("news", "projects", "partners", "events")


def social_image_url(request, obj):
    """The drawn preview image of an item without a picture of its own, in the page's language and script; or ""."""
    section = getattr(obj, "url_name", "").partition(":")[0]
    if obj is None or obj.pk is None or section not in SOCIAL_IMAGE_SECTIONS:
        return ""
    language = latin.PREFIX if getattr(request, "latin_script", False) else get_language()
    return absolute_url(reverse("social_image", kwargs={"kind": section, "pk": obj.pk, "language": language}))


def page_meta(request, obj=None):
    """Everything the <head> needs for previews and structured data."""
    language = get_language()
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    url = canonical_url(request)
    home_url = absolute_url(reverse("portal:home"))
    graph = [site_organisation(home_url)]
    meta = {"type": "website", "description": str(DEFAULT_DESCRIPTION), "image": "", "image_alt": "", "section": None}
    title = str(VIEW_TITLES.get(view_name, settings.SITE_NAME))
    builder = getattr(obj, "structured_data", None)
    if builder:
        meta = builder(language)
        title = str(obj)
        data = meta.pop("data")
        data.update({"url": url, "mainEntityOfPage": url})
        graph.append({key: value for key, value in data.items() if value not in (None, "", [])})
    if view_name == "portal:home":
        graph.append(website_data(language, home_url))
    else:
        crumbs = [(str(_("Home")), home_url)]
        section = meta.get("section")
        if section:
            crumbs.append((str(SECTION_TITLES[section]), absolute_url(reverse(f"{section}:list"))))
        if builder or view_name in VIEW_TITLES:
            crumbs.append((title, url))
        if len(crumbs) > 1:
            graph.append(breadcrumb_list(crumbs))
    image = meta.get("image") or social_image_url(request, obj)
    large_image = bool(image)
    image = image or absolute_url(static("img/apple-touch-icon.png"))
    return {
        "title": title,
        "description": describe(meta.get("description") or DEFAULT_DESCRIPTION),
        "canonical": url,
        # Absolute, because crawlers reject an hreflang alternate with a relative address;
        # on the host the reader came through (a mirror, the onion address), so that it works there.
        "feed": request.build_absolute_uri(reverse("portal:news_feed")),
        "feed_atom": request.build_absolute_uri(reverse("portal:news_feed_atom")),
        "og_type": meta.get("type", "website"),
        "image": image,
        "image_alt": meta.get("image_alt") or title,
        "large_image": large_image,
        "published": meta.get("published"),
        "modified": meta.get("modified"),
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [value for code, value in OG_LOCALES.items() if code != language],
        "noindex": view_name in NOINDEX_VIEWS,
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }


@require_safe
@cache_control(max_age=86400, public=True)
def opensearch(request):
    """OpenSearch description, so that browsers offer the site's search."""
    name = escape(settings.SITE_NAME)
    description = escape(str(_("Search the news, projects, partners and pages of the site.")))
    # On the host the browser asked (a mirror, the onion address): searches go where the reader is.
    template = escape(request.build_absolute_uri(reverse("portal:search")) + "?q={searchTerms}")
    icon = escape(request.build_absolute_uri(static("img/favicon.png")))
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
        f"  <ShortName>{name}</ShortName>\n"
        f"  <Description>{description}</Description>\n"
        f"  <InputEncoding>UTF-8</InputEncoding>\n"
        f"  <Language>{get_language()}</Language>\n"
        f'  <Image height="32" width="32" type="image/png">{icon}</Image>\n'
        f'  <Url type="text/html" method="get" template="{template}"/>\n'
        "</OpenSearchDescription>\n"
    )
    return HttpResponse(body, content_type="application/opensearchdescription+xml; charset=utf-8")
