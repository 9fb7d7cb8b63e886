"""The translation memory and the glossary in the admin.

- The memory: its segments by language pair, TMX export (one language pair)
  and import, and the JSON endpoint of the side-by-side screen
  (`suggestions/`): for each field of an item in the source language, the
  memory's matches per segment, the glossary's terms, and the forbidden
  variants in the translation.
- The glossary: its terms in be, sq and en, edited by translators, exported
  as TBX.
"""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from core import i18n
from translating import glossary, memory, tbx
from translating.models import GlossaryTerm, MemorySegment
from translating.segments import blocks
from translating.tmx import TMXError, export_tmx, import_tmx

# The side-by-side screen asks for at most this many segments at once (each is one or two queries).
MAX_SEGMENTS = 60
MAX_FIELD_LENGTH = 100_000


def language_pairs():
    return [
        (f"{a}-{b}", f"{i18n.language_name(a)} → {i18n.language_name(b)}")
        for a in i18n.LANGUAGE_CODES
        for b in i18n.LANGUAGE_CODES
        if a != b
    ]


class PairForm(forms.Form):
    pair = forms.ChoiceField(label=_("Language pair"), choices=language_pairs)

    def languages(self):
        return tuple(self.cleaned_data["pair"].split("-", 1))


class TMXUploadForm(forms.Form):
    file = forms.FileField(label=_("TMX file"), help_text=_("TMX 1.4, at most 20 MB."))


