"""Belarusian in Łacinka: every Belarusian page also at ``/be-latn/``, converted from the Cyrillic one.

Łacinka is another alphabet of the same language, not another translation:
the content keeps its three translations (be, sq, en) and the interface its
three catalogues. ``LocaleMiddleware`` (Django's, which picks the request's
language) serves ``/be-latn/<path>`` by
rendering ``/be/<path>`` and converting the answer with latynkatar (modern
Łacinka: č, š, ž, ŭ, ł):

- HTML: every text node and the human-text attributes (``alt``, ``title``,
  ``placeholder``, ``aria-label``, the description and social-preview
  ``<meta>``); ``lang="be"`` becomes ``lang="be-Latn"``. Elements marked with
  another language (``lang="en"``) are left alone, and so is a link that
  names the Cyrillic version itself (``hreflang="be"``); so are scripts,
  styles, comments, URLs and every other attribute.
- Feeds and other XML: every text node, and ``<language>``.
- JSON (the structured data in ``<script type="application/ld+json">`` and the
  open-data exports under ``/be-latn/export/``): every human-text string
  value; addresses of this site's Belarusian pages point to ``/be-latn/``;
  ``inLanguage`` and the export's ``language`` become ``be-Latn``; types,
  identifiers, codes, e-mail addresses and dates are left alone. HTML inside
  (``body_html``) is converted like a page.
- Calendars (``text/calendar``, the events' iCalendar feeds): the text of
  every title, description, place and calendar name, read and written again
  by the icalendar library (so that no folded line splits a word); the
  events' addresses point to ``/be-latn/``. UIDs stay the same: an event is
  one event in either alphabet.
- Links to ``/be/…`` on this site (relative, or absolute on a host the site
  answers on) become ``/be-latn/…``, with the same Belarusian slugs, so that
  ``/be/news/<slug>/`` and ``/be-latn/news/<slug>/`` are the same item.
  Redirects are rewritten the same way.

It sits inside the page cache (``portal.page_cache``), which keys pages by
their requested path and the query parameters their view reads: a converted
page is stored like any other and served from the cache without being
converted again, whatever else the query string holds.
"""

import json
import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from icalendar import Calendar, vText, vUri
from latynkatar import CyrLatConverter
from latynkatar.const import CYRRILIC_ALPHABET
from latynkatar.converters.abs_converter import AbstractConverter

from portal import latin_names

PREFIX = "be-latn"
TAG = "be-Latn"
SOURCE = "be"
NAME = "Łacinka"

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Tokens of a page: comments, scripts and styles whole (left alone), other tags, and the text between them.
TOKENS = re.compile(
    r"(<!--.*?-->|<!\[CDATA\[.*?\]\]>|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[!?/]?[A-Za-z][^>]*>)",
    re.S | re.I,
)
TAG_NAME = re.compile(r"<(/?)([A-Za-z][\w:.-]*)")
ATTRIBUTE = re.compile(r"""(\s)([\w:.-]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TEXT_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "label"}
# Feeds, OPML: Atom categories carry their text in `term`, OPML outlines in `text`.
FEED_TEXT_ATTRIBUTES = {"term", "text"}
URL_ATTRIBUTES = {"href", "action", "src", "formaction", "template"}
TEXT_META = {
    "description",
    "og:title",
    "og:description",
    "og:image:alt",
    "og:site_name",
    "twitter:title",
    "twitter:description",
    "twitter:image:alt",
}
URL_META = {"og:url"}
# JSON keys whose values are names for machines, not text for readers.
UNCONVERTED_KEYS = {
    "@context",
    "@type",
    "@id",
    "@language",
    "inLanguage",
    "identifier",
    "iati_identifier",
    "email",
    "telephone",
    "slug",
    "kind",
    "phase",
    "role",
    "our_role",
    "category",
    "content_type",
    "encodingFormat",
    "country",
    "addressCountry",
    "language",
    "source_language",
    "dataset",
    "query-input",
}
LD_JSON = re.compile(
    r"""(<script\b[^>]*\btype\s*=\s*["']application/ld\+json["'][^>]*>)(.*?)(</script\s*>)""", re.S | re.I
)
CONVERTED_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/opensearchdescription+xml",
    "text/x-opml",
    "application/json",
    "text/calendar",
)
# The text properties of a calendar and its events that readers see.
CALENDAR_TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "X-WR-CALDESC")


