"""What search engines and social networks read about a page.

``page_meta(request, obj)`` gives the canonical URL, the description, the
preview image and the JSON-LD graph (schema.org) of the page being rendered:
``NewsArticle`` for news, ``Project`` for projects, ``Organization`` for
partners and for the site, ``WebPage`` for static pages, ``WebSite`` with a
search action on the home page and a ``BreadcrumbList`` on every inner page.
The template side is ``portal/templatetags/seo_tags.py``.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.i18n import url_in
from core.images import renditions
from core.text import absolute_url, plain_text
from news.models import NewsItem
from partners.models import Organisation
from portal.models import Page
from projects.models import Project, Role

DESCRIPTION_LENGTH = 200
OG_LOCALES = {"be": "be_BY", "sq": "sq_AL", "en": "en_GB"}
DEFAULT_DESCRIPTION = _(
    "News, projects and partners of a civic cooperation network, in Belarusian, Albanian and English."
)

SECTION_TITLES = {
    "news": _("News"),
    "projects": _("Projects"),
    "partners": _("Partners"),
}
VIEW_TITLES = {
    "news:list": _("News"),
    "projects:list": _("Projects"),
    "partners:list": _("Partners"),
    "portal:search": _("Search"),
}
# Pages that search engines should not keep (result lists change with every query).
NOINDEX_VIEWS = {"portal:search"}


def json_ld(data):
    """JSON for a <script type="application/ld+json"> block: <, > and & escaped as in json_script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # markup characters escaped just above


def describe(text, length=DESCRIPTION_LENGTH):
    return Truncator(" ".join(str(text or "").split())).chars(length)


def image_url(field_file, width=1200, kind="full"):
    """An absolute URL of a JPEG rendition at most `width` wide (or of the original).

    A library image brings its recorded renditions (``kind`` "social" is the
    1200 × 630 crop around its focal point); no file is read.
    """
    if hasattr(field_file, "renditions_for"):
        options = field_file.renditions_for(kind, [width], "jpeg")
        return absolute_url(options[-1].url) if options else ""
    if not field_file or not getattr(field_file, "name", ""):
        return ""
    options = [option for option in renditions(field_file, [width], "jpeg") if option.width <= width]
    if options:
        return absolute_url(options[-1].url)
    try:
        return absolute_url(field_file.url)
    except ValueError:
        return ""


def site_organisation():
    return {
        "@type": "Organization",
        "@id": f"{settings.SITE_URL}/#organisation",
        "name": settings.SITE_NAME,
        "url": absolute_url(reverse("portal:home")),
        "logo": absolute_url(static("img/apple-touch-icon.png")),
        "email": settings.CONTACT_EMAIL,
    }


def project_date(date, years_only):
    """A project's start or end as precisely as the site knows it: the month ("2024-05"), or the year for a
    project that shows years only ("2022"). Both are ISO 8601 dates, as schema.org takes them; the stored
    first day of the month is no fact about the project."""
    return str(date.year) if years_only else f"{date.year:04d}-{date.month:02d}"


def _organisation(organisation):
    data = {
        "@type": "Organization",
        "name": str(organisation),
        "url": absolute_url(url_in(organisation, get_language())),
    }
    if organisation.website:
        data["sameAs"] = organisation.website
    return data


def _news_meta(item, language):
    description = item.lead or plain_text(item.body)
    image = image_url(item.image, kind="social")
    article = {
        "@type": "NewsArticle",
        "headline": Truncator(item.title).chars(110),
        "description": describe(description),
        "datePublished": item.publish_at.isoformat() if item.publish_at else None,
        "dateModified": item.updated_at.isoformat() if item.updated_at else None,
        "dateCreated": item.date.isoformat(),
        "inLanguage": language,
        "articleSection": str(item.get_kind_display()),
        "author": {"@id": f"{settings.SITE_URL}/#organisation"},
        "publisher": {"@id": f"{settings.SITE_URL}/#organisation"},
    }
    if image:
        article["image"] = [image]
    if item.place:
        article["contentLocation"] = {"@type": "Place", "name": item.place}
    return {
        "type": "article",
        "description": description,
        "image": image,
        "image_alt": item.image.alt_text if item.image_id else "",
        "data": article,
        "published": item.publish_at,
        "modified": item.updated_at,
        "section": "news",
    }


