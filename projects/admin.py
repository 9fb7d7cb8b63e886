import datetime

from django import forms
from django.contrib import admin
from django.db.models import Max, Min
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from editorial.options import EditorialAdmin
from library.admin import chosen_preview
from library.forms import (
    LANGUAGES,
    LibraryUploadFormMixin,
    MultipleImageField,
    alt_text_field,
    upload_field_names,
    upload_images,
)
from partners.models import Organisation
from projects.models import Activity, Document, GalleryImage, Objective, Phase, Place, Project, ProjectPartner, Role


class OrderedInlineMixin:
    """Inline rows carry an explicit order number; new rows come last."""

    extra = 0
    ordering = ("order", "pk")


class ProjectPartnerInline(OrderedInlineMixin, admin.TabularInline):
    model = ProjectPartner
    fields = ("organisation", "role", "order")
    autocomplete_fields = ("organisation",)
    # The donors and the lead organisation are partners too: one row each, with that role.
    verbose_name_plural = _("Partners, donors and the lead organisation (each with its role)")


class ObjectiveInline(OrderedInlineMixin, TranslationTabularInline):
    model = Objective
    fields = ("text", "order")


class ActivityInline(OrderedInlineMixin, TranslationStackedInline):
    model = Activity
    fields = ("title", ("start_date", "end_date"), "place", "description", "order")


