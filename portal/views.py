import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from news.models import NewsItem
from partners.models import Organisation
from portal.i18n import TranslatedSlugMixin, collated
from portal.models import Page
from projects.models import Phase, Project

logger = logging.getLogger(__name__)


class PublishedMixin:
    """Visitors see published items only; slugs are looked up in the active language.

    Preview: on a detail page, staff who may view or change the model and
    ask for it (`?preview=1`) also see drafts and scheduled items, with a
    "not public" banner; such responses are private, never stored by a cache
    and not indexed. Everyone else gets 404 for anything not published.
    """

    slug_field = "slug"
    preview_parameter = "preview"

    def is_preview_allowed(self):
        request = self.request
        if request.GET.get(self.preview_parameter) != "1" or not hasattr(self, "get_object"):
            return False
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        opts = self.model._meta
        return user.has_perm(f"{opts.app_label}.change_{opts.model_name}") or user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        )

    def get_queryset(self):
        if self.is_preview_allowed():
            return self.model.objects.all()
        return self.model.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = getattr(self, "object", None)
        if obj is not None and not getattr(obj, "is_public", True):
            context["preview"] = True
            opts = obj._meta
            context["preview_admin_url"] = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(obj.pk,))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview") or self.is_preview_allowed():
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        return response


class PageDetailView(TranslatedSlugMixin, PublishedMixin, DetailView):
    model = Page


@require_safe
def home(request):
    context = {
        "latest_news": NewsItem.objects.published().order_by("-date", "-publish_at")[:6],
        "ongoing_projects": Project.objects.published()
        .with_phase(Phase.ONGOING)
        .prefetch_related("partner_roles__organisation")[:6],
        "partners": Organisation.objects.published().exclude(slug="").order_by(collated("name"), "pk")[:12],
    }
    return render(request, "portal/home.html", context)


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
