from django.contrib import admin

from core.models import Topic
from editorial.options import EditorialAdmin


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_be", "name_sq", "name_en")
