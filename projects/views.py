from django.views.generic import DetailView, ListView

from portal.views import PublishedMixin
from projects.models import Project


class ProjectListView(PublishedMixin, ListView):
    model = Project
    paginate_by = 12


class ProjectDetailView(PublishedMixin, DetailView):
    model = Project