def _project_meta(project, language):
    description = project.summary or plain_text(project.description)
    roles = project.partner_roles.all()  # prefetched with their organisations by the detail view
    funders = [_organisation(role.organisation) for role in roles if role.role == Role.FUNDING]
    members = [_organisation(role.organisation) for role in roles if role.role != Role.FUNDING]
    first_image = next(iter(project.gallery.all()), None)  # prefetched with its images by the detail view
    image = image_url(first_image.image, kind="social") if first_image else ""
    data = {
        "@type": "Project",
        "name": project.title,
        "description": describe(description, 500),
        "foundingDate": project_date(project.start_date, project.years_only),
        "inLanguage": language,
    }
    if project.end_date:
        data["dissolutionDate"] = project_date(project.end_date, project.years_only)
    if funders:
        data["funder"] = funders
    if members:
        data["member"] = members
    places = [place.name for place in project.places.all() if place.name]
    if places:
        data["areaServed"] = [{"@type": "Place", "name": name} for name in places]
    if image:
        data["image"] = image
    return {
        "type": "website",
        "description": description,
        "image": image,
        "image_alt": first_image.image.alt_text if first_image else "",
        "data": data,
        "section": "projects",
    }


def _partner_meta(organisation, language):
    description = plain_text(organisation.description) or organisation.display_name
    image = image_url(organisation.logo, width=600)
    data = _organisation(organisation)
    data["description"] = describe(description, 500)
    if organisation.acronym and organisation.acronym != organisation.name:
        data["alternateName"] = organisation.acronym
    if organisation.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": organisation.country}
    if image:
        data["logo"] = image
    return {
        "type": "profile",
        "description": description,
        "image": image,
        "image_alt": organisation.name,
        "data": data,
        "section": "partners",
    }


def _page_meta(page, language):
    description = page.intro or plain_text(page.body)
    data = {"@type": "WebPage", "name": page.title, "description": describe(description), "inLanguage": language}
    return {"type": "website", "description": description, "image": "", "image_alt": "", "data": data, "section": None}


def _builder(obj):
    return {NewsItem: _news_meta, Project: _project_meta, Organisation: _partner_meta, Page: _page_meta}.get(type(obj))


def canonical_url(request):
    url = absolute_url(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


def page_meta(request, obj=None):
    """Everything the <head> needs for previews and structured data."""
    language = get_language()
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    url = canonical_url(request)
    home_url = absolute_url(reverse("portal:home"))
    graph = [site_organisation()]
    meta = {"type": "website", "description": str(DEFAULT_DESCRIPTION), "image": "", "image_alt": "", "section": None}
    title = str(VIEW_TITLES.get(view_name, settings.SITE_NAME))
    builder = _builder(obj) if obj is not None else None
    if builder:
        meta = builder(obj, language)
        title = str(obj)
        data = meta.pop("data")
        data.update({"url": url, "mainEntityOfPage": url})
        graph.append({key: value for key, value in data.items() if value not in (None, "", [])})
    if view_name == "portal:home":
        graph.append(
            {
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
        )
    else:
        crumbs = [(str(_("Home")), home_url)]
        section = meta.get("section")
        if section:
            crumbs.append((str(SECTION_TITLES[section]), absolute_url(reverse(f"{section}:list"))))
        if builder or view_name in VIEW_TITLES:
            crumbs.append((title, url))
        if len(crumbs) > 1:
            graph.append(
                {
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {"@type": "ListItem", "position": position, "name": name, "item": link}
                        for position, (name, link) in enumerate(crumbs, start=1)
                    ],
                }
            )
    image = meta.get("image") or absolute_url(static("img/apple-touch-icon.png"))
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
        "large_image": bool(meta.get("image")),
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
