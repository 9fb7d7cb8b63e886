from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.models import Topic


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_be", "name_sq", "name_en")
