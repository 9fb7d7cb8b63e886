"""Preview changes: an edited, unsaved item rendered with its public detail page.

The change form of every content model with a public detail page (news,
projects, pages, organisations) posts its data to
``<admin change url>/preview/<language>/`` (a "Preview" button per
language, opening a new tab). `preview_changes` validates that data with the
admin's own form and inline formsets, applies it to the item *in memory* and
renders the page the public URL would show, in the chosen language, with the
"Preview — not public" banner. Nothing is saved:

- the item and its inline rows are never saved; the whole request runs in a
  transaction that is rolled back, as a second line of defence;
- no version is recorded (the preview is not a reversion revision);
- a newly chosen image is kept in memory and shown as ``data:`` URLs in this
  response only (the CSP allows ``img-src data:``); it is never written to
  the media storage;
- the optimistic-locking field is ignored: a preview is not a save, and the
  form in the editor's other tab still carries the version they loaded.

The page is built by the same view class that serves the public URL
(``PublishedMixin`` detail views), so the preview and the public page share
one context builder and one template. Related rows the public view
prefetches are filled from the form (many-to-many choices, inline rows in
their order) so the template shows the edited lists without knowing it is a
preview.
"""

import base64
import io
import mimetypes
import posixpath
import uuid

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models, router, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.forms.formsets import DELETION_FIELD_NAME, all_valid
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, Resolver404, resolve
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views.generic.detail import SingleObjectMixin
from PIL import Image, ImageOps

from core import i18n
from core.compat import fill_prefetch_cache, is_new_upload
from core.images import strip_metadata
from core.models import Publishable
from core.richtext import RichTextField
from core.views import PublishedMixin, TranslatedSlugLookupMixin, mark_private
from editorial.forms import CONFIRM_WARNINGS_FIELD, TAKE_DOWN_FIELD, VERSION_FIELD
from library.models import Image as LibraryImage
from library.models import make_renditions

# The widest image kept in memory for a preview: enough for the page, small
# enough for data: URLs in one response.
PREVIEW_IMAGE_WIDTH = 1000


# --- Which public view renders an item ---------------------------------------------


def public_view_match(obj, language):
    """The URL match of `obj`'s public detail page in `language`, or None.

    Only detail views that apply the publication rules (PublishedMixin) can
    render a preview.
    """
    url_for = getattr(obj, "get_absolute_url_for", None)
    if url_for is None:
        return None
    try:
        with translation.override(language):
            url = url_for(language) or obj.get_absolute_url()
            match = resolve(url)
    except (NoReverseMatch, Resolver404, ValueError):
        return None
    view_class = getattr(match.func, "view_class", None)
    if (
        view_class is None
        or not issubclass(view_class, PublishedMixin)
        or not issubclass(view_class, TranslatedSlugLookupMixin)
        or not issubclass(view_class, SingleObjectMixin)
    ):
        return None
    if getattr(view_class, "model", None) is not type(obj):
        return None
    return match


# --- Images chosen in the form: in memory only ----------------------------------------


class InMemoryStorage(Storage):
    """A storage that lives as long as one preview response; its URLs are data: URLs."""

    def __init__(self):
        self.files = {}
        self.created = timezone.now()

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def _save(self, name, content):
        content.seek(0)
        self.files[name] = content.read()
        return name

    def exists(self, name):
        return name in self.files

    def delete(self, name):
        self.files.pop(name, None)

    def size(self, name):
        return len(self.files[name])

    def get_modified_time(self, name):
        return self.created

    def url(self, name):
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return f"data:{content_type};base64,{base64.b64encode(self.files[name]).decode('ascii')}"


def _shrunk(content):
    """`content` (an image without metadata) no wider than PREVIEW_IMAGE_WIDTH, same format."""
    content.seek(0)
    with Image.open(content) as image:
        if image.width <= PREVIEW_IMAGE_WIDTH or getattr(image, "is_animated", False):
            content.seek(0)
            return content.read()
        fmt = image.format
        image.load()
        image = ImageOps.exif_transpose(image)
        height = max(1, round(image.height * PREVIEW_IMAGE_WIDTH / image.width))
        resized = image.resize((PREVIEW_IMAGE_WIDTH, height), Image.LANCZOS)
        if fmt == "JPEG" and resized.mode not in ("RGB", "L"):
            resized = resized.convert("RGB")
        buffer = io.BytesIO()
        resized.save(buffer, fmt)
        return buffer.getvalue()


def keep_new_images_in_memory(instance):
    """Point every newly uploaded image of `instance` at an in-memory copy.

    The template's image tag then makes its renditions in memory too, and
    they reach the page as data: URLs. An upload that cannot be decoded
    leaves the field empty (the form rejects those before this point).
    """
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        field_file = getattr(instance, field.attname)
        if not field_file or getattr(field_file, "_committed", True):
            continue
        cleaned = strip_metadata(field_file.file, field_file.name)
        if cleaned is None:
            setattr(instance, field.attname, None)
            continue
        storage = InMemoryStorage()
        name = storage.save(
            f"preview/{uuid.uuid4().hex}/{posixpath.basename(cleaned.name)}", ContentFile(_shrunk(cleaned))
        )
        in_memory = field.attr_class(instance, field, name)
        in_memory.storage = storage
        setattr(instance, field.attname, in_memory)


