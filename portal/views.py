import logging
import math
import mimetypes
import os
import secrets
import sys
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Prefetch
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_info, override, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core import cache as site_cache
from core.compat import mark_logged
from core.i18n import collated
from core.storage import is_object_storage
from core.views import PublishedMixin, TranslatedSlugLookupMixin, reads_query
from events.models import Event
from news.models import NewsItem
from partners.models import Organisation
from portal import feeds, latin, social_images
from portal.middleware import DATABASE_UNAVAILABLE, client_ip, in_networks, is_onion, service_unavailable
from portal.models import HomePage, Page, PagePerson
from projects.models import Phase, Project

logger = logging.getLogger(__name__)
# Public media (hero images, logos, gallery renditions) keep their name for life.
MEDIA_MAX_AGE = 30 * 24 * 3600
# The languages a reader may choose: the three, and Belarusian in Łacinka (portal.latin).
LANGUAGE_CHOICES = (*settings.LANGUAGE_CODES, latin.PREFIX)


class PageDetailView(TranslatedSlugLookupMixin, PublishedMixin, DetailView):
    model = Page

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("people", queryset=PagePerson.objects.select_related("photo")))
        )


HOME_PARTNERS = 12
HOME_EVENTS = 3


def home_partners():
    """The newest published organisations (at most HOME_PARTNERS), alphabetically.

    Only those few are sorted by the language's collation: sorting every
    organisation (10,000 of them) to show twelve would cost most of the
    home page's first render.
    """
    newest = Organisation.objects.published().exclude(slug="").order_by("-pk").values("pk")[:HOME_PARTNERS]
    return list(Organisation.objects.filter(pk__in=newest).select_related("logo").order_by(collated("name"), "pk"))


def home_strips():
    """The home page's strips, computed once per site version and language.

    The mission sentence and the editors' lead story come from HomePage (one
    query). Without a chosen story that is on the site, the lead story is the
    newest of the latest news that has a picture (no query of its own); the
    other news follow it in the "Latest news" strip.
    """
    editorial = HomePage.load()
    news = list(NewsItem.objects.published().select_related("image").order_by("-date", "-publish_at", "-pk")[:7])
    chosen = editorial.lead_story
    lead = chosen if chosen is not None and chosen.is_public else next((item for item in news if item.image_id), None)
    return {
        "home_page": editorial,
        "lead_story": lead,
        "latest_news": [item for item in news if lead is None or item.pk != lead.pk][:6],
        "upcoming_events": list(
            Event.objects.published().upcoming_from(Event.upcoming_floor()).with_places()[:HOME_EVENTS]
        ),
        "ongoing_projects": list(Project.objects.published().with_phase(Phase.ONGOING).for_cards()[:6]),
        "partners": home_partners(),
    }


@require_safe
def home(request):
    return render(
        request,
        "portal/home.html",
        cache.get_or_set(**site_cache.fragment(f"home:{get_language()}"), default=home_strips),
    )


HEALTH_SECONDS = 1.0
# What the pages need from the database: these tables answer within the limits.
HEALTH_MODELS = (NewsItem, Project, Organisation, Page)
MEDIA_MIN_FREE_BYTES = 50 * 1024 * 1024


