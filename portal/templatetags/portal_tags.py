import datetime
import hashlib
import re

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils.html import format_html, strip_tags
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override

from core import cache as site_cache
from core import i18n
from core.richtext import render_rich_text
from editorial import catalogue
from library.richtext import with_library_images
from portal import latin
from portal.models import MenuItem
from portal.seo import canonical_url, page_meta
from projects.richtext import with_document_facts

register = template.Library()


@register.filter
def rich_text(value):
    """Render stored rich text, sanitised again on the way out, with its library images and the facts of the
    project documents it links to (each looked up only when the text has one)."""
    html = render_rich_text(value, images=with_library_images)
    return with_document_facts(html) if "/documents/" in html else html


SECTION_HEADING = re.compile(r"<h2>(.*?)</h2>", re.S)


@register.simple_tag
def page_sections(value):
    """{"html": the rendered rich text with an id on each <h2>, "sections": [(id, heading's text)]}:
    the "List of sections" layout of a page lists them at the top, each a link to its section."""
    sections = []

    def numbered(match):
        anchor = f"section-{len(sections) + 1}"
        sections.append((anchor, strip_tags(match.group(1)).strip()))
        return f'<h2 id="{anchor}">{match.group(1)}</h2>'

    html = SECTION_HEADING.sub(numbered, str(rich_text(value)))
    return {"html": mark_safe(html), "sections": sections}  # rendered and sanitised by rich_text


def menu_entries(context):
    """The menu of the page: the main menu and the footer share it.

    The items are read once per site version and language (any change to a menu
    item, a page or a catalogue bumps the version, and so does a page's publish
    time); the current entry is worked out once per render, kept in the
    context's ``render_memo``.
    """
    request = context.get("request")
    language = get_language()
    memo = context.get("render_memo")  # one render's memo (portal.context_processors.site)
    key = ("menu", language)
    if memo is not None and key in memo:
        return memo[key]
    path = request.path if request else ""
    entries = []
    for item in cache.get_or_set(**site_cache.fragment(f"menu:{language}"), default=MenuItem.visible):
        url = item["url"]
        current = url == path if item["home"] else bool(url) and path.startswith(url) and url.startswith("/")
        entries.append({"label": item["label"], "url": url, "current": current, "footer": item["footer"]})
    if memo is not None:
        memo[key] = entries
    return entries


@register.inclusion_tag("includes/menu.html", takes_context=True)
def main_menu(context):
    return {"entries": menu_entries(context)}


@register.inclusion_tag("includes/footer_menu.html", takes_context=True)
def footer_menu(context):
    return {"entries": [entry for entry in menu_entries(context) if entry["footer"]]}


ERROR_TEMPLATES = {"400.html", "403.html", "404.html", "500.html"}


def item_languages(context, obj=None):
    """The languages of the page's item (`obj`, default: the context's object; core.i18n.item_languages):
    worked out once per render for the hreflang links, the language switcher and the translation notice."""
    obj = obj if obj is not None else context.get("object")
    if obj is None:
        return None
    memo = context.get("render_memo")
    if memo is None:
        return i18n.item_languages(obj)
    # The object is kept with its answer: its id cannot be another object's during the render.
    key = ("languages", get_language(), id(obj))
    if key not in memo:
        memo[key] = (obj, i18n.item_languages(obj))
    return memo[key][1]


def alternate_urls(context):
    """The same page in every language: (code, url, available) triples.

    A translatable item links to its own address in each language (with the
    fallback language's slug where it has no translation, so the visitor stays
    on the item); other pages keep their path, filters and page number.
    """
    request = context.get("request")
    obj = context.get("object")
    current = get_language()
    query = request.GET.urlencode() if request is not None else ""
    template = getattr(context, "template", None)
    # A missing page has no equivalent: offer the other languages' home pages.
    # A bad request (400) keeps its query, so the visitor sees the same message.
    error_page = template is not None and template.name in {"404.html", "500.html"}
    languages = item_languages(context, obj)
    urls = []
    for code, _name in settings.LANGUAGES:
        url, available = None, True
        if languages is not None:
            url = languages["urls"][code]
            available = code in languages["available"]
            if url and query:
                url = f"{url}?{query}"
        elif request is not None and not (error_page and code != current):
            full_path = request.get_full_path()
            url = translate_url(full_path, code)
            if code != current and url == full_path:
                url = None  # a path that does not resolve: go to that language's home
        if not url:
            with override(code):
                url = reverse("portal:home")
        urls.append((code, url, available))
    return urls


