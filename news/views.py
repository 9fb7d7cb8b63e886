from django.views.generic import DetailView, ListView

from news.models import NewsItem
from portal.views import PublishedMixin


class NewsListView(PublishedMixin, ListView):
    model = NewsItem
    paginate_by = 12


class NewsDetailView(PublishedMixin, DetailView):
    model = NewsItem
