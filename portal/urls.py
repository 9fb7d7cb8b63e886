from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from portal import i18n, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    # Interface catalogues, edited in the browser by translators (portal.i18n).
    path("rosetta/", include(i18n.rosetta_urlpatterns())),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"),
    ]

urlpatterns += i18n_patterns(
    path("news/", include("news.urls")),
    path("projects/", include("projects.urls")),
    path("partners/", include("partners.urls")),
    path("", include("portal.site_urls")),
)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
