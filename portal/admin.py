"""The site shell in the admin: static pages and the menu.

Both are EditorialAdmins (editorial.options): the workflow and translation
rules, as for the content apps.
"""

from django.contrib import admin
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationTabularInline

from editorial.options import EditorialAdmin
from portal.models import MenuItem, Page


@admin.register(Page)
class PageAdmin(EditorialAdmin):
    list_display = ("title", "status", "publish_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("title_be", "title_sq", "title_en")
    fieldsets = (
        (None, {"fields": ("title", "slug", "intro", "body")}),
        (
            pgettext_lazy("admin fieldset", "Publication"),
            {"fields": ("status", "publish_at", "expire_at", "source_language")},
        ),
    )


class MenuItemInline(TranslationTabularInline):
    model = MenuItem


@admin.register(MenuItem)
class MenuItemAdmin(EditorialAdmin):
    list_display = ("__str__", "section", "page", "url", "order", "in_footer")
    list_editable = ("order", "in_footer")
    autocomplete_fields = ("page",)
