"""The translators' files under the admin: export for translation, import of the translated file."""

from django.contrib import admin
from django.urls import path

from translating import views

app_name = "translating"

urlpatterns = [
    path("translations/export/", admin.site.admin_view(views.export_view), name="exchange-export"),
    path("translations/import/", admin.site.admin_view(views.import_view), name="exchange-import"),
]