# latynkatar keeps the typographic apostrophes (’ and ʼ) but drops the ASCII one
# ("Аб'ява" would become "Abjava"): it goes through as ʼ and comes back.
ASCII_APOSTROPHE, STAND_IN = "'", "\u02bc"

# How latynkatar reads a text: a run of letters (characters whose lower case is in
# its alphabet, the ASCII apostrophe included) is a word, and everything else is
# copied as it is. A letter's Latin form depends on the letter before it and the
# two after it within its word, and on nothing past the word's ends. So a text
# converts word by word to exactly what latynkatar makes of it whole
# (tests/portal/test_latin_words.py), and a word met before is not converted again.
LETTERS = sorted(set(CYRRILIC_ALPHABET) | {letter.upper() for letter in CYRRILIC_ALPHABET})
WORD = re.compile("[" + "".join(re.escape(letter) for letter in LETTERS) + "]+")
# Words remembered per process: some tens of thousands of distinct words, up to a
# few megabytes. Longer "words" (no real word is) are converted every time, not kept.
WORDS_KEPT = 32768
LONGEST_KEPT_WORD = 40


class _JoinedLetters(AbstractConverter):
    """latynkatar's letter loop (``AbstractConverter.convert``) collecting its result in a list.

    The library adds each letter to its result with ``+=``, and each addition may
    copy the whole result so far: once the allocator cannot grow the string in
    place, as happens in a long-running server, n letters cost n²/2 copied
    characters (200,000 letters: 2.5 s instead of 0.2 s). Same steps, same state,
    joined once at the end; the alphabet is looked up in a set rather than a list.
    """

    def convert(self):
        text, alphabet, parts = self._text, frozenset(self._current_alphabet), []
        self._index = 0
        while self._index < len(text):
            if text[self._index].lower() in alphabet:
                self._in_word_now = True
                parts.append(self._convert_letter())
                self._previos_letters.append(text[self._index])
            else:
                self._in_word_now = False
                parts.append(text[self._index])
                self._previos_letters = []
            self._index += 1
        return "".join(parts)


class _Converter(CyrLatConverter, _JoinedLetters):
    """latynkatar's Cyrillic-to-Łacinka rules over the loop above (``CyrLatConverter.convert`` calls it)."""


def _latynkatar(text):
    return _Converter(text).convert()


@lru_cache(maxsize=WORDS_KEPT)
def _known_word(word):
    return _latynkatar(word)


def _word(match):
    word = match.group()
    return _known_word(word) if len(word) <= LONGEST_KEPT_WORD else _latynkatar(word)


def to_latin(text):
    """`text` in Łacinka (modern rules); text without Cyrillic letters comes back as it is.

    Linear in the length of the text: word by word, each distinct word converted once.
    """
    if not text or not CYRILLIC.search(text):
        return text
    if ASCII_APOSTROPHE in text and STAND_IN not in text:
        return WORD.sub(_word, text.replace(ASCII_APOSTROPHE, STAND_IN)).replace(STAND_IN, ASCII_APOSTROPHE)
    return WORD.sub(_word, text)


def is_latin_path(path):
    return path == f"/{PREFIX}" or path.startswith(f"/{PREFIX}/")


def source_path(path):
    """`/be-latn/…` → `/be/…`: the Cyrillic page a Łacinka address is made from."""
    return f"/{SOURCE}{path[len(PREFIX) + 1 :] or '/'}"


def latin_path(url):
    """`/be/…` → `/be-latn/…` (other addresses unchanged)."""
    if url == f"/{SOURCE}" or url.startswith(f"/{SOURCE}/"):
        return f"/{PREFIX}{url[len(SOURCE) + 1 :]}"
    return url


def known_hosts():
    hosts = {urlsplit(settings.SITE_URL).netloc.lower()}
    hosts.update(host.lower() for host in getattr(settings, "SITE_MIRRORS", ()))
    if getattr(settings, "ONION_HOST", ""):
        hosts.add(settings.ONION_HOST.lower())
    return hosts


def latin_url(url, hosts):
    """The Łacinka address of `url` when it is a Belarusian page of this site."""
    if url.startswith("/") and not url.startswith("//"):
        return latin_path(url)
    if url.startswith(("http://", "https://")):
        parts = urlsplit(url)
        if parts.netloc.lower() in hosts:
            path = latin_path(parts.path)
            if path != parts.path:
                return url.replace(parts.path, path, 1)
    return url


