"""The editorial pages of our own under the admin: the interface catalogue editor."""

from django.contrib import admin
from django.urls import path

from editorial import catalogue_admin

app_name = "editorial"

urlpatterns = [
    path("catalogue/", admin.site.admin_view(catalogue_admin.index), name="catalogue"),
    path("catalogue/<str:language>/", admin.site.admin_view(catalogue_admin.language_list), name="catalogue-language"),
    path(
        "catalogue/<str:language>/download.po",
        admin.site.admin_view(catalogue_admin.download),
        name="catalogue-download",
    ),
    path("catalogue/<str:language>/upload/", admin.site.admin_view(catalogue_admin.upload), name="catalogue-upload"),
    path(
        "catalogue/<str:language>/<str:key>/",
        admin.site.admin_view(catalogue_admin.entry_edit),
        name="catalogue-entry",
    ),
]
