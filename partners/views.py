from django.views.generic import DetailView, ListView

from partners.models import Organisation
from portal.views import PublishedMixin


class OrganisationListView(PublishedMixin, ListView):
    model = Organisation
    paginate_by = 48


class OrganisationDetailView(PublishedMixin, DetailView):
    model = Organisation
