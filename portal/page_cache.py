"""The page cache for anonymous visitors, HTTP caching headers and compression.

``PageCacheMiddleware`` stores the whole answer to an anonymous GET (HTML
pages, feeds, sitemaps, exports, search) in the shared cache (Redis in
production, local memory in the quick start), keyed by scheme, host, path,
the query parameters the page's view reads, the negotiated compression, and
the site version (core.cache): any content change makes every stored page
stale at once, on every server, and no entry outlives the next scheduled
publish time.

Query strings: each view declares the parameters it reads
(core.views.query_parameters). An anonymous request's query string is cut to
those, one value each, empty ones dropped, in the view's order, before the
view sees it, and the page is stored under that canonical query alone: a
made-up parameter (``?cb=<random>``), a tracking one, a reordering or
``?preview=1`` without a signed-in user all lead to the same entry, which is
served at once. They are ignored rather than redirected: the filter forms
(which send their empty fields) and shared links with tracking parameters get
their page without a second round trip, and no permanent redirect is left in
a browser's cache that could later shadow an editor's preview link. Search
engines learn the one address from ``<link rel="canonical">``.

While Redis is unreachable, the page cache is bypassed (``cache_reachable``):
no server falls back to a copy of its own that would miss another server's
publish.

Who bypasses it: signed-in users (a session cookie whose session holds a
user: staff, editors; a session or messages cookie alone is not enough, see
``signed_in``), the admin and the catalogue editor, every method but GET and
HEAD. What is never stored: answers other than 200, answers that set a
cookie, or that say private or no-store (previews, forms with a CSRF token).

Stored pages carry ``Cache-Control: public, max-age, s-maxage``, an ``ETag``
(a hash of the body) and ``Last-Modified`` (when the page was rendered: no
change since, or the version would have moved on); every answer then goes
through Django's conditional GET (``ConditionalGetMiddleware``'s), which
answers 304 to matching conditional requests, hits and misses alike.

Compression and BREACH: every answer that passes through here, stored or not,
leaves compressed (``compress``): HTML, XML, JSON and text, with brotli or gzip. The cached anonymous pages hold no secret (no
CSRF token, no session data, nothing about the visitor), so BREACH has nothing
to recover from them. Answers that used a CSRF token (admin forms, the login
page) are left to Django's GZipMiddleware, which adds its random padding
("Heal the BREACH").
"""

import hashlib
import re
import time
from importlib import import_module
from urllib.parse import urlencode

import brotli
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.middleware.http import ConditionalGetMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from core import cache as site_cache
from core.views import query_parameters
from editorial import catalogue
from portal import latin
from portal.middleware import service_unavailable

BYPASS_PREFIXES = ("/admin/", "/media/", "/static/", "/healthz", "/language/")
# What a session key Django made is written with (32 of them), and the most a stored one holds.
SESSION_KEY_CHARACTERS = frozenset(VALID_KEY_CHARS)
LONGEST_SESSION_KEY = 40
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript|opensearchdescription\+xml))")
MIN_COMPRESS_LENGTH = 200
UNNAMED_IDENTITY = 0.0001  # below any q-value a client can write (three decimals at most)
# Headers a stored page keeps; the outer middleware (security headers) adds its own again.
DROPPED_HEADERS = {"set-cookie", "date"}


def encoding_weights(header):
    """The q-value the Accept-Encoding `header` gives each of our codings: {"br": 1.0, "gzip": 0.5, "": 1.0}.

    RFC 9110, section 12.5.3: codings are case-insensitive and weighted by
    ``;q=`` (default 1, q=0 means "not acceptable"); ``*`` stands for every
    coding not named; "identity" ("" here) is acceptable unless refused by name
    or by ``*;q=0``, and comes last when not named. An entry that cannot be
    read counts as not there.
    """
    named, other = {}, None
    for item in header.split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        coding = coding.lower()
        if not coding:
            continue
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    weight = None
        if weight is None or weight != weight:  # unreadable, or NaN
            continue
        if coding == "*":
            other = weight
        else:
            named[{"x-gzip": "gzip", "identity": ""}.get(coding, coding)] = weight
    weights = {coding: named.get(coding, other if other is not None else 0.0) for coding in ("br", "gzip")}
    # Unnamed, "identity" is acceptable but wanted least: any coding the client accepts goes first.
    weights[""] = named.get("", other if other is not None else UNNAMED_IDENTITY)
    return weights


