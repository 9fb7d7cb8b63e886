import datetime
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Min, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core import cache as site_cache
from core.i18n import any_slug_q, collated
from core.models import Topic, published_q
from core.storage import is_object_storage
from core.views import FilteredListMixin, PublishedMixin, TranslatedSlugLookupMixin, canonical_redirect
from events.models import Event
from news.models import NewsItem
from partners.models import Organisation
from projects.forms import ProjectFilterForm
from projects.models import Document, GalleryImage, Project, ProjectPartner, Role

# The donor filter offers the organisations that fund the most published
# projects; any other donor is reached from the partner directory, and
# ?donor=<slug> of any published funder still works.
DONOR_CHOICES = 25


def funding_organisations():
    """Organisations that fund at least one published project."""
    return (
        Organisation.objects.published()
        .filter(project_roles__role=Role.FUNDING, project_roles__project__in=Project.objects.published())
        .distinct()
        .order_by(collated("name"), "pk")
    )


def most_frequent_donors(limit=DONOR_CHOICES):
    """The published organisations that fund the most published projects, alphabetically."""
    links = ProjectPartner.objects.filter(published_q(prefix="project__"), role=Role.FUNDING)
    return Organisation.objects.most_linked(links, limit)


def project_filter_choices():
    """What the project filters offer, in the active language; computed once per site version."""
    published = Project.objects.published()
    return {
        "donor": most_frequent_donors(),
        "topic": list(Topic.objects.filter(projects__in=published).distinct().order_by(collated("name"), "pk")),
        "years": project_years(),
    }


def project_years():
    """Every year in which a published project ran, newest first."""
    bounds = Project.objects.published().aggregate(
        first=Min("start_date"),
        last_start=Max("start_date"),
        last_end=Max("end_date"),
        open_ended=Count("pk", filter=Q(end_date__isnull=True)),
    )
    if bounds["first"] is None:
        return []
    last = max(bounds["last_start"].year, bounds["last_end"].year if bounds["last_end"] else 0)
    if bounds["open_ended"]:
        last = max(last, datetime.date.today().year)
    return list(range(last, bounds["first"].year - 1, -1))


class ProjectListView(FilteredListMixin, PublishedMixin, ListView):
    model = Project
    paginate_by = 12
    query_parameters = (*ProjectFilterForm.base_fields, "page")

    def get_filter_form(self):
        choices = cache.get_or_set(
            **site_cache.fragment(f"project-filters:{get_language()}"), default=project_filter_choices
        )
        return ProjectFilterForm(
            self.request.GET,
            donor=choices["donor"],
            topic=choices["topic"],
            years=choices["years"],
            lookups={"donor": funding_organisations()},
        )

    def get_queryset(self):
        return super().get_queryset().for_cards()

    def filter_queryset(self, queryset, form):
        data = form.cleaned_data
        if data.get("status"):
            queryset = queryset.with_phase(data["status"])
        if data.get("year"):
            queryset = queryset.active_in(data["year"])
        donor = form.selected("donor")
        if donor is not None:
            queryset = queryset.funded_by(donor)
        topic = form.selected("topic")
        if topic is not None:
            queryset = queryset.filter(topics=topic)
        return queryset


EVENTS_ON_PAGE = 8


class ProjectDetailView(TranslatedSlugLookupMixin, PublishedMixin, DetailView):
    model = Project

    def get(self, request, *args, **kwargs):
        self.object = project = self.get_object(self.with_relations(self.get_queryset()))
        return canonical_redirect(request, project) or self.render_to_response(
            self.get_context_data(object=project, **self.item_context(project))
        )

    def item_context(self, project):
        events, more_events = Event.objects.filter(project=project).for_page(EVENTS_ON_PAGE)
        return {"events": events, "more_events": more_events}

    @staticmethod
    def with_relations(queryset):
        """What the page shows of a project: its partners with their roles, objectives, news, gallery."""
        return queryset.with_roles().prefetch_related(
            "objectives",
            "activities",
            "documents",
            Prefetch("gallery", queryset=GalleryImage.objects.select_related("image")),
            "places",
            "topics",
            Prefetch(
                "news",
                queryset=NewsItem.objects.published().select_related("image").order_by("-date", "-publish_at"),
                to_attr="published_news",
            ),
        )


@require_safe
def document_download(request, slug, pk):
    """A project document, with its type and a readable file name.

    Visitors get documents of published projects only; staff who may see projects
    in the admin get those of drafts too (never from a shared cache).
    """
    staff = request.user.is_staff and request.user.has_perm("projects.view_project")
    projects = Project.objects.all() if staff else Project.objects.published()
    document = get_object_or_404(
        Document.objects.select_related("project").filter(any_slug_q(slug, prefix="project__"), project__in=projects),
        pk=pk,
    )
    if document.file.name and is_object_storage(document.file.storage):
        # On object storage: a redirect to a URL signed for a short time, naming the file.
        url = document.file.storage.url(
            document.file.name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(True, document.download_name),
                "ResponseContentType": document.content_type or "application/octet-stream",
            },
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    if settings.PRIVATE_MEDIA_ACCEL_PREFIX and document.file.name:
        # The proxy sends the file from its internal location (nginx X-Accel-Redirect).
        response = HttpResponse(content_type=document.content_type or "application/octet-stream")
        response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + quote(document.file.name)
        response["Content-Disposition"] = content_disposition_header(True, document.download_name)
    else:
        try:
            handle = document.file.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise Http404("The file is missing") from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=document.download_name,
            content_type=document.content_type or "application/octet-stream",
        )
    response["Cache-Control"] = "private, no-store" if staff else "public, max-age=3600"
    return response
