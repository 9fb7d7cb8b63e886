from itertools import groupby

from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core import cache as site_cache
from core.i18n import collated
from core.views import FilteredListMixin, PublishedMixin, TranslatedSlugLookupMixin, canonical_redirect
from events.models import Event
from partners.forms import OrganisationFilterForm
from partners.models import Organisation
from projects.models import GalleryImage, Project, ProjectPartner, Role

# Headings of the partner page's project groups, in the order they are shown.
ROLE_HEADINGS = {
    Role.FUNDING: _("Projects it funds"),
    Role.FUND_MANAGER: _("Projects whose funds it manages"),
    Role.LEAD: _("Projects it leads"),
    Role.IMPLEMENTING: _("Projects it implements"),
    Role.PARTNER: _("Projects it is a partner in"),
    Role.ACCOUNTABLE: _("Projects it is accountable for"),
    Role.ADVISORY: _("Projects it advises"),
    Role.HOST: _("Projects it hosts"),
}
ROLE_ORDER = list(ROLE_HEADINGS)
NEWS_ON_PAGE = 10


def published_countries():
    return list(
        Organisation.objects.published().exclude(country="").values_list("country", flat=True).distinct().order_by()
    )


class OrganisationListView(FilteredListMixin, PublishedMixin, ListView):
    model = Organisation
    paginate_by = 24
    query_parameters = (*OrganisationFilterForm.base_fields, "page")

    def get_filter_form(self):
        countries = cache.get_or_set(**site_cache.fragment("partner-countries"), default=published_countries)
        return OrganisationFilterForm(self.request.GET, countries=countries)

    def get_queryset(self):
        published = Project.objects.published()
        return (
            super()
            .get_queryset()
            .select_related("logo")
            # A subquery, computed for the rows of the page only (a join would count for every organisation).
            .annotate(
                project_count=Coalesce(
                    Subquery(
                        ProjectPartner.objects.filter(organisation=OuterRef("pk"), project__in=published)
                        .order_by()
                        .values("organisation")
                        .annotate(total=Count("project", distinct=True))
                        .values("total")
                    ),
                    0,
                )
            )
            .order_by(collated("name"), "pk")
        )

    def filter_queryset(self, queryset, form):
        data = form.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("country"):
            queryset = queryset.filter(country=data["country"])
        return queryset


class OrganisationDetailView(TranslatedSlugLookupMixin, PublishedMixin, DetailView):
    model = Organisation

    def get(self, request, *args, **kwargs):
        self.object = organisation = self.get_object(self.get_queryset().select_related("logo"))
        return canonical_redirect(request, organisation) or self.render_to_response(
            self.get_context_data(object=organisation, **self.item_context(organisation))
        )

    def item_context(self, organisation):
        news = list(
            organisation.news.published().select_related("image").order_by("-date", "-publish_at")[: NEWS_ON_PAGE + 1]
        )
        events, more_events = Event.objects.of_organisation(organisation).for_page(NEWS_ON_PAGE)
        return {
            "events": events,
            "more_events": more_events,
            "project_groups": project_groups(organisation),
            "news": news[:NEWS_ON_PAGE],
            "more_news": len(news) > NEWS_ON_PAGE,
        }


def project_groups(organisation):
    """The published projects of `organisation`, grouped by its role in them (donor first), newest first."""
    roles = (
        ProjectPartner.objects.filter(organisation=organisation, project__in=Project.objects.published())
        .select_related("project")
        .prefetch_related(
            Prefetch("project__partner_roles", queryset=ProjectPartner.objects.select_related("organisation__logo")),
            Prefetch("project__gallery", queryset=GalleryImage.objects.select_related("image")),
            "project__places",
        )
        .order_by("project__start_date", "project_id")
    )
    order = {role: position for position, role in enumerate(ROLE_ORDER)}
    roles = sorted(roles, key=lambda item: (order.get(item.role, len(order)), -item.project.start_date.toordinal()))
    return [
        {
            "role": role,
            "heading": ROLE_HEADINGS.get(role, dict(Role.choices).get(role, role)),
            "projects": [item.project for item in items],
        }
        for role, items in groupby(roles, key=lambda item: item.role)
    ]