def keep_new_library_uploads_in_memory(form, instance):
    """An image uploaded next to a library chooser (``<field>_upload``) becomes an unsaved library image.

    Its file and renditions live in memory and reach the page as data: URLs;
    nothing is written to the library or the storage.
    """
    for name, upload in form.cleaned_data.items():
        if not name.endswith("_upload") or not upload:
            continue
        field_name = name.removesuffix("_upload")
        try:
            field = instance._meta.get_field(field_name)
        except FieldDoesNotExist:
            continue
        if field.related_model is not LibraryImage:
            continue
        cleaned = strip_metadata(upload, upload.name)
        if cleaned is None:
            continue
        storage = InMemoryStorage()
        stored = storage.save(
            f"preview/{uuid.uuid4().hex}/{posixpath.basename(cleaned.name)}", ContentFile(_shrunk(cleaned))
        )
        image = LibraryImage()
        for code in i18n.LANGUAGE_CODES:
            setattr(image, f"alt_text_{code}", form.cleaned_data.get(f"{field_name}_alt_{code}") or "")
        image.file.name = stored
        image.file.storage = storage
        image.renditions = make_renditions(storage, stored)
        setattr(instance, field_name, image)


# --- The edited item and its relations, unsaved ---------------------------------------


def sanitize_rich_text(obj):
    """What a save would store: RichTextField.pre_save() sanitises each rich text in place."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, RichTextField):
            field.pre_save(obj, add=False)


def _ordered(items, model):
    """`items` in the related model's default order, unsaved rows after saved ones."""
    items = list(items)
    for name in reversed(model._meta.ordering or ["pk"]):
        if not isinstance(name, str) or "__" in name:
            continue
        descending = name.startswith("-")
        attname = name.lstrip("-")
        attname = model._meta.pk.attname if attname == "pk" else attname

        def key(item, attname=attname):
            value = getattr(item, attname, None)
            return (value is None, value if value is not None else 0)

        items.sort(key=key, reverse=descending)
    return items


def admin_formsets(model_admin, request, obj):
    """The bound inline formsets of the change form, as ModelAdmin's change view makes them."""
    formsets, prefixes = [], {}
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
        prefix = formset_class.get_default_prefix()
        prefixes[prefix] = prefixes.get(prefix, 0) + 1
        if prefixes[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{prefixes[prefix]}"
        formsets.append(formset_class(**model_admin.get_formset_kwargs(request, obj, inline, prefix)))
    return formsets


def inline_rows(formset):
    """The rows an inline formset would leave after saving: kept, changed and new, unsaved."""
    rows = []
    for index, form in enumerate(formset.forms):
        if formset.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME):
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        row = form.instance
        keep_new_images_in_memory(row)
        if hasattr(row, "_read_file_facts") and row.file and is_new_upload(row.file):
            row._read_file_facts()
        if row.pk is None and hasattr(row, "get_absolute_url"):
            # Not saved, so there is nothing to download yet.
            row.get_absolute_url = lambda: "#"
        rows.append(row)
    return _ordered(rows, formset.model)


def _public_prefetches(view):
    """{accessor: queryset} of the plain Prefetch lookups of the public view's queryset."""
    lookups = list(getattr(view.get_queryset(), "_prefetch_related_lookups", ()))
    querysets = {}
    for lookup in lookups:
        if isinstance(lookup, Prefetch) and lookup.to_attr is None and "__" not in lookup.prefetch_through:
            querysets[lookup.prefetch_through] = lookup.queryset
    return lookups, querysets


def attach_edited_relations(obj, form, formsets, view):
    """Fill the relations of `obj` from the form, then let the public view's prefetches fill the rest."""
    lookups, querysets = _public_prefetches(view)
    for field in obj._meta.many_to_many:
        if field.name not in form.cleaned_data or not field.remote_field.through._meta.auto_created:
            continue
        selected = form.cleaned_data[field.name]
        base = querysets.get(field.name)
        if base is None:
            base = field.related_model._default_manager.all()
        pks = [item.pk for item in selected] if not hasattr(selected, "values") else selected.values("pk")
        fill_prefetch_cache(obj, field.name, base.filter(pk__in=pks))
    for formset in formsets:
        accessor = formset.fk.remote_field.get_accessor_name()
        fill_prefetch_cache(obj, accessor, inline_rows(formset))
    # Whatever the form does not carry (e.g. related news) comes from the
    # database, exactly as on the public page; filled caches are skipped.
    prefetch_related_objects([obj], *lookups)


# --- The view --------------------------------------------------------------------------


