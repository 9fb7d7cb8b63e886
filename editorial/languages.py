"""The languages of a change form: one control for every translated field, side by side, slugs while typing.

`LanguageFormAdminMixin` is part of the editorial admin (editorial.options.EditorialAdmin):

- modeltranslation's tab strip per field is replaced by one language control
  at the top of the form (editorial/languages.js): a choice of one language,
  or two side by side (e.g. the source on the left, the translation on the
  right). The choice is a part of the form, so a form that comes back with
  errors shows the same languages; `?language=sq` opens the form in Albanian
  (the translation badges of the change list link there). Without JavaScript
  every language is shown, one under the other, as plain Django admin rows;
- the rich text a translator may only read is shown rendered (sanitised by
  core.richtext), not as HTML source;
- for a translation made from an older source text, what changed in each
  field of the source since then (from the item's history);
- a live slug preview: while a title is typed, the slug field of that
  language shows the slug the server would make (the `slug/` endpoint runs
  the model's own rule, core.text.slugify_any) and warns when another item
  already has it;
- helpers from a higher floor (`extend_languages`): translating adds the
  translation memory's suggestions and the glossary's terms beside each
  field, with a script of its own and a JSON endpoint whose address the
  language control carries (`data-<name>-url`).
"""

import difflib

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from reversion.models import Version

from core import i18n
from core.richtext import RichTextField, render_rich_text
from core.text import plain_text
from library.richtext import with_library_images

VIEW_FIELD = "_language_view"
LEFT_FIELD = "_language_left"
RIGHT_FIELD = "_language_right"
PAIR = "pair"
RENDERED_PREFIX = "rendered__"

# Helpers of the change form added by a higher floor: {name: {"js", "css", "url_name"}} (see extend_languages).
EXTENSIONS = {}


def extend_languages(name, *, js=(), css=(), url_name=""):
    """Add a script (and style sheet) to every change form with translated fields; `url_name` (an admin URL
    name) becomes the language control's `data-<name>-url`. Called from an AppConfig.ready()."""
    EXTENSIONS[name] = {"js": tuple(js), "css": tuple(css), "url_name": url_name}


def language_choice(request, obj=None):
    """(view, left, right): what the form shows, from the form's own input, `?language=`, or the user's language."""
    codes = i18n.LANGUAGE_CODES
    data = request.POST if request.method == "POST" else request.GET
    view = data.get(VIEW_FIELD) or data.get("language") or ""
    if view not in (*codes, PAIR):
        view = request.LANGUAGE_CODE if getattr(request, "LANGUAGE_CODE", None) in codes else codes[0]
    source = getattr(obj, "source_language", None) or i18n.DEFAULT_LANGUAGE
    left = data.get(LEFT_FIELD) if data.get(LEFT_FIELD) in codes else source
    fallback = view if view in codes and view != left else next(code for code in codes if code != left)
    right = data.get(RIGHT_FIELD) if data.get(RIGHT_FIELD) in codes else fallback
    return view, left, right


def word_diff(before, after):
    """`before` and `after` (rich text) as plain text, removed words in <del>, added ones in <ins>."""
    old, new = plain_text(before).split(), plain_text(after).split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old[i1:i2])))
    return format_html_join(" ", "{}", ((part,) for part in parts))


def source_changes(obj):
    """{language: [(field label, diff)]} for each outdated translation: the source's changes since it was made.

    The source text a translation was made from is the saved version whose
    source-language fields have the fingerprint recorded for that translation.
    """
    model = type(obj)
    if not i18n.tracks_sources(model):
        return {}
    outdated = [code for code in i18n.LANGUAGE_CODES if i18n.is_outdated(obj, code)]
    if not outdated:
        return {}
    source = getattr(obj, "source_language", None) or i18n.DEFAULT_LANGUAGE
    wanted = {code: (obj.translation_sources or {}).get(code, {}).get("fingerprint") for code in outdated}
    changes = {}
    for code, state in _sources_made_from(obj, source, wanted).items():
        rows = _source_diff(model, source, state, obj)
        if rows:
            changes[code] = rows
    return changes


def _saved_sources(obj, source):
    """The source text of each saved version of `obj` (newest first), on unsaved items of its kind."""
    model = type(obj)
    versions = Version.objects.get_for_object(obj).only("serialized_data", "format", "object_id", "content_type")
    for version in versions[:200]:
        try:
            values = version.field_dict
        except Exception:  # noqa: S112 - a version of an older model shape has nothing to compare
            continue
        state = model()
        for field in i18n.content_fields(model):
            name = i18n.localized(field, source)
            setattr(state, name, values.get(name))
        yield state


def _sources_made_from(obj, source, wanted):
    """{language: the saved source text whose fingerprint the translation recorded}, for `wanted` {language: fp}."""
    found = {}
    for state in _saved_sources(obj, source):
        saved = i18n.fingerprint(state, source)
        for code, expected in wanted.items():
            if code not in found and saved == expected:
                found[code] = state
        if len(found) == len(wanted):
            break
    return found


