"""The page cache for anonymous visitors, HTTP caching headers and compression.

``PageCacheMiddleware`` stores the whole answer to an anonymous GET (HTML
pages, feeds, sitemaps, exports, search) in the shared cache (Redis in
production, local memory in the quick start), keyed by scheme, host, full path
with its query string, the negotiated compression, and the site version
(core.cache): any content change makes every stored page stale at once, on
every server, and no entry outlives the next scheduled publish time.

While Redis is unreachable, the page cache is bypassed (``cache_reachable``):
no server falls back to a copy of its own that would miss another server's
publish.

Who bypasses it: requests with a session or messages cookie (staff, editors,
anyone who logged in), the admin and the catalogue editor, previews
(``?preview=``), every method but GET and HEAD. What is never stored: answers
other than 200, answers that set a cookie, or that say private or no-store
(previews, forms with a CSRF token).

Stored pages carry ``Cache-Control: public, max-age, s-maxage``, an ``ETag``
(a hash of the body) and ``Last-Modified`` (when the page was rendered: no
change since, or the version would have moved on);
``django.middleware.http.ConditionalGetMiddleware``, placed before this one,
answers 304 to matching conditional requests, hits and misses alike.

Compression and BREACH: ``CompressionMiddleware`` compresses HTML, XML, JSON
and text with brotli or gzip. The cached anonymous pages hold no secret (no
CSRF token, no session data, nothing about the visitor), so BREACH has nothing
to recover from them. Answers that used a CSRF token (admin forms, the login
page) are left to Django's GZipMiddleware, which adds its random padding
("Heal the BREACH").
"""

import hashlib
import re
import time

import brotli
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from core import cache as site_cache
from editorial import catalogue
from portal.middleware import service_unavailable

BYPASS_PREFIXES = ("/admin/", "/media/", "/static/", "/healthz", "/language/")
BYPASS_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
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


def is_anonymous_request(request):
    """A request whose answer may come from (and go to) the shared page cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(BYPASS_PREFIXES) or "preview" in request.GET:
        return False
    return not any(name in request.COOKIES for name in BYPASS_COOKIES)


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
    """Whole pages for anonymous visitors, exact to the site version (see the module's docstring).

    Place it after SecurityMiddleware, WhiteNoise and ConditionalGetMiddleware,
    before everything that reads sessions, cookies or users.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_age = settings.PAGE_CACHE_MAX_AGE
        self.shared_max_age = settings.PAGE_CACHE_SHARED_MAX_AGE
        self.timeout = settings.PAGE_CACHE_TIMEOUT

    def key(self, request):
        """The page's key: scheme, host, full path, compression and the catalogues this process has loaded.

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
        catalogues = catalogue.seen_catalogue_version() or ""
        return f"ura:page:{catalogues}:{accepted_encoding(request)}:{digest}"

    def __call__(self, request):
        with site_cache.request_scope() as scope:
            if not is_anonymous_request(request):
                response = self.get_response(request)
                if request.path.startswith("/admin/") or any(name in request.COOKIES for name in BYPASS_COOKIES):
                    # Staff and signed-in pages: never in a shared cache.
                    if not response.has_header("Cache-Control"):
                        patch_cache_control(response, private=True, no_store=True)
                return response
            return self.anonymous(request, scope)

    def anonymous(self, request, scope):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
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
        scope.know(state)
        entry = found.get(key)
        if entry is not None and entry[0] == state["counter"]:
            return self.from_entry(entry)
        response = self.get_response(request)
        if request.method == "GET" and is_storable(response):
            lifetime = site_cache.seconds_to_next_publish(state, self.timeout)
            self.mark_public(response, min(self.max_age, lifetime), min(self.shared_max_age, lifetime))
            cache.set(key, self.to_entry(response, state["counter"]), timeout=lifetime)
            response["X-Cache"] = "miss"
        return response

    def bypass(self, request):
        response = self.get_response(request)
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


class CompressionMiddleware(GZipMiddleware):
    """Brotli or gzip for HTML, XML, JSON and text (see the module's docstring on BREACH).

    Brotli only for answers that used no CSRF token; the others get Django's
    gzip with its BREACH padding (or, when brotli was asked for but cannot be
    used, gzip if the client takes it).
    """

    def process_response(self, request, response):
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
            return super().process_response(request, response)
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