def choose_url(code, url):
    """The switcher's link: /language/<code>/ remembers the choice (the only place that sets the cookie), then goes to `url`."""
    return f"{reverse('choose_language', args=[code])}?{urlencode({'next': url})}"


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Every language, and Belarusian in both alphabets (Cyrillic, then Łacinka), on the same item."""
    request = context.get("request")
    in_latin = getattr(request, "latin_script", False)
    current = get_language()
    languages = []
    for code, url, available in alternate_urls(context):
        info = get_language_info(code)
        entry = {
            "code": code,
            "name": info["name_local"][:1].upper() + info["name_local"][1:],
            "url": choose_url(code, url),
            "current": code == current and not in_latin,
            "available": available,
            "note": "",
        }
        if not available:
            shown = item_languages(context)["shown"][code]
            with override(code):
                entry["note"] = str(i18n.FALLBACK_NOTICES.get((code, shown), ""))
        languages.append(entry)
        if code == latin.SOURCE:
            languages.append(
                {
                    **entry,
                    "code": latin.TAG,
                    "name": latin.NAME,
                    "url": choose_url(latin.PREFIX, latin.latin_path(url)),
                    "current": code == current and in_latin,
                    "note": latin.to_latin(entry["note"]),
                }
            )
    return {"languages": languages}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for every language the page really exists in, plus x-default.

    An item shown in a fallback language is not a translation: it gets no
    alternates and is kept out of search engines (its real versions carry them).
    """
    request = context.get("request")
    template = getattr(context, "template", None)
    if request is None or (template is not None and template.name in ERROR_TEMPLATES):
        return {"links": [], "noindex": False}
    languages = item_languages(context)
    if languages is not None:
        if get_language() not in languages["available"]:
            return {"links": [], "noindex": True}
        return {"links": with_latin(languages["alternates"]), "noindex": False}
    return {"links": with_latin(i18n.page_alternates(request)), "noindex": False}


def with_latin(links):
    """The Łacinka version (be-Latn) next to every Belarusian one."""
    hosts = latin.known_hosts()
    result = []
    for code, url in links:
        result.append((code, url))
        if code == latin.SOURCE:
            result.append((latin.TAG, latin.latin_url(url, hosts)))
    return result


@register.inclusion_tag("includes/translation_notice.html", takes_context=True)
def translation_notice(context, obj=None):
    """The notice of a fallback or possibly outdated translation, in the visitor's language."""
    languages = item_languages(context, obj)
    return {"translation": languages["translation"] if languages is not None else None}


@register.simple_tag
def lang_attr(obj, field=None):
    """` lang="xx"` when `field` of `obj` (default: its title) is shown in another language than the page."""
    language = i18n.other_language(obj, field)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def lang_attrs(obj):
    """{field: lang_attr(obj, field)} for every text field of `obj`, worked out in one call:
    ``{% lang_attrs object as lang %}<h1{{ lang.title }}>``."""
    return {
        field: format_html(' lang="{}"', language) if language else ""
        for field, language in i18n.field_languages(obj).items()
    }


@register.simple_tag
def fallback_badge(obj):
    """A small "in English" label for a card shown in a fallback language."""
    shown = i18n.other_language(obj)
    return format_html('<span class="lang-badge">{}</span>', i18n.IN_LANGUAGE[shown]) if shown else ""


@register.inclusion_tag("includes/feed_links.html")
def feed_links(label="", **filters):
    """Visible links to the news feeds that match `filters` (kind, topic, partner, year), and to every feed."""
    query = urlencode({name: value for name, value in filters.items() if value})
    suffix = f"?{query}" if query else ""
    return {
        "label": label,
        "rss": reverse("portal:news_feed") + suffix,
        "atom": reverse("portal:news_feed_atom") + suffix,
    }


