from django.contrib import admin

from news.models import NewsItem
from portal.admin import ContentAdmin


@admin.register(NewsItem)
class NewsItemAdmin(ContentAdmin):
    list_display = ("title", "kind", "date", "status", "publish_at", "languages_filled")
    list_filter = ("status", "kind")
    search_fields = ("title_be", "title_sq", "title_en")
    autocomplete_fields = ("organisations", "projects", "topics")
    date_hierarchy = "date"
