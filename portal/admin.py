"""The site shell in the admin: static pages and the menu.

Both are EditorialAdmins (editorial.options): the workflow and translation
rules, as for the content apps.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from editorial.options import EditorialAdmin
from library.admin import chosen_preview
from portal.models import MenuItem, Page, PagePerson


class PagePersonInline(TranslationStackedInline):
    model = PagePerson
    extra = 0
    fields = (("name", "role"), ("photo", "photo_preview"), "email", "order")
    readonly_fields = ("photo_preview",)
    autocomplete_fields = ("photo",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    @admin.display(description=_("preview"))
    def photo_preview(self, obj):
        return chosen_preview(obj.photo if obj and obj.photo_id else None)


@admin.register(Page)
class PageAdmin(EditorialAdmin):
    list_display = ("title", "layout", "status", "publish_at", "updated_at")
    list_filter = ("status", "layout")
    search_fields = ("title_be", "title_sq", "title_en")
    inlines = (PagePersonInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "intro", "body")}),
        (_("Layout"), {"fields": ("layout", "sidebar")}),
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
