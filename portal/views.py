import logging
import math
import os
import secrets
import sys
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, connections, transaction
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView
from django.views.static import serve

from core import cache as site_cache
from core.i18n import collated
from core.views import PublishedMixin, TranslatedSlugLookupMixin
from news.models import NewsItem
from partners.models import Organisation
from portal.middleware import DATABASE_UNAVAILABLE, service_unavailable
from portal.models import Page
from projects.models import Phase, Project

logger = logging.getLogger(__name__)
# Public media (hero images, logos, gallery renditions) keep their name for life.
MEDIA_MAX_AGE = 30 * 24 * 3600


class PageDetailView(TranslatedSlugLookupMixin, PublishedMixin, DetailView):
    model = Page


HOME_PARTNERS = 12


def home_partners():
    """The newest published organisations (at most HOME_PARTNERS), alphabetically.

    Only those few are sorted by the language's collation: sorting every
    organisation (10,000 of them) to show twelve would cost most of the
    home page's first render.
    """
    newest = Organisation.objects.published().exclude(slug="").order_by("-pk").values("pk")[:HOME_PARTNERS]
    return list(Organisation.objects.filter(pk__in=newest).order_by(collated("name"), "pk"))


def home_strips():
    """The home page's three strips, computed once per site version and language."""
    return {
        "latest_news": list(NewsItem.objects.published().order_by("-date", "-publish_at", "-pk")[:6]),
        "ongoing_projects": list(
            Project.objects.published().with_phase(Phase.ONGOING).prefetch_related("partner_roles__organisation")[:6]
        ),
        "partners": home_partners(),
    }


@require_safe
def home(request):
    return render(request, "portal/home.html", site_cache.cached(f"home:{get_language()}", home_strips))


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
    if not hasattr(storage, "location"):
        return None  # not a file system: the storage service has its own monitoring
    location = storage.location
    if not os.path.isdir(location):
        return None if not os.path.exists(location) and os.access(os.path.dirname(location), os.W_OK) else "missing"
    if not os.access(location, os.W_OK):
        return "not writable"
    stats = os.statvfs(location)
    if stats.f_bavail * stats.f_frsize < MEDIA_MIN_FREE_BYTES:
        return "almost full"
    return None


def _health_response(checks):
    failed = [name for name, error in checks.items() if error]
    lines = ["unavailable: " + ", ".join(failed) if failed else "ok"]
    lines += [f"{name}: {error or 'ok'}" for name, error in checks.items()]
    response = HttpResponse("\n".join(lines) + "\n", status=503 if failed else 200, content_type="text/plain")
    if failed:
        logger.warning("Health check: %s", "; ".join(f"{name}: {checks[name]}" for name in failed))
        response._has_been_logged = True
    return response


@never_cache
@require_safe
def healthz(request):
    """Everything pages need, each part named, within about a second: 200 when all answer, else 503."""
    return _health_response({"database": _in_thread(_check_database), "cache": _check_cache(), "media": _check_media()})


@never_cache
@require_safe
def readyz(request):
    """Ready to serve (for orchestrators): the database answers within a second."""
    return _health_response({"database": _in_thread(_check_database, False)})


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
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
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
    """Public uploads from MEDIA_ROOT (when no proxy serves them); names that cannot exist are 404."""
    if len(path) > MEDIA_NAME_MAX or any(len(part.encode()) > 255 for part in path.split("/")):
        raise Http404("No such file")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        raise Http404("No such file") from error
    response.headers.setdefault("Cache-Control", f"public, max-age={MEDIA_MAX_AGE}")
    return response
