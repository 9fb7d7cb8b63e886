from django.contrib import admin
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from portal.admin import ContentAdmin
from projects.models import Activity, Document, GalleryImage, Objective, Place, Project, ProjectPartner


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    autocomplete_fields = ("organisation",)
    extra = 0


class ObjectiveInline(TranslationTabularInline):
    model = Objective
    extra = 0


class ActivityInline(TranslationStackedInline):
    model = Activity
    extra = 0


class DocumentInline(TranslationTabularInline):
    model = Document
    extra = 0


class GalleryImageInline(TranslationTabularInline):
    model = GalleryImage
    extra = 0


@admin.register(Project)
class ProjectAdmin(ContentAdmin):
    list_display = ("title", "status", "start_date", "end_date", "languages_filled")
    list_filter = ("status",)
    search_fields = ("title_be", "title_sq", "title_en")
    autocomplete_fields = ("places", "topics")
    inlines = (ProjectPartnerInline, ObjectiveInline, ActivityInline, DocumentInline, GalleryImageInline)


@admin.register(Place)
class PlaceAdmin(ContentAdmin):
    list_display = ("name", "kind", "country")
    search_fields = ("name_be", "name_sq", "name_en")
