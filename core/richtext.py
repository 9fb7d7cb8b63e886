"""Rich text shared by news, projects and pages.

Editors write in a ProseMirror editor (django-prose-editor), never raw HTML.
The HTML it produces is cleaned with an allow-list (nh3) when the model is
saved, whatever path the value took (admin form, shell, import), and again
when it is rendered, so nothing stored is trusted.

Besides text, a body holds tables, images from the library (``<img
data-file="id">`` in a ``<figure>``; the library renders them, see
library.richtext) and quotes. A video or a map is a link to it in a paragraph
of its own: the page shows a preview served by the site that names the
provider, and only a reader's click loads the provider's player
(``EMBED_PROVIDERS``; never HTML from the editor).
"""

import html
import math
import re
from functools import lru_cache
from urllib.parse import parse_qs, urlencode, urlsplit

import nh3
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField
from modeltranslation.fields import TranslationFieldDescriptor

from core.text import NAME_MARKUP

# How wide a library image is shown in a body (the editor's "Image: …" choice); "figure" is the editor's default.
FIGURE_CLASSES = {"figure", "figure-left", "figure-right"}


def _same_site_image(tag, attribute, value):
    """An image's address must be on this site (the library's renditions): no picture from elsewhere."""
    if tag == "img" and attribute == "src":
        return (
            value
            if value.startswith("/") and not value.startswith("//") or value.startswith(settings.MEDIA_URL)
            else None
        )
    return value