def form_errors(form, formsets):
    """[(label, [messages])] for the preview's error page, in the editor's language."""
    errors = []
    for message in form.non_field_errors():
        errors.append(("", [message]))
    for name, messages in form.errors.items():
        if name == "__all__":
            continue
        field = form.fields.get(name)
        label = capfirst(field.label) if field is not None and field.label else name
        errors.append((label, list(messages)))
    for formset in formsets:
        title = capfirst(formset.model._meta.verbose_name_plural)
        for message in formset.non_form_errors():
            errors.append((title, [message]))
        for number, row_errors in enumerate(formset.errors, start=1):
            for name, messages in row_errors.items():
                field = formset.forms[number - 1].fields.get(name)
                label = capfirst(field.label) if field is not None and field.label and name != "__all__" else ""
                # Translators: %(inline)s is the name of a group of rows in a form ("Objectives"); %(number)d the
                # row's number
                prefix = gettext("%(inline)s, row %(number)d") % {"inline": title, "number": number}
                errors.append((f"{prefix}: {label}" if label else prefix, list(messages)))
    return errors


# Scripts a language is also shown in, made from its page by a floor above this one (portal registers
# Belarusian in Łacinka): {code: (language, name, lang attribute, convert(request, response) -> response)}.
SCRIPT_VARIANTS = {}


def register_script_variant(code, language, name, lang, convert):
    """Offer a preview in `code`: the page in `language`, then `convert`ed (e.g. to another alphabet)."""
    SCRIPT_VARIANTS[code] = (language, name, lang, convert)


def preview_changes(model_admin, request, object_id, language):
    """Render the posted, unsaved state of an item with its public template in `language`.

    POST only (the admin wraps it in its login and CSRF checks); the user
    needs the change permission on the item. `language` may be a script
    variant (SCRIPT_VARIANTS): the page is rendered in its language, then converted.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    convert = None
    if language in SCRIPT_VARIANTS:
        language, _name, _lang, convert = SCRIPT_VARIANTS[language]
    if language not in i18n.LANGUAGE_CODES:
        raise Http404
    adding = object_id is None
    if adding:  # the add form: a new item, only in memory
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        obj = model_admin.model()
    else:
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
    match = public_view_match(obj, language)
    if match is None and not adding:
        raise Http404

    saved_public = not adding and bool(getattr(obj, "is_public", True))
    data = request.POST.copy()
    data.pop(VERSION_FIELD, None)  # a preview is not a save: no concurrency check
    # Nor is it a take-down to confirm: the preview says from when visitors would see the item.
    data[TAKE_DOWN_FIELD] = "1"
    data[CONFIRM_WARNINGS_FIELD] = "1"  # nor a save whose warnings need confirming
    model = type(obj)
    with transaction.atomic(using=router.db_for_write(model)):
        try:
            saved = None if adding else obj
            fieldsets = model_admin.get_fieldsets(request, saved)
            form_class = model_admin.get_form(request, saved, change=not adding, fields=flatten_fieldsets(fieldsets))
            form = form_class(data, request.FILES, instance=obj)
            formsets = admin_formsets(model_admin, request, form.instance)
            form_valid = form.is_valid()
            if not (all_valid(formsets) and form_valid):
                response = TemplateResponse(
                    request,
                    "admin/workflow/preview_errors.html",
                    {
                        **model_admin.admin_site.each_context(request),
                        "title": gettext("The preview cannot be shown"),
                        "subtitle": str(obj),
                        "opts": model._meta,
                        "errors": form_errors(form, formsets),
                    },
                    status=400,
                )
                response.render()
                return mark_private(response)

            edited = form.save(commit=False)
            if isinstance(edited, Publishable):
                edited.apply_publication_rules()
            sanitize_rich_text(edited)
            edited.fill_slugs()
            keep_new_images_in_memory(edited)
            keep_new_library_uploads_in_memory(form, edited)
            if adding:
                # Its address comes from the slugs just made; its related rows, from the form alone: the
                # number no row has keeps the page's queries of other relations empty.
                edited.pk = 0
                match = public_view_match(edited, language)
                if match is None:
                    raise Http404
            response = _render_public_page(request, match, edited, form, formsets, language, saved_public)
            return convert(request, response) if convert is not None else response
        finally:
            transaction.set_rollback(True)


def _render_public_page(request, match, obj, form, formsets, language, saved_public):
    view = match.func.view_class(**getattr(match.func, "view_initkwargs", {}))
    view.setup(request, *match.args, **match.kwargs)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        attach_edited_relations(obj, form, formsets, view)
        view.object = obj
        context = view.get_context_data(object=obj, **view.item_context(obj))
        context.update(
            {
                "preview": True,
                "preview_changes": True,
                "preview_admin_url": None,
                "preview_language": language,
                "preview_saved_public": saved_public,
                # Messages waiting for the admin are not this page's to show.
                "messages": (),
            }
        )
        response = view.render_to_response(context)
        response.render()
    response["Content-Language"] = language
    return mark_private(response)