def accepted_encoding(request):
    """The compression this request gets: "br", "gzip" or "" (none).

    The coding the client weights highest; between equal weights, brotli, then
    gzip, then none. A coding with q=0 is never used; when the client refuses
    every one, the page goes uncompressed (RFC 9110 allows that answer).
    """
    weights = encoding_weights(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    best = max(("br", "gzip", ""), key=lambda coding: weights[coding])  # max keeps the first of equals
    return best if weights[best] > 0 else ""


def is_cacheable_request(request):
    """A GET or HEAD of a page the shared cache may hold (not the admin, media, health or language choice)."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(BYPASS_PREFIXES)


def signed_in(request):
    """True when the request carries the session of a signed-in user.

    Only such a request skips the shared cache (and gets a private answer). A
    session cookie that names no session, or a session without a user, is an
    anonymous visitor's: it costs one lookup of the session, not a render. The
    messages cookie is not looked at: only the admin adds messages, for users who
    are signed in. When the session cannot be read (the database is away) the
    request is treated as signed in: never a shared page for someone who may be.
    """
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    if not key or len(key) > LONGEST_SESSION_KEY or not SESSION_KEY_CHARACTERS.issuperset(key):
        return False  # no session was ever stored under it (a NUL would not even reach the query)
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    try:
        return SESSION_KEY in session
    except DatabaseError:
        return True


def declared_parameters(request):
    """The query parameters the view of the request's address reads, or None when no view answers there."""
    path = request.path_info
    if path.startswith(f"/{latin.PREFIX}/"):  # "/be-latn" alone is a redirect (portal.latin)
        path = latin.source_path(path)
    try:
        # i18n_patterns match the prefix of the active language only.
        with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
            match = resolve(path)
    except Resolver404:
        return None
    return query_parameters(match.func)


def canonicalise_query(request):
    """Cut the query string to what the view reads (see the module's docstring on query strings).

    One value per parameter (the last, which is the one a view reads), no empty
    ones, in the view's order. An address no view answers (a 404, or a redirect
    Django makes: a missing slash or language prefix) keeps its query: such an
    answer is never stored.
    """
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    names = declared_parameters(request)
    if names is None:
        return
    canonical = urlencode([(name, request.GET[name]) for name in names if request.GET.get(name)])
    if canonical != query:
        request.META["QUERY_STRING"] = canonical
        request.__dict__.pop("GET", None)  # parsed again from the new query string


def is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def cache_reachable():
    """False while the shared cache (Redis) is being skipped after a failure.

    Then every page is built afresh: the site version lives only in the shared
    cache, and a copy kept by this server alone would not move when another
    server publishes, so nothing is served from, or stored in, any cache until
    Redis answers again (core.cache_backend retries every CACHE_RETRY_SECONDS).
    """
    return getattr(cache, "available", True)


def _vary_without_cookie(response):
    if response.has_header("Vary"):
        kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


class PageCacheMiddleware:
    """Whole pages for anonymous visitors, exact to the site version, and compressed answers for everyone.

    See the module's docstring. Place it after SecurityMiddleware and WhiteNoise,
    before everything that reads sessions, cookies or users.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_age = settings.PAGE_CACHE_MAX_AGE
        self.shared_max_age = settings.PAGE_CACHE_SHARED_MAX_AGE
        self.timeout = settings.PAGE_CACHE_TIMEOUT

    def key(self, request):
        """The page's key: scheme, host, path and canonical query, compression, and the catalogues loaded.

        The site version is not in the key but in the entry (``to_entry``): one
        round trip reads the version and the page together, and a page stored
        under an older version is a miss that the fresh page overwrites.
        """
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        url = f"{request.scheme}://{host}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode()).hexdigest()
        catalogues = "" if catalogue.loaded_version is None else catalogue.loaded_version
        return f"ura:page:{catalogues}:{accepted_encoding(request)}:{digest}"

    def __call__(self, request):
        if time.monotonic() >= catalogue.next_check:
            # The interface catalogues other processes saved, before a page's key names them (editorial.catalogue).
            catalogue.check_catalogues()
        with site_cache.request_scope() as scope:
            private = request.path.startswith("/admin/") or signed_in(request)
            if not private and is_cacheable_request(request):
                canonicalise_query(request)
                response = self.anonymous(request, scope)
            else:
                response = compress(request, self.get_response(request))
                if private and not response.has_header("Cache-Control"):
                    # Staff and signed-in pages: never in a shared cache.
                    patch_cache_control(response, private=True, no_store=True)
        # 304 to a conditional GET whose copy is current: stored pages and fresh ones alike.
        return CONDITIONAL_GET.process_response(request, response)

    def anonymous(self, request, scope):
        key = self.key(request)
        if key is None:
            return compress(request, self.get_response(request))
        try:
            found = cache.get_many([site_cache.VERSION_KEY, key])
            state = site_cache.fresh_state(found.get(site_cache.VERSION_KEY))
        except DatabaseError as error:
            # The database is away or locked (the next publish time cannot be read): the
            # translated 503 at once, rather than a second wait in the view.
            with translation.override(translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE):
                return service_unavailable(request, error)
        if not cache_reachable():
            # Redis failed while the version was read: the version may not be the one
            # the other servers see, so nothing is read or stored under it.
            return self.bypass(request)
        scope["state"] = state  # the rest of the request uses the version read here
        entry = found.get(key)
        if entry is not None and entry[0] == state["counter"]:
            return self.from_entry(entry)
        response = compress(request, self.get_response(request))
        if request.method == "GET" and is_storable(response):
            lifetime = site_cache.seconds_to_next_publish(state, self.timeout)
            self.mark_public(response, min(self.max_age, lifetime), min(self.shared_max_age, lifetime))
            cache.set(key, self.to_entry(response, state["counter"]), timeout=lifetime)
            response["X-Cache"] = "miss"
        return response

    def bypass(self, request):
        response = compress(request, self.get_response(request))
        response["X-Cache"] = "bypass"
        return response

    def mark_public(self, response, max_age, shared_max_age):
        _vary_without_cookie(response)
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=shared_max_age)
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())

    @staticmethod
    def to_entry(response, counter):
        headers = {name: value for name, value in response.items() if name.lower() not in DROPPED_HEADERS}
        return (counter, response.status_code, headers, response.content)

    @staticmethod
    def from_entry(entry):
        _counter, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=headers)
        response["X-Cache"] = "hit"
        return response


def used_csrf_token(request, response):
    """Did the answer use a CSRF token? Django then sets the cookie again (CsrfViewMiddleware, inside this one).

    CsrfViewMiddleware clears CSRF_COOKIE_NEEDS_UPDATE once it has set the cookie,
    so by the time the answer gets here only the cookie tells.
    """
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or settings.CSRF_COOKIE_NAME in response.cookies


def compress(request, response):
    """The answer in brotli or gzip, for HTML, XML, JSON and text (see the module's docstring on BREACH).

    Brotli only for answers that used no CSRF token; the others get Django's
    gzip with its BREACH padding (or, when brotli was asked for but cannot be
    used, gzip if the client takes it).
    """
    if (
        response.streaming
        or response.has_header("Content-Encoding")
        or len(response.content) < MIN_COMPRESS_LENGTH
        or not COMPRESSIBLE.match(response.get("Content-Type", ""))
    ):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = accepted_encoding(request)
    if encoding == "br" and used_csrf_token(request, response):
        accepts_gzip = encoding_weights(request.META.get("HTTP_ACCEPT_ENCODING", ""))["gzip"] > 0
        encoding = "gzip" if accepts_gzip else ""
    if encoding == "gzip":
        return GZIP.process_response(request, response)
    if encoding != "br":
        return response
    compressed = brotli.compress(response.content, quality=settings.BROTLI_QUALITY)
    if len(compressed) >= len(response.content):
        return response
    response.content = compressed
    response["Content-Length"] = str(len(compressed))
    response["Content-Encoding"] = "br"
    if response.has_header("ETag") and response["ETag"].startswith('"'):
        response["ETag"] = "W/" + response["ETag"]
    return response


# Django's gzip (with its BREACH padding) and conditional GET, used as functions: they keep no state.
GZIP = GZipMiddleware(lambda request: None)
CONDITIONAL_GET = ConditionalGetMiddleware(lambda request: None)
