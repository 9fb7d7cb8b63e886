from django.urls import path

from opendata import exports
from portal import feeds, seo, style_guide, views
from search.views import search_view

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_view, name="search"),
    path("search/opensearch.xml", seo.opensearch, name="opensearch"),
    path("feeds/", views.follow, name="follow"),
    path("feeds/feeds.opml", views.follow_opml, name="feeds_opml"),
    path("feeds/news/", feeds.NewsRssFeed(), name="news_feed"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="news_feed_atom"),
    path("export/<slug:dataset>.json", exports.export_json, name="export"),
    # For staff: two path segments, so no page's address (one segment) is taken.
    path("staff/style-guide/", style_guide.style_guide, name="style_guide"),
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page"),
]