@admin.register(MemorySegment)
class MemorySegmentAdmin(admin.ModelAdmin):
    list_display = ("short_source", "short_target", "source_language", "target_language", "origin", "updated")
    list_filter = ("source_language", "target_language", "origin")
    search_fields = ("source_text", "target_text")
    fields = ("source_language", "target_language", "source_text", "target_text", "origin", "field", "updated")
    readonly_fields = ("origin", "field", "updated")
    list_per_page = 50
    show_full_result_count = False
    change_list_template = "translating/memory_change_list.html"

    @admin.display(description=_("source text"))
    def short_source(self, obj):
        return Truncator(obj.source_text).chars(90)

    @admin.display(description=_("translation"))
    def short_target(self, obj):
        return Truncator(obj.target_text).chars(90)

    def get_urls(self):
        return [
            path(
                "suggestions/",
                self.admin_site.admin_view(self.suggestions_view),
                name="translating_memorysegment_suggestions",
            ),
            path("tmx/", self.admin_site.admin_view(self.tmx_view), name="translating_memorysegment_tmx"),
            *super().get_urls(),
        ]

    # --- TMX ------------------------------------------------------------------------

    def tmx_view(self, request):
        """Export (GET with a pair) or import (POST with a file) the memory as TMX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        may_import = self.has_add_permission(request)
        pair_form = PairForm(request.GET if "pair" in request.GET else None)
        upload_form = TMXUploadForm()
        if pair_form.is_valid():
            source, target = pair_form.languages()
            response = HttpResponse(export_tmx(source, target), content_type="application/x-tmx+xml; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="ura-memory-{source}-{target}.tmx"'
            return response
        if request.method == "POST":
            if not may_import:
                raise PermissionDenied
            upload_form = TMXUploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                try:
                    report = import_tmx(upload_form.cleaned_data["file"], request.user)
                except TMXError as error:
                    upload_form.add_error("file", str(error))
                else:
                    self.message_user(
                        request,
                        # Translators: after a TMX import; the numbers are pairs of segments
                        gettext(
                            # Translators: after a TMX import; the numbers are pairs of segments
                            "Pairs added: %(added)d. Already in the memory: %(known)d. "
                            "Units without two of the site’s languages: %(skipped)d."
                        )
                        % {"added": report.added, "known": report.known, "skipped": report.skipped},
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:translating_memorysegment_changelist"))
        counts = {
            (row["source_language"], row["target_language"]): row["count"]
            for row in MemorySegment.objects.values("source_language", "target_language").annotate(count=Count("pk"))
        }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("TMX export and import"),
            "pair_form": pair_form,
            "upload_form": upload_form if may_import else None,
            "pairs": [(label, counts.get(tuple(code.split("-", 1)), 0)) for code, label in language_pairs()],
        }
        return TemplateResponse(request, "translating/memory_tmx.html", context)

    # --- The side-by-side screen ---------------------------------------------------------

    def suggestions_view(self, request):
        """JSON: the memory's matches per segment, the glossary's terms and forbidden variants, per field.

        POST model=<app>.<model>, source, target, and `<field>` = the field's text in the source
        language (and `<field>__target` = its current translation) for each translated field the form shows.
        """
        if request.method != "POST":
            return JsonResponse({"error": gettext("Send the form’s fields.")}, status=405)
        model = self._model(request.POST.get("model", ""))
        source, target = request.POST.get("source", ""), request.POST.get("target", "")
        if model is None or source not in i18n.LANGUAGE_CODES or target not in i18n.LANGUAGE_CODES or source == target:
            return JsonResponse({"error": gettext("Unknown item type or language.")}, status=400)
        model_admin = self.admin_site._registry.get(model)
        if model_admin is None or not (
            model_admin.has_change_permission(request) or model_admin.has_view_permission(request)
        ):
            raise PermissionDenied
        obj = None
        if request.POST.get("object"):
            obj = model_admin.get_object(request, unquote(request.POST["object"]))
            if obj is None:
                return JsonResponse({"error": gettext("No such item.")}, status=404)
            if not model_admin.has_view_or_change_permission(request, obj):
                raise PermissionDenied
        terms = list(GlossaryTerm.objects.all())
        fields, budget = [], MAX_SEGMENTS
        for name in i18n.content_fields(model):
            # A field the user may only read is not in the form: its saved text.
            saved = getattr(obj, i18n.localized(name, source), "") or "" if obj is not None else ""
            text = request.POST.get(name, saved)[:MAX_FIELD_LENGTH]
            translation = request.POST.get(f"{name}__target", "")[:MAX_FIELD_LENGTH]
            plains = [memory.plain_segment(block) for block in blocks(text)[: max(budget, 0)]]
            budget -= len(plains)
            fields.append(
                {
                    "field": name,
                    "segments": plains,
                    "terms": glossary.terms_in(text, source, target, terms),
                    "forbidden": [
                        {**hit, "message": glossary.warning_message(hit)}
                        for hit in glossary.forbidden_in(translation, target, terms)
                    ],
                }
            )
        # The matches of every segment of every field in one look-up.
        found = iter(memory.matches_many([text for field in fields for text in field["segments"]], source, target))
        for field in fields:
            field["segments"] = [{"source": text, "matches": next(found)} for text in field["segments"]]
        labels = {
            "memory": gettext("Translation memory"),
            "glossary": gettext("Glossary"),
            "forbidden": gettext("Check the glossary"),
            # Translators: a button that puts a suggestion of the translation memory into the field
            "insert": pgettext("translation memory", "Insert"),
            "inserted": gettext("Inserted. Nothing is saved until you save the form."),
            # Translators: before the source text a fuzzy match of the translation memory was made for
            "from": gettext("Translation of:"),
        }
        return JsonResponse({"source": source, "target": target, "fields": fields, "labels": labels})

    @staticmethod
    def _model(label):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            return None
        return model if i18n.content_fields(model) else None


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ("en", "be", "sq", "short_note")
    search_fields = ("en", "be", "sq", "note")
    fieldsets = (
        (None, {"fields": ("en", "be", "sq", "note")}),
        (
            _("Forbidden variants"),
            {
                "fields": ("forbidden_be", "forbidden_sq", "forbidden_en"),
                "description": _(
                    "Variants a translation must not use, one a line. A line is a regular expression matched "
                    "without regard to case: \\b marks the start or end of a word."
                ),
            },
        ),
    )
    list_per_page = 100
    change_list_template = "translating/glossary_change_list.html"
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}

    @admin.display(description=_("note"))
    def short_note(self, obj):
        return Truncator(obj.note).chars(80)

    def get_urls(self):
        return [
            path("tbx/", self.admin_site.admin_view(self.tbx_view), name="translating_glossaryterm_tbx"),
            *super().get_urls(),
        ]

    def tbx_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(tbx.export_tbx(), content_type="application/x-tbx+xml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ura-glossary.tbx"'
        return response
