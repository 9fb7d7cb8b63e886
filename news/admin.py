from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from core.images import renditions
from news.models import NewsItem


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


@admin.register(NewsItem)
class NewsItemAdmin(TabbedTranslationAdmin):
    list_display = ("title", "kind", "date", "status", "publish_at", "has_image")
    list_display_links = ("title",)
    list_filter = ("status", "kind", YearFilter, "topics")
    list_select_related = ()
    search_fields = (
        "title_be",
        "title_sq",
        "title_en",
        "lead_be",
        "lead_sq",
        "lead_en",
        "place_be",
        "place_sq",
        "place_en",
    )
    autocomplete_fields = ("organisations", "projects", "topics")
    date_hierarchy = "date"
    ordering = ("-date", "-pk")
    readonly_fields = ("image_preview",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (_("What and where"), {"fields": ("kind", "date", "place")}),
        (
            _("Hero image"),
            {"fields": ("image", "image_preview", "image_alt", "image_caption", "image_credit")},
        ),
        (_("Links"), {"fields": ("organisations", "projects", "topics")}),
        (pgettext_lazy("admin fieldset", "Publication"), {"fields": ("status", "publish_at", "source_language")}),
    )

    @admin.display(description=_("image"), boolean=True)
    def has_image(self, obj):
        return bool(obj.image)

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        options = renditions(obj.image, (480,)) if obj and obj.image else []
        if not options:
            return _("No image yet. The image is shown here after saving.")
        preview = options[0]
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">',
            preview.url,
            preview.width,
            preview.height,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.image:
            renditions(obj.image)  # ready before the first visitor asks for them
