from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.models import SlugAlias, Topic
from editorial.options import EditorialAdmin


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_be", "name_sq", "name_en")


@admin.register(SlugAlias)
class SlugAliasAdmin(admin.ModelAdmin):
    """The site's one table of redirects: old slugs of items, old paths of a site that moved in."""

    list_display = ("__str__", "language", "target_link")
    list_filter = ("language", "content_type")
    search_fields = ("path", "slug")
    fields = ("path", "slug", "language", "content_type", "object_id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("content_type")

    @admin.display(description=_("leads to"))
    def target_link(self, alias):
        url = alias.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url) if url else "–"
