from anymail.webhooks.mailjet import MailjetTrackingWebhookView
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from anymail.webhooks.sparkpost import SparkPostTrackingWebhookView
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from opendata import iati
from portal import sitemaps, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("livez", views.livez, name="livez"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("language/<str:code>/", views.choose_language, name="choose_language"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("iati/activities.xml", iati.activities_xml, name="iati_activities"),
    path("og/<str:kind>/<int:pk>-<str:language>.png", views.social_image, name="social_image"),
    # Our own admin pages (the interface catalogue editor) before the admin's catch-all.
    path("admin/", include("editorial.urls")),
    path("admin/", include("translating.urls")),
    path("admin/", admin.site.urls),
    # The catalogue editor replaced Rosetta: its old address leads there.
    re_path(r"^rosetta/", RedirectView.as_view(pattern_name="editorial:catalogue", permanent=False)),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
    ]

# Mail providers' reports of bounces and complaints (newsletter.delivery.provider_event): the
# providers whose tracking webhook needs no setting but the shared secret (docs/deploy.md).
MAIL_EVENT_VIEWS = {
    "mailjet": MailjetTrackingWebhookView,
    "postmark": PostmarkTrackingWebhookView,
    "sparkpost": SparkPostTrackingWebhookView,
}
urlpatterns += [
    path(f"mail-events/{name}/tracking/", view.as_view(), name=f"mail_events_{name}")
    for name, view in MAIL_EVENT_VIEWS.items()
]

urlpatterns += i18n_patterns(
    path("news/", include("news.urls")),
    path("events/", include("events.urls")),
    path("projects/", include("projects.urls")),
    path("partners/", include("partners.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("", include("portal.site_urls")),
)

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