def _source_diff(model, source, before, after):
    """[(field label, word diff)] of the source-language fields that differ between two states."""
    rows = []
    for field in i18n.content_fields(model):
        name = i18n.localized(field, source)
        old, new = getattr(before, name) or "", getattr(after, name) or ""
        if old != new:
            rows.append((model._meta.get_field(field).verbose_name, word_diff(old, new)))
    return rows


class LanguageFormAdminMixin:
    """See the module docstring. Mix in before the ModelAdmin class."""

    @property
    def media(self):
        media = super().media
        if i18n.translated_fields(self.model):
            media += forms.Media(js=("editorial/languages.js",), css={"all": ("editorial/languages.css",)})
            for extension in EXTENSIONS.values():
                media += forms.Media(js=extension["js"], css={"all": extension["css"]})
        return media

    # --- Slugs while typing ------------------------------------------------------

    def language_urls(self):
        opts = self.model._meta
        return [
            path(
                "slug/",
                self.admin_site.admin_view(self.slug_view),
                name=f"{opts.app_label}_{opts.model_name}_slug",
            )
        ]

    def slug_view(self, request):
        """JSON {slug, taken_by}: the slug of `title` (or the slug typed, `slug`) in `language`."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        language = request.GET.get("language", "")
        model = self.model
        if (
            language not in i18n.LANGUAGE_CODES
            or not hasattr(model, "slug_for")
            or "slug" not in i18n.translated_fields(model)
        ):
            return JsonResponse({"error": gettext("Unknown language.")}, status=400)
        obj = model()
        object_id = request.GET.get("object", "")
        if object_id:
            stored = self.get_object(request, unquote(object_id))
            if stored is None:
                return JsonResponse({"error": gettext("No such item.")}, status=404)
            obj = stored
        typed = request.GET.get("slug", "")[:200].strip()
        title = request.GET.get("title", "")[:500]
        slug = model.slug_for(typed) if typed else (model.slug_for(title) if title.strip() else "")
        owner = obj.slug_owner(language, slug) if slug else None
        answer = {"slug": slug, "taken_by": str(owner) if owner else ""}
        if owner is not None and not typed:
            answer["free"] = obj.free_slug(language, slug)
        return JsonResponse(answer)

    # --- Read-only rich text, rendered -----------------------------------------

    def with_rendered_rich_text(self, fieldsets, readonly):
        """`fieldsets` with each read-only translated rich-text field (of `readonly`) shown rendered."""
        rendered = self.rendered_fields(readonly)
        if not rendered:
            return fieldsets
        return [
            (title, {**options, "fields": tuple(_rename(options.get("fields", ()), rendered))})
            for title, options in fieldsets
        ]

    def rendered_fields(self, readonly):
        """{field name: display name} for the translated rich-text fields among `readonly`."""
        names = {}
        for name in readonly:
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:  # a display method of the admin, not a model field
                continue
            if isinstance(field, RichTextField) and getattr(field, "translated_field", None) is not None:
                names[name] = f"{RENDERED_PREFIX}{name}"
        return names

    def __getattr__(self, name):
        # The display of a read-only rich-text field (see rendered_fields).
        if not name.startswith(RENDERED_PREFIX):
            raise AttributeError(name)
        field_name = name[len(RENDERED_PREFIX) :]
        field = self.model._meta.get_field(field_name)

        def display(obj):
            value = getattr(obj, field_name, "") if obj is not None else ""
            return (
                format_html(
                    '<div class="rendered-rich-text">{}</div>', render_rich_text(value, images=with_library_images)
                )
                if value
                else "—"
            )

        display.short_description = field.verbose_name
        return display

    # --- Context for the template ------------------------------------------------

    def add_language_context(self, context, request, obj):
        """The language control: which languages are shown, the slug helper, what changed in the sources."""
        if i18n.translated_fields(self.model):
            view, left, right = language_choice(request, obj)
            opts = self.model._meta
            slug_url = ""
            if "slug" in i18n.translated_fields(self.model) and hasattr(self.model, "slug_for"):
                slug_url = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_slug")
            context["editor_languages"] = {
                "languages": [(code, i18n.language_name(code)) for code in i18n.LANGUAGE_CODES],
                "codes": " ".join(i18n.LANGUAGE_CODES),
                "view": view,
                "left": left,
                "right": right,
                "slug_url": slug_url,
                "slug_source": getattr(self.model, "slug_source_field", "title"),
                "object": str(obj.pk) if obj is not None and obj.pk else "",  # a string: never localised as "1,192"
                "model": f"{opts.app_label}.{opts.model_name}",
                "extension_urls": [
                    (name, reverse(f"{self.admin_site.name}:{extension['url_name']}"))
                    for name, extension in EXTENSIONS.items()
                    if extension["url_name"]
                ],
                "changes": [
                    (i18n.language_name(code), rows)
                    for code, rows in (source_changes(obj) if obj and obj.pk else {}).items()
                ],
            }


def _rename(fields, names):
    for name in fields:
        if isinstance(name, (list, tuple)):
            yield tuple(_rename(name, names))
        else:
            yield names.get(name, name)