def _encoded_links(hosts):
    """This site's Belarusian addresses inside other addresses' queries (share links: ?u=https%3A%2F%2F…%2Fbe%2F…)."""
    names = "|".join(re.escape(quote(host, safe="")) for host in sorted(hosts))
    return re.compile(rf"(https?%3A%2F%2F(?:{names}))%2F{SOURCE}%2F", re.I)


def _absolute_links(hosts):
    names = "|".join(re.escape(host) for host in sorted(hosts))
    return re.compile(rf"(https?://(?:{names}))/{SOURCE}(?=[/?#<\"'\s]|$)")


class Converter:
    def __init__(self, hosts, feed=False):
        self.hosts = hosts
        self.feed = feed
        self.links = _absolute_links(hosts)
        self.encoded_links = _encoded_links(hosts)

    def attributes(self, tag, markup, converting):
        attributes = {
            match.group(2).lower(): match.group(4) or match.group(5) or "" for match in ATTRIBUTE.finditer(markup)
        }
        lang = attributes.get("lang", attributes.get("language") if self.feed else None)
        # A link that names the Cyrillic page (hreflang alternates, the switcher) stays as it is;
        # a typed link (<link type="application/rss+xml" hreflang="be">) is this page's feed, in Łacinka.
        typed = tag == "link" and bool(attributes.get("type"))
        cyrillic_link = attributes.get("hreflang") == SOURCE and not typed
        meta = (attributes.get("name") or attributes.get("property") or "").lower() if tag == "meta" else ""

        def replace(match):
            name, value = match.group(2).lower(), match.group(4) if match.group(4) is not None else match.group(5)
            if (name in ("lang", "xml:lang") or (name == "language" and self.feed)) and value == SOURCE:
                if cyrillic_link:
                    return match.group(0)
                value = TAG
            elif name == "hreflang" and value == SOURCE and typed:
                value = TAG
            elif (name in TEXT_ATTRIBUTES or (name in FEED_TEXT_ATTRIBUTES and self.feed)) and converting:
                value = to_latin(value)
            elif name == "content" and converting and meta in TEXT_META:
                value = to_latin(value)
            elif (
                (name in URL_ATTRIBUTES and not cyrillic_link)
                or (name == "xmlurl" and not cyrillic_link)
                or (name == "content" and meta in URL_META)
            ):
                value = self.encoded_links.sub(rf"\1%2F{PREFIX}%2F", latin_url(value, self.hosts))
            else:
                return match.group(0)
            mark = '"' if match.group(4) is not None else "'"
            return f"{match.group(1)}{match.group(2)}{match.group(3)}{mark}{value}{mark}"

        return ATTRIBUTE.sub(replace, markup), lang, cyrillic_link

    def html(self, text):
        """Convert a page (or an XML document): see the module's docstring."""
        out = []
        stack = []  # (tag, converting)
        for index, token in enumerate(TOKENS.split(text)):
            converting = stack[-1][1] if stack else True
            if index % 2 == 0:
                out.append(self.links.sub(rf"\1/{PREFIX}", to_latin(token) if converting else token))
                continue
            match = TAG_NAME.match(token)
            if not match:
                out.append(token)  # comment, CDATA, script, style, doctype
                continue
            closing, tag = match.group(1), match.group(2).lower()
            if closing:
                while stack:
                    if stack.pop()[0] == tag:
                        break
                out.append(token)
                continue
            if tag == "script":
                # Its own tag's addresses like any other; its content stays, but for structured data.
                opening, _, rest = token.partition(">")
                opening = self.attributes(tag, opening + ">", converting)[0]
                out.append(self.json_ld(opening + rest) if converting else opening + rest)
                continue
            token, lang, cyrillic_link = self.attributes(tag, token, converting)
            if lang is not None:
                converting = lang in (SOURCE, TAG) and not cyrillic_link
            if tag not in VOID and not token.endswith("/>"):
                stack.append((tag, converting))
            out.append(token)
        return "".join(out)

    def url(self, value):
        return self.encoded_links.sub(rf"\1%2F{PREFIX}%2F", latin_url(value, self.hosts))

    def data(self, value, key=None):
        """A parsed JSON value with its text in Łacinka and its Belarusian addresses at /be-latn/."""
        if isinstance(value, dict):
            return {name: self.data(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [self.data(item, key) for item in value]
        if not isinstance(value, str):
            return value
        if key == "inLanguage" and value == SOURCE:
            return TAG
        if key in UNCONVERTED_KEYS:
            return value
        if value.startswith(("http://", "https://", "/")):
            return self.url(value)
        if key and key.endswith("_html"):
            return self.html(value)
        return to_latin(value)

    def json_ld(self, token):
        """A ``<script type="application/ld+json">`` block converted (other scripts come back unchanged)."""
        match = LD_JSON.fullmatch(token)
        if not match:
            return token
        try:
            data = json.loads(match.group(2))
        except ValueError:
            return token
        text = json.dumps(self.data(data), ensure_ascii=False, separators=(",", ":"))
        # Escaped as the page escapes it (portal.seo.json_ld): no "</script>" can end the block early.
        text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
        return f"{match.group(1)}{text}{match.group(3)}"

    def json(self, text):
        """An open-data export (``opendata.exports``): its text in Łacinka, its ``language`` ``be-Latn``."""
        try:
            data = json.loads(text)
        except ValueError:
            return text
        data = self.data(data)
        if isinstance(data, dict) and data.get("language") == SOURCE:
            data["language"] = TAG
        return json.dumps(data, ensure_ascii=False, indent=1)

    def text(self, value):
        """Plain text in Łacinka, with this site's Belarusian addresses in it at /be-latn/."""
        return self.links.sub(rf"\1/{PREFIX}", to_latin(value))

    def calendar(self, text):
        """An iCalendar text with its readable text in Łacinka and its event addresses at /be-latn/."""
        cal = Calendar.from_ical(text)
        for component in cal.walk():
            for name in CALENDAR_TEXT:
                if name in component:
                    component[name] = vText(self.text(latin_names.apply(str(component[name]))))
            if "CATEGORIES" in component:
                names = [to_latin(str(name)) for name in component["CATEGORIES"].cats]
                del component["CATEGORIES"]
                component.add("categories", names)
            if "URL" in component:
                component["URL"] = vUri(self.url(str(component["URL"])))
        return cal.to_ical().decode()

    def xml(self, text):
        text = self.html(text)
        return re.sub(r"<(language|Language)>be</\1>", rf"<\1>{TAG}</\1>", text)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """The request's language and script: Django's LocaleMiddleware, and ``/be-latn/…`` as ``/be/…`` in Łacinka.

    A Łacinka address is read as its Cyrillic one, and the answer converted
    (see the module's docstring); every other request is Django's alone. Place
    it after PageCacheMiddleware (which compresses and stores the converted
    answer) and before CommonMiddleware (which reads the rewritten path).
    """

    async_capable = False

    def __call__(self, request):
        if not is_latin_path(request.path_info):
            request.latin_script = False
            if request.path_info == "/" and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) == PREFIX:
                # The reader chose Łacinka (Django would take the cookie for Cyrillic "be").
                response = HttpResponseRedirect(f"/{PREFIX}/")
                patch_vary_headers(response, ("Cookie",))
                return response
            return super().__call__(request)
        request.latin_script = True
        original = request.path_info
        if original == f"/{PREFIX}":
            # One address per page, as /be and /en answer: the home page is /be-latn/.
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{request.path}/" + (f"?{query}" if query else ""))
        request.path_info = source_path(original)
        request.path = request.path[: len(request.path) - len(original)] + request.path_info
        return convert(request, super().__call__(request))


def convert(request, response):
    """`response` to `request` (a Łacinka address read as its Cyrillic one) converted to Łacinka."""
    try:
        hosts = known_hosts() | {request.get_host().lower()}
    except DisallowedHost:
        return response  # a host the site does not serve: its 400 page, as it is
    content_type = response.get("Content-Type", "")
    converter = Converter(hosts, feed=not content_type.startswith("text/html"))
    for header in ("Location", "Onion-Location"):
        if response.has_header(header):
            response[header] = latin_url(response[header], hosts)
    if response.streaming or response.has_header("Content-Encoding") or not content_type.startswith(CONVERTED_TYPES):
        return response
    charset = response.charset or "utf-8"
    if content_type.startswith("text/calendar"):
        # Property by property (a folded line may split a word), the foreign names in each.
        text = converter.calendar(response.content.decode(charset))
    else:
        text = latin_names.apply(response.content.decode(charset))  # foreign names in their own spelling
        if content_type.startswith("text/html"):
            text = converter.html(text)
        elif content_type.startswith("application/json"):
            text = converter.json(text)
        else:
            text = converter.xml(text)
    response.content = text.encode(charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    if response.has_header("Content-Language"):
        response["Content-Language"] = TAG
    return response
