import base64
import hashlib
import ipaddress
import logging
import re
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.middleware.security import SecurityMiddleware
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_cache_control

from core import redirects
from core.compat import mark_logged

logger = logging.getLogger(__name__)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
IMPORTMAP = re.compile(rb'<script type="importmap">(.*?)</script>', re.S)


def importmap_hashes(response):
    """CSP hashes of the inline import maps of an admin page (the rich-text editor's modules)."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in IMPORTMAP.findall(response.content)
    )


def request_host(request):
    """The host name the reader came through (without a port), or "" for a host we do not serve."""
    try:
        return split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return ""


def is_onion(request):
    return bool(settings.ONION_HOST) and request_host(request) == settings.ONION_HOST


class OnionMiddleware:
    """No HTTPS redirect on the onion address; place it just before Django's SecurityMiddleware.

    Tor already encrypts and authenticates the connection to an onion service,
    and onion addresses have no certificates from the usual authorities; the
    onion service talks plain HTTP to the site. ``SECURE_REDIRECT_EXEMPT``
    matches paths, not hosts, so for the onion host this skips only
    SecurityMiddleware's redirect (its ``process_request``) and still lets it
    add its headers; HSTS is sent only over HTTPS, so never there.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Django hands each middleware the next one wrapped by convert_exception_to_response (functools.wraps).
        security = getattr(get_response, "__wrapped__", get_response)
        self.security = security if isinstance(security, SecurityMiddleware) else None

    def __call__(self, request):
        if self.security is not None and is_onion(request):
            response = self.security.get_response(request)
            return self.security.process_response(request, response)
        return self.get_response(request)


class CommonMiddleware(DjangoCommonMiddleware):
    """Django's CommonMiddleware, and two answers of its kind: a bad path is a 400, an old one a 301.

    - A NUL character in the path never reaches a view (or the database): 400.
      Query values are each view's business: the filter forms refuse NUL (400),
      the search page reads it as an empty query; tests/test_fuzz.py checks them all.
    - An address of the site the organisation had before (``/?p=12``,
      ``/2019/05/03/slug/``, recorded by the WordPress import) that found no
      page here, or only the redirect to a language, answers with a 301 to what
      it became (core.redirects), as Django answers a missing slash. A page that
      answers costs nothing here.
    """

    def process_request(self, request):
        if "\x00" in request.path:
            return render(request, "400.html", status=400)
        return super().process_request(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.status_code in (301, 302, 404) and request.method in ("GET", "HEAD"):
            target = redirects.old_address_target(request, response)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response


class SecurityHeadersMiddleware:
    """Content Security Policy, Permissions Policy, and Onion-Location.

    The admin gets a policy that allows the inline styles its widgets use.
    Pages served at the primary address (SITE_URL) announce the onion address,
    when there is one, with ``Onion-Location`` (Tor Browser offers to switch).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.primary_host = urlsplit(settings.SITE_URL).hostname or ""
        self.admin_policy = self.policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
            "frame-ancestors 'none'", "frame-ancestors 'self'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            policy = self.admin_policy
            hashes = importmap_hashes(response)
            if hashes:
                policy = policy.replace("script-src 'self'", f"script-src 'self' {hashes}")
        else:
            policy = self.policy
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if (
            settings.ONION_HOST
            and response.get("Content-Type", "").startswith("text/html")
            and request_host(request) == self.primary_host
        ):
            response["Onion-Location"] = f"http://{settings.ONION_HOST}{request.get_full_path()}"
        return response


DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def service_unavailable(request, exception):
    """The translated 503 for a database that is down, restarting, locked or too slow (never a 500).

    The page needs no database and asks the visitor (and crawlers) to come back
    after ``DB_RETRY_AFTER`` seconds; one warning line is logged, without a
    traceback. ``portal.views.server_error`` answers so for an outage met in a
    view or a middleware, the page cache when it cannot read the publish times.
    """
    reason = " ".join(str(exception).split()) or exception.__class__.__name__
    logger.warning("Database unavailable for %s %s: %s", request.method, request.path, reason)
    response = HttpResponse(loader.render_to_string("503.html", request=request), status=503)
    response["Retry-After"] = str(settings.DB_RETRY_AFTER)
    patch_cache_control(response, no_store=True)
    mark_logged(response)  # logged above, in one line
    return response


def _address(text):
    """`text` as an IP address (an IPv4 one mapped into IPv6 as itself), or None when it is not one."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None  # a port, brackets or garbage
    return getattr(address, "ipv4_mapped", None) or address


@lru_cache(maxsize=8)
def _networks(values):
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def in_networks(address, values):
    """Is `address` (an ip_address, a string or None) in one of `values`, a list of addresses and networks?"""
    if isinstance(address, str):
        address = _address(address)
    return address is not None and any(address in network for network in _networks(tuple(values)))


def _trusted(address):
    return in_networks(address, settings.TRUSTED_PROXIES)


def client_ip(request):
    """The visitor's address, for the login throttle (django-axes) and the health checks' details.

    The peer (REMOTE_ADDR) is the client unless it is one of TRUSTED_PROXIES. Only
    then is X-Forwarded-For read, from the right: each trusted proxy appends the
    address it received the request from, so the first address from the right that
    is not a trusted proxy is the client as the outermost proxy saw it. What a
    client wrote itself stands to the left of that and is never used: a client
    that reaches the app server directly, or rotates the header through the proxy,
    is counted at its real address. An entry that is not an address (what a
    trusted proxy passed on is always one) counts as the proxy's own address.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    address = _address(peer)
    if not _trusted(address):
        return peer
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for part in reversed(forwarded):
        hop = _address(part)
        if hop is None:
            return peer
        if not _trusted(hop):
            return str(hop)
        address = hop
    # Every hop is a trusted proxy (a request from the proxy's own machine): the first of them.
    return str(address)