@lru_cache(maxsize=1)
def _cleaner():
    allow = allowlist_from_extensions(expand_extensions(settings.DJANGO_PROSE_EDITOR_DEFAULT_EXTENSIONS))
    attributes = {tag: set(attrs) for tag, attrs in allow.get("attributes", {}).items()}
    attributes.setdefault("a", set()).discard("rel")
    attributes["a"].discard("target")
    attributes.get("figure", set()).discard("class")
    return nh3.Cleaner(
        tags=set(allow["tags"]),
        attributes=attributes,
        allowed_classes={"figure": FIGURE_CLASSES},
        attribute_filter=_same_site_image,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# What a paste from Word or Google Docs brings besides text: Word's list bullets, drawn as text between
# "supportLists" markers, and <b>/<i> for bold and italic (but Google Docs wraps a whole paste in a <b> that
# is not bold).
WORD_LIST_BULLET = re.compile(r"<!\[if !supportLists\]>.*?<!\[endif\]>", re.S | re.I)
PLAIN_BOLD = re.compile(r"<b(?:\s(?![^>]*font-weight:\s*normal)[^>]*)?>", re.I)
PLAIN_ITALIC = re.compile(r"<i(?:\s[^>]*)?>", re.I)


# An image that is not from the library (it has no library number) is left out.
NOT_FROM_LIBRARY = re.compile(r'<img(?![^>]*\sdata-file="\d+")[^>]*>')


def _from_office(text):
    text = WORD_LIST_BULLET.sub("", text)
    if "<b" in text or "<B" in text:
        text = PLAIN_BOLD.sub("<strong>", text).replace("</b>", "</strong>").replace("</B>", "</strong>")
    if "<i" in text or "<I" in text:
        text = PLAIN_ITALIC.sub("<em>", text).replace("</i>", "</em>").replace("</I>", "</em>")
    return text


def sanitize_html(html):
    """Return `html` with everything outside the editor's allow-list removed."""
    if not html:
        return ""
    cleaned = _cleaner().clean(_from_office(str(html))).strip()
    if "<img" in cleaned:
        cleaned = NOT_FROM_LIBRARY.sub("", cleaned)
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned


def rich_text_html(value):
    """Stored rich text as it is published: sanitised again, and each name an editor marked with its
    Latin spelling ([[Леартай Холлай|Leartaj Hollaj]]) as <span data-latin="Leartaj Hollaj">Леартай
    Холлай</span>, which the Łacinka pages read (portal.latin_names). The mark is plain text in the
    editor, so it survives every edit."""

    def marked(match):
        latin = html.escape(html.unescape(match.group(2)).strip())
        return f'<span data-latin="{latin}">{match.group(1).strip()}</span>'

    return NAME_MARKUP.sub(marked, sanitize_html(value))


def render_rich_text(value, images=None):
    """Rich text for a template, marked safe: tables that scroll on a phone, embeds that wait for a click,
    quotes with their source. `images` draws the body's library images (library.richtext.with_library_images,
    a floor above this one); it gets the sanitised HTML before the site adds markup of its own."""
    html_text = rich_text_html(value)
    if images is not None and "<img" in html_text:  # only a body with an image has one to draw
        html_text = str(images(html_text))
    if "<table" in html_text:
        html_text = wrap_tables(html_text)
    if "://" in html_text:
        html_text = LONE_LINK.sub(_embed_or_link, html_text)
    if "<blockquote" in html_text:
        html_text = QUOTE_SOURCE.sub(_quote_with_source, html_text)
    return mark_safe(html_text)  # sanitised by nh3 in rich_text_html; what is added here is escaped


# --- Tables -------------------------------------------------------------------


def wrap_tables(html_text):
    """Each table in a box that scrolls sideways when the table is wider than the screen (a phone)."""
    opening = format_html(
        '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">', _("Table (scrolls sideways)")
    )
    return html_text.replace("<table>", f"{opening}<table>").replace("</table>", "</table></div>")


# --- Quotes -------------------------------------------------------------------

# A quote whose last paragraph starts with a dash names its source: "— Kaja Kallas, 2024".
QUOTE_SOURCE = re.compile(r"<blockquote>((?:(?!<blockquote>).)*?)<p>[—―–]\s*((?:(?!</p>).)+)</p></blockquote>", re.S)


def _quote_with_source(match):
    return (
        f'<figure class="quote"><blockquote>{match.group(1)}</blockquote>'
        f'<figcaption class="quote-source">— <cite>{match.group(2).strip()}</cite></figcaption></figure>'
    )


# --- Video and maps -------------------------------------------------------------

# A link alone in its paragraph (sanitised output: attributes in double quotes), or an address typed as text.
LONE_LINK = re.compile(r'<p><a href="([^"]+)"[^>]*>((?:(?!</a>).)*)</a></p>|<p>\s*(https?://[^\s<"]+)\s*</p>', re.S)
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def _youtube(url):
    host = url.hostname or ""
    parts = [part for part in url.path.split("/") if part]
    if host == "youtu.be" and parts:
        video = parts[0]
    elif host in {"youtube.com", "www.youtube.com", "m.youtube.com", "www.youtube-nocookie.com"}:
        if parts[:1] == ["watch"]:
            video = parse_qs(url.query).get("v", [""])[0]
        elif len(parts) == 2 and parts[0] in {"embed", "shorts", "live"}:
            video = parts[1]
        else:
            return None
    else:
        return None
    if not YOUTUBE_ID.match(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1", f"https://www.youtube.com/watch?v={video}"


def _vimeo(url):
    if (url.hostname or "") not in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        return None
    numbers = [part for part in url.path.split("/") if part.isdigit()]
    if not numbers:
        return None
    video = numbers[0]
    return f"https://player.vimeo.com/video/{video}?dnt=1&autoplay=1", f"https://vimeo.com/{video}"


def _openstreetmap(url):
    """A map at https://www.openstreetmap.org/#map=zoom/lat/lon (or ?mlat=…&mlon=…, with a marker)."""
    if (url.hostname or "") not in {"openstreetmap.org", "www.openstreetmap.org", "osm.org"}:
        return None
    query = parse_qs(url.query)
    fragment = parse_qs(url.fragment)
    try:
        if "map" in fragment:
            zoom, lat, lon = (float(part) for part in fragment["map"][0].split("/"))
        else:
            zoom, lat, lon = 15.0, float(query["mlat"][0]), float(query["mlon"][0])
    except (KeyError, ValueError):
        return None
    if not (0 <= zoom <= 20 and -85 <= lat <= 85 and -180 <= lon <= 180):
        return None
    zoom = round(zoom)
    # The box an 800 × 450 pixel map shows at that zoom (256-pixel tiles).
    half_width = 360 / 2**zoom * 800 / 256 / 2
    half_height = half_width * 450 / 800 * math.cos(math.radians(lat))
    bbox = f"{lon - half_width:.5f},{lat - half_height:.5f},{lon + half_width:.5f},{lat + half_height:.5f}"
    params = {"bbox": bbox, "layer": "mapnik"}
    if "mlat" in query:
        params["marker"] = f"{lat:.5f},{lon:.5f}"
    page = f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map={zoom}/{lat:.5f}/{lon:.5f}"
    return f"https://www.openstreetmap.org/export/embed.html?{urlencode(params)}", page


# name, kind ("video" or "map"), the frame's origin (also in the CSP's frame-src), parser of an address
EMBED_PROVIDERS = (
    ("YouTube", "video", "https://www.youtube-nocookie.com", _youtube),
    ("Vimeo", "video", "https://player.vimeo.com", _vimeo),
    ("OpenStreetMap", "map", "https://www.openstreetmap.org", _openstreetmap),
)


def embed_for(address):
    """(provider, kind, frame address, provider's page) of a video or map address we embed, else None."""
    try:
        url = urlsplit(html.unescape(address))
    except ValueError:
        return None
    if url.scheme not in {"http", "https"}:
        return None
    for name, kind, _origin, parse in EMBED_PROVIDERS:
        found = parse(url)
        if found:
            return name, kind, found[0], found[1]
    return None


def _embed_or_link(match):
    address, text = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), "")
    found = embed_for(address)
    if not found:
        return match.group(0)
    provider, kind, frame, page = found
    title = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
    if title == html.unescape(address):  # the bare address: nothing to show as a title
        title = ""
    if kind == "video":
        # Translators: %(provider)s is a video site (YouTube, Vimeo); nothing is loaded from it before the click
        action = _("Play the video from %(provider)s") % {"provider": provider}
    else:
        # Translators: %(provider)s is a map service (OpenStreetMap); nothing is loaded from it before the click
        action = _("Show the map from %(provider)s") % {"provider": provider}
    # Translators: %(provider)s is a video site or map service; explains why the page shows a preview first
    notice = _("Nothing is loaded from %(provider)s until you click.") % {"provider": provider}
    return format_html(
        '<figure class="embed embed-{kind}" data-embed-src="{frame}" data-embed-title="{title}">'
        '<a class="embed-load" href="{page}" rel="noopener noreferrer nofollow">'
        '<img src="{preview}" alt="" width="800" height="450" loading="lazy">'
        '<span class="embed-provider" aria-hidden="true">{provider}</span><span class="embed-action">{action}</span></a>'
        '<figcaption>{title_html}<span class="embed-notice">{notice}</span></figcaption></figure>',
        kind=kind,
        frame=frame,
        title=title or provider,
        page=page,
        preview=static(f"img/embed-{kind}.svg"),
        provider=provider,
        action=action,
        title_html=mark_safe(text) if title else "",  # sanitised by nh3
        notice=notice,
    )


RICH_TEXT_HELP = gettext_lazy(
    "An image: the picture button, then “Browse...” to choose it from the library. "
    "A video (YouTube, Vimeo) or a map (OpenStreetMap): paste its address alone on a line; readers see a "
    "preview and load it with a click. The source of a quote: a last line in the quote that starts with “—”. "
    "A project’s document: a link to its address on the project’s page; readers see its type, size and language."
)


class RichTextField(ProseEditorField):
    """A text field edited with the rich-text editor and sanitised on save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(settings.DJANGO_PROSE_EDITOR_DEFAULT_EXTENSIONS))
        kwargs.setdefault("help_text", RICH_TEXT_HELP)
        kwargs["sanitize"] = sanitize_html
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        # The untranslated column of a translated field is read through
        # modeltranslation's fallback; writing the value back would store another
        # language's text as the current language's translation.
        if not isinstance(getattr(type(model_instance), self.attname, None), TranslationFieldDescriptor):
            setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        if kwargs.get("help_text") == RICH_TEXT_HELP:
            kwargs.pop("help_text")  # the editor's how-to, not part of the schema
        return name, "core.richtext.RichTextField", args, kwargs