# --- Cards, rendered once per version of what they show ------------------------
#
# A card shows one item and a few things next to it. Its HTML is kept in the
# cache under a key made of exactly those things, so it survives every other
# change: after a publish every list is rendered again, but the cards of the
# items that did not change come from the cache, one round trip for a page.
# (The page cache, keyed by the whole-site version, cannot be that precise.)

CARD_TIMEOUT = 7 * 24 * 3600


def _stamp(value):
    return value.timestamp() if value else ""


def _image_stamp(image):
    """What a card shows of an image: its files (the renditions' names carry the focal point) and size."""
    if image is None:
        return ""
    return (image.pk, image.file.name, image.width, image.height, repr(sorted(image.renditions.items())))


def news_card_stamp(item):
    """The item's own fields and its image."""
    return (_stamp(item.updated_at), _image_stamp(item.image))


def partner_card_stamp(organisation):
    """The organisation's fields, its logo and its number of projects."""
    return (_stamp(organisation.updated_at), _image_stamp(organisation.logo), getattr(organisation, "project_count", 0))


def project_card_stamp(project):
    """The project's fields, the day (its phase), its donors' and leads' names and logos (the prefetched roles),
    its first picture and its places (drawn when there is no picture)."""
    roles = [
        (role.role, role.organisation_id, _stamp(role.organisation.updated_at), role.organisation.logo_id)
        for role in project.partner_roles.all()
    ]
    places = [(place.pk, place.name, place.latitude, place.longitude, place.kind) for place in project.places.all()]
    return (
        _stamp(project.updated_at),
        datetime.date.today().isoformat(),
        roles,
        _image_stamp(project.card_image),
        places,
    )


def event_card_stamp(event):
    """The event's fields and its places' names (the prefetched places)."""
    return (_stamp(event.updated_at), [(place.pk, place.name) for place in event.places.all()])


CARDS = {
    "news": ("includes/news_card.html", "item", news_card_stamp),
    "event": ("includes/event_card.html", "event", event_card_stamp),
    "partner": ("includes/partner_card.html", "organisation", partner_card_stamp),
    "project": ("includes/project_card.html", "project", project_card_stamp),
}


def card_key(kind, obj, stamp):
    language = f"{get_language()}:{catalogue.seen_catalogue_version()}"
    digest = hashlib.sha256(repr((obj.pk, stamp)).encode()).hexdigest()[:32]
    return f"ura:card:{kind}:{language}:{digest}"


@register.simple_tag(takes_context=True)
def cards(context, items, kind):
    """`<li>` and the card of each of `items` ("news", "event", "partner" or "project"), each made once per version."""
    template_name, name, stamp = CARDS[kind]
    items = list(items)
    keys = [card_key(kind, item, stamp(item)) for item in items]
    found = cache.get_many(keys) if keys else {}
    made = {}
    card_template = context.template.engine.get_template(template_name)
    parts = []
    for key, item in zip(keys, items, strict=True):
        html = found.get(key)
        if html is None:
            with context.push({name: item}):
                html = made[key] = card_template.render(context)
        parts.append(f"<li>{html}</li>")
    if made:
        cache.set_many(made, timeout=CARD_TIMEOUT)
    return mark_safe("".join(parts))  # rendered, and escaped, by the cards' templates


# --- What search engines and social networks read (portal.seo) ----------------------


def _seo_meta(context):
    """portal.seo.page_meta of the page, computed once per render and shared by both tags."""
    if "_seo_meta" not in context.render_context:
        request = context.get("request")
        obj = context.get("object")
        context.render_context["_seo_meta"] = page_meta(request, obj) if request is not None else None
    return context.render_context["_seo_meta"]


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_head(context):
    """Canonical URL, Open Graph and Twitter card, the news feeds, the OpenSearch link and the JSON-LD graph."""
    return {"seo": _seo_meta(context), "SITE_NAME": context.get("SITE_NAME", "")}


@register.simple_tag(takes_context=True)
def seo_description(context):
    """The page's description, for <meta name="description">."""
    meta = _seo_meta(context)
    return meta["description"] if meta else ""


@register.simple_tag(takes_context=True)
def page_address(context):
    """The page's canonical address (for the printout's footer)."""
    request = context.get("request")
    return canonical_url(request) if request is not None else ""
