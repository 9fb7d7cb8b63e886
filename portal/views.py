import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core import cache as site_cache
from core.i18n import collated
from core.views import PublishedMixin, TranslatedSlugLookupMixin
from news.models import NewsItem
from partners.models import Organisation
from portal.models import Page
from projects.models import Phase, Project

logger = logging.getLogger(__name__)


class PageDetailView(TranslatedSlugLookupMixin, PublishedMixin, DetailView):
    model = Page


def home_strips():
    """The home page's three strips, computed once per site version and language."""
    return {
        "latest_news": list(NewsItem.objects.published().order_by("-date", "-publish_at", "-pk")[:6]),
        "ongoing_projects": list(
            Project.objects.published().with_phase(Phase.ONGOING).prefetch_related("partner_roles__organisation")[:6]
        ),
        "partners": list(Organisation.objects.published().exclude(slug="").order_by(collated("name"), "pk")[:12]),
    }


@require_safe
def home(request):
    return render(request, "portal/home.html", site_cache.cached(f"home:{get_language()}", home_strips))


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
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


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))
