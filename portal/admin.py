"""The site shell in the admin: static pages and the menu.

Both are EditorialAdmins (editorial.options): the workflow and translation
rules, as for the content apps.
"""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from editorial.options import EditorialAdmin
from library.admin import chosen_preview
from portal.models import HomePage, MenuItem, Page, PagePerson


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


@admin.register(HomePage)
class HomePageAdmin(EditorialAdmin):
    """One row: the list goes straight to its form; it is neither added twice nor deleted."""

    fields = ("mission", "lead_story")
    autocomplete_fields = ("lead_story",)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HomePage.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        home = HomePage.objects.first()
        if home is not None:
            return HttpResponseRedirect(reverse("admin:portal_homepage_change", args=[home.pk]))
        if self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:portal_homepage_add"))
        return super().changelist_view(request, extra_context)
