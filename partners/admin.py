from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.options import EditorialAdmin
from library.admin import chosen_preview
from library.forms import LibraryUploadFormMixin, alt_text_field, upload_field, upload_field_names
from partners.models import Organisation
from projects.models import ProjectPartner


class ProjectRoleInline(admin.TabularInline):
    """The organisation's roles in projects: the same rows as the project's partner inline."""

    model = ProjectPartner
    fields = ("project", "role", "order")
    autocomplete_fields = ("project",)
    extra = 0
    verbose_name = _("role in a project")
    verbose_name_plural = _("roles in projects")


class OrganisationAdminForm(LibraryUploadFormMixin, forms.ModelForm):
    library_fields = ("logo",)
    logo_upload = upload_field()
    logo_alt_be = alt_text_field("be")
    logo_alt_sq = alt_text_field("sq")
    logo_alt_en = alt_text_field("en")


@admin.register(Organisation)
class OrganisationAdmin(EditorialAdmin):
    form = OrganisationAdminForm
    autocomplete_fields = ("logo",)
    readonly_fields = ("logo_preview",)
    list_display = ("name_and_acronym", "kind", "country", "project_count", "is_public")
    list_display_links = ("name_and_acronym",)
    list_filter = ("kind", "country", "is_public")
    search_fields = ("name_be", "name_sq", "name_en", "acronym_be", "acronym_sq", "acronym_en")
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "description")}),
        (_("Details"), {"fields": ("kind", "country", "website", "iati_identifier")}),
        (_("Logo"), {"fields": ("logo", "logo_preview", *upload_field_names("logo"))}),
        (pgettext_lazy("admin fieldset", "Publication"), {"fields": ("is_public", "source_language")}),
    )
    inlines = (ProjectRoleInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_total=Count("project_roles__project", distinct=True))

    @admin.display(description=_("preview"))
    def logo_preview(self, obj):
        return chosen_preview(obj.logo if obj and obj.logo_id else None)

    @admin.display(description=_("name"), ordering="name")
    def name_and_acronym(self, obj):
        """The acronym beside the name, not in a column of its own: the list fits a 1280 px window."""
        return f"{obj.name} ({obj.acronym})" if obj.acronym and obj.acronym != obj.name else obj.name

    @admin.display(description=_("projects"), ordering="project_total")
    def project_count(self, obj):
        return obj.project_total