class DocumentForm(forms.ModelForm):
    """A document's language is chosen, or taken from its title when the title is in one language only."""

    class Meta:
        model = Document
        fields = ("title", "file", "language", "category", "published_on", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("language")  # not there for a translator, who may not change it
        if field is not None:
            field.required = False
            # Translators: the empty choice of a document's language: it is taken from the language of its title
            field.choices = [("", _("— as its title —")), *Document._meta.get_field("language").choices]
            field.help_text = _("Left empty: the language of the title, when it has a title in one language only.")
            if not self.instance.pk:
                self.initial["language"] = ""

    def clean(self):
        cleaned = super().clean()
        if "language" in self.fields and not cleaned.get("language") and not self.errors:
            titled = [code for code in LANGUAGES if (cleaned.get(f"title_{code}") or "").strip()]
            if len(titled) == 1:
                cleaned["language"] = titled[0]
            elif titled:
                self.add_error(
                    "language",
                    _("The title is in several languages: choose the language of the document itself."),
                )
            elif self.has_changed():
                self.add_error("language", _("Choose the language of the document."))
        return cleaned


class DocumentInline(OrderedInlineMixin, TranslationTabularInline):
    model = Document
    form = DocumentForm
    fields = ("title", "file", "language", "category", "published_on", "file_facts", "order")
    readonly_fields = ("file_facts",)

    @admin.display(description=_("type and size"))
    def file_facts(self, obj):
        if not obj.pk or not obj.file:
            return "—"
        return f"{obj.type_label or obj.content_type}, {filesizeformat(obj.file_size)}"


class GalleryImageInline(OrderedInlineMixin, TranslationStackedInline):
    model = GalleryImage
    fields = ("image", "image_preview", "caption", "order")
    readonly_fields = ("image_preview",)
    autocomplete_fields = ("image",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        return chosen_preview(obj.image if obj and obj.image_id else None)


class ProjectAdminForm(LibraryUploadFormMixin, forms.ModelForm):
    library_fields = ("gallery",)
    gallery_alt_be = alt_text_field("be")
    gallery_alt_sq = alt_text_field("sq")
    gallery_alt_en = alt_text_field("en")
    gallery_upload = MultipleImageField(
        label=_("Add photos to the gallery"),
        required=False,
        help_text=_("Choose one or more files: each goes into the image library and to the end of the gallery."),
    )


class PhaseFilter(admin.SimpleListFilter):
    title = _("phase")
    parameter_name = "phase"

    def lookups(self, request, model_admin):
        return Phase.choices

    def queryset(self, request, queryset):
        if self.value() in Phase.values:
            return queryset.with_phase(self.value())
        return queryset


class DonorFilter(admin.SimpleListFilter):
    title = _("donor")
    parameter_name = "donor"

    def lookups(self, request, model_admin):
        donors = Organisation.objects.filter(project_roles__role=Role.FUNDING).distinct().order_by("name")
        return [(str(organisation.pk), str(organisation)) for organisation in donors]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(partner_roles__role=Role.FUNDING, partner_roles__organisation_id=int(self.value()))
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        bounds = Project.objects.aggregate(first=Min("start_date"), last=Max("end_date"), last_start=Max("start_date"))
        if bounds["first"] is None:
            return []
        last = max(bounds["last_start"].year, bounds["last"].year if bounds["last"] else 0, datetime.date.today().year)
        return [(str(year), str(year)) for year in range(last, bounds["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.active_in(int(self.value()))
        return queryset


@admin.register(Project)
class ProjectAdmin(EditorialAdmin):
    form = ProjectAdminForm
    list_display = ("title", "status", "phase_display", "dates", "donor_list")
    list_filter = ("status", PhaseFilter, DonorFilter, YearFilter, "topics")
    search_fields = (
        "title_be",
        "title_sq",
        "title_en",
        "summary_be",
        "summary_sq",
        "summary_en",
        "partner_roles__organisation__name_be",
        "partner_roles__organisation__name_sq",
        "partner_roles__organisation__name_en",
        "partner_roles__organisation__acronym_en",
    )
    autocomplete_fields = ("places", "topics")
    date_hierarchy = "start_date"
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description")}),
        (
            _("Dates and role"),
            {
                "fields": (("start_date", "end_date"), "years_only", "our_role"),
                "description": _(
                    "“Our role” is the role of the organisation that publishes this site. Donors, the lead "
                    "organisation and the other partners are added below, under “Partners, donors and the lead "
                    "organisation”, one row each with its role (Donor, Lead, Partner, …)."
                ),
            },
        ),
        (_("Places and topics"), {"fields": ("places", "topics")}),
        (_("Contact"), {"fields": ("contact_name", "contact_role", "contact_email")}),
        (
            _("New photos for the gallery"),
            {
                "fields": upload_field_names("gallery"),
                "description": _(
                    "Uploaded photos go to the end of the gallery, at the bottom of the form, where you order them "
                    "and write their captions."
                ),
            },
        ),
        (
            pgettext_lazy("admin fieldset", "Publication"),
            {"fields": ("status", "publish_at", "expire_at", "source_language", "iati_identifier")},
        ),
    )
    inlines = (ProjectPartnerInline, ObjectiveInline, ActivityInline, DocumentInline, GalleryImageInline)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        files = form.cleaned_data.get("gallery_upload") or []
        if not files:
            return
        texts = {code: (form.cleaned_data.get(f"gallery_alt_{code}") or "").strip() for code in LANGUAGES}
        created, refused = upload_images(files, user=request.user, alt_texts=texts)
        last = form.instance.gallery.order_by("-order").values_list("order", flat=True).first() or 0
        GalleryImage.objects.bulk_create(
            GalleryImage(project=form.instance, image=image, order=last + number)
            for number, image in enumerate(created, start=1)
        )
        for name, problems in refused:
            self.message_user(request, f"{name}: {' '.join(problems)}", level="error")

    def get_queryset(self, request):
        return super().get_queryset(request).with_roles()

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, obj):
        """Start and end in one short column, so that the list fits a 1280 px window."""
        start = formats.date_format(obj.start_date, "SHORT_DATE_FORMAT") if obj.start_date else "…"
        end = formats.date_format(obj.end_date, "SHORT_DATE_FORMAT") if obj.end_date else "…"
        return f"{start} – {end}"

    @admin.display(description=_("phase"))
    def phase_display(self, obj):
        return obj.get_phase_display()

    @admin.display(description=_("donors"))
    def donor_list(self, obj):
        return ", ".join(organisation.acronym or organisation.name for organisation in obj.donors) or "—"


@admin.register(Place)
class PlaceAdmin(EditorialAdmin):
    list_display = ("name", "kind", "country", "latitude", "longitude")
    list_filter = ("kind", "country")
    search_fields = ("name_be", "name_sq", "name_en")
