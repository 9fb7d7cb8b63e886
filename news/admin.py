from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.filters import YearFilter
from editorial.options import EditorialAdmin
from library.admin import chosen_preview
from library.forms import (
    LibraryUploadFormMixin,
    alt_text_field,
    credit_field,
    upload_field,
    upload_field_names,
)
from news.models import NewsItem


class NewsItemAdminForm(LibraryUploadFormMixin, forms.ModelForm):
    library_fields = ("image",)
    image_upload = upload_field()
    image_alt_be = alt_text_field("be")
    image_alt_sq = alt_text_field("sq")
    image_alt_en = alt_text_field("en")
    image_credit = credit_field()


@admin.register(NewsItem)
class NewsItemAdmin(EditorialAdmin):
    form = NewsItemAdminForm
    list_display = ("title", "kind", "date", "status", "publish_at", "has_image")
    list_display_links = ("title",)
    list_filter = ("status", "kind", YearFilter, "topics")
    list_select_related = ("image",)
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
    autocomplete_fields = ("image", "organisations", "projects", "topics")
    date_hierarchy = "date"
    ordering = ("-date", "-pk")
    readonly_fields = ("image_preview",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (_("What and where"), {"fields": ("kind", "date", "place")}),
        (
            _("Hero image"),
            {"fields": ("image", "image_preview", *upload_field_names("image", credit=True), "image_caption")},
        ),
        (_("Links"), {"fields": ("organisations", "projects", "topics")}),
        (
            pgettext_lazy("admin fieldset", "Publication"),
            {"fields": ("status", "publish_at", "expire_at", "source_language")},
        ),
    )

    @admin.display(description=_("image"), boolean=True)
    def has_image(self, obj):
        return bool(obj.image)

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        return chosen_preview(obj.image if obj and obj.image_id else None)
