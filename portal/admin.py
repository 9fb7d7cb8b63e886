from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from portal.admin_translation import TranslationAdminMixin
from portal.admin_workflow import WorkflowAdminMixin
from portal.models import MenuItem, Page, Topic


class ContentAdmin(TranslationAdminMixin, WorkflowAdminMixin, TabbedTranslationAdmin):
    """Shared base for the admin of translated content (news, projects, pages, organisations).

    Translation tabs keep be/sq/en side by side; the workflow mixin adds
    history with restore, publishing permissions and actions, per-language
    preview links and protection against concurrent edits; the translation
    mixin adds the per-language translation status and limits translators to
    the translated fields of their languages.
    """

    save_on_top = True


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = ("title", "status", "publish_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("title_be", "title_sq", "title_en")
    fieldsets = (
        (None, {"fields": ("title", "slug", "intro", "body")}),
        (_("Publication"), {"fields": ("status", "publish_at", "source_language")}),
    )


class MenuItemInline(TranslationTabularInline):
    model = MenuItem


@admin.register(MenuItem)
class MenuItemAdmin(ContentAdmin):
    list_display = ("__str__", "section", "page", "url", "order", "in_footer")
    list_editable = ("order", "in_footer")
    autocomplete_fields = ("page",)


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_be", "name_sq", "name_en")