def _check_database(tables=True):
    """None when the database answers (and, with `tables`, the content tables are not locked); else why not."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SET LOCAL statement_timeout = 800")
                    cursor.execute("SET LOCAL lock_timeout = 500")
                cursor.execute("SELECT 1")
                cursor.fetchone()
                for model in HEALTH_MODELS if tables else ():
                    # Waits on an exclusive lock (or a stuck query) until lock_timeout.
                    model.objects.exists()
    except DatabaseError as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__
    return None


def _in_thread(check, *args):
    """Run `check` in its own thread (and database connection); give up after HEALTH_SECONDS."""
    result = {}

    def run():
        try:
            result["error"] = check(*args)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HEALTH_SECONDS)
    if thread.is_alive():
        return f"no answer within {HEALTH_SECONDS:g} s"
    return result.get("error")


def _check_cache():
    if not getattr(cache, "available", True):
        return "skipped after a recent failure"
    token = secrets.token_hex(8)
    key = f"ura:healthz:{token}"
    cache.set(key, token, 10)
    if cache.get(key) != token:
        return "does not store values"
    cache.delete(key)
    return None


def _check_media():
    storage = default_storage
    if is_object_storage(storage):
        return None  # not this machine's disk: the object store has its own monitoring
    location = storage.location
    if not os.path.isdir(location):
        return None if not os.path.exists(location) and os.access(os.path.dirname(location), os.W_OK) else "missing"
    if not os.access(location, os.W_OK):
        return "not writable"
    stats = os.statvfs(location)
    if stats.f_bavail * stats.f_frsize < MEDIA_MIN_FREE_BYTES:
        return "almost full"
    return None


def shows_health_details(request):
    """Staff, and the monitoring addresses (HEALTH_DETAILS_FROM), see which part failed and why."""
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        return True
    return in_networks(client_ip(request), settings.HEALTH_DETAILS_FROM)


def _health_response(request, checks):
    """200 "ok" or 503 "unavailable"; each part and its error only for shows_health_details (always in the log)."""
    failed = [name for name, error in checks.items() if error]
    lines = ["unavailable" if failed else "ok"]
    if shows_health_details(request):
        lines = ["unavailable: " + ", ".join(failed) if failed else "ok"]
        lines += [f"{name}: {error or 'ok'}" for name, error in checks.items()]
    response = HttpResponse("\n".join(lines) + "\n", status=503 if failed else 200, content_type="text/plain")
    if failed:
        logger.warning("Health check: %s", "; ".join(f"{name}: {checks[name]}" for name in failed))
        mark_logged(response)
    return response


@never_cache
@require_safe
def healthz(request):
    """Everything pages need (each part named for staff and monitoring), within about a second: 200, else 503."""
    checks = {"database": _in_thread(_check_database), "cache": _check_cache(), "media": _check_media()}
    return _health_response(request, checks)


@never_cache
@require_safe
def readyz(request):
    """Ready to serve (for orchestrators): the database answers within a second."""
    return _health_response(request, {"database": _in_thread(_check_database, False)})


@never_cache
@require_safe
def livez(request):
    """The process is alive and answering (for orchestrators); touches nothing else."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("img/favicon.png"))


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/search/" for code in LANGUAGE_CHOICES),
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes: the translated page for a user locked out from this address (429)."""
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "admin/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


LOGGED_REASON_MAX = 200


def bad_request(request, exception=None):
    """A request refused before any view (a Host the site does not serve, too many fields): 400, one log line.

    Django logs these with a full traceback, and the site's 400 page (with the menu and
    links built on the request's host) would raise the same DisallowedHost again, which
    made a 500 of it. This page needs neither the host nor the database, and the refusal
    is logged here once, as a warning without a traceback (it is the client's mistake,
    and scanners send many): to the logger Django would use, ``django.security.<error>``.
    """
    name = exception.__class__.__name__ if exception is not None else "BadRequest"
    reason = " ".join(str(exception or "").split()) or name
    if len(reason) > LOGGED_REASON_MAX:
        reason = reason[:LOGGED_REASON_MAX] + "..."
    logger_name = f"django.security.{name}" if isinstance(exception, SuspiciousOperation) else "django.request"
    # As Django's own log_response: what the client sent is escaped, one line whatever it holds.
    path = request.path[:LOGGED_REASON_MAX].encode("unicode_escape").decode("ascii")
    logging.getLogger(logger_name).warning(
        "Bad request %s %s: %s", request.method, path, reason.encode("unicode_escape").decode("ascii")
    )
    response = HttpResponseBadRequest(loader.render_to_string("400_request.html", request=request))
    patch_cache_control(response, no_store=True)
    mark_logged(response)  # logged above, in one line
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # A database outage noticed before the view (in a middleware) is a 503 too.
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return service_unavailable(request, error)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))


MEDIA_NAME_MAX = 1024


@require_safe
def media(request, path):
    """Public uploads from the default storage (when no proxy or store serves them); names that cannot exist are 404.

    Read through the storage API (no file system path), so it serves the same files
    whatever the storage; the page cache answers 304 from Last-Modified (portal.page_cache).
    """
    if (
        not path
        or path.endswith("/")
        or len(path) > MEDIA_NAME_MAX
        or any(len(part.encode()) > 255 or part in ("", ".", "..") for part in path.split("/"))
    ):
        raise Http404("No such file")
    try:
        if not default_storage.exists(path):
            raise Http404("No such file")
        modified = default_storage.get_modified_time(path)
        handle = default_storage.open(path, "rb")
    except (OSError, SuspiciousOperation, ValueError) as error:
        raise Http404("No such file") from error
    content_type, encoding = mimetypes.guess_type(path)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Last-Modified"] = http_date(modified.timestamp())
    response.headers.setdefault("Cache-Control", f"public, max-age={MEDIA_MAX_AGE}")
    return response


@reads_query("next")
@require_safe
def choose_language(request, code):
    """The reader chose a language in the switcher: remember it, then go to `next` (the same item in it).

    The only answer that sets the language cookie: reading pages sets none.
    `next` must be a path on this site in that language; anything else leads
    to that language's home page.
    """
    if code not in LANGUAGE_CHOICES:
        raise Http404("No such language")
    prefix = f"/{code}/"
    target = request.GET.get("next", "")
    if not (target.startswith(prefix) and url_has_allowed_host_and_scheme(target, allowed_hosts=None)):
        target = prefix
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        # The onion address is plain HTTP (Tor encrypts): a Secure cookie would not come back there.
        secure=settings.LANGUAGE_COOKIE_SECURE and not is_onion(request),
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def follow_feeds(request):
    """The feeds of the site, for readers who follow it in a feed reader (kept out of reach of blocks on the site)."""
    languages = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            rss, atom = reverse("portal:news_feed"), reverse("portal:news_feed_atom")
            calendar = reverse("events:feed")
        name = get_language_info(code)["name_local"]
        languages.append(
            {"code": code, "name": name[:1].upper() + name[1:], "rss": rss, "atom": atom, "calendar": calendar}
        )
        if code == latin.SOURCE:
            languages.append(
                {
                    "code": latin.TAG,
                    "name": latin.NAME,
                    "rss": latin.latin_path(rss),
                    "atom": latin.latin_path(atom),
                    "calendar": latin.latin_path(calendar),
                }
            )
    return {"feeds": feeds.feed_list(), "languages": languages}


@require_safe
def follow(request):
    """ "Follow us": every feed of the site, and an OPML file of them."""
    return render(request, "portal/follow.html", follow_feeds(request))


@require_safe
def follow_opml(request):
    """The feeds of the follow page as an OPML file, to import into a feed reader at once."""
    context = follow_feeds(request)
    absolute = request.build_absolute_uri  # on the host the reader came through
    context["feeds"] = [(title, absolute(rss), absolute(atom)) for title, rss, atom in context["feeds"]]
    for language in context["languages"]:
        language["rss"] = absolute(language["rss"])
    response = render(request, "portal/feeds.opml", context, content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ura-feeds.opml"'
    return response


# --- Social preview images (portal.social_images) ----------------------------------

SOCIAL_KINDS = {"news": NewsItem, "projects": Project, "partners": Organisation, "events": Event}


def social_organisation(obj):
    """Whose logo or monogram the preview shows: the organisation itself, else the item's first organisation."""
    if isinstance(obj, Organisation):
        return obj
    if isinstance(obj, Project):
        return next(iter(obj.leads or obj.donors or []), None)
    if isinstance(obj, NewsItem):
        return obj.organisations.select_related("logo").order_by("pk").first()
    if isinstance(obj, Event):
        return obj.organisers.select_related("logo").order_by("pk").first()
    return None


