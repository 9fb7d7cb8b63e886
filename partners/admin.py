from django.contrib import admin

from partners.models import Organisation
from portal.admin import ContentAdmin


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ("name", "acronym", "kind", "country", "languages_filled")
    list_filter = ("kind", "country", "is_public")
    search_fields = ("name_be", "name_sq", "name_en", "acronym_be", "acronym_sq", "acronym_en")
