"""The image library in the admin: a searchable list with thumbnails, several files per upload, a focal point.

An EditorialAdmin (the texts are translated): translators change the
alternative text, caption and credit of their own languages only, and never
upload or delete.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import NumberInput
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editorial.options import EditorialAdmin
from library.forms import MultiUploadForm, upload_images
from library.models import Image

LANGUAGES = ("be", "sq", "en")


def thumbnail(image, width=160, css_class="library-thumbnail", loading="lazy"):
    """An <img> of the smallest recorded rendition at least `width` wide; "" without one."""
    options = image.renditions_for("full", [width]) if image else []
    if not options:
        return ""
    option = options[0]
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="{}" loading="{}">',
        option.url,
        option.width,
        option.height,
        image.alt_text or "",
        css_class,
        loading,
    )


@admin.register(Image)
class ImageAdmin(EditorialAdmin):
    list_display = ("preview", "description", "credit", "dimensions", "uploaded_at", "uploaded_by")
    list_display_links = ("preview", "description")
    list_per_page = 40
    search_fields = tuple(f"{field}_{code}" for field in ("alt_text", "caption", "credit") for code in LANGUAGES) + (
        "file",
    )
    date_hierarchy = "uploaded_at"
    readonly_fields = ("focal_point_control", "dimensions", "uploaded_at", "uploaded_by")
    fieldsets = (
        (None, {"fields": ("file", "dimensions")}),
        (
            _("Focal point"),
            {
                "fields": ("focal_point_control", "focal_x", "focal_y"),
                "description": _("Crops of this image (cards, the preview on social networks) keep this spot in view."),
            },
        ),
        (_("Alternative text, caption and credit"), {"fields": ("alt_text", "caption", "credit")}),
        (_("Who uploaded it and when"), {"fields": ("uploaded_at", "uploaded_by")}),
    )
    formfield_overrides = {
        models.FloatField: {"widget": NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"})},
    }

    class Media:
        css = {"all": ("library/library.css",)}
        js = ("library/focal-point.js",)

    change_list_template = "admin/library/image/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj) or "—"

    @admin.display(description=_("alternative text"), ordering="alt_text")
    def description(self, obj):
        return obj.alt_text or format_html("<em>{}</em>", _("no alternative text yet"))

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj and obj.width else "—"

    @admin.display(description=_("focal point"))
    def focal_point_control(self, obj):
        if not obj or not obj.pk:
            return _("Save the image first; then click on it to set the focal point.")
        options = obj.renditions_for("full", [800])
        if not options:
            return "—"
        option = options[0]
        card = obj.renditions_for("card", [480])
        card_preview = (
            format_html(
                '<figure class="focal-point-card"><img src="{}" width="{}" height="{}" alt="">'
                "<figcaption>{}</figcaption></figure>",
                card[0].url,
                card[0].width,
                card[0].height,
                _("As cards show it (3:2), since the last save"),
            )
            if card
            else ""
        )
        return format_html(
            '<div class="focal-point" data-focal-x="id_focal_x" data-focal-y="id_focal_y">'
            '<img src="{}" width="{}" height="{}" alt="{}" class="focal-point-image">'
            '<span class="focal-point-marker" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>{}',
            option.url,
            option.width,
            option.height,
            _("The image; click to set the focal point"),
            _("Click on the most important spot (a face, for example), or type the numbers below."),
            card_preview,
        )

    def save_model(self, request, obj, form, change):
        if not change and obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="library_image_upload",
            ),
            path("pick/", self.admin_site.admin_view(self.pick_view), name="library_image_pick"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_upload": self.has_add_permission(request)}
        return super().changelist_view(request, extra_context)

    def upload_view(self, request):
        """Several images in one form; each file is validated and metadata-stripped on its own."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MultiUploadForm(request.POST, request.FILES) if request.method == "POST" else MultiUploadForm()
        refused = []
        if form.is_bound and form.is_valid():
            created, refused = upload_images(form.cleaned_data["files"], form.cleaned_data["credit"], request.user)
            for image in created:
                self.log_addition(request, image, [{"added": {}}])
            if created:
                messages.success(
                    request,
                    ngettext(
                        # Translators: %(count)d is a number of images; the second sentence asks the editor to write the
                        # images' alternative text
                        "%(count)d image was added to the library. Give it its alternative text.",
                        "%(count)d images were added to the library. Give them their alternative text.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
            if not refused:
                url = reverse("admin:library_image_changelist")
                return redirect(f"{url}?id__in={','.join(str(image.pk) for image in created)}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Upload images"),
            "form": form,
            "refused": refused,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/library/image/upload.html", context)

    def pick_view(self, request):
        """The rich-text editor's picker (a window of its own): search the library, click an image to put it
        into the body. The body keeps the image's number; pages draw it from its renditions, with the library's
        alternative text, caption and credit in each language unless the editor writes the body's own."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:100]
        images = self.get_queryset(request)
        if query:
            images, _duplicates = self.get_search_results(request, images, query)
        images = list(images[: self.list_per_page])
        picks = []
        for image in images:
            options = image.renditions_for("full", [800])
            if options:
                picks.append({"image": image, "url": options[0].url, "thumbnail": thumbnail(image, 320)})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Choose an image for the text"),
            "query": query,
            "picks": picks,
            "func_num": request.GET.get("CKEditorFuncNum", ""),
            "is_popup": True,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/library/image/pick.html", context)


def chosen_preview(image):
    """The chosen library image next to its chooser: a thumbnail, its texts and a link to edit them."""
    if image is None:
        return _("No image chosen. Choose one from the library or upload a new one.")
    return format_html(
        '<div class="library-chooser-preview">{}<p>{}: {}<br>{}: {}<br><a href="{}">{}</a></p></div>',
        thumbnail(image, 320, "library-chooser-image", loading="eager"),
        _("Alternative text"),
        image.alt_text or _("none yet"),
        _("Credit"),
        image.credit or "—",
        image.get_admin_url(),
        _("Edit the image in the library"),
    )