def social_label(obj):
    if isinstance(obj, NewsItem):
        return obj.get_kind_display()
    if isinstance(obj, Project):
        return pgettext("social preview image: the item is", "Project")
    if isinstance(obj, Organisation):
        return obj.get_kind_display() if obj.kind else pgettext("social preview image: the item is", "Partner")
    return pgettext("social preview image: the item is", "Event")


@require_safe
def social_image(request, kind, pk, language):
    """The item's preview image for social networks in `language` (be, be-latn, sq, en); only published items."""
    model = SOCIAL_KINDS.get(kind)
    if model is None or language not in LANGUAGE_CHOICES:
        raise Http404
    obj = model.objects.published().filter(pk=pk).first()
    if obj is None:
        raise Http404
    source = latin.SOURCE if language == latin.PREFIX else language
    with override(source):
        title, label = str(obj), str(social_label(obj))
        organisation = social_organisation(obj)
    if language == latin.PREFIX:
        title, label = latin.to_latin(title), latin.to_latin(label)
    stamp = (kind, pk, language, obj.updated_at.isoformat(), organisation.pk if organisation else None)
    if organisation is not None:
        stamp += (organisation.updated_at.isoformat(), organisation.logo_id)
    png = social_images.cached_render(stamp, title, label, organisation)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response
